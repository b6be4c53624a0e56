"""Which stacks a command works on, loaded in parallel, with the checks across stacks
(duplicate codes, overlapping address spaces) run against every stack in stacks/."""
from __future__ import annotations

from pathlib import Path

from network.naming import stack_name
from network.stacks import Footprint, Result, cross_check, footprint, load_many, peek


def load_checked(paths: list[Path], every: list[Path], jobs: int = 1) -> list[Result]:
    """Load the chosen stacks and add the cross-stack diagnostics, against every stack file
    in `every` (the chosen ones included). A chosen file replaces the stack of the same
    name: a proposed change to a stack is checked against the others, not against its own
    current version."""
    results = load_many(paths, jobs)
    chosen = {r.stack for r in results}
    prints: list[Footprint] = [fp for fp in map(footprint, results) if fp]
    for other in every:
        if stack_name(other) not in chosen:
            fp = peek(other)
            if fp:
                prints.append(fp)
    extra = cross_check(prints, focus={r.stack for r in results})
    return [Result(r.path, r.tenancy,
                   tuple(sorted(set(r.diagnostics) | set(extra.get(r.stack, ()))))) for r in results]
