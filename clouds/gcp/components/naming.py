"""GCP resource names: lowercase, start with a letter, at most 63 characters."""
from __future__ import annotations

import re

from network.model import NetworkModel


def gname(model: NetworkModel, *parts: str) -> str:
    """`gc131199-mynumber-tokyo-a`: the municipality code after a letter, then the parts."""
    text = "-".join(["gc" + model.spec.municipality.code, *parts]).lower()
    text = re.sub(r"[^a-z0-9-]", "-", text)
    return text[:63].rstrip("-")
