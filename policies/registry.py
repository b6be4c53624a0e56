"""The rule registry. A rule is a small unit with an id, a title in Japanese and English,
a severity, a rationale, a remediation and a check; modules under policies/rules register
their rules with the decorators here and `all_rules()` finds them by walking the package,
so no list of rules is kept by hand.

Two scopes, as in CrossGuard:
- resource rules see one resource at a time: check(resource, context) -> findings
- stack rules see every resource of the stack at once: check(resources, context) -> findings

A check yields Finding objects (or plain strings). `context.model` is the stack's network
model (its declaration), `context.config` the rule's configuration.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Callable, Iterable

FAMILIES = {
    "region": ("国内リージョン", "Domestic region"),
    "encryption-at-rest": ("保存データの暗号化", "Encryption at rest"),
    "encryption-in-transit": ("通信の暗号化", "Encryption in transit"),
    "isolation": ("三層分離", "Three-layer isolation"),
    "line": ("専用線", "Dedicated line"),
    "data-protection": ("データ保護", "Data protection"),
    "tagging": ("タグ付け", "Tagging"),
    "account": ("アカウント全体の設定", "Account-wide settings"),
    "accounts": ("アカウント構成", "Accounts and projects"),
}
SEVERITIES = ("critical", "high", "medium", "low")
ENFORCEMENT = ("mandatory", "advisory", "disabled")


@dataclass(frozen=True)
class Finding:
    message: str
    urn: str | None = None
    #: the declaration key (relative to govcloud:tenancy) the finding belongs to, for SARIF
    path: tuple = ()
    #: the resource could not be checked: a value it needs is unknown during preview
    unknown: bool = False


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    title_en: str
    title_ja: str
    severity: str
    rationale: str
    remediation: str
    scope: str  # resource | stack
    check: Callable[..., Iterable[Finding | str]]
    enforcement: str = "mandatory"
    types: tuple[str, ...] = ()  # resource rules: the types it applies to ("aws:" prefixes allowed)
    needs_declaration: bool = False
    config_defaults: dict = field(default_factory=dict)
    clouds: tuple[str, ...] = ()  # the clouds the rule speaks of; empty: every cloud
    #: applies_to's answer per type, worked out once (a rule meets a handful of types, thousands of times)
    _applies: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    @property
    def file(self) -> str:
        """The rule's source file, relative to the repository root."""
        return "policies/rules/" + self.check.__module__.rsplit(".", 1)[-1] + ".py"

    def applies_to(self, resource_type: str) -> bool:
        """A type token matches itself; one ending in ':' or '/' matches every type it starts
        (`aws:` a package, `aws:rds/` a module: aws:rds/instance:Instance, aws:rds/cluster:Cluster)."""
        known = self._applies.get(resource_type)
        if known is None:
            known = self._applies[resource_type] = not self.types or any(
                resource_type == t or (t.endswith((":", "/")) and resource_type.startswith(t)) for t in self.types)
        return known

    @property
    def title(self) -> str:
        return f"{self.title_ja} / {self.title_en}"


_REGISTRY: dict[str, Rule] = {}


def _register(scope: str, **meta) -> Callable:
    def decorate(fn: Callable) -> Callable:
        rule = Rule(scope=scope, check=fn, **meta)
        if rule.id in _REGISTRY and _REGISTRY[rule.id].check.__qualname__ != fn.__qualname__:
            raise ValueError(f"rule id {rule.id} is registered twice")
        if rule.family not in FAMILIES or rule.severity not in SEVERITIES or rule.enforcement not in ENFORCEMENT:
            raise ValueError(f"rule {rule.id}: unknown family, severity or enforcement")
        _REGISTRY[rule.id] = rule
        return fn
    return decorate


def resource_rule(**meta) -> Callable:
    return _register("resource", **meta)


def stack_rule(**meta) -> Callable:
    return _register("stack", **meta)


def all_rules() -> list[Rule]:
    """Every rule in policies/rules, found by importing each module of the package."""
    from policies import rules
    for module in pkgutil.iter_modules(rules.__path__):
        importlib.import_module(f"{rules.__name__}.{module.name}")
    return sorted(_REGISTRY.values(), key=lambda r: r.id)


