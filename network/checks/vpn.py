"""The VPN backup: its peers."""
from __future__ import annotations

from netaddr import AddrFormatError, IPAddress

from network import codes
from network.cidr import PRIVATE_SPACE


def peers(spec, report):
    addresses = spec.data_center.vpn_peer_addresses
    if spec.connectivity.vpn_backup and not addresses:
        report(("connectivity", "vpnBackup"), "vpnBackup is true but the data center has no vpnPeerAddresses",
               "add dataCenter.vpnPeerAddresses: [<public address of the DC VPN device>]", codes.VPN)
    if len(addresses) > 2:
        report(("dataCenter", "vpnPeerAddresses"), f"{len(addresses)} VPN peers; at most 2 are used",
               "list one or two addresses", codes.VPN)
    for i, text in enumerate(addresses):
        try:
            ip = IPAddress(text, flags=0)
        except (AddrFormatError, ValueError, TypeError):
            report(("dataCenter", "vpnPeerAddresses", i), f"{text!r} is not an IPv4 address", "write a.b.c.d",
                   codes.VPN)
            continue
        if ip in PRIVATE_SPACE or ip.is_loopback() or ip.is_link_local() or ip.is_multicast():
            report(("dataCenter", "vpnPeerAddresses", i), f"{ip} is not a public address; the VPN backup runs "
                   "over the internet", "use the public address of the DC VPN device", codes.VPN)
