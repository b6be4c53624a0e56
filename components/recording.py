"""The monitor the plan runs the program against: Pulumi's mock monitor, recording every
RegisterResource as the engine would receive it (components/plan.py turns the records into
the inventory).

It answers a registration as `pulumi.runtime.mocks.MockMonitor.RegisterResource` does, with
one difference in how, not what: the mock's state (the resource's inputs and what the
cloud would add, components/mocks.py) is turned into the response's Struct directly when it
holds only plain values, instead of through the SDK's asynchronous serializer on an event
loop of the worker thread. For plain values that serializer returns them unchanged and
drops top-level None, so the Struct is the same; any other value (a resource reference,
an Output, an enum) goes through the SDK's serializer as before. Under the mock runtime the
serializer was about a tenth of planning 港区 (issue 14's cold review); tests/inventory/
test_recording.py proves the responses and the inventories equal either way.
"""
from __future__ import annotations

from google.protobuf import json_format, struct_pb2
from pulumi.runtime import mocks as pulumi_mocks, rpc
from pulumi.runtime.proto import resource_pb2
from pulumi.runtime.sync_await import _ensure_event_loop, _sync_await

from inventory import tokens
from inventory.decode import provider_inputs
from inventory.format import from_wire

_SCALARS = frozenset({str, bool, int, float, type(None)})


def is_plain(value) -> bool:
    """Only JSON's own types (exactly, not subclasses such as a str enum), at any depth."""
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is dict:
        return all(type(key) is str and is_plain(item) for key, item in value.items())
    if kind is list or kind is tuple:
        return all(is_plain(item) for item in value)
    return False


def plain_struct(state: dict) -> struct_pb2.Struct | None:
    """The Struct the SDK's `rpc.serialize_properties(state, {})` makes of a plain state, or
    None when the state holds anything else (the caller serializes those as the SDK does)."""
    if not is_plain(state):
        return None
    struct = struct_pb2.Struct()
    for key, value in state.items():
        if value is not None:  # the SDK treats a property that serializes to None as absent
            struct[key] = value
    return struct


class RecordingMonitor(pulumi_mocks.MockMonitor):
    """Appends each registration to `inventory.resources`; each `alter(record)` may change
    it as it is recorded, where a Pulumi transform would act."""

    def __init__(self, mocks, inventory, alter=()):
        super().__init__(mocks)
        self.inventory = inventory
        self.alter = tuple(alter)

    def RegisterResource(self, request):
        response = self.respond(request)
        if request.type != tokens.STACK:
            self.record(request, response)
        return response

    def respond(self, request):
        """MockMonitor.RegisterResource (pulumi/runtime/mocks.py), the state's Struct made by
        `plain_struct` where it can be."""
        if request.type == tokens.STACK:
            return super().RegisterResource(request)
        urn = self.make_urn(request.parent, request.type, request.name)
        _ensure_event_loop()  # deserializing a resource reference needs one on this thread
        args = pulumi_mocks.MockResourceArgs(
            typ=request.type, name=request.name, inputs=rpc.deserialize_properties(request.object),
            provider=request.provider, resource_id=request.importId, custom=request.custom or False,
            transforms=pulumi_mocks._resolve_callbacks(request.transforms))
        id_, state = self.mocks.new_resource(args)
        struct = plain_struct(state)
        if struct is None:
            struct = _sync_await(rpc.serialize_properties(state, {}))
        self.resources[urn] = pulumi_mocks.MockMonitor.ResourceRegistration(urn, id_, state)
        return resource_pb2.RegisterResourceResponse(urn=urn, id=id_, object=struct)

    def record(self, request, response) -> None:
        secrets: list[str] = []
        raw = json_format.MessageToDict(request.object, preserving_proto_field_name=True)
        inputs = from_wire(raw, "", secrets)
        if tokens.is_provider(request.type):
            inputs = provider_inputs(inputs)
        self.inventory.resources.append({
            "urn": response.urn, "type": request.type, "name": request.name,
            "parent": request.parent or None, "custom": bool(request.custom),
            "provider": request.provider.rsplit("::", 1)[0] if request.provider else None,
            "id": response.id or None, "layer": None,
            "protect": bool(request.protect), "retainOnDelete": bool(request.retainOnDelete),
            "importId": request.importId or None,
            "inputs": inputs, "secretInputs": sorted(secrets),
            "dependencies": {key: sorted(deps.urns) for key, deps in sorted(request.propertyDependencies.items())
                             if deps.urns},
            "additionalSecretOutputs": sorted(request.additionalSecretOutputs),
        })
        for change in self.alter:
            change(self.inventory.resources[-1])


__all__ = ["RecordingMonitor", "is_plain", "plain_struct"]
