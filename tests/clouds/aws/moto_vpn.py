"""Site-to-Site VPN tunnel options for moto's server, which keeps none.

moto 5 creates a VPN connection but drops the request's Options: DescribeVpnConnections
then returns no TunnelOptions, so drift could not be tested on the tunnels' IKE and IPsec
suites. This keeps what CreateVpnConnection was given, in DescribeVpnConnections' own shape
(EC2 API Reference, TunnelOption: `IkeVersions`, `Phase1EncryptionAlgorithms`, ...,
`Phase1DHGroupNumbers`, each a list of `{"Value": ...}`), and fills what was not given with
AWS's documented defaults (VpnTunnelOptionsSpecification: every allowed value):
encryption AES128, AES256, AES128-GCM-16, AES256-GCM-16; integrity SHA1, SHA2-256,
SHA2-384, SHA2-512; phase 1 DH groups 2, 14-24; phase 2 DH groups 2, 5, 14-24; IKE ikev1,
ikev2. The pre-shared key is never echoed (DescribeVpnConnections shows it only to whoever
can read it; drift does not read it)."""
from __future__ import annotations

from moto.ec2.responses import vpn_connections as responses

ENCRYPTION = ("AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16")
INTEGRITY = ("SHA1", "SHA2-256", "SHA2-384", "SHA2-512")
DEFAULTS = {
    "Phase1EncryptionAlgorithms": ENCRYPTION, "Phase2EncryptionAlgorithms": ENCRYPTION,
    "Phase1IntegrityAlgorithms": INTEGRITY, "Phase2IntegrityAlgorithms": INTEGRITY,
    "Phase1DHGroupNumbers": (2, *range(14, 25)), "Phase2DHGroupNumbers": (2, 5, *range(14, 25)),
    "IkeVersions": ("ikev1", "ikev2"),
}
#: the request's member names where they differ from the response's
REQUEST_NAMES = {"IkeVersions": "IKEVersions"}


def _values(given, default):
    if given:
        return [{"Value": v["Value"] if isinstance(v, dict) else v} for v in given]
    return [{"Value": v} for v in default]


def tunnel_options(requested: dict | None, index: int) -> dict:
    """One TunnelOption as DescribeVpnConnections returns it."""
    requested = requested or {}
    option = {"OutsideIpAddress": f"198.51.100.{10 + index}",
              "TunnelInsideCidr": requested.get("TunnelInsideCidr") or f"169.254.{100 + index}.0/30"}
    for name, default in DEFAULTS.items():
        option[name] = _values(requested.get(REQUEST_NAMES.get(name, name)), default)
    for name in ("Phase1DHGroupNumbers", "Phase2DHGroupNumbers"):
        option[name] = [{"Value": int(v["Value"])} for v in option[name]]
    return option


_create = responses.VPNConnections.create_vpn_connection


def create_vpn_connection(self):
    result = _create(self)
    options = self._get_param("Options") or {}
    tunnels = list(options.get("TunnelOptions") or [])
    tunnels += [{}] * (2 - len(tunnels))  # a Site-to-Site VPN connection has two tunnels
    result.result["VpnConnection"].options = {
        "StaticRoutesOnly": bool(options.get("StaticRoutesOnly", False)),
        "TunnelInsideIpVersion": options.get("TunnelInsideIpVersion", "ipv4"),
        "TunnelOptions": [tunnel_options(t, i) for i, t in enumerate(tunnels[:2])]}
    return result


responses.VPNConnections.create_vpn_connection = create_vpn_connection


def modify_vpn_tunnel_options(self):
    """ModifyVpnTunnelOptions: the tunnel with that outside address takes the new suites
    (what is not given stays as it was)."""
    from moto.core.responses import ActionResult
    connection = self.ec2_backend.vpn_connections[self._get_param("VpnConnectionId")]
    address = self._get_param("VpnTunnelOutsideIpAddress")
    requested = self._get_param("TunnelOptions") or {}
    for tunnel in connection.options["TunnelOptions"]:
        if tunnel["OutsideIpAddress"] == address:
            for name in DEFAULTS:
                given = requested.get(REQUEST_NAMES.get(name, name))
                if given:
                    tunnel[name] = _values(given, ())
                    if name.endswith("DHGroupNumbers"):
                        tunnel[name] = [{"Value": int(v["Value"])} for v in tunnel[name]]
    return ActionResult({"VpnConnection": connection})


responses.VPNConnections.modify_vpn_tunnel_options = modify_vpn_tunnel_options
