"""HybridDns: per layer network the names the layer needs with no route to the internet.

- A private zone for googleapis.com answering every *.googleapis.com name with
  restricted.googleapis.com (199.36.153.4/30, routed to Google by LayerNetworks): with the
  default route removed, the public answers would have no route (../shared/DOMAIN.md).
- A forwarding zone per data center domain to the layer's own resolvers there, on the
  private path (`forwarding_path: private`: "Cloud DNS will always send queries through
  VPC for this target", pulumi-gcp ManagedZone). The answers come back to 35.199.192.0/19,
  which the layer's Cloud Routers advertise (clouds/gcp/components/routers.py).
- An inbound server policy, so the data center's resolvers can forward the cloud's names
  to the inbound forwarder addresses Google allocates in the layer's subnets.
"""
from __future__ import annotations

import hashlib

import pulumi
import pulumi_gcp as gcp

from clouds.gcp.catalog import RESTRICTED_ADDRESSES
from clouds.gcp.components.labels import gcp_labels
from clouds.gcp.components.naming import gname
from network.model import NetworkModel

COMPONENT = "HybridDns"
GOOGLE_APIS = "googleapis.com."
RESTRICTED = "restricted.googleapis.com."
TTL_SECONDS = 300


def zone_suffix(domain: str) -> str:
    """A zone name part for a forwarded domain: readable, and distinct for distinct domains."""
    return domain.replace(".", "-")[:24].rstrip("-") + "-" + hashlib.sha256(domain.encode()).hexdigest()[:6]


class HybridDns(pulumi.ComponentResource):
    TYPE = "govcloud:gcp:HybridDns"

    def __init__(self, name: str, model: NetworkModel, networks: dict, opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        spec = model.spec
        project, dc = spec.gcp_project, spec.data_center
        self.zones: dict[str, gcp.dns.ManagedZone] = {}
        for routing in model.routing:
            layer = routing.layer
            visible = {"networks": [{"network_url": networks[layer].id}]}
            labels = gcp_labels(model, layer, COMPONENT)
            zone = gcp.dns.ManagedZone(
                f"{name}-{layer}-googleapis", name=gname(model, layer, "googleapis"), project=project,
                dns_name=GOOGLE_APIS, visibility="private", private_visibility_config=visible, labels=labels,
                description="Google APIs through restricted.googleapis.com only",
                opts=pulumi.ResourceOptions(parent=self))
            self.zones[layer] = zone
            child = pulumi.ResourceOptions(parent=zone)
            gcp.dns.RecordSet(f"{name}-{layer}-restricted", project=project, managed_zone=zone.name, name=RESTRICTED,
                              type="A", ttl=TTL_SECONDS, rrdatas=list(RESTRICTED_ADDRESSES), opts=child)
            gcp.dns.RecordSet(f"{name}-{layer}-wildcard", project=project, managed_zone=zone.name,
                              name=f"*.{GOOGLE_APIS}", type="CNAME", ttl=TTL_SECONDS, rrdatas=[RESTRICTED], opts=child)
            servers = dc.dns_servers_of(layer)
            for domain in dc.dns_domains if servers else ():
                gcp.dns.ManagedZone(
                    f"{name}-{layer}-fwd-{domain}", name=gname(model, layer, "fwd", zone_suffix(domain)),
                    project=project, dns_name=f"{domain}.", visibility="private", private_visibility_config=visible,
                    forwarding_config={"target_name_servers": [{"ipv4_address": s, "forwarding_path": "private"}
                                                               for s in servers]},
                    labels=labels, description=f"{domain}: the data center's {layer} resolvers",
                    opts=pulumi.ResourceOptions(parent=self))
            gcp.dns.Policy(f"{name}-{layer}-inbound", name=gname(model, layer, "inbound"), project=project,
                           enable_inbound_forwarding=True, enable_logging=True, networks=visible["networks"],
                           description="the data center resolves the cloud's names through the inbound forwarders",
                           opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({"googleApisZones": {layer: z.name for layer, z in self.zones.items()}})
