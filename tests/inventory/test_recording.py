"""components/recording.py answers every registration exactly as Pulumi's MockMonitor does:
its plain-state Struct equals the SDK serializer's, anything else still goes through the
SDK, and a whole plan of each sample gets the SDK's answer to every request."""
from __future__ import annotations

import enum

import pytest
from pulumi.runtime import mocks as pulumi_mocks, rpc
from pulumi.runtime.sync_await import _sync_await

from components.plan import record
from components.recording import RecordingMonitor, is_plain, plain_struct
from inventory.format import UNKNOWN
from network.declaration import load
from tests.conftest import SAMPLES, inventory_of

SECRET_SIG = {rpc._special_sig_key: rpc._special_secret_sig, "value": "s3cr3t"}


def sdk_struct(state):
    return _sync_await(rpc.serialize_properties(state, {}))


def test_the_sdk_contract_the_fast_answer_rests_on():
    """What components/recording.py mirrors, as the installed SDK states it (pulumi/runtime/
    rpc.py serialize_properties: "We treat properties that serialize to None as if they don't
    exist"; pulumi/runtime/mocks.py MockMonitor.RegisterResource: the mock's state serialized
    with no dependencies, kept as the resource's registration, answered with urn, id and the
    Struct). A new SDK that answers otherwise fails here before the plans drift apart."""
    import inspect
    assert "We treat properties that serialize to None as if they don't exist" in inspect.getsource(
        rpc.serialize_properties)
    monitor = inspect.getsource(pulumi_mocks.MockMonitor.RegisterResource)
    for line in ("inputs = rpc.deserialize_properties(request.object)",
                 "id_, state = self.mocks.new_resource(resource_args)",
                 "obj_proto = _sync_await(rpc.serialize_properties(state, {}))",
                 "self.resources[urn] = MockMonitor.ResourceRegistration(urn, id_, state)",
                 "return resource_pb2.RegisterResourceResponse(urn=urn, id=id_, object=obj_proto)"):
        assert line in monitor, line


def test_a_plain_state_makes_the_sdks_struct():
    """Top-level None is dropped (the SDK: "properties that serialize to None as if they don't
    exist"), nested None kept as null, tuples are lists, bools stay bools, the unknown marker
    and a secret's wire form pass as they are."""
    state = {"name": "vpc-mynumber", "count": 3, "ratio": 1.5, "enabled": False, "absent": None,
             "tags": {"Layer": "mynumber", "Note": None}, "cidrs": ("10.0.0.0/24", "10.0.1.0/24"),
             "rules": [{"port": 443, "open": True}, None, [1, (2, 3)]], "arn": UNKNOWN,
             "password": SECRET_SIG, "empty": {}, "none_list": []}
    ours = plain_struct(state)
    assert ours is not None
    assert ours == sdk_struct(state)
    assert "absent" not in ours and ours["tags"]["Note"] is None and ours["enabled"] is False


class Protocol(str, enum.Enum):
    TCP = "tcp"


@pytest.mark.parametrize("value", [Protocol.TCP, {1: "a"}, {"x": object()}, [b"bytes"], {"s": {"deep": {1.5}}}])
def test_anything_but_plain_json_is_left_to_the_sdk(value):
    """A str enum, a non-string key, bytes, a set or any object: plain_struct declines and the
    monitor serializes the state as the SDK does."""
    assert not is_plain({"value": value})
    assert plain_struct({"value": value}) is None


def test_a_resource_reference_in_the_state_goes_through_the_sdk(monkeypatch):
    """The SDK path is still taken where it must be: a state holding a non-plain value is
    serialized by rpc.serialize_properties (counted here)."""
    calls = []
    original = rpc.serialize_properties

    async def counted(state, deps, *args, **kwargs):
        calls.append(dict(state))
        return await original(state, deps, *args, **kwargs)
    monkeypatch.setattr(rpc, "serialize_properties", counted)

    class EnumMocks(pulumi_mocks.Mocks):
        def new_resource(self, args):
            return "id-1", {"protocol": Protocol.TCP}

        def call(self, args):
            return {}, []

    from pulumi.runtime.proto import resource_pb2
    monitor = RecordingMonitor(EnumMocks(), inventory=type("I", (), {"resources": []})())
    request = resource_pb2.RegisterResourceRequest(type="aws:ec2/vpc:Vpc", name="v", custom=True)
    response = monitor.RegisterResource(request)
    assert calls == [{"protocol": Protocol.TCP}]
    assert response.object["protocol"] == "tcp" and response.id == "id-1"


@pytest.mark.parametrize("sample", ["minato", "setagaya", "itabashi"])
def test_every_registration_of_a_sample_gets_the_sdks_answer(sample, monkeypatch):
    """Each request of a whole plan answered both ways: the recording monitor's response equals
    MockMonitor.RegisterResource's (URN, id and every output), and the plan run on the SDK's
    answers records the inventory the plan on ours records."""
    compared = []
    ours = RecordingMonitor.respond

    def both(self, request):
        expected = pulumi_mocks.MockMonitor.RegisterResource(self, request)
        answer = ours(self, request)
        assert answer == expected, f"{request.type} {request.name}"
        compared.append(request.name)
        return expected  # the plan runs on the SDK's answers; its inventory must be ours
    monkeypatch.setattr(RecordingMonitor, "respond", both)
    inventory = record(load(SAMPLES[sample]))
    assert len(compared) == len(inventory.resources) + 1  # and the stack
    reference = inventory_of(sample)  # recorded with the monitor as it is
    assert inventory.resources == reference.resources
    assert inventory.outputs == reference.outputs
