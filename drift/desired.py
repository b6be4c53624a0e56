"""The declared side: Items from an inventory (`govcloud plan`'s, or one made from a
`pulumi stack export`). References between resources go through the recorded property
dependencies, so they work whether ids are the mocks' or the cloud's."""
from __future__ import annotations

import clouds
from drift.items import Item
from inventory import format as inventory_format
from inventory.view import Resource


class Declared:
    """The declared items of one inventory, read through inventory/ (views and layers)."""

    def __init__(self, inventory: dict):
        self.resources = inventory_format.views(inventory)
        self.by_urn = {r.urn: r for r in self.resources}
        self.layers = inventory_format.layers(inventory)

    def name(self, r: Resource | None) -> str | None:
        """How the cloud knows the resource (AWS: its Name tag; Google Cloud: its name)."""
        if r is None:
            return None
        cloud = clouds.for_package(r.package)
        return cloud.display_name(r) if cloud is not None else r.name

    def ref(self, r: Resource, prop: str) -> Resource | None:
        for urn in r.ref(prop):
            if urn in self.by_urn:
                return self.by_urn[urn]
        return None

    def items(self) -> list[Item]:
        out: list[Item] = []
        for r in self.resources:
            cloud = clouds.for_package(r.package)
            if cloud is not None:
                out.extend(cloud.declared_items(self, r))
        return out


from_state_export = inventory_format.from_state_export
