"""The VPN backup: its peers."""
from __future__ import annotations

from netaddr import AddrFormatError, IPAddress, IPSet

from network import codes

#: RFC 5737 documentation addresses: accepted so that samples show a VPN without a real
#: address; a VPN to one never comes up (docs/declaration.md says so).
DOCUMENTATION = IPSet(["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"])


def peers(spec, report):
    addresses = spec.data_center.vpn_peer_addresses
    if spec.connectivity.vpn_backup and not addresses:
        report(("connectivity", "vpnBackup"), "vpnBackup is true but the data center has no vpnPeerAddresses",
               "add dataCenter.vpnPeerAddresses: [<public address of the DC VPN device>]", codes.VPN)
    if len(addresses) > 2:
        report(("dataCenter", "vpnPeerAddresses"), f"{len(addresses)} VPN peers; at most 2 are used",
               "list one or two addresses", codes.VPN)
    seen: dict = {}
    for i, text in enumerate(addresses):
        path = ("dataCenter", "vpnPeerAddresses", i)
        try:
            ip = IPAddress(text, flags=0)
        except (AddrFormatError, ValueError, TypeError):
            report(path, f"{text!r} is not an IPv4 address", "write a.b.c.d", codes.VPN)
            continue
        if ip.version != 4 or str(ip) != text:
            report(path, f"{text!r} is not written as an IPv4 address a.b.c.d", f"write {ip}", codes.VPN)
            continue
        if not (ip.is_global() and ip.is_unicast()) and ip not in DOCUMENTATION:
            report(path, f"{ip} is not a public unicast address; the VPN backup runs over the internet",
                   "use the public address of the DC VPN device", codes.VPN)
        if ip in seen:
            report(path, f"{ip} is listed twice (also item {seen[ip]})",
                   "list each VPN device once; two devices need two addresses", codes.VPN)
        seen.setdefault(ip, i)
