"""policies/analyzer_cache.py: the pack converts each resource once per request, and
reports exactly what it reported before. The installed pulumi_policy must still have every
name the cache rebinds (a new pulumi_policy that renames them fails here, not in preview)."""
from __future__ import annotations

import threading

import pytest
from google.protobuf import json_format
from pulumi_policy import EnforcementLevel
from pulumi_policy import policy as pulumi_policy_module

from components.plan import record
from network.declaration import load
from policies import analyzer_cache
from policies.crossguard import to_policy
from policies.registry import all_rules
from tests.conftest import SAMPLES
from tests.policies.analyzer import requests


def _servicer(policy_module):
    return policy_module._PolicyAnalyzerServicer(
        "govcloud-hybrid", "0.0.1", [to_policy(r) for r in all_rules()], EnforcementLevel.MANDATORY,
        None, None, None, None, None, None, None)


def _answers(servicer, inventory) -> list:
    single, stack = requests(inventory)
    out = [json_format.MessageToDict(servicer.Analyze(r, None)) for r in single]
    return out + [json_format.MessageToDict(servicer.AnalyzeStack(stack, None))]


def test_the_installed_pulumi_policy_has_what_the_cache_rebinds():
    for name in analyzer_cache.REBOUND:
        assert hasattr(pulumi_policy_module, name), name
    for name in analyzer_cache.SCOPED + analyzer_cache.HELPERS:
        assert hasattr(pulumi_policy_module._PolicyAnalyzerServicer, name), name


@pytest.fixture()
def fresh_policy_module(monkeypatch):
    """pulumi_policy.policy as installed, with the cache installed on it for this test only."""
    for name in analyzer_cache.REBOUND:
        monkeypatch.setattr(pulumi_policy_module, name, getattr(pulumi_policy_module, name))
    for name in analyzer_cache.SCOPED + analyzer_cache.HELPERS:
        monkeypatch.setattr(pulumi_policy_module._PolicyAnalyzerServicer, name,
                            getattr(pulumi_policy_module._PolicyAnalyzerServicer, name))
    return pulumi_policy_module


def _corpus_inventory():
    """The AWS corpus (compliant and non-compliant resources vendors add): answers with violations."""
    from tests.policies.test_corpus import recorded
    return recorded("aws")


@pytest.mark.parametrize("case", ["minato", "itabashi", "corpus"])
def test_the_pack_answers_exactly_the_same_with_the_cache(fresh_policy_module, case):
    inventory = _corpus_inventory() if case == "corpus" else record(load(SAMPLES[case])).as_dict()
    before = _answers(_servicer(fresh_policy_module), inventory)
    analyzer_cache.install()
    assert fresh_policy_module._PolicyAnalyzerServicer.Analyze.__wrapped_by_govcloud__
    after = _answers(_servicer(fresh_policy_module), inventory)
    assert after == before
    if case == "corpus":
        assert any(a.get("diagnostics") for a in after)  # the comparison saw violations


def test_each_resource_is_converted_once_per_request(fresh_policy_module, monkeypatch):
    analyzer_cache.install()
    calls = []
    original = fresh_policy_module.deserialize_properties.__wrapped__

    def counting(props, *args):
        calls.append(1)
        return original(props, *args)
    monkeypatch.setattr(fresh_policy_module, "deserialize_properties", analyzer_cache._by_identity(counting))
    single, stack = requests(record(load(SAMPLES["setagaya"])).as_dict())
    servicer = _servicer(fresh_policy_module)
    first = single[0]
    servicer.Analyze(first, None)
    assert len(calls) == 1 + first.HasField("provider")  # its properties, its provider's: once each
    calls.clear()
    servicer.AnalyzeStack(stack, None)
    messages = len(stack.resources) + sum(r.HasField("provider") for r in stack.resources)
    assert len(calls) == messages  # 36 policies, still one conversion per message


def test_outside_a_request_nothing_is_remembered_and_threads_do_not_share():
    seen = []
    analyzer_cache._local.memo = None
    assert analyzer_cache.remembered("k", object(), lambda: 1) == 1
    key = object()

    def request(value):
        analyzer_cache._local.memo = {}
        seen.append(analyzer_cache.remembered("k", key, lambda: value))
        analyzer_cache._local.memo = None
    threads = [threading.Thread(target=request, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen) == [0, 1]  # each thread computed its own


def test_the_pack_process_serves_the_same_with_the_cache_switched_off():
    """GOVCLOUD_NO_ANALYZER_CACHE=1 (the switch the benchmark uses, and an escape hatch if a
    new pulumi_policy misbehaves) gives the same diagnostics as the default pack."""
    from tests.policies.analyzer import PolicyPackProcess, analyze
    from tests.policies.test_corpus import recorded
    inventory = recorded("aws")
    answers = []
    for env in (None, {"GOVCLOUD_NO_ANALYZER_CACHE": "1"}):
        pack = PolicyPackProcess(env)
        try:
            answers.append(sorted(json_format.MessageToJson(d) for d in analyze(pack, inventory)))
        finally:
            pack.stop()
    assert answers[0] == answers[1] and answers[0]
