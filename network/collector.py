"""How often CPython's garbage collector runs in govcloud's processes: one figure and one way
of setting it, for the CLI, the plan under the mock runtime and the policy pack's server.

Each of them builds hundreds of thousands of objects that live as long as the process (the
cloud SDKs' modules, the plan, the pack) and leaves almost no cycles, and with CPython's
default schedule (the young generation every 700 allocations) the collector traversed them
again and again: a third of a cold `govcloud review` of 港区, a fifth of an AnalyzeStack over
9,768 resources (BENCHMARKS.md, issues 14 and 19). Only the schedule changes: every cycle is
still collected. Standard library only, so the CLI can set it before anything heavy loads."""
from __future__ import annotations

import contextlib
import gc

#: allocations between two collections of the young generation
YOUNG_GC_THRESHOLD = 10_000


def collect_less_often(young: int = YOUNG_GC_THRESHOLD) -> tuple[int, int, int]:
    """Collect the young generation every `young` allocations, never more often than the
    process already does; the older generations keep their thresholds. Returns the
    thresholds as they were."""
    before = gc.get_threshold()
    gc.set_threshold(max(young, before[0]), *before[1:])
    return before


@contextlib.contextmanager
def collecting_less_often(young: int = YOUNG_GC_THRESHOLD):
    """collect_less_often() while the block runs, and the thresholds put back after it,
    whatever happens."""
    before = collect_less_often(young)
    try:
        yield
    finally:
        gc.set_threshold(*before)
