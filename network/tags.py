"""The tagging convention, in one place: the tags (AWS) and labels (Google Cloud) every
taggable resource carries, so that whoever writes them (components/) and whoever reads
them (inventory/, drift/, policies/) agree on the keys."""
from __future__ import annotations

import re

#: AWS tag keys the tool sets itself; a declaration may not override them.
MUNICIPALITY = "MunicipalityCode"
LAYER = "Layer"
STACK = "Stack"
COMPONENT = "Component"
NAME = "Name"
MANAGED_BY = "ManagedBy"
RESERVED_TAG_KEYS = (MUNICIPALITY, LAYER, STACK, COMPONENT, NAME, MANAGED_BY)
#: The same keys as Google Cloud labels (lowercase, '-' for word breaks).
LABELS = {MUNICIPALITY: "municipality-code", LAYER: "layer", STACK: "stack", COMPONENT: "component",
          MANAGED_BY: "managed-by"}
MANAGED_BY_VALUE = "govcloud-hybrid"
#: The layer value of hub resources that serve every layer.
SHARED = "shared"


def label_value(value: str) -> str:
    """Google Cloud label values: lowercase letters, digits, '_' and '-', at most 63
    characters. Other characters (Japanese included) become '_' so the mapping is stable."""
    return re.sub(r"[^a-z0-9_-]", "_", value.lower())[:63]
