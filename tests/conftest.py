"""Shared helpers: the repository, sample stack texts, variants and the real console script."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import hypothesis  # noqa: F401 - imported (and compiled) before any test runs; see below
import pytest

# Hypothesis's pytest plugin imports hypothesis lazily at the terminal summary. After a
# test in which the Pulumi runtime raised through many nested frames, CPython 3.11.7's
# compiler can then fail with "SystemError: AST constructor recursion depth mismatch"
# while pytest rewrites that import (a CPython bug, not ours). Importing it here, first,
# leaves nothing to compile at the end of the run.

ROOT = Path(__file__).resolve().parent.parent
STACKS = ROOT / "stacks"
SAMPLES = {
    "minato": STACKS / "Pulumi.131032-minato.yaml",
    "setagaya": STACKS / "Pulumi.131121-setagaya.yaml",
    "itabashi": STACKS / "Pulumi.131199-itabashi.yaml",
}
GOVCLOUD = Path(sys.executable).parent / "govcloud"


def sample_text(name: str) -> str:
    return SAMPLES[name].read_text(encoding="utf-8")


def variant(name: str, *replacements: tuple[str, str]) -> str:
    """The sample's text with each (old, new) replaced exactly once; a replacement that
    does not apply fails loudly so that a test can never silently test the original."""
    text = sample_text(name)
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the {name} sample"
        text = text.replace(old, new)
    return text


def run_govcloud(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the installed console script, as a user would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "AWS_", "GOOGLE_"))}
    env["NO_COLOR"] = "1"
    return subprocess.run([str(GOVCLOUD), *args], cwd=cwd or ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's declarations (Pulumi.yaml, govcloud.yaml, stacks/) to change freely."""
    return copy_project(tmp_path)


def copy_project(folder: Path) -> Path:
    """The project's declarations (Pulumi.yaml, govcloud.yaml, stacks/) copied into `folder`."""
    (folder / "stacks").mkdir()
    for name in ("Pulumi.yaml", "govcloud.yaml"):
        (folder / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    for path in STACKS.glob("Pulumi.*.yaml"):
        (folder / "stacks" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


_INVENTORIES: dict = {}


def inventory_of(name: str):
    """The recorded inventory of a sample (recorded once per test session)."""
    if name not in _INVENTORIES:
        from components.plan import record
        from network.declaration import load
        _INVENTORIES[name] = record(load(SAMPLES[name]))
    return _INVENTORIES[name]


@pytest.fixture(scope="session")
def moto():
    """A moto server on loopback for the whole session, started on first use."""
    from tests.clouds.aws.moto_server import MotoServer
    server = MotoServer()
    yield server
    server.stop()


def confirm_init(text: str) -> str:
    """A stack from `govcloud init` after its placeholders are confirmed: the '# 確認'
    markers deleted, on-prem prefixes and the data center's ASN filled in."""
    import re
    text = re.sub(r"  # 確認.*", "", text)
    return text.replace("prefixes: {}", "prefixes: {mynumber: [172.31.0.0/20], lgwan: [172.31.16.0/20], "
                                        "internet: [172.31.32.0/20]}").replace("asn: 65000", "asn: 65012")


def errors_of(text: str, stack: str = "131032-minato", file: str = "t.yaml"):
    """The diagnostics of a declaration text that must be rejected."""
    from network.declaration import loads
    from network.errors import DeclarationError
    with pytest.raises(DeclarationError) as info:
        loads(text, file, stack)
    return info.value.diagnostics


def line_of(text: str, needle: str) -> int:
    """The line where `needle` (which may span lines) first starts."""
    return text[: text.index(needle)].count("\n") + 1
