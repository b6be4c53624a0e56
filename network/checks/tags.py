"""Extra tags from the declaration."""
from __future__ import annotations

from network import codes
from network.tags import RESERVED_TAG_KEYS


def reserved(spec, report):
    for key, _ in spec.tags:
        if key in RESERVED_TAG_KEYS:
            report(("tags", key), f"tag {key!r} is set by govcloud itself", f"rename it; reserved: "
                   f"{', '.join(RESERVED_TAG_KEYS)}", codes.TAGS)
