"""The one Pulumi program. `pulumi up` runs it through __main__.py; `govcloud plan` runs
it under the mock runtime with the tenancy it has already loaded."""
from __future__ import annotations

from pathlib import Path

import pulumi

from network.declaration import Tenancy, load
from network.errors import DeclarationError
from network.naming import stack_file
from network.model import build


def load_current_stack(root: Path) -> Tenancy:
    """The running stack's declaration, validated with the same loader as the CLI. A bad
    declaration stops the program with the CLI's messages, not a traceback."""
    path = stack_file(root, pulumi.get_stack())
    try:
        return load(path, f"stacks/{path.name}")
    except DeclarationError as exc:
        raise pulumi.RunError(f"the declaration is not valid:\n{exc}") from None


def run(tenancy: Tenancy):
    from components.tenancy import MunicipalityTenancy
    model = build(tenancy)
    component = MunicipalityTenancy(tenancy.stack, model)
    for key, value in component.outputs.items():
        pulumi.export(key, value)
    return component
