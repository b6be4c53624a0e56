"""`govcloud ipam`: the address plan of each stack as rows, answered for an unchanged stack
from `.govcloud/cache` without reading its YAML again.

A stack's rows depend only on its file's bytes, where it is (the name people see), its
stack name and the code (pipeline/cache.py's code digest covers the code and the installed
versions), so an entry is keyed by exactly those and a stale one cannot be found. Only a
stack that loads without a diagnostic is kept. The checks across stacks (codes, overlaps,
shared accounts) are never cached: they run over every stack each time, because a new or
changed stack can collide with one that did not change. An entry is a digest line and the
body it covers, all stacks in one file per version of the code (one read and one write per
run); a file that does not read back exactly is ignored and rewritten.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from network.errors import Diagnostic
from network.naming import display_name
from network.source import MAX_BYTES, Source, special
from network.stacks import Footprint, display_path, load_many, tenancy_footprint

#: an entry of this kind never answers for another kind (validate's reports, inventories)
KIND = {"entry": "ipam-rows", "format": 1}
#: a row: (layer, role, zone or region, cidr, usable addresses or None, state)
Row = tuple


@dataclass(frozen=True)
class Planned:
    """One stack's part of `ipam`: its rows, what the checks across stacks need of it, and
    its own diagnostics (a stack that does not load has no rows)."""

    path: Path
    stack: str
    file: str
    rows: tuple
    footprint: Footprint | None
    diagnostics: tuple = ()


def rows_of(tenancy) -> list[Row]:
    """The stack's blocks: its space, each layer (and the network account's VPC in it), each
    system's block, every subnet, the data center's prefixes, and what is still free."""
    spec, plan = tenancy.spec, tenancy.plan
    regions = set(spec.regions)
    rows = [("-", "space", "-", plan.space, None, "allocated")]
    for lp in plan.layers:
        state = "enabled" if lp.enabled else "reserved"
        rows.append((lp.layer, "layer", "-", lp.cidr, None, state + (" (explicit)" if lp.explicit else "")))
        if lp.services:  # systems in their own accounts: the network account's VPC in the layer
            rows.append((lp.layer, "network", "-", lp.services, None, f"{state} (account {spec.network_account})"))
        subnets = list(lp.subnets)
        for sp in plan.systems_of(lp.layer):
            rows.append((lp.layer, "system", sp.system, sp.cidr, None, f"{state} (account {sp.account})"))
            subnets += sp.subnets
        for s in subnets:
            # a Google Cloud subnet is regional: its "zone" is a region, and says so
            where = f"{s.zone} (region)" if s.zone in regions else s.zone
            rows.append((s.layer, s.role, where, s.cidr, s.usable, state + (f" (system {s.system})" if s.system else "")))
    for layer_id, prefixes in spec.data_center.prefixes:
        rows.extend((layer_id, "on-prem", "dc", p, None, "on-prem") for p in prefixes)
    rows.extend(("-", "free", "-", free, None, "free") for free in plan.free)
    return rows


def planned(paths: list[Path], jobs: int = 1, root: Path | None = None) -> list[Planned]:
    """Each stack's rows, in the order of `paths`: from the cache under `root` where an entry
    matches exactly, else loaded (in `jobs` processes) and, when it loads cleanly, stored.
    `root` None: no cache."""
    from pipeline import cache
    out: dict[int, Planned] = {}
    keys: dict[int, tuple[str, str]] = {}  # index -> (entry key, the text it was made from)
    kept = _read(root) if root is not None else {}
    for i, path in enumerate(paths):
        text = _text(path) if root is not None else None
        if text is None:  # no cache, or a file the loader must judge (special, too large, not UTF-8)
            continue
        file, stack = display_path(path), display_name(path)
        keys[i] = (cache.key(text.encode("utf-8"), KIND, file=f"{file}\0{stack}"), text)
        hit = _entry(kept.get(keys[i][0]), path, stack, file, text)
        if hit is not None:
            out[i] = hit
    missing = [i for i in range(len(paths)) if i not in out]
    new = {}
    for i, result in zip(missing, load_many([paths[i] for i in missing], jobs)):
        if result.tenancy is None:
            out[i] = Planned(result.path, result.stack, display_path(result.path), (), None, result.diagnostics)
            continue
        t = result.tenancy
        out[i] = Planned(result.path, result.stack, t.source.file, tuple(rows_of(t)), tenancy_footprint(t),
                         result.diagnostics)
        # kept only if the loader read the very text the key was made from (not a file
        # changed in between): a stale entry cannot be written
        if i in keys and not result.diagnostics and t.source.text == keys[i][1]:
            new[keys[i][0]] = _encoded(out[i])
    if new:
        _write(root, kept, new)
    return [out[i] for i in range(len(paths))]


def _text(path: Path) -> str | None:
    """The file as the loader would read it, or None when the loader must see it itself."""
    try:
        if special(path) or path.stat().st_size > MAX_BYTES:
            return None
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _file(root: Path) -> Path:
    """All entries of the running code in one file (one read, one write, per run)."""
    from pipeline.cache import FOLDER, code_digest
    return root / FOLDER / f"ipam-{code_digest()[:32]}.entries"


def _read(root: Path) -> dict:
    """The entries, or none when the file is missing or does not read back exactly."""
    try:
        digest, body = _file(root).read_text(encoding="utf-8").split("\n", 1)
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != digest:
            return {}
        entries = json.loads(body)
        return entries if isinstance(entries, dict) else {}
    except (OSError, ValueError):
        return {}


def _write(root: Path, kept: dict, new: dict) -> None:
    """The entries read plus the new ones, one per stack file (a stack's older entry goes,
    and so does the entry of a file that is no longer there): the file holds as many entries
    as there are stacks. Files of other code are removed: no key of theirs can match again."""
    from pipeline.cache import _write as write_atomically
    replaced = {(e.get("file"), e.get("stack")) for e in new.values()}
    # an entry of a stack file that is gone (or named from another folder) goes too
    entries = {k: e for k, e in kept.items() if isinstance(e, dict) and (e.get("file"), e.get("stack")) not in replaced
               and isinstance(e.get("file"), str) and os.path.isfile(e["file"])}
    entries.update(new)
    body = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    target = _file(root)
    write_atomically(target, hashlib.sha256(body.encode("utf-8")).hexdigest() + "\n" + body)
    for stale in target.parent.glob("ipam-*.entries"):
        if stale != target:
            stale.unlink(missing_ok=True)


def _encoded(p: Planned) -> dict:
    fp = p.footprint
    return {"file": p.file, "stack": p.stack, "rows": p.rows, "code": fp.code, "space": fp.space,
            "systems": [list(s[:3]) + [list(s[3])] for s in fp.systems]}


def _entry(data, path: Path, stack: str, file: str, text: str) -> Planned | None:
    """A Planned from an entry, or None when there is none or it is not one this code wrote."""
    if data is None:
        return None
    try:
        if data["file"] != file or data["stack"] != stack:
            return None
        systems = tuple((a, cidr, system, tuple(where)) for a, cidr, system, where in data["systems"])
        rows = tuple(tuple(r) for r in data["rows"])
        if any(len(r) != 6 for r in rows):
            return None
        # lines are found from the text only if a check across stacks reports this stack
        fp = Footprint(stack, file, data["code"], data["space"], systems, Source(file, None, None, text))
        return Planned(path, stack, file, rows, fp)
    except (KeyError, TypeError, ValueError):
        return None


def as_dicts(stack: str, rows) -> list[dict]:
    """Rows as `ipam --format json` prints them."""
    return [{"stack": stack, "layer": layer, "role": role, "zone": zone, "cidr": cidr, "usable": usable,
             "state": state} for layer, role, zone, cidr, usable, state in rows]


__all__ = ["Diagnostic", "Planned", "as_dicts", "planned", "rows_of"]
