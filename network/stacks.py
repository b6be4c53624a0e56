"""Many stacks at once: discovery, parallel loading, and the checks across stacks
(duplicate codes, overlapping address spaces)."""
from __future__ import annotations

import gc
import os
from collections import defaultdict
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import codes
from .declaration import KEY, Tenancy, load
from .naming import STACK_GLOB, display_name
from .errors import DeclarationError, Diagnostic
from .overlap import conflicts
from .source import Source, read, special



def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` (default: cwd) whose Pulumi.yaml is this
    project's; else the folder this package was installed from."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        marker = folder / "Pulumi.yaml"
        if marker.is_file() and "govcloud-hybrid" in marker.read_text(encoding="utf-8", errors="replace"):
            return folder
    return Path(__file__).resolve().parent.parent


def discover(stacks_dir: Path) -> list[Path]:
    """The stack files in a folder; special files (FIFOs, devices, sockets) are left out,
    never opened (skipped() names them)."""
    return sorted(p for p in stacks_dir.glob(STACK_GLOB) if not special(p))


def skipped(stacks_dir: Path) -> list[tuple[Path, str]]:
    """Files named like stacks that are not regular files, with what they are."""
    return sorted((p, what) for p in stacks_dir.glob(STACK_GLOB) if (what := special(p)))


def display_path(path: Path) -> str:
    """Path relative to the working directory when it is below it, as people type it."""
    here, full = os.getcwd(), os.path.abspath(path)  # no symlink resolution: it is per file, and slow
    return full[len(here) + 1:] if full.startswith(here + os.sep) else str(path)


@dataclass(frozen=True)
class Result:
    path: Path
    tenancy: Tenancy | None
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def stack(self) -> str:
        return display_name(self.path)

    @property
    def ok(self) -> bool:
        return self.tenancy is not None and not self.diagnostics


def load_one(path: Path) -> Result:
    try:
        return Result(path, load(path, display_path(path)))
    except DeclarationError as exc:
        return Result(path, None, tuple(exc.diagnostics))


class WorkerDied(RuntimeError):
    """A worker process of --jobs stopped without an answer (killed for memory, or a crash
    in a library); the message says what to do."""


def parallel(function, items: list, jobs: int, chunks_per_job: int = 8, each=None) -> list:
    """map() across `jobs` processes; a dead worker is a WorkerDied, never a traceback.
    `each(result)` is called as results arrive, in order (a progress line)."""
    from concurrent.futures.process import BrokenProcessPool
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            out = []
            for result in pool.map(function, items, chunksize=max(1, len(items) // (jobs * chunks_per_job))):
                out.append(result)
                if each is not None:
                    each(result)
            return out
    except BrokenProcessPool:
        raise WorkerDied(f"a worker process stopped without an answer while {len(items)} stacks were checked with "
                         f"--jobs {jobs} (killed for memory, or a crash in a library); run again with --jobs 1, "
                         "which names the stack it stops at") from None


@contextmanager
def collector_paused():
    """Python's cycle collector off while many long-lived objects are made. Every stack
    read stays in memory until the command ends, and each full collection walks all of
    them again: over the whole country that was a third of `ipam --all`. Reading makes
    no reference cycles to collect, and the collector resumes (as it was) afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load_many(paths: list[Path], jobs: int = 1) -> list[Result]:
    """Load stacks, across `jobs` processes when there are enough to be worth it."""
    jobs = max(1, min(jobs, len(paths), os.cpu_count() or 1))
    if jobs == 1 or len(paths) < 32:
        with collector_paused():
            return [load_one(p) for p in paths]
    return parallel(load_one, paths, jobs)


@dataclass(frozen=True)
class Footprint:
    """What the cross-stack checks need of a stack, even of one that does not validate.
    Lines are looked up only for a conflict (reading them costs more than the checks)."""

    stack: str
    file: str
    code: str | None
    space: str | None
    #: (account, block, system, key path) of each system in its own account (accounts.network)
    systems: tuple = ()
    source: Source | None = field(default=None, compare=False, repr=False)

    def line(self, path: tuple) -> int:
        """The line of a key path under govcloud:tenancy."""
        return self.source.line(("config", KEY) + tuple(path)) if self.source is not None else 0

    @property
    def code_line(self) -> int:
        return self.line(("municipality", "code"))

    @property
    def space_line(self) -> int:
        return self.line(("addressSpace",))


def footprint(result: Result) -> Footprint | None:
    return tenancy_footprint(result.tenancy) if result.tenancy is not None else peek(result.path)


def tenancy_footprint(t: Tenancy) -> Footprint:
    systems = tuple((sp.account, sp.cidr, sp.system, ("layers", sp.layer, "systems", sp.index)) for sp in t.plan.systems)
    return Footprint(t.stack, t.source.file, t.spec.municipality.code, t.spec.address_space, systems, t.source)


def peek(path: Path) -> Footprint | None:
    """Code and address space read leniently from a stack that may not validate."""
    return peek_or_problem(path)[0]


def peek_or_problem(path: Path) -> tuple[Footprint | None, Diagnostic | None]:
    """(footprint, None); or (None, why the file could not be read at all); or (None, None)
    for a file that reads but declares no tenancy."""
    source, problems = read(path, display_path(path))
    if source is None:
        return None, problems[0]
    return _footprint(path, source), None


def _footprint(path: Path, source) -> Footprint | None:
    if not isinstance(source.data, dict):
        return None
    tenancy = (source.data.get("config") or {}).get(KEY) if isinstance(source.data.get("config"), dict) else None
    if not isinstance(tenancy, dict):
        return None
    muni = tenancy.get("municipality") if isinstance(tenancy.get("municipality"), dict) else {}
    code = muni.get("code")
    code = f"{code:06d}" if isinstance(code, int) and not isinstance(code, bool) else code
    space = tenancy.get("addressSpace")
    from .cidr import parse_cidr
    space = space if isinstance(space, str) and parse_cidr(space)[0] is not None else None
    return Footprint(display_name(path), source.file, code if isinstance(code, str) else None, space, (), source)


def cross_check(prints: list[Footprint], focus: set[str] | None = None) -> dict[str, list[Diagnostic]]:
    """Duplicate codes and overlapping address spaces across stacks, per stack name.
    With `focus`, only diagnostics for those stacks are kept (the others are context)."""
    out: dict[str, list[Diagnostic]] = defaultdict(list)
    path_code, path_space = f"{KEY}.municipality.code", f"{KEY}.addressSpace"
    by_code: dict[str, list[Footprint]] = defaultdict(list)
    for fp in prints:
        if fp.code:
            by_code[fp.code].append(fp)
    for code, group in by_code.items():
        for fp in group:
            others = ", ".join(o.file for o in group if o is not fp)
            if others:
                out[fp.stack].append(Diagnostic(fp.file, fp.code_line, path_code,
                                                f"code {code} is also declared by {others}",
                                                "one stack per municipality: merge or remove the other stack",
                                                codes.DUPLICATE_CODE))
    by_stack = {fp.stack: fp for fp in prints}
    for c in conflicts((fp.space, fp.stack) for fp in prints if fp.space):
        a, b = by_stack[c.outer_owner], by_stack[c.inner_owner]
        relation = "is the same block as" if c.outer == c.inner else "contains"
        out[a.stack].append(Diagnostic(a.file, a.space_line, path_space,
                                       f"addressSpace {c.outer} {relation} {c.inner} of {b.stack} ({b.file})",
                                       "take a free block from the pool: govcloud ipam --all lists them",
                                       codes.SPACE_OVERLAP))
        relation = "is the same block as" if c.outer == c.inner else "lies inside"
        out[b.stack].append(Diagnostic(b.file, b.space_line, path_space,
                                       f"addressSpace {c.inner} {relation} {c.outer} of {a.stack} ({a.file})",
                                       "take a free block from the pool: govcloud ipam --all lists them",
                                       codes.SPACE_OVERLAP))
    _shared_accounts(prints, out)
    if focus is not None:
        return {k: v for k, v in out.items() if k in focus}
    return dict(out)


def _shared_accounts(prints: list[Footprint], out: dict) -> None:
    """共同利用方式: a vendor account that serves several municipalities holds a VPC of each;
    their blocks must not overlap there. One sweep over every system block (O(n log n + k)),
    keeping the pairs in one account from two stacks."""
    blocks = [(cidr, (fp.stack, account, system, where)) for fp in prints for account, cidr, system, where in fp.systems]
    by_stack = {fp.stack: fp for fp in prints}
    for c in conflicts(blocks):
        (a_stack, a_account, a_system, a_where), (b_stack, b_account, b_system, b_where) = c.outer_owner, c.inner_owner
        if a_account != b_account or a_stack == b_stack:
            continue
        for (stack, system, where, block), (other, other_system, other_block) in (
                ((a_stack, a_system, a_where, c.outer), (b_stack, b_system, c.inner)),
                ((b_stack, b_system, b_where, c.inner), (a_stack, a_system, c.outer))):
            fp = by_stack[stack]
            out[stack].append(Diagnostic(
                fp.file, fp.line(where), f"{KEY}.layers", f"system {system}'s block {block} in account {a_account} overlaps "
                f"{other_block} of {other} (system {other_system}) in the same account (共同利用方式)",
                "give the two municipalities' systems disjoint blocks: take the address space from the pool "
                "(govcloud ipam --all)", codes.SPACE_OVERLAP))
