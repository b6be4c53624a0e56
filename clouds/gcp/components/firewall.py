"""LayerFirewall: per network a deny-all ingress and egress baseline at the lowest
priority, and allow rules only for the layer's own block, its on-prem prefixes and the
declared flows (narrowed to protocol and ports). No allow rule has a 0.0.0.0/0 source.
Every rule logs."""
from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from clouds.gcp.components.naming import gname
from clouds.gcp.components.networks import RESTRICTED_GOOGLE_APIS
from network.model import NetworkModel

COMPONENT = "LayerFirewall"
BASELINE_PRIORITY = 65534  # just above the implied rules: the lowest a rule can take effect at
ALLOW_PRIORITY = 1000
LOGGING = {"metadata": "INCLUDE_ALL_METADATA"}


def _rule(protocol: str, ports) -> dict:
    rule = {"protocol": protocol}
    if protocol in ("tcp", "udp") and ports:
        rule["ports"] = [str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in ports]
    return rule


class LayerFirewall(pulumi.ComponentResource):
    TYPE = "govcloud:gcp:LayerFirewall"

    def __init__(self, name: str, model: NetworkModel, networks: dict, opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        project = model.spec.gcp_project
        flows = {f.name: f.flow for f in model.flows}
        for routing in model.routing:
            layer, network = routing.layer, networks[routing.layer]
            opts_ = pulumi.ResourceOptions(parent=self)

            def firewall(suffix, direction, ranges, allow=None, deny=None, priority=ALLOW_PRIORITY, why=""):
                key = "source_ranges" if direction == "INGRESS" else "destination_ranges"
                gcp.compute.Firewall(
                    f"{name}-{layer}-{suffix}", name=gname(model, layer, suffix), project=project,
                    network=network.id, direction=direction, priority=priority, **{key: list(ranges)},
                    allows=allow or [], denies=deny or [], log_config=LOGGING, description=why, opts=opts_)

            firewall("deny-all-ingress", "INGRESS", ["0.0.0.0/0"], deny=[{"protocol": "all"}],
                     priority=BASELINE_PRIORITY, why="baseline: nothing enters unless allowed")
            firewall("deny-all-egress", "EGRESS", ["0.0.0.0/0"], deny=[{"protocol": "all"}],
                     priority=BASELINE_PRIORITY, why="baseline: nothing leaves unless allowed")
            firewall("allow-intra-ingress", "INGRESS", [routing.cidr], allow=[{"protocol": "all"}],
                     why="inside the layer")
            firewall("allow-intra-egress", "EGRESS", [routing.cidr], allow=[{"protocol": "all"}],
                     why="inside the layer")
            if routing.onprem:
                firewall("allow-onprem-ingress", "INGRESS", routing.onprem, allow=[{"protocol": "all"}],
                         why="the layer's own on-prem prefixes")
                firewall("allow-onprem-egress", "EGRESS", routing.onprem, allow=[{"protocol": "all"}],
                         why="the layer's own on-prem prefixes")
            firewall("allow-google-apis", "EGRESS", [RESTRICTED_GOOGLE_APIS], allow=[{"protocol": "tcp", "ports": ["443"]}],
                     why="Private Google Access through restricted.googleapis.com")
            for reach in routing.reach:
                flow = flows[reach.flow]
                direction = "EGRESS" if reach.direction == "to" else "INGRESS"
                firewall(f"flow-{reach.flow}-{direction.lower()}", direction, [reach.prefix],
                         allow=[_rule(flow.protocol, flow.ports)], why=f"permitted flow {reach.flow}: {flow.reason}")
            if routing.default_via_datacenter or routing.internet_gateway:
                firewall("allow-internet-egress", "EGRESS", ["0.0.0.0/0"], allow=[{"protocol": "all"}],
                         why="internet layer egress (through the data center unless an internet gateway is declared)")
        self.register_outputs({})
