"""LayerNetworks: one custom-mode VPC network per enabled layer (auto subnets off, the
default internet route deleted, the declared MTU, which every VLAN attachment shares), regional subnets from the address plan with Private
Google Access and flow logs on. Google APIs are reached through restricted.googleapis.com
only; no external IPs or Cloud NAT in mynumber or lgwan."""
from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from clouds.gcp.components.naming import gname
from clouds.gcp.catalog import RESTRICTED_VIP
from clouds.gcp.declaration import mtu
from network.model import NetworkModel

COMPONENT = "LayerNetworks"
#: restricted.googleapis.com: Private Google Access without a route to the internet.
RESTRICTED_GOOGLE_APIS = RESTRICTED_VIP
FLOW_LOGS = {"aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": 1.0, "metadata": "INCLUDE_ALL_METADATA"}


class LayerNetworks(pulumi.ComponentResource):
    TYPE = "govcloud:gcp:LayerNetworks"

    def __init__(self, name: str, model: NetworkModel, opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        project = model.spec.gcp_project
        self.networks: dict[str, gcp.compute.Network] = {}
        for routing in model.routing:
            layer = routing.layer
            network = gcp.compute.Network(
                f"{name}-{layer}", name=gname(model, layer), project=project, auto_create_subnetworks=False,
                routing_mode="GLOBAL", delete_default_routes_on_create=True, mtu=mtu(model.spec),
                description=f"{model.spec.municipality.name} {routing.layer} layer",
                opts=pulumi.ResourceOptions(parent=self))
            self.networks[layer] = network
            child = pulumi.ResourceOptions(parent=network)
            for subnet in model.plan.layer(layer).workload():
                gcp.compute.Subnetwork(
                    f"{name}-{layer}-{subnet.region}", name=gname(model, layer, subnet.region), project=project,
                    network=network.id, region=subnet.region, ip_cidr_range=subnet.cidr,
                    private_ip_google_access=True, log_config=FLOW_LOGS, opts=child)
            gcp.compute.Route(f"{name}-{layer}-restricted-apis", name=gname(model, layer, "restricted-apis"),
                              project=project, network=network.id, dest_range=RESTRICTED_GOOGLE_APIS,
                              next_hop_gateway="default-internet-gateway", priority=1000, opts=child)
            if routing.internet_gateway:
                gcp.compute.Route(f"{name}-{layer}-default-internet", name=gname(model, layer, "default-internet"),
                                  project=project, network=network.id, dest_range="0.0.0.0/0",
                                  next_hop_gateway="default-internet-gateway", priority=1000, opts=child)
                for region in model.spec.regions:
                    router = gcp.compute.Router(f"{name}-{layer}-nat-{region}", name=gname(model, layer, "nat", region),
                                                project=project, region=region, network=network.id, opts=child)
                    gcp.compute.RouterNat(f"{name}-{layer}-nat-{region}", name=gname(model, layer, "nat", region),
                                          project=project, region=region, router=router.name,
                                          nat_ip_allocate_option="AUTO_ONLY",
                                          source_subnetwork_ip_ranges_to_nat="ALL_SUBNETWORKS_ALL_IP_RANGES",
                                          log_config={"enable": True, "filter": "ALL"},
                                          opts=pulumi.ResourceOptions(parent=router))
        self.network_ids = {layer: n.id for layer, n in self.networks.items()}
        self.register_outputs({"networkIds": self.network_ids})
