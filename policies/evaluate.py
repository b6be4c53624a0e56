"""Evaluate the registered rules over a stack's resources: the offline path of
`govcloud validate` and `govcloud plan`, and the engine behind the CrossGuard pack.

- A rule that raises is a violation naming the rule (fail closed).
- A rule that meets a value unknown during preview is reported as "cannot be checked in
  preview", never passed, and only for the resource whose value it is: the rule goes on
  over every other resource, and their definite violations stay violations.
- Enforcement per rule: the rule's default, overridden by the pack configuration (the
  same JSON as `pulumi preview --policy-pack-config`).
"""
from __future__ import annotations

import dataclasses
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from network.errors import DeclarationError, Diagnostic
from network.fields import suggest
from inventory.layers import Layers
from inventory.view import Resource
from policies.registry import ENFORCEMENT, Finding, Rule, all_rules
from network import codes

UNKNOWN_IN_PREVIEW = "cannot be checked in preview"


@dataclass
class Context:
    model: Any  # network.model.NetworkModel | None
    config: dict
    resources: list[Resource] = field(default_factory=list)
    _layers: Layers | None = None

    @property
    def layers(self) -> Layers:
        if self._layers is None:
            self._layers = Layers(self.resources)
        return self._layers

    def by_urn(self) -> dict[str, Resource]:
        return self.layers.by_urn

    def target(self, resource: Resource, prop: str) -> Resource | None:
        """The resource that `resource.<prop>` refers to, through the property's dependency."""
        return self.layers.target(resource, prop)

    def layer(self, resource: Resource) -> str | None:
        """The resource's layer (inventory/layers.py)."""
        return self.layers.of(resource)

    def line_entry(self, resource: Resource) -> tuple:
        """The declaration path of the line a resource belongs to (`connectivity.lines[2]`), so
        a finding points at the entry that caused it; the list when none can be told. A
        line's resources are named after it (…-tokyo-1, …-tokyo-1-macsec); the longest line
        name that fits wins, so `tokyo-a` is not taken for `tokyo`."""
        lines = self.model.spec.connectivity.lines if self.model is not None else ()
        name = resource.name
        fits = [(len(line.name), i) for i, line in enumerate(lines)
                if name.endswith(f"-{line.name}") or f"-{line.name}-" in name]
        return ("connectivity", "lines", max(fits)[1]) if fits else ("connectivity", "lines")


@dataclass
class Verdict:
    rule: Rule
    enforcement: str
    status: str  # pass | fail (a definite violation) | unknown (only unchecked resources) | disabled
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        return self.status == "fail" and self.enforcement == "mandatory"

    @property
    def unknowns(self) -> list[Finding]:
        """The resources that could not be checked in preview, one finding each."""
        return [f for f in self.findings if f.unknown]


def enforcement_of(rule: Rule, config: dict) -> str:
    value = config.get(rule.id, config.get("all"))
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "enforcementLevel" in value:
        return value["enforcementLevel"]
    return rule.enforcement


def rule_config(rule: Rule, config: dict) -> dict:
    value = config.get(rule.id)
    extra = {k: v for k, v in value.items() if k != "enforcementLevel"} if isinstance(value, dict) else {}
    return {**rule.config_defaults, **extra}


def _findings(result) -> list[Finding]:
    return [f if isinstance(f, Finding) else Finding(str(f)) for f in (result or ())]


def unknown_in_preview() -> tuple:
    """pulumi_policy's UnknownValueError, the error a rule raises when it reads a value unknown
    in preview (policies/unknowns.py), or nothing to catch when pulumi_policy is not loaded:
    then no rule can have raised it. Offline (an inventory, no preview) that keeps pulumi_policy,
    and with it the whole Pulumi SDK, out of the process: about a quarter of evaluating a
    10,000-resource inventory (BENCHMARKS.md, issue 19)."""
    proxy = sys.modules.get("pulumi_policy.proxy")
    return (proxy.UnknownValueError,) if proxy is not None else ()


def _unknown(exc: Exception, urn: str | None) -> Finding:
    return Finding(f"{UNKNOWN_IN_PREVIEW}: {exc.message}", getattr(exc, "urn", None) or urn, unknown=True)


def _stack_findings(rule: Rule, resources: list[Resource], ctx: Context) -> list[Finding]:
    """A stack rule over every resource whose values it can read. When it meets a value
    unknown in preview, the resource that holds it (policies/unknowns.py) is set aside as
    unchecked and the rule runs again over the rest; a value that cannot be traced to a
    resource leaves the whole rule unchecked, as before."""
    unchecked: list[Finding] = []
    live = list(resources)
    while True:
        run_ctx = ctx if len(live) == len(resources) else dataclasses.replace(ctx, resources=live, _layers=None)
        try:
            return _findings(rule.check(live, run_ctx)) + unchecked
        except unknown_in_preview() as exc:
            urn = getattr(exc, "urn", None)
            if urn is None or not any(r.urn == urn for r in live):
                return unchecked + [_unknown(exc, None)]
            unchecked.append(_unknown(exc, urn))
            live = [r for r in live if r.urn != urn]


def _resource_findings(rule: Rule, resources: list[Resource], ctx: Context, by_type: dict | None) -> list[Finding]:
    targets = resources if by_type is None else [r for t, rs in by_type.items() if rule.applies_to(t) for r in rs]
    found: list[Finding] = []
    for r in targets:
        if rule.applies_to(r.type):
            try:
                found += _findings(rule.check(r, ctx))
            except unknown_in_preview() as exc:
                found.append(_unknown(exc, r.urn))
    return found


def status_of(found: list[Finding]) -> str:
    return "fail" if any(not f.unknown for f in found) else "unknown" if found else "pass"


def run_rule(rule: Rule, resources: list[Resource], ctx: Context, by_type: dict | None = None
             ) -> tuple[str, list[Finding]]:
    """(status, findings) of one rule; never raises. Findings with `unknown` set are the
    resources that could not be checked in preview; the status is "fail" when any other
    finding remains."""
    try:
        if rule.needs_declaration and ctx.model is None:
            return "fail", [Finding(f"{rule.id} needs the stack's declaration (stacks/Pulumi.<stack>.yaml), "
                                    "which was not found: treated as a violation")]
        found = _stack_findings(rule, resources, ctx) if rule.scope == "stack" else \
            _resource_findings(rule, resources, ctx, by_type)
        return status_of(found), found
    except Exception as exc:  # noqa: BLE001 - fail closed, naming the rule
        return "fail", [Finding(f"rule {rule.id} raised {type(exc).__name__}: {exc} (treated as a violation)")]


def evaluate(resources: list[Resource], model=None, config: dict | None = None,
             rules: list[Rule] | None = None) -> list[Verdict]:
    config = config or {}
    by_type: dict[str, list[Resource]] = defaultdict(list)
    for r in resources:
        by_type[r.type].append(r)
    layers = Layers(resources)  # one attribution for every rule: the same resources, the same layers
    verdicts = []
    for rule in rules if rules is not None else all_rules():
        level = enforcement_of(rule, config)
        if level == "disabled":
            verdicts.append(Verdict(rule, level, "disabled"))
            continue
        ctx = Context(model, rule_config(rule, config), resources, layers)
        status, found = run_rule(rule, resources, ctx, by_type)
        verdicts.append(Verdict(rule, level, status, found))
    return verdicts


def load_config(path: Path, display: str | None = None) -> dict:
    """A policy pack configuration file (JSON, as for `pulumi preview --policy-pack-config`):
    {"GOV-ISO-001": "advisory", "GOV-TLS-003": {"enforcementLevel": "mandatory", "layers": [...]}}"""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as exc:
        raise DeclarationError([Diagnostic(name, 0, "", f"cannot read the policy config: {exc.strerror}",
                                           "check the path", codes.POLICY_CONFIG)]) from None
    except ValueError as exc:
        raise DeclarationError([Diagnostic(name, getattr(exc, "lineno", 0), "", f"not valid JSON: {exc.msg}",
                                           "fix the JSON syntax", codes.POLICY_CONFIG)]) from None
    ids = [r.id for r in all_rules()]
    problems = []
    if not isinstance(data, dict):
        problems.append(Diagnostic(name, 1, "", "the policy config is a JSON object of rule ids", "write {...}", codes.POLICY_CONFIG))
        data = {}
    for key, value in data.items():
        line = _line_of(text, key)
        if key != "all" and key not in ids:
            problems.append(Diagnostic(name, line, key, f"unknown rule {key!r}", suggest(key, ids) or
                                       "see govcloud rules for the ids", codes.POLICY_CONFIG))
            continue
        level = value if isinstance(value, str) else value.get("enforcementLevel") if isinstance(value, dict) else None
        if isinstance(value, dict) and "enforcementLevel" not in value and key != "all":
            level = "ok"  # a rule's own settings, its level as the pack's
        if level not in (*ENFORCEMENT, "ok"):
            problems.append(Diagnostic(name, line, key, f"enforcement level {level!r} is not one of "
                                       f"{', '.join(ENFORCEMENT)}", "use advisory, mandatory or disabled", codes.POLICY_CONFIG))
    if problems:
        raise DeclarationError(problems)
    return data


def _line_of(text: str, key: str) -> int:
    """The line a key of the policy config is written on (1-based; 0 if not found as written)."""
    at = text.find(json.dumps(key))
    return text.count("\n", 0, at) + 1 if at >= 0 else 0
