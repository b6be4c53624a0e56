"""policies/servicer.py: the pack's Analyze and AnalyzeStack convert each resource once
per request, and answer exactly as pulumi_policy's own servicer does, in-process and
through the pack process. The installed pulumi_policy must still have what the servicer
builds on (a new pulumi_policy that renames it fails here, not in preview)."""
from __future__ import annotations

import threading

import pytest
from google.protobuf import json_format, struct_pb2
from pulumi_policy import EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy
from pulumi_policy import policy as pulumi_policy_module

from components.plan import record
from network.declaration import load
from policies import servicer as ours
from policies.crossguard import to_policy
from policies.registry import all_rules
from tests.conftest import SAMPLES
from tests.policies.analyzer import requests

ORIGINAL = ours._BASE


def _build(cls, policies=None, config=None):
    return cls("govcloud-hybrid", "0.0.1", policies or [to_policy(r) for r in all_rules()],
               EnforcementLevel.MANDATORY, config, None, None, None, None, None, None)


def _answers(servicer, inventory) -> list:
    single, stack = requests(inventory)
    out = [json_format.MessageToDict(servicer.Analyze(r, None)) for r in single]
    return out + [json_format.MessageToDict(servicer.AnalyzeStack(stack, None))]


def _corpus_inventory():
    """The AWS corpus (compliant and non-compliant resources vendors add): answers with violations."""
    from tests.policies.test_corpus import recorded
    return recorded("aws")


def test_the_installed_pulumi_policy_has_what_the_servicer_builds_on():
    for name in ours.NEEDED:
        assert hasattr(ORIGINAL, name) or name in ORIGINAL.__annotations__, name
    servicer = _build(ours.Servicer)
    for name in ours.NEEDED:
        if name.startswith("_PolicyAnalyzerServicer__"):
            assert hasattr(servicer, name), name  # set by pulumi_policy's own __init__


@pytest.mark.parametrize("case", ["minato", "itabashi", "corpus"])
def test_the_pack_answers_exactly_as_pulumi_policy_does(case):
    inventory = _corpus_inventory() if case == "corpus" else record(load(SAMPLES[case])).as_dict()
    theirs = _answers(_build(ORIGINAL), inventory)
    mine = _answers(_build(ours.Servicer), inventory)
    assert mine == theirs
    if case == "corpus":
        assert any(a.get("diagnostics") for a in mine)  # the comparison saw violations


def _configure(servicer, levels: dict) -> None:
    """The engine's Configure call: the pack config's enforcement level per policy."""
    from pulumi.runtime.proto import analyzer_pb2
    request = analyzer_pb2.ConfigureAnalyzerRequest()
    for name, level in levels.items():
        request.policyConfig[name].enforcementLevel = level
    servicer.Configure(request, None)


def test_configured_levels_unknowns_and_not_applicable_as_pulumi_policy_reports_them():
    """A resource rule and a stack rule disabled and another made advisory by the pack
    config, a policy without validation (not applicable), policies raising an unknown value
    (advisory), after reporting: every answer is pulumi_policy's."""
    from pulumi.runtime.proto import analyzer_pb2
    from pulumi_policy.proxy import UnknownValueError
    rules = all_rules()
    resource_rule = next(r for r in rules if r.scope == "resource")
    stack_rule = next(r for r in rules if r.scope == "stack")
    # made advisory: a resource rule the AWS corpus breaks (public policies, aws_public.py)
    advisory = next(r for r in rules if r.id == "GOV-DATA-004")
    levels = {resource_rule.id: analyzer_pb2.DISABLED, stack_rule.id: analyzer_pb2.DISABLED,
              advisory.id: analyzer_pb2.ADVISORY}

    def unknown(args, report):
        raise UnknownValueError("04da6b54-80e4-46f7-96ec-b56ff0331ba9", ["id"])

    def stack_unknown(args, report):
        report("seen", args.resources[0].urn if args.resources else None)
        raise UnknownValueError("04da6b54-80e4-46f7-96ec-b56ff0331ba9", ["id"])

    inventory = _corpus_inventory()
    answers = []
    for cls in (ORIGINAL, ours.Servicer):
        extra = [ResourceValidationPolicy("remediation-only", "no validate", remediate=lambda args: None),
                 ResourceValidationPolicy("always-unknown", "raises", validate=unknown),
                 StackValidationPolicy("stack-unknown", "reports, then raises", validate=stack_unknown)]
        servicer = _build(cls, [to_policy(r) for r in rules] + extra)
        _configure(servicer, levels)
        answers.append(_answers(servicer, inventory))
    assert answers[0] == answers[1]
    diagnostics = [d for a in answers[1] for d in a.get("diagnostics", [])]
    assert any(n.get("policyName") == "remediation-only" for a in answers[1] for n in a.get("notApplicable", []))
    assert any(d.get("policyName") == "always-unknown" and d.get("enforcementLevel", "ADVISORY") == "ADVISORY"
               for d in diagnostics)
    assert any(d.get("policyName") == "stack-unknown" and d.get("message", "").endswith("seen") for d in diagnostics)
    assert not any(d.get("policyName") in (resource_rule.id, stack_rule.id) for d in diagnostics)
    made_advisory = [d for d in diagnostics if d.get("policyName") == advisory.id]
    assert made_advisory and all(d.get("enforcementLevel", "ADVISORY") == "ADVISORY" for d in made_advisory)


def test_a_configure_between_requests_takes_effect_at_once():
    """Which policies run for a type, at which level, is worked out once per type; a
    Configure after requests must still change the next answer, as with pulumi_policy."""
    from pulumi.runtime.proto import analyzer_pb2
    inventory = _corpus_inventory()
    single, _ = requests(inventory)
    answers = []
    for cls in (ORIGINAL, ours.Servicer):
        servicer = _build(cls)
        before = [json_format.MessageToDict(servicer.Analyze(r, None)) for r in single]
        found = {d["policyName"] for a in before for d in a.get("diagnostics", [])}
        _configure(servicer, {name: analyzer_pb2.DISABLED for name in found})
        after = [json_format.MessageToDict(servicer.Analyze(r, None)) for r in single]
        answers.append((before, after))
        assert found and not any(a.get("diagnostics") for a in after)
    assert answers[0] == answers[1]


def test_each_resource_is_converted_once_per_request(monkeypatch):
    calls = []

    def counting(original):
        def count(*args):
            calls.append(1)
            return original(*args)
        return count
    monkeypatch.setattr(ours, "plain_properties", counting(ours.plain_properties))  # our policies' properties
    monkeypatch.setattr(ours, "deserialize_properties", counting(ours.deserialize_properties))  # others'
    # the provider's, converted by pulumi_policy
    monkeypatch.setattr(pulumi_policy_module, "deserialize_properties",
                        counting(pulumi_policy_module.deserialize_properties))
    single, stack = requests(record(load(SAMPLES["setagaya"])).as_dict())
    servicer = _build(ours.Servicer)
    vpcs = [r for r in single if r.type == "aws:ec2/vpc:Vpc"]
    assert len(vpcs) > 1 and vpcs[0].provider == vpcs[1].provider
    servicer.Analyze(vpcs[0], None)
    assert len(calls) == 2  # its properties, its provider's: once each
    servicer.Analyze(vpcs[1], None)
    assert len(calls) == 3  # the same provider is not converted again
    calls.clear()
    servicer.AnalyzeStack(stack, None)
    providers = {r.provider.SerializeToString(deterministic=True) for r in stack.resources if r.HasField("provider")}
    seen = sum(vpcs[0].provider.SerializeToString(deterministic=True) == p for p in providers)
    assert len(calls) == len(stack.resources) + len(providers) - seen  # every stack policy: once per message


def test_a_type_no_rule_applies_to_is_not_converted(monkeypatch):
    calls = []
    monkeypatch.setattr(ours, "_deserialized", lambda struct: calls.append(1) or {})
    monkeypatch.setattr(ours, "plain_properties", lambda struct: calls.append(1) or {})
    from pulumi.runtime.proto import analyzer_pb2
    stack_resource = analyzer_pb2.AnalyzeRequest(type="pulumi:pulumi:Stack", name="s",
                                                 urn="urn:pulumi:s::govcloud-hybrid::pulumi:pulumi:Stack::s")
    policies = [to_policy(r) for r in all_rules() if r.scope == "resource" and not r.applies_to(stack_resource.type)]
    _build(ours.Servicer, policies).Analyze(stack_resource, None)
    assert calls == []
    _build(ours.Servicer).Analyze(stack_resource, None)  # GOV-REG-006 applies to every type
    assert calls == [1]


def test_only_a_policy_marked_plain_gets_plain_properties_and_others_keep_the_proxies():
    """Ours read plain values and trace unknowns themselves; any other policy in the pack sees
    pulumi_policy's unknown-checking proxies and its UnknownValueError, as from pulumi_policy."""
    from pulumi.runtime.proto import analyzer_pb2
    seen = {}

    def recorder(name, plain):
        def validate(args, report_violation):
            seen[name] = args.props
            args.props["tags"]["Layer"]  # an unknown value: only the proxy raises
        policy = ResourceValidationPolicy(name=name, description=name, validate=validate)
        if plain:
            setattr(policy, ours.PLAIN, True)
        return policy
    request = analyzer_pb2.AnalyzeRequest(type="aws:ec2/vpc:Vpc", name="v", urn="urn:pulumi:s::p::aws:ec2/vpc:Vpc::v",
                                          properties=json_format.ParseDict(
                                              {"tags": {"Layer": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"}},
                                              struct_pb2.Struct()))
    response = _build(ours.Servicer, [recorder("plain", True), recorder("proxied", False)]).Analyze(request, None)
    assert type(seen["plain"]) is dict and type(seen["plain"]["tags"]) is dict
    assert not isinstance(seen["proxied"], dict) and seen["proxied"]["__target"]
    assert [d.policyName for d in response.diagnostics] == ["proxied"]
    assert "during preview" in response.diagnostics[0].message
    assert all(getattr(p, ours.PLAIN, False) for p in (to_policy(r) for r in all_rules()))


def test_a_policy_with_a_direct_validation_is_called_directly_with_its_config():
    """A policy offering DIRECT (all of ours) is called with the request's values and its own
    config, without pulumi_policy's arguments; its report is the policy's, at its level."""
    from pulumi.runtime.proto import analyzer_pb2
    calls = []

    def never(args, report_violation):
        raise AssertionError("validate(args) called although the policy offers a direct validation")

    def direct(resource_type, props, urn, name, opts, provider, config, report_violation):
        calls.append((resource_type, props, urn, name, opts.protect, provider, config))
        report_violation(f"seen {props['n']}", urn)
    policy = ResourceValidationPolicy(name="direct", description="d", validate=never,
                                      enforcement_level=EnforcementLevel.ADVISORY, config_schema=None)
    setattr(policy, ours.PLAIN, True)
    setattr(policy, ours.DIRECT, direct)
    servicer = _build(ours.Servicer, [policy])
    configure = analyzer_pb2.ConfigureAnalyzerRequest()  # the engine's Configure: the pack config
    configure.policyConfig["direct"].enforcementLevel = analyzer_pb2.ADVISORY
    configure.policyConfig["direct"].properties.update({"limit": 3})
    servicer.Configure(configure, None)
    request = analyzer_pb2.AnalyzeRequest(type="aws:ec2/vpc:Vpc", name="v", urn="urn:pulumi:s::p::aws:ec2/vpc:Vpc::v",
                                          properties=json_format.ParseDict({"n": 5.0}, struct_pb2.Struct()))
    response = servicer.Analyze(request, None)
    assert calls == [("aws:ec2/vpc:Vpc", {"n": 5}, request.urn, "v", False, None, {"limit": 3})]
    assert [(d.policyName, d.urn, d.enforcementLevel) for d in response.diagnostics] == \
        [("direct", request.urn, analyzer_pb2.ADVISORY)]
    assert response.diagnostics[0].message == "d\nseen 5"
    assert all(getattr(p, ours.DIRECT, None) for p in (to_policy(r) for r in all_rules() if r.scope == "resource"))


def test_stack_policies_with_a_direct_validation_share_plain_records_else_all_get_pulumi_policys_args():
    """When every stack policy offers DIRECT_STACK they get one list of PlainResource records
    (links as URNs of the request's resources); when one does not, every one gets
    StackValidationArgs, as from pulumi_policy."""
    from pulumi.runtime.proto import analyzer_pb2
    seen = {}

    def stack_policy(name, direct):
        def validate(args, report_violation):
            seen[name] = ("args", args.resources)

        def validate_plain(resources, config, report_violation):
            seen[name] = ("plain", resources)
            report_violation(f"{len(resources)} resources")
        policy = StackValidationPolicy(name=name, description=name, validate=validate)
        setattr(policy, ours.PLAIN, True)
        if direct:
            setattr(policy, ours.DIRECT_STACK, validate_plain)
        return policy
    stack = analyzer_pb2.AnalyzeStackRequest()
    vpc = stack.resources.add(type="aws:ec2/vpc:Vpc", name="v", urn="urn:pulumi:s::p::aws:ec2/vpc:Vpc::v")
    vpc.properties.update({"cidrBlock": "10.0.0.0/16", "n": 2.0})
    subnet = stack.resources.add(type="aws:ec2/subnet:Subnet", name="s", urn="urn:pulumi:s::p::aws:ec2/subnet:Subnet::s")
    subnet.options.protect = True
    subnet.options.parent = vpc.urn
    subnet.propertyDependencies["vpcId"].urns.extend([vpc.urn, "urn:pulumi:s::p::aws:ec2/vpc:Vpc::elsewhere"])

    response = _build(ours.Servicer, [stack_policy("a", True), stack_policy("b", True)]).AnalyzeStack(stack, None)
    assert seen["a"][0] == "plain" and seen["a"][1] is seen["b"][1]  # one list for the request
    first, second = seen["a"][1]
    assert (first.resource_type, first.props, first.protect, first.parent) == ("aws:ec2/vpc:Vpc",
                                                                               {"cidrBlock": "10.0.0.0/16", "n": 2},
                                                                               False, None)
    assert (second.protect, second.parent, second.property_dependencies) == (True, vpc.urn, {"vpcId": [vpc.urn]})
    assert [d.message for d in response.diagnostics] == ["a\n2 resources", "b\n2 resources"]

    seen.clear()
    _build(ours.Servicer, [stack_policy("a", True), stack_policy("b", False)]).AnalyzeStack(stack, None)
    assert seen["a"][0] == seen["b"][0] == "args"
    assert all(getattr(p, ours.DIRECT_STACK, None) for p in (to_policy(r) for r in all_rules() if r.scope == "stack"))


def test_outside_a_request_nothing_is_remembered_and_threads_do_not_share():
    seen = []
    ours._local.memo = None
    assert ours.remembered("k", object(), lambda: 1) == 1
    key = object()

    def request(value):
        ours._local.memo = {}
        seen.append(ours.remembered("k", key, lambda: value))
        ours._local.memo = None
    threads = [threading.Thread(target=request, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen) == [0, 1]  # each thread computed its own


def test_the_pack_process_serves_the_same_with_pulumi_policys_own_loops():
    """GOVCLOUD_ANALYZER=pulumi_policy (the switch the benchmark uses, and an escape hatch
    if a new pulumi_policy misbehaves) gives the same diagnostics as the default pack."""
    from tests.policies.analyzer import PolicyPackProcess, analyze
    inventory = _corpus_inventory()
    answers = []
    for env in (None, {"GOVCLOUD_ANALYZER": "pulumi_policy"}):
        pack = PolicyPackProcess(env)
        try:
            answers.append(sorted(json_format.MessageToJson(d) for d in analyze(pack, inventory)))
        finally:
            pack.stop()
    assert answers[0] == answers[1] and answers[0]


def test_the_pack_process_freezes_what_it_starts_with_and_collects_young_objects_less_often():
    """crossguard.serve() tunes the collector before serving (run in a process of its own, the
    pack's PolicyPack replaced so that it returns instead of serving)."""
    import subprocess
    import sys

    from tests.conftest import ROOT
    probe = ("import gc, policies.crossguard as cg\n"
             "cg.PolicyPack = lambda **kw: None\n"
             "cg.serve()\n"
             "print(gc.get_freeze_count(), gc.get_threshold()[0])\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    frozen, young = map(int, out.stdout.split())
    assert frozen > 10_000 and young == 10_000
