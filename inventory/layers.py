"""Which layer a resource belongs to: one answer, used by the recorder (the `layer` field of
an inventory), the policy rules, the drift detector and the review.

In order:
1. its layer tag or label (provider defaults included), when it names a layer or `shared`;
2. the layer of the network, VPC, subnet, route table, router or cluster it attaches to, through
   the dependency of that property (a console-made gateway without tags still belongs to
   the VPC it is attached to), or, on Google Cloud, through the name the property holds
   (`projects/p/global/networks/gc131199-mynumber` written out is the stack's mynumber
   network, whose name is an input the Analyzer sees too);
3. the layer id in its logical name after the stack (Google Cloud networks and firewalls
   take no labels; the components always name the layer);
4. its parent's layer.
"""
from __future__ import annotations

from typing import Iterable

from inventory.tokens import GCP
from inventory.view import Resource
from network.catalog import LAYER_IDS
from network.tags import SHARED

#: the values a layer tag or label may hold: a layer, or `shared` for hub resources
LAYER_VALUES = (*LAYER_IDS, SHARED)

#: Properties through which a resource belongs to a layer's network or table, or to a cluster
#: (a GKE node pool, an ECS service) that belongs to one.
LINKS = ("vpcId", "network", "routeTableId", "transitGatewayRouteTableId", "router", "subnetId", "cluster")
MAX_DEPTH = 8
#: the Google Cloud resources a link may name by their own name (a path or URL ending in it)
NAMED_LINKS = (GCP.NETWORK, GCP.SUBNETWORK, GCP.ROUTER)


def named_layer(name: str, stack: str = "") -> str | None:
    """The first layer id among the '-'-separated words of `name` after the stack."""
    rest = name[len(stack):] if stack and name.startswith(stack) else name
    return next((word for word in rest.split("-") if word in LAYER_IDS), None)


class Layers:
    """Layer attribution over one set of resources (a stack), memoised."""

    def __init__(self, resources: Iterable[Resource]):
        self.by_urn = {r.urn: r for r in resources}
        self._memo: dict[str, str | None] = {}
        self._by_name: dict[str, Resource] | None = None

    def named(self, value) -> Resource | None:
        """The stack's Google Cloud network, subnet or router a link names as a string."""
        if self._by_name is None:
            self._by_name = {str(r.get("name")): r for r in self.by_urn.values()
                             if r.type in NAMED_LINKS and r.get("name")}
        return self._by_name.get(str(value).rstrip("/").rsplit("/", 1)[-1]) if isinstance(value, str) else None

    def of(self, resource: Resource) -> str | None:
        if resource.urn not in self._memo:
            self._memo[resource.urn] = self._find(resource, 0)
        return self._memo[resource.urn]

    def target(self, resource: Resource, prop: str) -> Resource | None:
        """The resource that `resource.<prop>` refers to, through the property's dependency."""
        for urn in resource.ref(prop):
            found = self.by_urn.get(urn)
            if found is not None:
                return found
        return None

    def linked(self, resource: Resource) -> tuple[str, Resource, str] | None:
        """(property, the resource it links to, that resource's layer) for the first link
        that leads to a layer, whatever the resource's own tag says; None without one."""
        for prop in LINKS:
            target = self.target(resource, prop)
            if target is not None and target is not resource:
                found = self.of(target)
                if found:
                    return prop, target, found
        return None

    def _find(self, resource: Resource, depth: int) -> str | None:
        tagged = resource.tagged_layer
        if tagged not in LAYER_VALUES:
            tagged = None  # a value that is no layer ("public", "LGWAN", "lgwan "): judged by GOV-TAG-001
        if tagged or depth > MAX_DEPTH:
            return tagged
        for prop in LINKS:
            target = self.target(resource, prop)
            if target is None and resource.type.startswith("gcp:"):
                target = self.named(resource.get(prop))
            if target is not None and target is not resource:
                found = self._memo.get(target.urn) or self._find(target, depth + 1)
                if found:
                    return found
        named = named_layer(resource.name, resource.stack)
        if named:
            return named
        parent = self.by_urn.get(resource.parent) if resource.parent else None
        return self._find(parent, depth + 1) if parent is not None else None


def attribute(resources: Iterable[Resource]) -> dict[str, str | None]:
    """URN -> layer for every resource."""
    resources = list(resources)
    index = Layers(resources)
    return {r.urn: index.of(r) for r in resources}
