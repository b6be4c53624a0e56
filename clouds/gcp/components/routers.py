"""The Cloud Routers of a layer network, each with the import route policy that accepts
only what the layer may learn from the data center.

A layer network has one router per region, line type and edge availability domain, and
the HA VPN has its own: a router that manages a Partner attachment's BGP session "cannot
manage any other kind of interface", and Partner routers must use Google's ASN 16550
("Partner Interconnect requires a public ASN"; ../shared/DOMAIN.md). Two routers per
region, one per edge availability domain, is the 99.99% topology, and a maintenance of
one router leaves the other.

`import_policies` on a BGP peer is a Beta field ("(Optional, Beta)", pulumi-gcp
RouterPeer). pulumi-gcp is generated from Terraform's google-beta provider, so the one
`gcp.Provider` of the tenancy serves Beta fields and no second provider is needed
(pulumi/pulumi-gcp#702 "Update to v4.2.1 of terraform-provider-google-beta"; #1059: the
examples were fixed "to avoid this unneeded explicit provider").
"""
from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from clouds.gcp.catalog import DNS_FORWARDING_SOURCE, PARTNER_ROUTER_ASN
from clouds.gcp.components.naming import RouterKey, gname
from network.model import LayerRouting, NetworkModel

KEEPALIVE_SECONDS = 20


def accepted_imports(routing: LayerRouting) -> list[str]:
    """What a layer's routers may learn from the data center."""
    accepted = list(routing.onprem) + [r.prefix for r in routing.reach]
    if routing.default_via_datacenter:
        accepted.append("0.0.0.0/0")
    return list(dict.fromkeys(accepted))


def advertised(model: NetworkModel, routing: LayerRouting) -> list[dict]:
    """What a layer's routers advertise to the data center: the layer block, and Cloud DNS's
    forwarding source where the layer forwards names to the data center's resolvers."""
    ranges = [{"range": routing.cidr, "description": f"{routing.layer} block"}]
    if model.spec.data_center.dns_domains and model.spec.data_center.dns_servers_of(routing.layer):
        ranges.append({"range": DNS_FORWARDING_SOURCE, "description": "Cloud DNS forwarding source"})
    return ranges


def router_asn(model: NetworkModel, kind: str) -> int:
    return PARTNER_ROUTER_ASN if kind == "partner" else model.spec.connectivity.cloud_asn


def layer_router(name: str, model: NetworkModel, routing: LayerRouting, network, key: RouterKey,
                 parent: pulumi.Resource) -> tuple[gcp.compute.Router, gcp.compute.RouterRoutePolicy]:
    """A Cloud Router of the layer network and its import policy."""
    project = model.spec.gcp_project
    logical = "-".join((name,) + key.parts)
    router = gcp.compute.Router(
        logical, name=gname(model, *key.parts), project=project, region=key.region, network=network.id,
        description=f"{routing.layer}: {key.kind} router" + (f", edge availability domain {key.domain}"
                                                                if key.domain else ""),
        bgp={"asn": router_asn(model, key.kind), "advertise_mode": "CUSTOM",
             "advertised_ip_ranges": advertised(model, routing), "keepalive_interval": KEEPALIVE_SECONDS},
        opts=pulumi.ResourceOptions(parent=parent))
    terms = [{"priority": i + 1, "match": {"expression": f"destination == '{prefix}'"},
              "actions": [{"expression": "accept()"}]} for i, prefix in enumerate(accepted_imports(routing))]
    terms.append({"priority": 1000, "match": {"expression": "true"}, "actions": [{"expression": "reject()"}]})
    policy = gcp.compute.RouterRoutePolicy(
        f"{logical}-import", name=gname(model, routing.layer, "import"), project=project, region=key.region,
        router=router.name, type="ROUTE_POLICY_TYPE_IMPORT", terms=terms, opts=pulumi.ResourceOptions(parent=router))
    return router, policy
