"""Run the real Pulumi program under Pulumi's mock runtime and record what it would
create: the inventory (format `govcloud-inventory/1`, documented in docs/inventory.md).

The recording monitor sees every RegisterResource exactly as the engine would, with
Pulumi's secret markers still on the inputs: secret values are replaced by "[secret]"
and their input names listed, so an inventory can be printed or stored safely.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from google.protobuf import json_format

FORMAT = "govcloud-inventory/1"
SECRET = "[secret]"
UNKNOWN = "[unknown]"
_SIG = "4dabf18193072939515e22adb298388d"
_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
_RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


def _clean(value, path: str, secrets: list[str]):
    """Plain JSON from a registered value, with secrets masked and their paths noted."""
    if isinstance(value, dict):
        sig = value.get(_SIG)
        if sig == _SECRET_SIG:
            secrets.append(path)
            return SECRET
        if sig == _RESOURCE_SIG:
            return value.get("urn")
        return {k: _clean(v, f"{path}.{k}" if path else k, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, f"{path}[{i}]", secrets) for i, v in enumerate(value)]
    if value == _UNKNOWN:
        return UNKNOWN
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _decode_provider_value(value):
    """Provider inputs travel as strings, with objects and lists JSON-encoded."""
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return {"true": True, "false": False}.get(value, value) if isinstance(value, str) else value


@dataclass
class Inventory:
    stack: str
    cloud: str
    resources: list[dict] = field(default_factory=list)
    milliseconds: float = 0.0

    def as_dict(self) -> dict:
        return {"format": FORMAT, "stack": self.stack, "cloud": self.cloud, "resources": self.resources}

    def of_type(self, typ: str) -> list[dict]:
        return [r for r in self.resources if r["type"] == typ]

    def custom(self) -> list[dict]:
        return [r for r in self.resources if r["custom"]]

    def by_urn(self) -> dict[str, dict]:
        return {r["urn"]: r for r in self.resources}


LAYER_TOKENS = ("mynumber", "lgwan", "internet")


def _layer_of(inputs: dict, name: str, stack: str) -> str | None:
    """The Layer tag or layer label; else (GCP networks and firewalls take no labels) the
    layer id the components always put in the logical name after the stack."""
    tags = inputs.get("tags") if isinstance(inputs.get("tags"), dict) else {}
    labels = inputs.get("labels") if isinstance(inputs.get("labels"), dict) else {}
    found = tags.get("Layer") or labels.get("layer")
    if found:
        return found
    tokens = name[len(stack):].split("-") if name.startswith(stack) else []
    return next((t for t in tokens if t in LAYER_TOKENS), None)


def record(tenancy, mocks=None, extra=None, alter=()) -> Inventory:
    """Run the program for `tenancy` under mocks; return what it registered.

    `extra(model, component)` adds resources after the program (a vendor's addition, a
    console change); each `alter(resource)` may change a registration as it is recorded,
    where a Pulumi transform would act (Pulumi's mock monitor does not run transforms).
    The broken stacks of the policy tests use both."""
    from pulumi.runtime import mocks as pulumi_mocks, settings
    from pulumi.runtime.stack import run_pulumi_func
    from pulumi.runtime.sync_await import _sync_await

    from components.mocks import CloudMocks
    from components.program import run

    inventory = Inventory(tenancy.stack, tenancy.spec.cloud)
    spec = tenancy.spec

    class RecordingMonitor(pulumi_mocks.MockMonitor):
        def RegisterResource(self, request):
            response = super().RegisterResource(request)
            if request.type == "pulumi:pulumi:Stack":
                return response
            secrets: list[str] = []
            raw = json_format.MessageToDict(request.object, preserving_proto_field_name=True)
            inputs = _clean(raw, "", secrets)
            if request.type.startswith("pulumi:providers:"):
                inputs = {k: _decode_provider_value(v) for k, v in inputs.items()}
            inventory.resources.append({
                "urn": response.urn, "type": request.type, "name": request.name,
                "parent": request.parent or None, "custom": bool(request.custom),
                "provider": request.provider.rsplit("::", 1)[0] if request.provider else None,
                "id": response.id or None, "layer": _layer_of(inputs, request.name, tenancy.stack),
                "protect": bool(request.protect), "retainOnDelete": bool(request.retainOnDelete),
                "inputs": inputs, "secretInputs": sorted(secrets),
                "dependencies": {key: sorted(deps.urns) for key, deps in sorted(request.propertyDependencies.items())
                                 if deps.urns},
                "additionalSecretOutputs": sorted(request.additionalSecretOutputs),
            })
            for change in alter:
                change(inventory.resources[-1])
            return response

    mocks = mocks or CloudMocks(spec.primary_region, spec.gcp_project or "govcloud-project")
    settings.set_root_resource(None)
    pulumi_mocks.set_mocks(mocks, project="govcloud-hybrid", stack=tenancy.stack, preview=False,
                           monitor=RecordingMonitor(mocks))
    start = time.perf_counter()
    def program():
        component = run(tenancy)
        if extra is not None:
            from network.model import build
            extra(build(tenancy), component)

    _sync_await(run_pulumi_func(program))
    inventory.milliseconds = (time.perf_counter() - start) * 1000
    inventory.resources.sort(key=lambda r: r["urn"])  # registration order is asynchronous
    _inherit_layers(inventory)
    return inventory


def _inherit_layers(inventory: Inventory) -> None:
    """Resources without their own Layer tag take their parent's (associations, routes)."""
    by_urn = inventory.by_urn()

    def layer(resource):
        if resource["layer"] is None and resource["parent"] in by_urn:
            resource["layer"] = layer(by_urn[resource["parent"]])
        return resource["layer"]

    for resource in inventory.resources:
        layer(resource)
