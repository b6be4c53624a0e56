"""The collector's schedule while a plan runs (components/plan.py collecting_less_often) and in
a govcloud process (scripts/cli.py): the young generation is collected every 10,000
allocations instead of every 700, and only the schedule changes."""
from __future__ import annotations

import gc

import pytest
from click.testing import CliRunner

from components.plan import PLAN_GC_YOUNG_THRESHOLD, collecting_less_often, record
from network.declaration import load
from tests.conftest import SAMPLES


@pytest.fixture
def thresholds():
    """Whatever a test does to the collector's thresholds is undone after it."""
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # CPython's defaults, whatever ran before
    yield
    gc.set_threshold(*before)


def test_the_block_collects_less_often_and_puts_the_thresholds_back(thresholds):
    with collecting_less_often():
        assert gc.get_threshold() == (PLAN_GC_YOUNG_THRESHOLD, 10, 10)
        assert gc.isenabled()  # cycles are still collected
    assert gc.get_threshold() == (700, 10, 10)


def test_the_thresholds_come_back_when_the_block_fails(thresholds):
    with pytest.raises(ZeroDivisionError), collecting_less_often():
        1 / 0
    assert gc.get_threshold() == (700, 10, 10)


def test_a_process_that_already_collects_less_often_is_left_so(thresholds):
    gc.set_threshold(50_000, 20, 5)
    with collecting_less_often():
        assert gc.get_threshold() == (50_000, 20, 5)
    assert gc.get_threshold() == (50_000, 20, 5)


def test_cycles_made_in_the_block_are_still_collected(thresholds):
    import weakref

    class Node:
        pass
    with collecting_less_often():
        a, b = Node(), Node()
        a.other, b.other = b, a
        alive = weakref.ref(a)
        del a, b
        gc.collect(0)
        assert alive() is None


def test_the_program_runs_under_the_schedule_and_the_process_gets_its_own_back(thresholds):
    seen = []
    record(load(SAMPLES["setagaya"]), extra=lambda model, component: seen.append(gc.get_threshold()))
    assert seen == [(PLAN_GC_YOUNG_THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)


def test_every_govcloud_command_runs_with_the_plans_schedule(thresholds):
    """The CLI sets it for its whole process (imports and the work after the plan too); the
    figure is the plan's, so a change to one is a change to both."""
    from scripts import cli
    assert cli.YOUNG_GC_THRESHOLD == PLAN_GC_YOUNG_THRESHOLD
    result = CliRunner().invoke(cli.main, ["validate", "--schema-only", "131121-setagaya"])
    assert result.exit_code == 0, result.output
    assert gc.get_threshold() == (cli.YOUNG_GC_THRESHOLD, 10, 10)
