"""AWS tags per resource; the provider adds components/tagging.provider_default_tags."""
from __future__ import annotations

from network import tags
from network.tags import SHARED

__all__ = ["aws_tags", "SHARED"]


def aws_tags(layer: str, component: str, name: str) -> dict[str, str]:
    return {tags.LAYER: layer, tags.COMPONENT: component, tags.NAME: name}
