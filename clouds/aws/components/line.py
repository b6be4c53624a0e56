"""DedicatedLine (専用線): the three layers kept apart on the line to the data center.

Per enabled layer: its own Direct Connect gateway (the cloud-side ASN), associated with
the transit gateway with that layer's block as the only allowed prefix, and on every
line its own VLAN and transit virtual interface, so the data center terminates each
layer in its own VRF. Per layer as well, a Site-to-Site VPN connection to each data
center router as the backup path (BGP, so it takes over when the VIFs go down).

Lines: a dedicated connection is created (in the region whose API lists its location)
and carries one transit VIF per layer; a hosted connection carries one VIF, so a hosted
line names one connection per layer, read and confirmed, never created; a carrier's
hosted transit VIFs are accepted onto the layer's gateway. MACsec goes in the declared
phase: requested at creation, keys associated once the connection is available, and
must_encrypt once the session is up.

Every secret (BGP MD5 keys, MACsec CAK, VPN pre-shared keys) comes from pulumi_random and
stays a secret Output: it never appears in config, plain outputs or logs.
"""
from __future__ import annotations

import pulumi
import pulumi_aws as aws
import pulumi_random as random

from clouds.aws.catalog import CUSTOMER_GATEWAY_BGP_ASN_MAX, VIF_BGP_ASN_MAX
from clouds.aws.components.tags import SHARED, aws_tags
from clouds.aws.declaration import layer_ids, macsec_phase
from network.catalog import LAYER_IDS, format_bandwidth
from network.model import NetworkModel

COMPONENT = "DedicatedLine"
#: "A jumbo MTU value must be either 1500 or 8500" (Direct Connect API Reference,
#: CreateTransitVirtualInterface).
VIF_MTU = 8500
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


class HostedVlanMismatch(Exception):
    """A hosted connection's VLAN, set by the partner, is not the one the declaration gives."""


def vif_asn(asn: int) -> dict:
    """The VIF's customer ASN in the argument that takes it: `bgp_asn` for 1–2147483646,
    `bgp_asn_long` (an asplain string) above ("Exactly one of bgp_asn or bgp_asn_long must
    be specified", pulumi-aws directconnect.TransitVirtualInterface docstring)."""
    return {"bgp_asn": asn} if asn <= VIF_BGP_ASN_MAX else {"bgp_asn_long": str(asn)}


def customer_gateway_asn(asn: int) -> dict:
    """`bgp_asn` for 1–2147483647, `bgp_asn_extended` for 2147483648–4294967295 (pulumi-aws
    ec2.CustomerGateway docstring: the two conflict)."""
    return {"bgp_asn": str(asn)} if asn <= CUSTOMER_GATEWAY_BGP_ASN_MAX else {"bgp_asn_extended": str(asn)}


def checked_vlan(line: str, layer: str, connection_id: str, declared: int):
    """A check for the VLAN the partner set on a hosted connection."""
    def check(observed):
        if observed is not None and int(observed) != declared:
            raise HostedVlanMismatch(
                f"line {line}, layer {layer}: the hosted connection {connection_id} carries VLAN {observed} (set by "
                f"the partner), but the declaration gives VLAN {declared}. Fix: set vlans: {{{layer}: {observed}}} on "
                f"line {line}, or ask the partner to correct the connection.")
        return declared
    return check


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
        self.name, self.model = name, model
        spec = model.spec
        stack = spec.stack
        child = pulumi.ResourceOptions(parent=self)
        self.layers = [r.layer for r in model.routing]
        self.gateways: dict[str, aws.directconnect.Gateway] = {}
        self.associations: dict[str, aws.directconnect.GatewayAssociation] = {}
        for routing in model.routing:
            layer = routing.layer
            gateway = aws.directconnect.Gateway(
                f"{name}-{layer}", name=f"govcloud-{stack}-{layer}",
                amazon_side_asn=str(spec.connectivity.cloud_asn),
                tags=aws_tags(layer, COMPONENT, f"{stack}-dxgw-{layer}"), opts=child)
            self.gateways[layer] = gateway
            self.associations[layer] = aws.directconnect.GatewayAssociation(
                f"{name}-{layer}-tgw", dx_gateway_id=gateway.id, associated_gateway_id=transit_gateway_id,
                allowed_prefixes=[routing.cidr], opts=pulumi.ResourceOptions(parent=gateway))
        self.interfaces: list[pulumi.Resource] = []
        for line in spec.connectivity.lines:
            tags = {**aws_tags(SHARED, COMPONENT, f"{stack}-{line.name}"), "Location": line.location}
            if line.carrier:
                tags["Carrier"] = line.carrier
            region = line.site.region if line.site else spec.primary_region
            if line.type == "dedicated":
                self._dedicated(line, region, tags)
            elif line.type == "hosted":
                self._hosted(line, region, tags)
            else:
                self._hosted_vifs(line, region, tags)
        self.vpn_connections: dict[str, list[aws.ec2.VpnConnection]] = {layer: [] for layer in self.layers}
        if spec.connectivity.vpn_backup:
            self._vpn(transit_gateway_id)
        self.dx_attachment_ids = {layer: a.transit_gateway_attachment_id for layer, a in self.associations.items()}
        self.vpn_attachment_ids = {layer: [v.transit_gateway_attachment_id for v in vpns]
                                   for layer, vpns in self.vpn_connections.items()}
        self.register_outputs({"directConnectGatewayIds": {k: g.id for k, g in self.gateways.items()},
                               "transitVirtualInterfaceIds": [i.id for i in self.interfaces],
                               "vpnConnectionIds": {k: [v.id for v in vs] for k, vs in self.vpn_connections.items()}})

    def _vif(self, line, layer: str, connection_id, region: str, vlan, tags: dict, depends: list) -> None:
        stack = self.model.spec.stack
        self.interfaces.append(aws.directconnect.TransitVirtualInterface(
            f"{self.name}-{line.name}-{layer}-vif", name=f"govcloud-{stack}-{line.name}-{layer}",
            connection_id=connection_id, dx_gateway_id=self.gateways[layer].id, vlan=vlan, address_family="ipv4",
            mtu=VIF_MTU, region=region, bgp_auth_key=_secret_text(f"{self.name}-{line.name}-{layer}-bgp-key", 24, self),
            tags={**tags, **aws_tags(layer, COMPONENT, f"{stack}-{line.name}-{layer}")},
            opts=pulumi.ResourceOptions(parent=self, depends_on=depends), **vif_asn(self.model.spec.data_center.asn)))

    def _dedicated(self, line, region: str, tags: dict) -> None:
        stack = self.model.spec.stack
        # the location must be one the region's API lists (DescribeLocations is per Region): a
        # code it does not list fails this read before anything is ordered
        site = aws.directconnect.get_location_output(location_code=line.location, region=region,
                                                     opts=pulumi.InvokeOutputOptions(parent=self))
        phase = macsec_phase(line)
        connection = aws.directconnect.Connection(
            f"{self.name}-{line.name}", name=f"govcloud-{stack}-{line.name}",
            location=site.location_code, bandwidth=format_bandwidth(line.bandwidth_mbps), region=region,
            request_macsec=True if phase else None, encryption_mode="must_encrypt" if phase == "enforced" else None,
            tags=tags, opts=pulumi.ResourceOptions(parent=self, protect=True))
        depends: list = [connection]
        if phase in ("associated", "enforced"):
            ckn = random.RandomId(f"{self.name}-{line.name}-ckn", byte_length=32,
                                  opts=pulumi.ResourceOptions(parent=connection))
            cak = random.RandomId(f"{self.name}-{line.name}-cak", byte_length=32, opts=pulumi.ResourceOptions(
                parent=connection, additional_secret_outputs=["hex", "b64Std", "b64Url", "dec", "id"]))
            depends.append(aws.directconnect.MacsecKeyAssociation(
                f"{self.name}-{line.name}-macsec", connection_id=connection.id, ckn=ckn.hex,
                cak=pulumi.Output.secret(cak.hex), region=region, opts=pulumi.ResourceOptions(parent=connection)))
        for layer in self.layers:
            self._vif(line, layer, connection.id, region, line.layer_vlan(LAYER_IDS.index(layer)), tags, depends)

    def _hosted(self, line, region: str, tags: dict) -> None:
        ids = layer_ids(line)
        for layer in self.layers:
            connection_id = ids[layer]
            declared = line.layer_vlan(LAYER_IDS.index(layer))
            # the partner sets the VLAN: read the connection and stop on a contradiction
            existing = aws.directconnect.Connection.get(
                f"{self.name}-{line.name}-{layer}-hosted", connection_id, region=region,
                opts=pulumi.ResourceOptions(parent=self))
            vlan = existing.vlan_id.apply(checked_vlan(line.name, layer, connection_id, declared))
            confirmation = aws.directconnect.ConnectionConfirmation(
                f"{self.name}-{line.name}-{layer}", connection_id=connection_id, region=region,
                opts=pulumi.ResourceOptions(parent=self))
            self._vif(line, layer, connection_id, region, vlan, tags, [confirmation])

    def _hosted_vifs(self, line, region: str, tags: dict) -> None:
        stack = self.model.spec.stack
        ids = layer_ids(line)
        for layer in self.layers:
            self.interfaces.append(aws.directconnect.HostedTransitVirtualInterfaceAcceptor(
                f"{self.name}-{line.name}-{layer}-vif", virtual_interface_id=ids[layer],
                dx_gateway_id=self.gateways[layer].id, region=region,
                tags={**tags, **aws_tags(layer, COMPONENT, f"{stack}-{line.name}-{layer}")},
                opts=pulumi.ResourceOptions(parent=self)))

    def _vpn(self, transit_gateway_id) -> None:
        spec = self.model.spec
        stack = spec.stack
        for i, address in enumerate(spec.data_center.vpn_peer_addresses):
            gateway = aws.ec2.CustomerGateway(
                f"{self.name}-cgw-{i}", ip_address=address, type="ipsec.1",
                tags=aws_tags(SHARED, COMPONENT, f"{stack}-cgw-{i}"), opts=pulumi.ResourceOptions(parent=self),
                **customer_gateway_asn(spec.data_center.asn))
            for layer in self.layers:
                tunnels = {}
                for t in (1, 2):
                    tunnels[f"tunnel{t}_preshared_key"] = _secret_text(f"{self.name}-vpn-{i}-{layer}-psk{t}", 32,
                                                                       self)
                    tunnels.update({f"tunnel{t}_{k}": v for k, v in TUNNEL_CRYPTO.items()})
                self.vpn_connections[layer].append(aws.ec2.VpnConnection(
                    f"{self.name}-vpn-{i}-{layer}", customer_gateway_id=gateway.id,
                    transit_gateway_id=transit_gateway_id, type="ipsec.1", static_routes_only=False,
                    tags=aws_tags(layer, COMPONENT, f"{stack}-vpn-{i}-{layer}"), **tunnels,
                    opts=pulumi.ResourceOptions(parent=gateway, additional_secret_outputs=[
                        "tunnel1PresharedKey", "tunnel2PresharedKey"])))
