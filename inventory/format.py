"""The document: `govcloud-inventory/1` (docs/inventory.md). One resource per registration,
as plain JSON, with secrets masked; and the same document made from a `pulumi stack export`,
so the readers never care where an inventory came from."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from inventory import tokens
from inventory.decode import provider_inputs, whole_numbers
from inventory.layers import attribute
from inventory.view import Resource

FORMAT = "govcloud-inventory/1"
SECRET = "[secret]"
UNKNOWN = "[unknown]"
#: Pulumi's wire markers (pulumi/sdk: rpc.py): a special value is a dict with this key.
_SIG = "4dabf18193072939515e22adb298388d"
_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
_RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


def from_wire(value, path: str, secrets: list[str]):
    """Plain JSON from a registered value, with secrets masked and their paths noted."""
    if isinstance(value, dict):
        sig = value.get(_SIG)
        if sig == _SECRET_SIG:
            secrets.append(path)
            return SECRET
        if sig == _RESOURCE_SIG:
            return value.get("urn")
        return {k: from_wire(v, f"{path}.{k}" if path else k, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [from_wire(v, f"{path}[{i}]", secrets) for i, v in enumerate(value)]
    if value == _UNKNOWN:
        return UNKNOWN
    return whole_numbers(value)


@dataclass
class Inventory:
    stack: str
    cloud: str
    resources: list[dict] = field(default_factory=list)
    milliseconds: float = 0.0
    #: the stack's outputs as the program exports them (secrets masked), and the paths of the secret ones
    outputs: dict = field(default_factory=dict)
    secret_outputs: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"format": FORMAT, "stack": self.stack, "cloud": self.cloud, "resources": self.resources}

    def of_type(self, typ: str) -> list[dict]:
        return [r for r in self.resources if r["type"] == typ]

    def custom(self) -> list[dict]:
        return [r for r in self.resources if r["custom"]]

    def by_urn(self) -> dict[str, dict]:
        return {r["urn"]: r for r in self.resources}

    def finish(self) -> "Inventory":
        """Sort by URN (registration order is asynchronous) and attribute layers."""
        self.resources.sort(key=lambda r: r["urn"])
        layers = attribute(_views(self.resources, custom_only=False))
        for r in self.resources:
            r["layer"] = layers[r["urn"]]
        return self


def _as_dict(inventory) -> dict:
    return inventory.as_dict() if isinstance(inventory, Inventory) else inventory


def _views(records: list[dict], custom_only: bool = True) -> list[Resource]:
    providers = {r["urn"]: r["inputs"] for r in records if tokens.is_provider(r["type"])}
    return [Resource(r["type"], r["name"], r["urn"], r["inputs"], r["protect"], r["retainOnDelete"],
                     providers.get(r["provider"], {}), r["parent"], r["id"], r.get("dependencies", {}),
                     r["provider"])
            for r in records if r["custom"] or not custom_only]


def views(inventory) -> list[Resource]:
    """The cloud resources of an inventory (an Inventory or its dict), as readers see them."""
    return _views(_as_dict(inventory)["resources"])


def layers(inventory) -> dict[str, str | None]:
    """URN -> layer, as recorded."""
    return {r["urn"]: r.get("layer") for r in _as_dict(inventory)["resources"]}


def from_state_export(path: Path) -> dict:
    """An inventory from `pulumi stack export` JSON (deployment.resources). Raises ValueError
    (with what is wrong) for anything else."""
    data = json.loads(path.read_text(encoding="utf-8"))
    resources = (data.get("deployment") or {}).get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list):
        raise ValueError("not a `pulumi stack export` file: no deployment.resources list")
    out = []
    for r in resources:
        if not isinstance(r, dict) or "urn" not in r or "type" not in r:
            raise ValueError("not a `pulumi stack export` file: a resource without urn or type")
        if r["type"] == tokens.STACK:
            continue
        inputs = r.get("inputs") or {}
        if tokens.is_provider(r["type"]):
            inputs = provider_inputs(inputs)
        out.append({"urn": r["urn"], "type": r["type"], "name": r["urn"].rsplit("::", 1)[-1],
                    "parent": r.get("parent"), "custom": bool(r.get("custom")),
                    "provider": (r.get("provider") or "").rsplit("::", 1)[0] or None, "id": r.get("id"),
                    "layer": None, "protect": bool(r.get("protect")),
                    "retainOnDelete": bool(r.get("retainOnDelete")), "inputs": inputs, "secretInputs": [],
                    "additionalSecretOutputs": r.get("additionalSecretOutputs") or [],
                    "dependencies": r.get("propertyDependencies") or {}})
    stack = next((r["urn"].split("::")[0].rsplit(":", 1)[-1] for r in resources), "")
    inventory = Inventory(stack, "", out).finish()
    return inventory.as_dict()
