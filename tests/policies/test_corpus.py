"""The corpus of resources vendors add (tests/policies/corpus), built with the real SDK
classes under the mock runtime, yields exactly the expected rules per resource through the
offline evaluator (after the inventory's JSON round trip, as `govcloud validate` reads a
saved plan) and through the pack's real Analyzer gRPC interface; the compliant ones yield
nothing. Every type a resource rule names has at least one compliant resource here or in
the samples, so no rule demands an input its SDK class does not have."""
from __future__ import annotations

import importlib.util

import json

import pytest

from inventory import tokens

from components.plan import record
from inventory.format import views
from network.declaration import load
from network.model import build
from policies.evaluate import evaluate
from policies.registry import all_rules
from tests.conftest import SAMPLES, inventory_of
from tests.policies.analyzer import PolicyPackProcess, analyze
from tests.policies.corpus import aws as aws_corpus, gcp as gcp_corpus

CORPORA = {"aws": aws_corpus, "gcp": gcp_corpus}
_RECORDED: dict = {}


def recorded(cloud: str) -> dict:
    if cloud not in _RECORDED:
        corpus = CORPORA[cloud]
        inventory = record(load(SAMPLES[corpus.STACK]), extra=corpus.extra).as_dict()
        _RECORDED[cloud] = json.loads(json.dumps(inventory))  # as a saved plan is read back
    return _RECORDED[cloud]


def offline(cloud: str) -> dict:
    corpus = CORPORA[cloud]
    found: dict = {}
    for v in evaluate(views(recorded(cloud)), build(load(SAMPLES[corpus.STACK]))):
        for f in v.findings:
            found.setdefault((f.urn or "").rsplit("::", 1)[-1], set()).add(v.rule.id)
    return found


@pytest.fixture(scope="module")
def pack():
    process = PolicyPackProcess()
    yield process
    process.stop()


def test_the_corpus_is_large_enough():
    for cloud in CORPORA:
        recorded(cloud)
    expected = {**aws_corpus.EXPECTED, **gcp_corpus.EXPECTED}
    assert len(expected) >= 100  # issue 19: at least 80
    assert sum(1 for e in expected.values() if not e) >= 55


@pytest.mark.parametrize("cloud", sorted(CORPORA))
def test_offline_findings_are_exactly_the_expected_ones(cloud):
    found = offline(cloud)
    expected = CORPORA[cloud].EXPECTED
    assert {n: found.get(n, set()) for n in expected} == expected
    # and nothing else of the stack is flagged (the sample itself is clean)
    assert set(found) <= set(expected), {n: r for n, r in found.items() if n not in expected}


@pytest.mark.parametrize("cloud", sorted(CORPORA))
def test_the_analyzer_agrees_resource_by_resource(pack, cloud):
    through_grpc: dict = {}
    for d in analyze(pack, recorded(cloud)):
        if d.enforcementLevel == 1:
            through_grpc.setdefault(d.urn.rsplit("::", 1)[-1], set()).add(d.policyName)
    assert through_grpc == offline(cloud)


def test_every_type_a_resource_rule_names_has_a_compliant_resource_built_with_its_sdk_class():
    flagged = set()
    resources = []
    for cloud, corpus in CORPORA.items():
        flagged |= {n for n, e in corpus.EXPECTED.items() if e}
        resources += recorded(cloud)["resources"]
    for stack in ("minato", "setagaya", "itabashi"):
        resources += inventory_of(stack).as_dict()["resources"]
    compliant_types = {r["type"] for r in resources if r["name"] not in flagged}
    missing = [(rule.id, token) for rule, token in _named_pairs() if not _covers(token, compliant_types)]
    assert missing == []


def _named_pairs():
    """(rule, type) for every type a resource rule names that can be built with an SDK class
    this project depends on (not a whole package such as "aws:", nor aws-native's)."""
    for rule in all_rules():
        if rule.scope != "resource":
            continue
        for token in rule.types:
            if token.count(":") < 2 and token.endswith(":"):
                continue
            if importlib.util.find_spec("pulumi_" + tokens.package(token).replace("-", "_")) is not None:
                yield rule, token


def _covers(token: str, types) -> bool:
    """One of `types` is `token`, or under it when it is a prefix ("aws:rds/")."""
    return any(t == token or (token.endswith((":", "/")) and t and t.startswith(token)) for t in types)


#: (rule, type) pairs whose only violation the API itself refuses, so no valid resource breaks
#: them; each rule stays as defence in depth (a hand-written state, another tool's plan)
NO_VALID_VIOLATION = {
    ("GOV-DATA-003", "aws:kms/key:Key"): "deletion_window_in_days: \"it must be between `7` and `30`\"",
    ("GOV-LINE-003", "aws:directconnect/gateway:Gateway"): "amazon_side_asn: \"must be in the private range\"",
    ("GOV-LINE-003", "aws:ec2transitgateway/transitGateway:TransitGateway"): "amazon_side_asn: \"Private Autonomous "
                                                                           "System Number\"",
    ("GOV-LINE-003", "gcp:compute/router:Router"): "bgp.asn: \"Must be an RFC6996 private ASN\" (16550 for Partner "
                                                   "Interconnect, which the rule allows)",
    # not the API: a hosted connection has no location input (an output of pulumi_aws), so a
    # plan never carries one; it is judged with its interconnect by GOV-REG-007
    ("GOV-REG-004", "aws:directconnect/hostedConnection:"): "location is an output only",
}


def test_every_type_a_resource_rule_names_is_broken_by_some_corpus_resource():
    """Issue 19, item 4: a matcher entry that can never match passes every resource of its type
    (ECR's replication rules were read where pulumi_aws has none). Each (rule, type) is broken by
    at least one corpus resource of that type, through the offline path, or is listed above
    with the reason no valid resource can break it."""
    broken: dict = {}
    for cloud in CORPORA:
        types = {r["name"]: r["type"] for r in recorded(cloud)["resources"]}
        for name, rules in offline(cloud).items():
            for rule_id in rules:
                broken.setdefault(rule_id, set()).add(types.get(name))
    missing = [(rule.id, token) for rule, token in _named_pairs()
               if not _covers(token, broken.get(rule.id, ())) and (rule.id, token) not in NO_VALID_VIOLATION]
    assert missing == []
    # and every exemption is still needed: a pair the corpus now breaks leaves the list
    assert not [pair for pair in NO_VALID_VIOLATION if pair[1] in broken.get(pair[0], ())]
