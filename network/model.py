"""The derived network model: what each layer may reach and how, computed once from the
validated tenancy and read by every component (AWS and GCP), the policies and the review.

Routing principle (三層の分離): a layer reaches its own on-prem prefixes and, between
layers, only the two ends of declared flows. Everything else that belongs to another
layer (its cloud block, reserved or not, and its on-prem prefixes) is blackholed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from netaddr import AddrFormatError, IPNetwork

import clouds
from .addressing import AddressPlan
from .catalog import CLOSED_LAYERS
from .spec import Endpoint, Flow, TenancySpec

if TYPE_CHECKING:
    from .declaration import Tenancy


@dataclass(frozen=True)
class FlowPath:
    """A declared flow with both ends resolved to prefixes."""

    flow: Flow
    source_layer: str
    source: str
    source_onprem: bool
    destination_layer: str
    destination: str
    destination_onprem: bool

    @property
    def name(self) -> str:
        return self.flow.name


@dataclass(frozen=True)
class Reach:
    """One prefix outside its own block that a layer routes to, and why."""

    prefix: str
    via_layer: str  # the layer that owns the prefix
    onprem: bool  # the prefix is in the data center (reach it over the line)
    flow: str  # the flow that permits it
    direction: str  # "to" (this layer starts the flow) or "return"


@dataclass(frozen=True)
class LayerRouting:
    layer: str
    cidr: str
    onprem: tuple[str, ...]
    reach: tuple[Reach, ...]
    blackholes: tuple[str, ...]
    default_via_datacenter: bool
    internet_gateway: bool

    @property
    def closed(self) -> bool:
        return self.layer in CLOSED_LAYERS


@dataclass(frozen=True)
class NetworkModel:
    tenancy: "Tenancy"
    flows: tuple[FlowPath, ...]
    routing: tuple[LayerRouting, ...]  # enabled layers, in layer order
    transit_asn: int | None  # the transit hub's ASN, where the cloud has one

    @property
    def spec(self) -> TenancySpec:
        return self.tenancy.spec

    @property
    def plan(self) -> AddressPlan:
        return self.tenancy.plan

    def layer(self, layer_id: str) -> LayerRouting:
        return next(r for r in self.routing if r.layer == layer_id)


def _resolve(spec: TenancySpec, plan: AddressPlan, end: Endpoint) -> tuple[str, bool]:
    """(prefix, on-prem?) of a flow end: its prefix, its system's cidr, or the layer block."""
    if end.prefix:  # validation put it in the layer block or the layer's on-prem prefixes
        return end.prefix, IPNetwork(end.prefix) not in IPNetwork(plan.layer(end.layer).cidr)
    if end.system:
        own = plan.system(end.system)
        if own is not None:  # its own block, in its own account
            return own.cidr, False
        system = spec.layer(end.layer).system(end.system)
        if system and system.cidr:
            return system.cidr, False
    return plan.layer(end.layer).cidr, False


def build(tenancy: "Tenancy") -> NetworkModel:
    spec, plan = tenancy.spec, tenancy.plan
    flows = []
    for flow in spec.flows:
        src, src_onprem = _resolve(spec, plan, flow.source)
        dst, dst_onprem = _resolve(spec, plan, flow.destination)
        flows.append(FlowPath(flow, flow.source.layer, src, src_onprem, flow.destination.layer, dst, dst_onprem))
    routing = []
    for layer in spec.enabled_layers:
        reach = []
        for path in flows:
            if path.source_layer == layer.id:
                reach.append(Reach(path.destination, path.destination_layer, path.destination_onprem, path.name, "to"))
            if path.destination_layer == layer.id:
                reach.append(Reach(path.source, path.source_layer, path.source_onprem, path.name, "return"))
        others = [lp for lp in plan.layers if lp.layer != layer.id]
        blackholes = [lp.cidr for lp in others] + [p for lp in others for p in spec.data_center.prefixes_of(lp.layer)]
        routing.append(LayerRouting(
            layer=layer.id, cidr=plan.layer(layer.id).cidr, onprem=spec.data_center.prefixes_of(layer.id),
            reach=tuple(reach), blackholes=tuple(blackholes),
            default_via_datacenter=layer.id == "internet" and layer.egress == "datacenter",
            internet_gateway=layer.id == "internet" and layer.egress == "internet-gateway",
        ))
    return NetworkModel(tenancy, tuple(flows), tuple(routing), clouds.get(spec.cloud).transit_asn(spec))


def layer_blocks(routing) -> tuple[tuple[str, IPNetwork], ...]:
    """Every layer's addresses as (layer, network): its block and its prefixes in the data center
    (`routing`: a model's LayerRouting)."""
    return tuple((r.layer, IPNetwork(p)) for r in routing for p in (r.cidr, *r.onprem))


def overlaps(a: IPNetwork, b: IPNetwork) -> bool:
    """Whether two ranges share an address (one holds the other)."""
    return a.version == b.version and (a in b or b in a)


def layers_reached(cidr, blocks, besides: str | None = None) -> list[str]:
    """The layers other than `besides` whose addresses `cidr` reaches (`blocks`: layer_blocks);
    none for what is no address range (a prefix list's id)."""
    try:
        net = IPNetwork(str(cidr))
    except (AddrFormatError, ValueError, TypeError):
        return []
    return sorted({layer for layer, block in blocks if layer != besides and overlaps(net, block)})
