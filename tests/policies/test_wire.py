"""policies/wire.py: one walk from the Analyzer's protobuf Struct to plain values gives what
pulumi_policy's conversion followed by whole_numbers gives, value for value, failures included."""
from __future__ import annotations

import math

import pulumi
import pytest
from google.protobuf import json_format, struct_pb2
from pulumi_policy.deserialize import (SPECIAL_ARCHIVE_SIG, SPECIAL_ASSET_SIG, SPECIAL_SECRET_SIG, SPECIAL_SIG_KEY,
                                       deserialize_properties)
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE

from inventory.decode import whole_numbers
from policies.wire import plain_properties
from tests.policies.analyzer import requests
from tests.policies.test_corpus import recorded


def _three_walks(struct) -> dict:
    return whole_numbers(deserialize_properties(json_format.MessageToDict(struct)))


def _struct(values: dict) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(values)
    return struct


@pytest.mark.parametrize("cloud", ["aws", "gcp"])
def test_every_corpus_resource_converts_as_pulumi_policy_then_whole_numbers(cloud):
    single, stack = requests(recorded(cloud))
    structs = [r.properties for r in single] + [r.properties for r in stack.resources] + \
        [r.provider.properties for r in single if r.HasField("provider")]
    assert len(structs) > 100
    for struct in structs:
        assert plain_properties(struct) == _three_walks(struct)


def test_each_kind_of_value():
    secret = {SPECIAL_SIG_KEY: SPECIAL_SECRET_SIG, "value": {"password": "x", "port": 5432.0}}
    values = {"s": "text", "unknown": UNKNOWN_STRING_VALUE, "t": True, "f": False, "null": None,
              "whole": 5.0, "half": 2.5, "negative": -3.0, "big": 1e20, "empty": {}, "none": [],
              "nested": {"list": [1.0, "a", [2.0, {"b": 0.5}], None], "deep": {"x": {"y": 7.0}}},
              "secret": secret, "secret_in_list": [secret]}
    struct = _struct(values)
    struct.fields["unset"].CopyFrom(struct_pb2.Value())  # a Value with no kind: null on the JSON path
    plain = plain_properties(struct)
    assert plain == _three_walks(struct)
    assert plain["whole"] == 5 and type(plain["whole"]) is int and type(plain["half"]) is float
    assert plain["secret"] == {"password": "x", "port": 5432} and plain["unset"] is None
    assert plain["nested"]["list"][2][1]["b"] == 0.5 and type(plain["nested"]["deep"]["x"]["y"]) is int


def test_assets_and_archives_are_pulumi_objects_as_pulumi_policy_makes_them():
    struct = _struct({"code": {SPECIAL_SIG_KEY: SPECIAL_ARCHIVE_SIG, "path": "./app.zip"},
                      "file": {SPECIAL_SIG_KEY: SPECIAL_ASSET_SIG, "text": "hello"}})
    plain = plain_properties(struct)
    assert isinstance(plain["code"], pulumi.FileArchive) and plain["code"].path == "./app.zip"
    assert isinstance(plain["file"], pulumi.StringAsset) and plain["file"].text == "hello"


@pytest.mark.parametrize("number", [math.inf, -math.inf, math.nan])
def test_a_number_json_cannot_carry_fails_as_on_pulumi_policys_path(number):
    struct = _struct({"outer": {"n": number}})
    with pytest.raises(ValueError) as theirs:
        _three_walks(struct)
    with pytest.raises(ValueError) as ours:
        plain_properties(struct)
    assert str(ours.value) == str(theirs.value)


def test_an_unrecognised_signature_fails_as_on_pulumi_policys_path():
    struct = _struct({"odd": {SPECIAL_SIG_KEY: "not-a-signature"}})
    with pytest.raises(AssertionError, match="Unrecognized signature"):
        _three_walks(struct)
    with pytest.raises(AssertionError, match="Unrecognized signature"):
        plain_properties(struct)
