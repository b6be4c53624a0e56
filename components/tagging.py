"""The tags every resource of a tenancy carries, whatever the cloud: the municipality code,
the stack and who manages it (network/tags.py names the keys). Each cloud stamps them in
its own way (AWS provider default_tags, Google Cloud default_labels) and adds the layer,
the component and a name per resource."""
from __future__ import annotations

from network import tags
from network.model import NetworkModel


def provider_default_tags(model: NetworkModel) -> dict[str, str]:
    spec = model.spec
    return {**dict(spec.tags), tags.MUNICIPALITY: spec.municipality.code, tags.STACK: spec.stack,
            tags.MANAGED_BY: tags.MANAGED_BY_VALUE}
