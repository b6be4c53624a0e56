"""Tags (AWS) and labels (GCP) with one meaning: municipality code, layer, stack,
component and a Name. Hub resources shared by the layers carry layer `shared`."""
from __future__ import annotations

import re

from network.model import NetworkModel

SHARED = "shared"
MANAGED_BY = "govcloud-hybrid"


def provider_default_tags(model: NetworkModel) -> dict[str, str]:
    """What the AWS provider stamps on every resource it creates (default_tags)."""
    spec = model.spec
    return {**dict(spec.tags), "MunicipalityCode": spec.municipality.code, "Stack": spec.stack,
            "ManagedBy": MANAGED_BY}


def aws_tags(layer: str, component: str, name: str) -> dict[str, str]:
    """Per-resource tags; the provider adds the defaults above."""
    return {"Layer": layer, "Component": component, "Name": name}


def gcp_label_value(value: str) -> str:
    """GCP label values: lowercase letters, digits, '_' and '-', at most 63 characters.
    Other characters (Japanese included) become '_' so the mapping is stable."""
    return re.sub(r"[^a-z0-9_-]", "_", value.lower())[:63]


def gcp_labels(model: NetworkModel, layer: str, component: str) -> dict[str, str]:
    spec = model.spec
    extra = {gcp_label_value(k): gcp_label_value(v) for k, v in spec.tags}
    return {**extra, "municipality-code": spec.municipality.code, "layer": layer,
            "stack": gcp_label_value(spec.stack), "component": gcp_label_value(component),
            "managed-by": MANAGED_BY}
