"""Each deliberately broken stack yields exactly its expected violations, through the
offline path and through the pack's Analyzer gRPC interface; the samples yield none."""
from __future__ import annotations

import importlib
import pkgutil

import pytest

from components.plan import record
from network.declaration import load
from network.model import build
from policies.evaluate import evaluate
from inventory.format import views as from_inventory
from tests.conftest import SAMPLES
from tests.policies import broken
from tests.policies.analyzer import PolicyPackProcess, analyze

CASES = [importlib.import_module(f"{broken.__name__}.{m.name}") for m in pkgutil.iter_modules(broken.__path__)]
FAMILIES_COVERED = {case.FAMILY for case in CASES}
_INVENTORIES: dict = {}


def inventory_of(case) -> dict:
    key = case.__name__
    if key not in _INVENTORIES:
        tenancy = load(SAMPLES[case.STACK])
        _INVENTORIES[key] = record(tenancy, extra=getattr(case, "extra", None),
                                   alter=[case.alter] if hasattr(case, "alter") else []).as_dict()
    return _INVENTORIES[key]


def sample_inventory(name) -> dict:
    if name not in _INVENTORIES:
        _INVENTORIES[name] = record(load(SAMPLES[name])).as_dict()
    return _INVENTORIES[name]


def offline_failures(stack: str, inventory: dict) -> dict:
    verdicts = evaluate(from_inventory(inventory), build(load(SAMPLES[stack])))
    return {v.rule.id: v for v in verdicts if v.status == "fail"}


def test_every_rule_family_has_a_broken_stack():
    from policies.registry import FAMILIES
    assert FAMILIES_COVERED == set(FAMILIES)


@pytest.mark.parametrize("case", CASES, ids=[c.__name__.rsplit(".", 1)[-1] for c in CASES])
def test_offline_yields_exactly_the_expected_violations(case):
    failures = offline_failures(case.STACK, inventory_of(case))
    assert set(failures) == case.EXPECTED, {k: [f.message for f in v.findings] for k, v in failures.items()}


@pytest.mark.parametrize("stack", ["minato", "setagaya", "itabashi"])
def test_samples_yield_no_violation(stack):
    assert offline_failures(stack, sample_inventory(stack)) == {}


@pytest.fixture(scope="module")
def pack():
    process = PolicyPackProcess()
    yield process
    process.stop()


def grpc_failures(pack, inventory) -> set:
    return {d.policyName for d in analyze(pack, inventory)}


@pytest.mark.parametrize("case", CASES, ids=[c.__name__.rsplit(".", 1)[-1] for c in CASES])
def test_analyzer_agrees_with_the_offline_path(pack, case):
    inventory = inventory_of(case)
    assert grpc_failures(pack, inventory) == set(offline_failures(case.STACK, inventory)) == case.EXPECTED


@pytest.mark.parametrize("stack", ["minato", "itabashi"])
def test_analyzer_passes_the_samples(pack, stack):
    assert grpc_failures(pack, sample_inventory(stack)) == set()


def test_analyzer_reports_mandatory_level_and_remediation(pack):
    from tests.policies.broken import encryption_plain_volume as case
    diagnostics = analyze(pack, inventory_of(case))
    (d,) = diagnostics
    assert d.policyName == "GOV-ENC-001" and d.policyPackName == "govcloud-hybrid"
    assert d.enforcementLevel == 1  # MANDATORY in the analyzer protocol
    assert "[GOV-ENC-001] volume 131032-minato-vendor-data is not encrypted" in d.message
    assert "Fix: Set encrypted: true" in d.message
    assert d.urn.endswith("::131032-minato-vendor-data")


def test_analyzer_reports_unknown_values_as_not_checkable_in_preview(pack):
    from pulumi.runtime.proto import analyzer_pb2
    from pulumi_policy.proxy import UNKNOWN_BOOLEAN_VALUE
    from tests.policies.analyzer import _struct
    request = analyzer_pb2.AnalyzeRequest(
        type="aws:kms/key:Key", name="131032-minato-kms-mynumber",
        urn="urn:pulumi:131032-minato::govcloud-hybrid::aws:kms/key:Key::131032-minato-kms-mynumber",
        properties=_struct({"enableKeyRotation": UNKNOWN_BOOLEAN_VALUE, "deletionWindowInDays": 30,
                            "tags": {"Layer": "mynumber", "MunicipalityCode": "131032"}}),
        options=analyzer_pb2.AnalyzerResourceOptions(protect=True))
    diagnostics = list(pack.stub.Analyze(request).diagnostics)
    (d,) = [d for d in diagnostics if d.policyName == "GOV-ENC-006"]
    assert "during preview" in d.message and "cannot be checked in preview" in d.message
    assert d.enforcementLevel == 0  # advisory: reported, not passed, and not blocking
