"""Reading nested inputs of a resource by dotted path, through lists (plain or the
preview proxy's Sequence), as the rules that judge nested fields need."""
from __future__ import annotations

from collections.abc import Sequence


def _many(value) -> bool:
    """A list input, whether a plain list or the preview proxy's Sequence."""
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))


def values(props, path: str) -> list:
    """The values at a dotted path, one per element of every list on the way (None where
    an element lacks it); [] when a list on the way is empty or a parent is missing."""
    current = [props]
    for part in path.split("."):
        nxt = []
        for value in current:
            items = value if _many(value) else [value]
            for item in items:
                nxt.append(item.get(part) if hasattr(item, "get") else None)
        current = nxt
        if all(v is None for v in current):
            return [None] if current else []
    out = []
    for value in current:
        out.extend(value if _many(value) else [value])
    return out
