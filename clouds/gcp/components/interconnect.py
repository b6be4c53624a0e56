"""Interconnect (専用線 on Google Cloud): per layer network a Cloud Router in each region a
line lands in (the cloud-side ASN, advertising only the layer's block), and per declared
line one VLAN attachment per layer (Dedicated on the named interconnect, or Partner with
a pairing key), with its BGP session to the data center ASN (random MD5 key) and an
import route policy that accepts only the layer's own on-prem prefixes and the far ends
of its declared flows.

Inter-layer flows hairpin through the data center: each layer is its own VRF there, and
the data center's firewall carries exactly the declared flows between them (docs/gcp.md).
"""
from __future__ import annotations

import pulumi
import pulumi_gcp as gcp
import pulumi_random as random

from clouds.gcp.components.naming import gname
from clouds.gcp.components.labels import gcp_labels
from network.catalog import LAYER_IDS
from network.model import LayerRouting, NetworkModel

COMPONENT = "Interconnect"
INTERCONNECT_PRIORITY = 100
BANDWIDTH_ENUM = {50: "BPS_50M", 100: "BPS_100M", 200: "BPS_200M", 300: "BPS_300M", 400: "BPS_400M",
                  500: "BPS_500M", 1000: "BPS_1G", 2000: "BPS_2G", 5000: "BPS_5G", 10000: "BPS_10G",
                  20000: "BPS_20G", 50000: "BPS_50G", 100000: "BPS_100G"}


def accepted_imports(routing: LayerRouting) -> list[str]:
    """What a layer's routers may learn from the data center."""
    accepted = list(routing.onprem) + [r.prefix for r in routing.reach]
    if routing.default_via_datacenter:
        accepted.append("0.0.0.0/0")
    return list(dict.fromkeys(accepted))


def router_bgp(model: NetworkModel, routing: LayerRouting) -> dict:
    return {"asn": model.spec.connectivity.cloud_asn, "advertise_mode": "CUSTOM",
            "advertised_ip_ranges": [{"range": routing.cidr, "description": f"{routing.layer} block"}],
            "keepalive_interval": 20}


class Interconnect(pulumi.ComponentResource):
    TYPE = "govcloud:gcp:Interconnect"

    def __init__(self, name: str, model: NetworkModel, networks: dict, opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        spec = model.spec
        project = spec.gcp_project
        regions = list(dict.fromkeys([spec.primary_region] + [ln.site.region for ln in spec.connectivity.lines]))
        self.routers: dict[tuple[str, str], gcp.compute.Router] = {}
        self.policies: dict[tuple[str, str], gcp.compute.RouterRoutePolicy] = {}
        self.pairing_keys: dict[str, pulumi.Output] = {}
        for routing in model.routing:
            layer = routing.layer
            for region in regions:
                router = gcp.compute.Router(
                    f"{name}-{layer}-{region}", name=gname(model, layer, region), project=project, region=region,
                    network=networks[layer].id, bgp=router_bgp(model, routing),
                    opts=pulumi.ResourceOptions(parent=self))
                self.routers[(layer, region)] = router
                terms = [{"priority": i + 1, "match": {"expression": f"destination == '{prefix}'"},
                          "actions": [{"expression": "accept()"}]}
                         for i, prefix in enumerate(accepted_imports(routing))]
                terms.append({"priority": 1000, "match": {"expression": "true"}, "actions": [{"expression": "reject()"}]})
                self.policies[(layer, region)] = gcp.compute.RouterRoutePolicy(
                    f"{name}-{layer}-{region}-import", name=gname(model, layer, "import"), project=project,
                    region=region, router=router.name, type="ROUTE_POLICY_TYPE_IMPORT", terms=terms,
                    opts=pulumi.ResourceOptions(parent=router))
        for line in spec.connectivity.lines:
            region = line.site.region
            for routing in model.routing:
                self._attachment(name, model, line, routing, region)
        self.register_outputs({"routerIds": {f"{k[0]}/{k[1]}": r.id for k, r in self.routers.items()},
                               "pairingKeys": self.pairing_keys})

    def _attachment(self, name, model, line, routing, region):
        spec, layer = model.spec, routing.layer
        router = self.routers[(layer, region)]
        base = f"{name}-{layer}-{line.name}"
        args = dict(name=gname(model, layer, line.name), project=spec.gcp_project, region=region,
                    router=router.id, admin_enabled=True, mtu="1500",
                    labels={**gcp_labels(model, layer, COMPONENT), "edge-domain": str(line.edge_domain)},
                    description=f"{line.name} at {line.location} for layer {layer}")
        if line.type == "dedicated":
            args.update(type="DEDICATED", vlan_tag8021q=line.layer_vlan(LAYER_IDS.index(layer)),
                        bandwidth=BANDWIDTH_ENUM[line.bandwidth_mbps],
                        interconnect=f"projects/{spec.gcp_project}/global/interconnects/{line.interconnect}")
        else:
            args.update(type="PARTNER", edge_availability_domain=f"AVAILABILITY_DOMAIN_{line.edge_domain}")
        attachment = gcp.compute.InterconnectAttachment(base, **args, opts=pulumi.ResourceOptions(parent=router))
        if line.type == "partner":
            self.pairing_keys[f"{layer}/{line.name}"] = attachment.pairing_key
        child = pulumi.ResourceOptions(parent=attachment)
        interface = gcp.compute.RouterInterface(
            f"{base}-if", name=gname(model, layer, line.name, "if"), project=spec.gcp_project, region=region,
            router=router.name, ip_range=attachment.cloud_router_ip_address, interconnect_attachment=attachment.name,
            opts=child)
        md5 = random.RandomPassword(f"{base}-md5", length=32, special=False, opts=child)
        gcp.compute.RouterPeer(
            f"{base}-peer", name=gname(model, layer, line.name, "peer"), project=spec.gcp_project, region=region,
            router=router.name, interface=interface.name, peer_asn=spec.data_center.asn,
            peer_ip_address=attachment.customer_router_ip_address.apply(lambda ip: ip.split("/")[0] if ip else ip),
            advertised_route_priority=INTERCONNECT_PRIORITY, advertise_mode="CUSTOM",
            advertised_ip_ranges=[{"range": routing.cidr}],
            md5_authentication_key={"name": gname(model, layer, line.name, "md5"),
                                    "key": pulumi.Output.secret(md5.result)},
            import_policies=[self.policies[(layer, region)].name],
            bfd={"session_initialization_mode": "ACTIVE"}, opts=child)
