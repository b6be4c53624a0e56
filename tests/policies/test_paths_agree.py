"""The offline path (the rules over an inventory) and the CrossGuard path (the pack served
through its real Analyzer gRPC interface) report identical findings: the same rules, on the
same resources, with the same messages, for the samples and every broken stack."""
from __future__ import annotations

import pytest

from inventory.format import views
from network.declaration import load
from network.model import build
from policies.evaluate import evaluate
from tests.conftest import SAMPLES, inventory_of
from tests.policies.analyzer import PolicyPackProcess, analyze
from tests.policies.test_broken_stacks import CASES
from tests.policies.test_broken_stacks import inventory_of as broken_inventory


@pytest.fixture(scope="module")
def pack():
    process = PolicyPackProcess()
    yield process
    process.stop()


def offline(stack: str, inventory) -> set:
    found = set()
    for verdict in evaluate(views(inventory), build(load(SAMPLES[stack]))):
        if verdict.status in ("fail", "unknown"):
            found |= {(verdict.rule.id, f.urn or "", f.message) for f in verdict.findings}
    return found


def crossguard(pack, inventory) -> set:
    found = set()
    for d in analyze(pack, inventory):
        # pulumi_policy puts the policy's description first; the finding is the line that
        # starts with the rule id (policies/crossguard.py)
        prefix = f"[{d.policyName}] "
        (line,) = [line for line in d.message.splitlines() if line.startswith(prefix)]
        found.add((d.policyName, d.urn, line[len(prefix):]))
    return found


@pytest.mark.parametrize("stack", sorted(SAMPLES))
def test_samples(pack, stack):
    inventory = inventory_of(stack).as_dict()
    assert crossguard(pack, inventory) == offline(stack, inventory) == set()


@pytest.mark.parametrize("case", CASES, ids=[c.__name__.rsplit(".", 1)[-1] for c in CASES])
def test_broken_stacks(pack, case):
    inventory = broken_inventory(case)
    found = offline(case.STACK, inventory)
    assert found, "a broken stack must have findings"
    assert crossguard(pack, inventory) == found
