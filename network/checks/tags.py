"""Extra tags from the declaration."""
from __future__ import annotations

from network import codes
from network.tags import RESERVED_TAG_KEYS


def reserved(spec, report):
    """A tag may not be one of govcloud's own in any letter case (Google Cloud labels are
    lowercase, so `layer` and `Layer` would be one label), nor two tags one in another case."""
    own = {k.lower(): k for k in RESERVED_TAG_KEYS}
    seen: dict[str, str] = {}
    for key, _ in spec.tags:
        folded = key.lower()
        if folded in own:
            report(("tags", key), f"tag {key!r} is set by govcloud itself ({own[folded]})", f"rename it; reserved in "
                   f"any letter case: {', '.join(RESERVED_TAG_KEYS)}", codes.TAGS)
        elif folded in seen:
            report(("tags", key), f"tags {seen[folded]!r} and {key!r} differ only in letter case",
                   "keep one of them", codes.TAGS)
        seen.setdefault(folded, key)
