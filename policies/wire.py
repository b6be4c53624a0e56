"""A resource's properties off the Analyzer's wire, as plain values, in one walk.

The engine sends properties as a protobuf Struct. pulumi_policy turns one into a dict with
protobuf's JSON printer, walks it again to decode Pulumi's special values (secrets, assets,
archives: `pulumi_policy.deserialize`), and our rules then walked it a third time to make
integral numbers ints (`inventory.decode.whole_numbers`). `plain_properties` does the three
in one walk, with the same result:

    plain_properties(s) == whole_numbers(deserialize_properties(MessageToDict(s)))

(tests/policies/test_wire.py checks it on every corpus resource and on each kind of value,
including the failures). Over gRPC this conversion ran once per resource in Analyze and once
more in AnalyzeStack, and was the largest share of the pack's own time (issue 19, item 5).
"""
from __future__ import annotations

import math

from google.protobuf import json_format
from pulumi_policy.deserialize import SPECIAL_SIG_KEY, _deserialize_property

from inventory.decode import whole_numbers


def plain_properties(struct) -> dict:
    """A google.protobuf.Struct of resource properties as plain values: secrets unwrapped to
    their values (pulumi_policy's default), assets and archives as pulumi objects, integral
    numbers as ints, null as None."""
    return _struct(struct)


def _struct(struct):
    fields = struct.fields
    if SPECIAL_SIG_KEY in fields:
        # a secret, an asset or an archive: rare, decoded exactly as pulumi_policy does
        return whole_numbers(_deserialize_property(json_format.MessageToDict(struct)))
    return {key: _value(fields[key]) for key in fields}  # not .items(): a Python-level view over the map


def _value(value):
    kind = value.WhichOneof("kind")
    if kind == "string_value":
        return value.string_value
    if kind == "struct_value":
        return _struct(value.struct_value)
    if kind == "bool_value":
        return value.bool_value
    if kind == "number_value":
        number = value.number_value
        if number.is_integer():
            return int(number)
        if math.isinf(number) or math.isnan(number):
            json_format.MessageToDict(value)  # raises ValueError, as pulumi_policy's conversion does
        return number
    if kind == "list_value":
        return [_value(item) for item in value.list_value.values]
    return None  # null_value, or a Value with nothing set
