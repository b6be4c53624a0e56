"""A value unknown during preview makes only its own resource "cannot be checked in
preview" (advisory); a definite violation on another resource of the same stack rule stays
a violation at the rule's level, through the offline evaluator and the real Analyzer."""
from __future__ import annotations

import pytest
from pulumi.runtime.proto import analyzer_pb2
from pulumi_policy.proxy import UNKNOWN_ARRAY_VALUE, UNKNOWN_BOOLEAN_VALUE, unknown_checking_proxy

from inventory.view import Resource
from policies.evaluate import evaluate
from policies.registry import all_rules
from policies.unknowns import checking
from tests.policies.analyzer import PolicyPackProcess, _struct

STACK = "urn:pulumi:131032-minato::govcloud-hybrid::"
SG = "aws:ec2/securityGroup:SecurityGroup"
KEY = "aws:kms/key:Key"
TAGS = {"Layer": "mynumber", "MunicipalityCode": "131032"}
OPEN = {"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": ["0.0.0.0/0"]}


def inputs(ingress_cidrs):
    return {"vpcId": "vpc-1", "tags": TAGS, "ingress": [{**OPEN, "cidrBlocks": ingress_cidrs}]}


#: listed with the unknown one first, so an early stop would hide the definite violation
RESOURCES = [(SG, "131032-minato-sg-computed", inputs(UNKNOWN_ARRAY_VALUE)),
             (SG, "131032-minato-sg-open", inputs(["0.0.0.0/0"])),
             (KEY, "131032-minato-kms-computed", {"enableKeyRotation": UNKNOWN_BOOLEAN_VALUE, "tags": TAGS}),
             (KEY, "131032-minato-kms-off", {"enableKeyRotation": False, "tags": TAGS})]


def views(proxy=checking):
    return [Resource(t, name, STACK + f"{t}::{name}",
                     proxy(props, STACK + f"{t}::{name}", name) if proxy is checking else proxy(props))
            for t, name, props in RESOURCES]


def verdict(rule_id, resources):
    (rule,) = [r for r in all_rules() if r.id == rule_id]
    (v,) = evaluate(resources, None, {}, [rule])
    return v


@pytest.mark.parametrize("rule_id,definite,unchecked", [
    ("GOV-ISO-003", "131032-minato-sg-open", "131032-minato-sg-computed"),  # a stack rule
    ("GOV-ENC-006", "131032-minato-kms-off", "131032-minato-kms-computed"),  # a resource rule
])
def test_offline_the_unknown_resource_is_set_aside_and_the_rest_is_judged(rule_id, definite, unchecked):
    v = verdict(rule_id, views())
    assert v.status == "fail" and v.blocking
    assert [f.urn.rsplit("::", 1)[-1] for f in v.findings if not f.unknown] == [definite]
    (u,) = v.unknowns
    assert u.urn.endswith(unchecked) and u.message.startswith(f"cannot be checked in preview: {unchecked}: ")


def test_only_unknowns_leave_the_rule_unchecked_not_passed():
    computed = [r for r in views() if r.name.endswith("computed")]
    v = verdict("GOV-ISO-003", computed)
    assert v.status == "unknown" and not v.blocking and len(v.unknowns) == 1


def test_a_value_that_names_no_resource_still_leaves_the_rule_unchecked():
    """pulumi_policy's own proxy does not say whose value it was: the rule cannot go on."""
    v = verdict("GOV-ISO-003", views(proxy=unknown_checking_proxy))
    assert v.status == "unknown" and [f.unknown for f in v.findings] == [True]


@pytest.fixture(scope="module")
def pack():
    process = PolicyPackProcess()
    yield process
    process.stop()


def test_the_analyzer_keeps_the_definite_violation_mandatory(pack):
    request = analyzer_pb2.AnalyzeStackRequest(resources=[
        analyzer_pb2.AnalyzerResource(type=t, name=name, urn=STACK + f"{t}::{name}", properties=_struct(props))
        for t, name, props in RESOURCES])
    diagnostics = [d for d in pack.stub.AnalyzeStack(request).diagnostics if d.policyName == "GOV-ISO-003"]
    mandatory = [d for d in diagnostics if d.enforcementLevel == 1]
    advisory = [d for d in diagnostics if d.enforcementLevel == 0]
    assert [d.urn.rsplit("::", 1)[-1] for d in mandatory] == ["131032-minato-sg-open"]
    (a,) = advisory
    assert "cannot be checked in preview: 131032-minato-sg-computed: " in a.message
    assert "sg-open" not in a.message


def test_the_analyzer_judges_each_resource_of_a_resource_rule_alone(pack):
    levels = {}
    for t, name, props in RESOURCES[2:]:
        request = analyzer_pb2.AnalyzeRequest(type=t, name=name, urn=STACK + f"{t}::{name}", properties=_struct(props))
        levels[name] = {d.enforcementLevel for d in pack.stub.Analyze(request).diagnostics
                        if d.policyName == "GOV-ENC-006"}
    assert levels == {"131032-minato-kms-computed": {0}, "131032-minato-kms-off": {1}}


def test_the_project_s_own_first_preview_downgrades_no_rule():
    """On a first preview the flow-log bucket policies, built from each bucket's ARN, are
    unknown. That makes those policies and their buckets "cannot be checked in preview", and
    nothing else: no rule fails, and a bucket added without any policy still fails."""
    import dataclasses

    from inventory.format import views as inventory_views
    from network.declaration import load
    from network.model import build
    from pulumi_policy.proxy import UNKNOWN_STRING_VALUE
    from tests.conftest import SAMPLES, inventory_of

    def first_preview(resources):
        out = []
        for r in resources:
            props = dict(r.props)
            if r.type == "aws:s3/bucketPolicy:BucketPolicy":
                props["policy"] = UNKNOWN_STRING_VALUE
            out.append(dataclasses.replace(r, props=checking(props, r.urn, r.name)))
        return out

    resources = first_preview(inventory_views(inventory_of("minato")))
    policies = [r for r in resources if r.type == "aws:s3/bucketPolicy:BucketPolicy"]
    assert policies, "the sample has flow-log bucket policies"
    verdicts = evaluate(resources, build(load(SAMPLES["minato"])), {})
    assert [v.rule.id for v in verdicts if v.status == "fail"] == []
    (tls,) = [v for v in verdicts if v.rule.id == "GOV-TLS-001"]
    assert tls.status == "unknown" and sorted(f.urn for f in tls.unknowns) == sorted(p.urn for p in policies)

    stray = Resource("aws:s3/bucket:Bucket", "131032-minato-stray", STACK + "aws:s3/bucket:Bucket::131032-minato-stray",
                     checking({"tags": TAGS}, STACK + "stray", "stray"))
    (tls,) = evaluate(resources + [stray], None, {}, [r for r in all_rules() if r.id == "GOV-TLS-001"])
    assert tls.status == "fail" and [f.urn for f in tls.findings if not f.unknown] == [stray.urn]


def test_a_crypto_key_whose_ring_is_built_in_the_same_preview_is_judged_not_set_aside():
    """A crypto key's location is read from its key ring id (GOV-REG-002). When the ring is
    created in the same stack its id is unknown in preview: the ring is judged itself, so the
    key must not turn the rule into "cannot be checked"; a ring id outside Japan still fails."""
    from pulumi_policy.proxy import UNKNOWN_STRING_VALUE
    t = "gcp:kms/cryptoKey:CryptoKey"
    stack = "urn:pulumi:131199-itabashi::govcloud-hybrid::"
    tokyo = {"region": "asia-northeast1", "project": "itabashi-net"}

    def key(name, ring):
        props = {"keyRing": ring, "rotationPeriod": "7776000s", "labels": {"layer": "lgwan"}}
        return Resource(t, name, f"{stack}{t}::{name}", checking(props, f"{stack}{t}::{name}", name),
                        provider_props=tokyo)

    built_here = key("131199-itabashi-key-new-ring", UNKNOWN_STRING_VALUE)
    abroad = key("131199-itabashi-key-us", "projects/itabashi-net/locations/us-central1/keyRings/r")
    in_global = key("131199-itabashi-key-global", "projects/itabashi-net/locations/global/keyRings/r")
    tokyo_ring = key("131199-itabashi-key-tokyo", "projects/itabashi-net/locations/asia-northeast1/keyRings/r")
    v = verdict("GOV-REG-002", [built_here, tokyo_ring])
    assert v.status == "pass" and not v.unknowns
    v = verdict("GOV-REG-002", [built_here, abroad, in_global, tokyo_ring])
    assert v.status == "fail" and sorted(f.urn for f in v.findings) == sorted([abroad.urn, in_global.urn])


def test_the_proxy_answers_get_and_in_as_a_mapping_reading_each_value_would():
    """unknowns._Dict's own get and `in` (faster than Mapping's) answer as Mapping's do,
    an unknown value raising in both."""
    from collections.abc import Mapping

    from policies.unknowns import UnknownInResource, _Dict
    props = {"a": 1, "n": None, "unknown": UNKNOWN_ARRAY_VALUE, "nested": {"b": [2]}}
    ours = checking(props, STACK + "x", "x")
    for key in ("a", "n", "nested", "missing", "__target"):
        def target(value):
            return value["__target"] if isinstance(value, _Dict) else value
        assert target(ours.get(key, "d")) == target(Mapping.get(ours, key, "d"))
        assert (key in ours) == Mapping.__contains__(ours, key)
    assert ours.get("nested")["b"][0] == 2 and ours.get("__target") is props
    for read in (lambda: ours.get("unknown"), lambda: "unknown" in ours, lambda: Mapping.get(ours, "unknown")):
        with pytest.raises(UnknownInResource) as raised:
            read()
        assert raised.value.urn == STACK + "x"
