"""Provider inputs travel as strings: the SDK JSON-encodes every non-string input of a
provider resource (objects, lists, booleans), both to the engine's state and to the
policy analyzer. One function decodes them, for the recorder, for `pulumi stack export`
and for the CrossGuard path, so the three cannot disagree."""
from __future__ import annotations

import json
from typing import Any, Mapping

_WORDS = {"true": True, "false": False}


def whole_numbers(value: Any) -> Any:
    """Numbers as JSON means them: the wire (a protobuf Struct) carries every number as a
    double, so 5 arrives as 5.0; integral doubles become ints, everywhere in the value. The
    recorder and the CrossGuard path both apply it, so a rule prints '5 days' on both."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [whole_numbers(v) for v in value]
    return value


def provider_value(value: Any) -> Any:
    """One provider input: a JSON object or list decoded, 'true'/'false' made booleans;
    anything else (a region, a project id, an already decoded value) unchanged."""
    if not isinstance(value, str):
        return value
    if value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return _WORDS.get(value, value)


class DecodedInputs(dict):
    """A provider's inputs as provider_inputs() returned them: decoding them again returns
    the same object. Every view of a resource decodes its provider's inputs (inventory/view.py),
    and the thousands of resources of one provider then share one decoded dict instead of
    each decoding it again (a masked secret such as "[secret]" fails json.loads every time)."""

    __slots__ = ()


def provider_inputs(props: Mapping[str, Any] | None) -> dict:
    """All inputs of a provider resource, decoded. Decoding twice changes nothing, and
    decoding what this returned costs nothing."""
    if type(props) is DecodedInputs:
        return props
    return DecodedInputs((key, provider_value(value)) for key, value in (props or {}).items())
