"""What a rule sees of a resource, the same whether it came from the CrossGuard analyzer
(during `pulumi preview`) or from the inventory the mock runtime recorded."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

LAYER_IDS = ("mynumber", "lgwan", "internet")
CLOSED = ("mynumber", "lgwan")


@dataclass
class Resource:
    type: str
    name: str
    urn: str
    props: Mapping[str, Any]
    protect: bool = False
    retain_on_delete: bool | None = None  # not known to the analyzer
    provider_props: Mapping[str, Any] = field(default_factory=dict)
    parent: str | None = None
    id: str | None = None  # known offline; the analyzer never has it
    #: property -> URNs of the resources its value came from (how a route finds its table,
    #: in preview as well as offline)
    dependencies: Mapping[str, list] = field(default_factory=dict)

    @property
    def stack(self) -> str:
        """urn:pulumi:<stack>::<project>::<type>::<name>"""
        return self.urn.split("::")[0].rsplit(":", 1)[-1] if self.urn.startswith("urn:pulumi:") else ""

    @property
    def cloud(self) -> str:
        return self.type.split(":")[0]

    def get(self, key: str, default=None):
        props = self.props
        return props[key] if key in props else default

    @property
    def tags(self) -> dict:
        """The resource's tags merged over the provider's default tags (AWS), or its labels
        over the default labels (GCP)."""
        if self.cloud == "gcp":
            own, defaults = self.get("labels") or {}, (self.provider_props.get("defaultLabels") or {})
        else:
            own = self.get("tags") or {}
            defaults = (self.provider_props.get("defaultTags") or {})
            defaults = defaults.get("tags", {}) if isinstance(defaults, Mapping) else {}
        return {**dict(defaults), **dict(own)}

    @property
    def tagged_layer(self) -> str | None:
        """The Layer tag (AWS) or layer label (GCP)."""
        tags = self.tags
        return tags.get("Layer") or tags.get("layer")

    @property
    def named_layer(self) -> str | None:
        """The layer id in the logical name after the stack (GCP networks and firewalls take
        no labels; the components always name the layer)."""
        rest = self.name[len(self.stack):] if self.stack and self.name.startswith(self.stack) else self.name
        return next((t for t in rest.split("-") if t in LAYER_IDS), None)

    @property
    def layer(self) -> str | None:
        return self.tagged_layer or self.named_layer


def decode_provider_props(props: Mapping[str, Any]) -> dict:
    """Provider inputs arrive as strings, with objects and lists JSON-encoded."""
    import json
    out = {}
    for key, value in props.items():
        if isinstance(value, str) and value[:1] in "{[":
            try:
                value = json.loads(value)
            except ValueError:
                pass
        out[key] = value
    return out


def from_inventory(inventory: dict) -> list[Resource]:
    """Resources of a recorded inventory (govcloud-inventory/1), custom resources only."""
    providers = {r["urn"]: r["inputs"] for r in inventory["resources"] if r["type"].startswith("pulumi:providers:")}
    return [Resource(r["type"], r["name"], r["urn"], r["inputs"], r["protect"], r["retainOnDelete"],
                     providers.get(r["provider"], {}), r["parent"], r["id"], r.get("dependencies", {}))
            for r in inventory["resources"] if r["custom"]]
