"""The CrossGuard adapter: every registered rule as a pulumi_policy policy, evaluated by
the same run_rule() the offline path uses. `pulumi preview --policy-pack policies` runs
it through policies/__main__.py."""
from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from pulumi_policy import (EnforcementLevel, PolicyPack, ResourceValidationPolicy, StackValidationPolicy)

from policies.servicer import DIRECT, DIRECT_STACK, PLAIN, install, remembered
from policies.evaluate import UNKNOWN_IN_PREVIEW, Context, run_rule, rule_config
from policies.registry import Rule, all_rules
from policies.unknowns import UNKNOWN_STRING_VALUE, UnknownInResource, checking
from inventory.decode import provider_inputs, whole_numbers
from inventory.layers import Layers
from inventory.view import Resource

ROOT = Path(__file__).resolve().parent.parent
LEVELS = {"mandatory": EnforcementLevel.MANDATORY, "advisory": EnforcementLevel.ADVISORY,
          "disabled": EnforcementLevel.DISABLED}


@lru_cache(maxsize=64)
def model_for(stack: str):
    """The network model of `stack`, from stacks/Pulumi.<stack>.yaml; None if it is not
    there or does not validate (rules that need it then fail closed)."""
    from network.declaration import load
    from network.errors import DeclarationError
    from network.model import build
    from network.naming import stack_file
    path = stack_file(ROOT, stack)
    try:
        return build(load(path, f"stacks/{path.name}"))
    except (DeclarationError, OSError):
        return None


def _props(props, urn: str, name: str):
    """The analyzer's properties with numbers as the inventory has them, behind a proxy that
    traces an unknown value to this resource (policies/unknowns.py), so it stays 'cannot be
    checked in preview' for this resource only. A plain dict comes from our servicer, which
    converts numbers already (policies/wire.py); pulumi_policy's own loops hand proxies."""
    return checking(props if type(props) is dict else _plain(props), urn, name)


def _plain(value):
    """The plain values behind pulumi_policy's proxies (`proxy["__target"]`), at every depth,
    with integral numbers made ints as inventory.decode.whole_numbers makes them, in one walk
    (for pulumi_policy's own loops: GOVCLOUD_ANALYZER=pulumi_policy)."""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return whole_numbers(value)
    if isinstance(value, Mapping):
        target = value if isinstance(value, dict) else value["__target"]
        return {k: _plain(v) for k, v in target.items()}
    if isinstance(value, Sequence) and not isinstance(value, bytes):
        target = value if isinstance(value, list) else value["__target"]
        return [_plain(v) for v in target]
    return value


#: a provider's decoded inputs, by the provider object: the servicer keeps each distinct
#: provider as one object across requests (a stack has a handful, each resource names one);
#: an entry goes with its object
_PROVIDER_INPUTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _provider_props(provider) -> dict:
    if provider is None:
        return {}
    decoded = _PROVIDER_INPUTS.get(provider)
    if decoded is None:
        decoded = _PROVIDER_INPUTS[provider] = provider_inputs(provider.props)
    return decoded


def _view(resource_type, props, urn, name, opts, provider, dependencies=None) -> Resource:
    """The analyzer's resource as the rules see it; the provider's inputs are decoded by the
    view, exactly as an inventory's are. Built once per request (policies/servicer.py):
    within a request the same properties object is the same resource."""
    return remembered("view", props, lambda: _new_view(resource_type, props, urn, name, bool(opts.protect),
                                                       opts.parent or None, provider, dependencies), urn)


def _new_view(resource_type, props, urn, name, protect: bool, parent, provider, dependencies) -> Resource:
    return Resource(resource_type, name, urn, _props(props, urn, name), protect, None,
                    _provider_props(provider), parent, None,
                    dependencies or {}, provider.urn if provider is not None else None)


def _report(report_violation, rule: Rule, status: str, findings) -> None:
    """Each definite finding at the rule's level; then, if some resources could not be
    checked in preview, one advisory naming each of them (pulumi_policy reports an
    UnknownValueError raised by a policy as advisory, after what was already reported)."""
    for f in findings:
        if not f.unknown:
            report_violation(f"[{rule.id}] {f.message}\n{rule.title_en}. Fix: {rule.remediation}", f.urn)
    unchecked = [f for f in findings if f.unknown]
    if unchecked:
        error = UnknownInResource(UNKNOWN_STRING_VALUE, [], unchecked[0].urn or "", "")
        error.message = f"{UNKNOWN_IN_PREVIEW}: " + "; ".join(
            f.message.removeprefix(f"{UNKNOWN_IN_PREVIEW}: ") for f in unchecked)
        raise error


def to_policy(rule: Rule):
    description = f"{rule.title_en} ({rule.title_ja}). {rule.rationale}"
    level = LEVELS[rule.enforcement]
    if rule.scope == "resource":
        def validate_plain(resource_type, props, urn, name, opts, provider, config, report_violation):
            if not rule.applies_to(resource_type):
                return
            view = _view(resource_type, props, urn, name, opts, provider)
            ctx = Context(model_for(view.stack) if rule.needs_declaration else None,
                          {**rule.config_defaults, **(config or {})}, [view])
            _report(report_violation, rule, *run_rule(rule, [view], ctx))

        def validate(args, report_violation):
            validate_plain(args.resource_type, args.props, args.urn, args.name, args.opts, args.provider,
                           args.get_config(), report_violation)
        policy = ResourceValidationPolicy(name=rule.id, description=description, validate=validate,
                                          enforcement_level=level)
        policy.applies_to = rule.applies_to  # the servicer skips a type the rule cannot apply to
        setattr(policy, PLAIN, True)  # _props takes plain values and traces unknowns itself
        setattr(policy, DIRECT, validate_plain)  # the servicer calls it without building args
        return policy

    def judge_stack(views, layers, config, report_violation):
        stack = views[0].stack if views else ""
        ctx = Context(model_for(stack) if stack else None, {**rule.config_defaults, **(config or {})}, views, layers)
        _report(report_violation, rule, *run_rule(rule, views, ctx))

    # the views and their layer attribution are shared by every stack policy of the request,
    # as the offline path shares them across rules (policies/evaluate.py)
    def validate_stack(args, report_violation):
        views, layers = remembered("stack views", args.resources, lambda: _stack_views(args.resources))
        judge_stack(views, layers, args.get_config(), report_violation)

    def validate_stack_plain(resources, config, report_violation):
        views, layers = remembered("stack views", resources, lambda: _plain_stack_views(resources))
        judge_stack(views, layers, config, report_violation)
    policy = StackValidationPolicy(name=rule.id, description=description, validate=validate_stack,
                                   enforcement_level=level)
    setattr(policy, PLAIN, True)
    setattr(policy, DIRECT_STACK, validate_stack_plain)  # the servicer hands it PlainResource records
    return policy


def _stack_views(resources) -> tuple[list[Resource], Layers]:
    """The stack's resources as the rules see them (the engine's own resources left out), and
    their layer attribution."""
    views = [_view(r.resource_type, r.props, r.urn, r.name, r.opts, r.provider,
                   {k: [d.urn for d in v] for k, v in (r.property_dependencies or {}).items()})
             for r in resources if not r.resource_type.startswith("pulumi:")]
    return views, Layers(views)


def _plain_stack_views(resources) -> tuple[list[Resource], Layers]:
    """_stack_views from the servicer's PlainResource records (policies/servicer.py)."""
    views = [_new_view(r.resource_type, r.props, r.urn, r.name, r.protect, r.parent, r.provider,
                       r.property_dependencies)
             for r in resources if not r.resource_type.startswith("pulumi:")]
    return views, Layers(views)


def tune_gc() -> None:
    """The pack process's garbage collector, set for a server whose requests build thousands
    of short-lived objects: what is loaded at start (modules, rules, the pack) lives as long
    as the process and is frozen out of every collection (gc.freeze), and the young
    generation is collected on govcloud's schedule (network/collector.py). An AnalyzeStack
    over 9,768 resources spent about a fifth of its time collecting; the whole run through
    gRPC is about 9% faster (BENCHMARKS.md, issue 19)."""
    import gc

    from network.collector import collect_less_often
    gc.freeze()
    collect_less_often()


def serve() -> None:
    """Build the pack and serve it (PolicyPack prints its port and blocks), with the
    request loops of policies/servicer.py unless GOVCLOUD_ANALYZER=pulumi_policy (its own
    loops: to rule ours out when a new pulumi_policy misbehaves; bench/policy_scale.py
    measures both)."""
    import os
    if os.environ.get("GOVCLOUD_ANALYZER") != "pulumi_policy":
        install()
    policies = [to_policy(rule) for rule in all_rules()]
    tune_gc()
    PolicyPack(name="govcloud-hybrid", policies=policies,
               enforcement_level=EnforcementLevel.MANDATORY,
               description="Domestic regions, encryption and three-layer isolation for municipal tenancies "
                           "(国内リージョン・暗号化・三層分離)")


__all__ = ["serve", "to_policy", "model_for", "rule_config", "tune_gc"]
