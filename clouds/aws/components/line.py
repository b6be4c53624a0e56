"""DedicatedLine (専用線): Direct Connect connections (or confirmed hosted connections) per
declared line, a Direct Connect gateway with the cloud-side ASN, a transit virtual
interface per line, the gateway's association with the transit gateway limited to the
layer blocks, MACsec where the line supports it, and optionally a Site-to-Site VPN backup.

Every secret (BGP MD5 keys, MACsec CAK, VPN pre-shared keys) comes from pulumi_random and
stays a secret Output: it never appears in config, plain outputs or logs.
"""
from __future__ import annotations

import pulumi
import pulumi_aws as aws
import pulumi_random as random

from clouds.aws.components.tags import SHARED, aws_tags
from network.catalog import format_bandwidth
from network.model import NetworkModel

COMPONENT = "DedicatedLine"
#: Site-to-Site VPN tunnel options: IKEv2 and strong suites only.
TUNNEL_CRYPTO = {
    "ike_versions": ["ikev2"],
    "phase1_encryption_algorithms": ["AES256-GCM-16", "AES256"],
    "phase1_integrity_algorithms": ["SHA2-256", "SHA2-384"],
    "phase1_dh_group_numbers": [20, 21],
    "phase2_encryption_algorithms": ["AES256-GCM-16", "AES256"],
    "phase2_integrity_algorithms": ["SHA2-256", "SHA2-384"],
    "phase2_dh_group_numbers": [20, 21],
}


def _secret_text(name: str, length: int, parent: pulumi.Resource) -> pulumi.Output:
    """A random secret that satisfies AWS's rules for keys (letters and digits, and not
    starting with 0): a fixed letter, then random letters and digits."""
    password = random.RandomPassword(name, length=length - 1, special=False, upper=True, lower=True, numeric=True,
                                     opts=pulumi.ResourceOptions(parent=parent))
    return pulumi.Output.secret(pulumi.Output.concat("k", password.result))


class DedicatedLine(pulumi.ComponentResource):
    TYPE = "govcloud:aws:DedicatedLine"

    def __init__(self, name: str, model: NetworkModel, transit_gateway_id: pulumi.Input[str],
                 opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        spec = model.spec
        stack = spec.stack
        child = pulumi.ResourceOptions(parent=self)
        self.gateway = aws.directconnect.Gateway(name, name=f"govcloud-{stack}",
                                                 amazon_side_asn=str(spec.connectivity.cloud_asn),
                                                 tags=aws_tags(SHARED, COMPONENT, f"{stack}-dxgw"), opts=child)
        self.interfaces = []
        for line in spec.connectivity.lines:
            tags = {**aws_tags(SHARED, COMPONENT, f"{stack}-{line.name}"), "Location": line.location}
            if line.carrier:
                tags["Carrier"] = line.carrier
            if line.type == "dedicated":
                connection = aws.directconnect.Connection(
                    f"{name}-{line.name}", name=f"govcloud-{stack}-{line.name}", location=line.location,
                    bandwidth=format_bandwidth(line.bandwidth_mbps), request_macsec=line.macsec or None,
                    encryption_mode="must_encrypt" if line.macsec else None, tags=tags, opts=child)
                connection_id, depends = connection.id, [connection]
                if line.macsec:
                    ckn = random.RandomId(f"{name}-{line.name}-ckn", byte_length=32, opts=pulumi.ResourceOptions(
                        parent=connection))
                    cak = random.RandomId(f"{name}-{line.name}-cak", byte_length=32, opts=pulumi.ResourceOptions(
                        parent=connection, additional_secret_outputs=["hex", "b64Std", "b64Url", "dec", "id"]))
                    depends.append(aws.directconnect.MacsecKeyAssociation(
                        f"{name}-{line.name}-macsec", connection_id=connection.id, ckn=ckn.hex,
                        cak=pulumi.Output.secret(cak.hex), opts=pulumi.ResourceOptions(parent=connection)))
            else:
                confirmation = aws.directconnect.ConnectionConfirmation(
                    f"{name}-{line.name}", connection_id=line.connection_id, opts=child)
                connection_id, depends = line.connection_id, [confirmation]
            interface = aws.directconnect.TransitVirtualInterface(
                f"{name}-{line.name}-vif", name=f"govcloud-{stack}-{line.name}", connection_id=connection_id,
                dx_gateway_id=self.gateway.id, vlan=line.vlan, address_family="ipv4",
                bgp_asn=spec.data_center.asn, mtu=8500,
                bgp_auth_key=_secret_text(f"{name}-{line.name}-bgp-key", 24, self),
                tags=tags, opts=pulumi.ResourceOptions(parent=self, depends_on=depends))
            self.interfaces.append(interface)
        self.association = aws.directconnect.GatewayAssociation(
            f"{name}-tgw", dx_gateway_id=self.gateway.id, associated_gateway_id=transit_gateway_id,
            allowed_prefixes=[r.cidr for r in model.routing], opts=pulumi.ResourceOptions(parent=self.gateway))
        self.vpn_connections = []
        if spec.connectivity.vpn_backup:
            for i, address in enumerate(spec.data_center.vpn_peer_addresses):
                tags = aws_tags(SHARED, COMPONENT, f"{stack}-vpn-{i}")
                gateway = aws.ec2.CustomerGateway(f"{name}-cgw-{i}", bgp_asn=str(spec.data_center.asn),
                                                  ip_address=address, type="ipsec.1", tags=tags, opts=child)
                tunnels = {}
                for t in (1, 2):
                    tunnels[f"tunnel{t}_preshared_key"] = _secret_text(f"{name}-vpn-{i}-psk{t}", 32, self)
                    tunnels.update({f"tunnel{t}_{k}": v for k, v in TUNNEL_CRYPTO.items()})
                self.vpn_connections.append(aws.ec2.VpnConnection(
                    f"{name}-vpn-{i}", customer_gateway_id=gateway.id, transit_gateway_id=transit_gateway_id,
                    type="ipsec.1", static_routes_only=False, tags=tags, **tunnels,
                    opts=pulumi.ResourceOptions(parent=gateway, additional_secret_outputs=[
                        "tunnel1PresharedKey", "tunnel2PresharedKey"])))
        self.dx_attachment_id = self.association.transit_gateway_attachment_id
        self.vpn_attachment_ids = [v.transit_gateway_attachment_id for v in self.vpn_connections]
        self.register_outputs({"directConnectGatewayId": self.gateway.id,
                               "transitVirtualInterfaceIds": [i.id for i in self.interfaces],
                               "vpnConnectionIds": [v.id for v in self.vpn_connections]})
