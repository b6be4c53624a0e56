"""Which stacks a command works on, loaded in parallel, with the checks across stacks
(duplicate codes, overlapping address spaces) run against every stack in stacks/."""
from __future__ import annotations

from pathlib import Path

from network import codes
from network.declaration import KEY
from network.errors import Diagnostic
from network.naming import stack_name
from network.stacks import Footprint, Result, cross_check, display_path, footprint, load_many, peek_or_problem


def load_checked(paths: list[Path], every: list[Path], jobs: int = 1) -> list[Result]:
    """Load the chosen stacks and add the cross-stack diagnostics, against every stack file
    in `every` (the chosen ones included). A chosen file replaces the stack of the same
    name: a proposed change to a stack is checked against the others, not against its own
    current version."""
    results = load_many(paths, jobs)
    extra = across([(r.stack, r.path, r.tenancy.source.file if r.tenancy else display_path(r.path),
                     footprint(r) if r.tenancy is not None else None) for r in results], every)
    return [Result(r.path, r.tenancy,
                   tuple(sorted(set(r.diagnostics) | set(extra.get(r.stack, ()))))) for r in results]


def across(chosen: list[tuple[str, Path, str, Footprint | None]], every: list[Path]) -> dict[str, list[Diagnostic]]:
    """The diagnostics of the checks across stacks, per chosen stack. `chosen`: (stack, path,
    file, footprint of a stack that loaded, or None: it is read leniently); every stack in
    `every` that is not chosen is read leniently as context."""
    names = {stack for stack, _, _, _ in chosen}
    prints: list[Footprint] = []
    unreadable = []
    for _, path, _, fp in chosen:  # a loaded stack gives its footprint; another is read once, leniently
        fp, problem = (fp, None) if fp is not None else peek_or_problem(path)
        if fp:
            prints.append(fp)
        elif problem:
            unreadable.append((path, problem))
    for other in every:
        if stack_name(other) not in names:
            fp, problem = peek_or_problem(other)
            if fp:
                prints.append(fp)
            elif problem:
                unreadable.append((other, problem))
    extra = cross_check(prints, focus=names)
    for path, problem in unreadable:  # the overlap check cannot vouch for what it could not read
        for stack, own, file, _ in chosen:
            if own != path:
                extra.setdefault(stack, []).append(Diagnostic(
                    file, 0, f"{KEY}.addressSpace",
                    f"the cross-stack check could not read {problem.file} ({problem.message}), so overlaps with it "
                    "are unknown", "fix or remove that file; then every stack is checked against it",
                    codes.SPACE_OVERLAP))
    return extra
