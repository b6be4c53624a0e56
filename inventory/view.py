"""What a reader sees of one resource, the same whether it came from an inventory the mock
runtime recorded, from a `pulumi stack export`, or from the CrossGuard analyzer during
`pulumi preview`."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from inventory import tokens
from inventory.decode import provider_inputs
from network.tags import LABELS, LAYER

#: Per Pulumi package: the input holding a resource's own tags, and where its provider
#: keeps the defaults every resource inherits (a dotted path in the provider's inputs).
TAG_INPUTS = {"aws": ("tags", "defaultTags.tags"), "gcp": ("labels", "defaultLabels")}
_TAG_PATHS = {package: (own, tuple(path.split("."))) for package, (own, path) in TAG_INPUTS.items()}
#: Types whose own tags are not where their package keeps them: a Cloud SQL instance's labels
#: are `settings.user_labels` (pulumi_gcp: "A set of key/value user label pairs to assign to
#: the instance"; it has no top-level labels), a GKE cluster's `resource_labels`.
OWN_TAGS_AT = {"gcp:sql/databaseInstance:DatabaseInstance": ("settings", "userLabels"),
               # a GKE cluster's: "The GCE resource labels (a map of key/value pairs) to be applied to the cluster"
               "gcp:container/cluster:Cluster": ("resourceLabels",)}
#: The key of the layer tag per package.
LAYER_KEYS = {"aws": LAYER, "gcp": LABELS[LAYER]}


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
    #: the URN of the provider resource that creates it, when it names one
    provider: str | None = None

    def __post_init__(self):
        self.provider_props = provider_inputs(self.provider_props)

    @property
    def stack(self) -> str:
        """urn:pulumi:<stack>::<project>::<type>::<name>"""
        return self.urn.split("::")[0].rsplit(":", 1)[-1] if self.urn.startswith("urn:pulumi:") else ""

    @property
    def package(self) -> str:
        """The Pulumi package: aws, gcp, random, ... (for a provider: the one it configures)."""
        return tokens.package(self.type)

    def get(self, key: str, default=None):
        props = self.props
        return props[key] if key in props else default

    @property
    def tags(self) -> dict:
        """The resource's own tags (AWS) or labels (Google Cloud) merged over its provider's
        defaults; empty for packages without tags."""
        paths = _TAG_PATHS.get(self.package)
        if paths is None:
            return {}
        own_key, default_path = paths
        defaults = _at(self.provider_props, default_path)
        merged = dict(defaults) if isinstance(defaults, Mapping) else {}
        own = self._own_tags(own_key)
        if isinstance(own, Mapping):
            merged.update(own)
        return merged

    def _own_tags(self, own_key: str):
        path = OWN_TAGS_AT.get(self.type)
        return self.get(own_key) if path is None else _at(self.props, path)

    @property
    def tagged_layer(self) -> str | None:
        """The layer tag (AWS `Layer`) or label (Google Cloud `layer`)."""
        package = self.package
        key = LAYER_KEYS.get(package)
        if not key:
            return None
        # self.tags.get(key), without merging every tag: the resource's own tag wins
        own_key, default_path = _TAG_PATHS[package]
        own = self._own_tags(own_key)
        if isinstance(own, Mapping) and key in own:
            return own[key]
        defaults = _at(self.provider_props, default_path)
        return defaults.get(key) if isinstance(defaults, Mapping) else None

    @property
    def account(self) -> str | None:
        """The account its provider is pinned to (`allowedAccountIds`: a system account's
        provider assumes a role there and refuses any other), or None when the provider names
        none (the network account's own provider)."""
        allowed = (self.provider_props or {}).get("allowedAccountIds") or []
        return str(allowed[0]) if allowed else None

    def ref(self, prop: str) -> list:
        """URNs the value of `prop` came from."""
        return list(self.dependencies.get(prop, ()))


def _at(value: Any, path: tuple) -> Any:
    """The value at a path of keys through nested mappings; None where one is missing."""
    for part in path:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def of_types(resources, *types: str) -> list[Resource]:
    """The resources of any of these type tokens, in order."""
    wanted = set(types)
    return [r for r in resources if r.type in wanted]
