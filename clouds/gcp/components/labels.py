"""Google Cloud labels: the tagging convention (network/tags.py) in label form (lowercase
keys, values mapped by network.tags.label_value)."""
from __future__ import annotations

from components.tagging import provider_default_tags
from network import tags
from network.model import NetworkModel
from network.tags import SHARED, label_value

__all__ = ["gcp_labels", "default_labels", "SHARED"]


def default_labels(model: NetworkModel) -> dict[str, str]:
    """The provider's default_labels: the default tags as labels."""
    return {tags.LABELS.get(k, label_value(k)): label_value(v) for k, v in provider_default_tags(model).items()}


def gcp_labels(model: NetworkModel, layer: str, component: str) -> dict[str, str]:
    spec = model.spec
    extra = {label_value(k): label_value(v) for k, v in spec.tags}
    return {**extra, tags.LABELS[tags.MUNICIPALITY]: spec.municipality.code, tags.LABELS[tags.LAYER]: layer,
            tags.LABELS[tags.STACK]: label_value(spec.stack), tags.LABELS[tags.COMPONENT]: label_value(component),
            tags.LABELS[tags.MANAGED_BY]: tags.MANAGED_BY_VALUE}
