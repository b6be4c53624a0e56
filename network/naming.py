"""Stack names and stack files, in one place: a stack is `<6-digit code>-<romaji>`, its
declaration `stacks/Pulumi.<stack>.yaml` (Pulumi.yaml sets stackConfigDir: stacks)."""
from __future__ import annotations

import os
import re
from pathlib import Path, PurePath

STACKS_DIR = "stacks"
STACK_GLOB = "Pulumi.*.yaml"
STACK_FILE = re.compile(r"^Pulumi\.(?P<stack>[^.]+)\.yaml$")


def _name(path) -> str:
    return path.name if isinstance(path, PurePath) else os.path.basename(path)


def stack_name(path: Path) -> str | None:
    """The stack a file declares, from its name; None if it is not Pulumi.<stack>.yaml."""
    match = STACK_FILE.match(_name(path))
    return match.group("stack") if match else None


def file_name(stack: str) -> str:
    return f"Pulumi.{stack}.yaml"


def stack_file(root: Path, stack: str) -> Path:
    """Where a stack's declaration lives under the project root."""
    return Path(root) / STACKS_DIR / file_name(stack)


def display_name(path: Path) -> str:
    """The stack name, or the file name where it does not follow the pattern."""
    return stack_name(path) or _name(path)
