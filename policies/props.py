"""Reading nested inputs of a resource by dotted path, through lists (plain or the
preview proxy's Sequence), as the rules that judge nested fields need."""
from __future__ import annotations

import json
import re
from collections.abc import Sequence

#: arn:<partition>:<service>:<region>:<account>:<resource>; the region is empty for global services
_ARN = re.compile(r"^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):")


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


def is_true(value) -> bool:
    """A boolean input, written as true or "true" (some SDK inputs are strings)."""
    return value is True or str(value).lower() == "true"


def is_false(value) -> bool:
    """A boolean input written as false or "false"; absent is not false."""
    return value is False or str(value).lower() == "false"


def not_false(value) -> bool:
    """An input whose documented default is true: only an explicit false fails."""
    return value is not False and str(value).lower() != "false"


def equals(expected: str):
    """A test that an enumerated input is `expected` (upper case), whatever case it is written in."""
    return lambda value: str(value or "").upper() == expected


def arn_region(value) -> str | None:
    """The region an ARN names; None for anything that is not an ARN or names no region."""
    match = _ARN.match(value) if isinstance(value, str) else None
    return (match.group(1) or None) if match else None


def iam_bindings(resource) -> list[dict]:
    """The bindings of a Google Cloud IAM resource: its own role and member(s) (IAMMember,
    IAMBinding), and those of an IAMPolicy's policy_data JSON (unreadable: none)."""
    own = [{"role": resource.get("role"), "members": [resource.get("member"), *(resource.get("members") or [])]}]
    data = resource.get("policyData")
    if not data:
        return own
    try:
        policy = json.loads(data) if isinstance(data, str) else dict(data)
    except (TypeError, ValueError):
        return own
    return own + [b for b in policy.get("bindings") or [] if isinstance(b, dict)]
