"""HaVpnBackup: per layer network an HA VPN gateway (two interfaces) in the primary region
to the data center's VPN devices, on a Cloud Router of its own (the cloud's private ASN;
never a Partner router, which manages nothing but Partner attachments). Its BGP sessions
advertise at a lower priority (a higher MED, 200) than the Interconnect's (100), so the
data center sends over the lines while they are up; toward the cloud, the data center
advertises its prefixes with a higher MED on the VPN sessions (docs/gcp.md, "Which path
wins"). Shared secrets come from pulumi_random and stay secret."""
from __future__ import annotations

import pulumi
import pulumi_gcp as gcp
import pulumi_random as random

from clouds.gcp.components.interconnect import INTERCONNECT_PRIORITY
from clouds.gcp.components.naming import RouterKey, gname
from clouds.gcp.components.routers import advertised, layer_router
from clouds.gcp.components.labels import SHARED, gcp_labels
from network.catalog import LAYER_IDS
from network.model import NetworkModel

COMPONENT = "HaVpnBackup"
VPN_PRIORITY = INTERCONNECT_PRIORITY + 100  # a higher MED: less preferred


def tunnel_addresses(layer: str, interface: int) -> tuple[str, str]:
    """Link-local /30 per layer and tunnel: (cloud router range, data center peer address)."""
    third = 40 + LAYER_IDS.index(layer)
    base = interface * 4
    return f"169.254.{third}.{base + 1}/30", f"169.254.{third}.{base + 2}"


class HaVpnBackup(pulumi.ComponentResource):
    TYPE = "govcloud:gcp:HaVpnBackup"

    def __init__(self, name: str, model: NetworkModel, networks: dict, opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        spec = model.spec
        project, region = spec.gcp_project, spec.primary_region
        peers = spec.data_center.vpn_peer_addresses
        external = gcp.compute.ExternalVpnGateway(
            f"{name}-dc", name=gname(model, "dc-vpn"), project=project,
            redundancy_type="TWO_IPS_REDUNDANCY" if len(peers) == 2 else "SINGLE_IP_INTERNALLY_REDUNDANT",
            interfaces=[{"id": i, "ip_address": ip} for i, ip in enumerate(peers)],
            labels=gcp_labels(model, SHARED, COMPONENT), opts=pulumi.ResourceOptions(parent=self))
        self.gateways = {}
        self.routers = {}
        for routing in model.routing:
            layer = routing.layer
            router, policy = layer_router(name, model, routing, networks[layer], RouterKey(layer, region, "vpn"), self)
            self.routers[layer] = router
            gateway = gcp.compute.HaVpnGateway(
                f"{name}-{layer}", name=gname(model, layer, "havpn"), project=project, region=region,
                network=networks[layer].id, labels=gcp_labels(model, layer, COMPONENT),
                opts=pulumi.ResourceOptions(parent=self))
            self.gateways[layer] = gateway
            for i in (0, 1):
                child = pulumi.ResourceOptions(parent=gateway)
                secret = random.RandomPassword(f"{name}-{layer}-{i}-secret", length=32, special=False, opts=child)
                tunnel = gcp.compute.VPNTunnel(
                    f"{name}-{layer}-{i}", name=gname(model, layer, "vpn", str(i)), project=project, region=region,
                    vpn_gateway=gateway.id, vpn_gateway_interface=i, peer_external_gateway=external.id,
                    peer_external_gateway_interface=i if len(peers) == 2 else 0,
                    shared_secret=pulumi.Output.secret(secret.result), router=router.id, ike_version=2,
                    labels=gcp_labels(model, layer, COMPONENT), opts=child)
                cloud_range, peer_ip = tunnel_addresses(layer, i)
                interface = gcp.compute.RouterInterface(
                    f"{name}-{layer}-{i}-if", name=gname(model, layer, "vpn", str(i), "if"), project=project,
                    region=region, router=router.name, ip_range=cloud_range, vpn_tunnel=tunnel.name,
                    opts=pulumi.ResourceOptions(parent=tunnel))
                gcp.compute.RouterPeer(
                    f"{name}-{layer}-{i}-peer", name=gname(model, layer, "vpn", str(i), "peer"), project=project,
                    region=region, router=router.name, interface=interface.name, peer_ip_address=peer_ip,
                    peer_asn=spec.data_center.asn, advertised_route_priority=VPN_PRIORITY,
                    advertise_mode="CUSTOM", advertised_ip_ranges=[{"range": r["range"]}
                                                                   for r in advertised(model, routing)],
                    import_policies=[policy.name],
                    opts=pulumi.ResourceOptions(parent=tunnel))
        self.register_outputs({"haVpnGatewayIds": {k: g.id for k, g in self.gateways.items()}})
