"""The plan cache: a stack's full check (plan and policies) kept in `.govcloud/cache`, keyed
by everything the result depends on, so a stale entry cannot be found by construction:
the declaration's bytes, the project's code, the policy configuration, and the Python and
provider versions installed. An entry carries the digest of its own content; one that does
not read back exactly (corrupt, truncated, edited by hand) is ignored and rewritten.

CI keeps `.govcloud/cache` between runs (docs/ci.md): an unchanged stack is then answered
from it, and any change to code or to the stack's file misses by itself."""
from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import asdict
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from network.errors import Diagnostic
from pipeline.checks import FindingReport, StackReport, VerdictReport

FOLDER = Path(".govcloud") / "cache"
FORMAT = 1
#: the project's code a result depends on (the program, the rules, the checks, the clouds)
CODE = ("__main__.py", "clouds", "components", "inventory", "network", "pipeline", "policies", "Pulumi.yaml",
        "pyproject.toml")
PACKAGES = ("pulumi", "pulumi-aws", "pulumi-gcp", "pulumi-random", "pulumi-policy", "PyYAML", "netaddr", "jaconv")


#: where the running code is (not the stacks' project: that may be any folder)
CODE_ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=4)
def code_digest(root: Path = CODE_ROOT) -> str:
    """One digest of the code that runs (its files) and the installed versions it runs on."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    for package in PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none\n".encode())
    for name in CODE:
        base = root / name
        files = sorted(base.rglob("*.py")) + sorted(base.rglob("*.yaml")) + sorted(base.rglob("*.tsv")) \
            if base.is_dir() else [base] if base.exists() else []
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(declaration: bytes, config: dict, code: Path = CODE_ROOT, file: str = "") -> str:
    """The entry of one stack's check: `file` is where the report says the stack is."""
    parts = (code_digest(code), file, hashlib.sha256(declaration).hexdigest(), json.dumps(config, sort_keys=True))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _path(root: Path, entry: str) -> Path:
    return root / FOLDER / entry[:2] / f"{entry}.json"


def _encode(report: StackReport) -> dict:
    return asdict(report)


def _decode(data: dict) -> StackReport:
    return StackReport(
        data["stack"], data["file"], [Diagnostic(**d) for d in data["diagnostics"]],
        [VerdictReport(v["rule"], v["status"], v["enforcement"], [FindingReport(**f) for f in v["findings"]])
         for v in data["verdicts"]], data["resources"], data["summary"])


def load(root: Path, entry: str) -> StackReport | None:
    """The cached report, or None when there is none or it does not read back exactly."""
    try:
        stored = json.loads(_path(root, entry).read_text(encoding="utf-8"))
        body = json.dumps(stored["report"], sort_keys=True, ensure_ascii=False)
        if stored.get("format") != FORMAT or stored.get("digest") != hashlib.sha256(body.encode()).hexdigest():
            return None
        return _decode(stored["report"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(root: Path, entry: str, report: StackReport) -> None:
    """Write an entry atomically (a reader never sees half of one); a cache that cannot be
    written is only a slower run."""
    body = _encode(report)
    text = json.dumps({"format": FORMAT, "digest": hashlib.sha256(
        json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest(), "report": body},
        sort_keys=True, ensure_ascii=False)
    _write(_path(root, entry), text)


def _write(path: Path, text: str) -> None:
    """Write atomically (a reader never sees half an entry); a cache that cannot be written
    is only a slower run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass


#: a planned inventory is a different kind of entry than a stack's check
INVENTORY_KIND = {"entry": "planned-inventory", "format": 1}


def inventory_key(tenancy, code: Path = CODE_ROOT) -> str:
    """The entry of a stack's planned inventory: the declaration's text, where it is, the
    stack's name and the code; the program reads nothing else."""
    return key(tenancy.source.text.encode(), INVENTORY_KIND, code, f"{tenancy.source.file}\0{tenancy.stack}")


def planned(tenancy, root: Path | None):
    """The stack's planned inventory (components.plan.record), from the cache under `root`
    when an entry matches exactly, else recorded and stored. `root` None: no cache."""
    from components.plan import record
    from inventory.format import Inventory
    if root is None:
        return record(tenancy)
    entry = inventory_key(tenancy)
    try:
        stored = json.loads(_path(root, entry).read_text(encoding="utf-8"))
        body = json.dumps(stored["inventory"], sort_keys=True, ensure_ascii=False)
        if stored.get("format") == FORMAT and stored.get("digest") == hashlib.sha256(body.encode()).hexdigest():
            data = stored["inventory"]
            return Inventory(data["stack"], data["cloud"], data["resources"], data["milliseconds"], data["outputs"],
                             data["secret_outputs"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    inventory = record(tenancy)
    body = asdict(inventory)
    text = json.dumps({"format": FORMAT, "digest": hashlib.sha256(
        json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest(), "inventory": body},
        ensure_ascii=False)  # keys in the order the program wrote them: readers see the same inventory
    _write(_path(root, entry), text)
    return inventory
