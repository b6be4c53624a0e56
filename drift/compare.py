"""Compare the declared Items with the live Items: changed, missing, unmanaged, each with
a severity. Breaches of the three-layer separation are critical."""
from __future__ import annotations

from dataclasses import dataclass, field

from drift.items import KINDS, Item
from drift.severity import changed_severity, missing_severity, unmanaged_severity

SEVERITY_ORDER = ("critical", "high", "medium", "low")
#: kinds that join two layers: a finding names both
BOTH_ENDS = ("peering", "g_peering", "bridge", "g_bridge", "g_ncc_spoke")
#: kinds read as part of another resource (a subnet's IAM policy): gone with it, not twice
DERIVED_KINDS = ("g_subnet_access",)
#: fields that say more about another field: not reported when that one differs already
#: (flow logs switched off have no sampling to compare)
DETAIL_OF = {"flow_sampling": ("flow_logs",), "flow_filter": ("flow_logs",), "flow_metadata": ("flow_logs",),
             # a policy's terms when whom it lets in changed too: that change is the finding
             "allow_terms": ("principals", "policy_principals")}


@dataclass
class DriftFinding:
    category: str  # changed | missing | unmanaged | expired-suppression
    severity: str
    kind: str
    key: tuple
    layer: str | None
    message: str
    ref: str | None = None
    details: dict = field(default_factory=dict)

    @property
    def ident(self) -> tuple:
        return (self.kind, *self.key)

    @property
    def layers(self) -> list:
        """Every layer the finding touches: both ends of a peering, else its one layer."""
        both = self.details.get("layers") if isinstance(self.details, dict) else None
        return sorted({str(x) for x in both}) if both else ([self.layer] if self.layer else [])

    @property
    def expected(self):
        """The declared value (None when nothing is declared)."""
        if self.category == "changed":
            return self.details.get("expected")
        return None

    @property
    def actual(self):
        """The live value: the changed field, or what was found (None when it is missing)."""
        if self.category == "changed":
            return self.details.get("actual")
        return dict(self.details) if self.category == "unmanaged" else None


def _what(kind: str) -> str:
    return KINDS.get(kind, (kind, True))[0]


def compare(declared: list[Item], live: list[Item]) -> list[DriftFinding]:
    want = {}
    for item in declared:
        want.setdefault(item.ident, item)
    have: dict = {}
    for item in live:
        have.setdefault(item.ident, []).append(item)
    findings: list[DriftFinding] = []
    for ident, item in want.items():
        found = have.get(ident)
        if not found and item.kind in DERIVED_KINDS:
            continue  # read with its resource: that one is reported missing
        if not found:
            findings.append(DriftFinding("missing", missing_severity(item), item.kind, item.key, item.layer,
                                         f"{_what(item.kind)} {'/'.join(map(str, item.key))} is declared but not "
                                         "found (deleted out of band?)", item.ref))
            continue
        actual = found[0]
        for name, expected in item.props.items():
            value = actual.props.get(name)
            if name == "tags":
                removed = {k: v for k, v in expected.items() if actual.props.get("tags", {}).get(k) != v}
                if removed:
                    findings.append(DriftFinding("changed", "medium", item.kind, item.key, item.layer,
                                                 f"{_what(item.kind)} {'/'.join(map(str, item.key))}: tags "
                                                 f"{sorted(removed)} changed or removed", actual.ref,
                                                 {"expected": removed, "actual": {k: actual.props.get('tags', {}).get(k)
                                                                                  for k in removed}}))
                continue
            if any(actual.props.get(parent) != item.props.get(parent) for parent in DETAIL_OF.get(name, ())):
                continue
            if value != expected:
                severity = changed_severity(item.kind, name, expected, value, item.layer)
                findings.append(DriftFinding("changed", severity, item.kind, item.key, item.layer,
                                             f"{_what(item.kind)} {'/'.join(map(str, item.key))}: {name} is "
                                             f"{value!r}, declared {expected!r}", actual.ref,
                                             {"field": name, "expected": expected, "actual": value}))
        for extra in found[1:]:
            findings.append(DriftFinding("unmanaged", unmanaged_severity(extra), extra.kind, extra.key, extra.layer,
                                         f"a second {_what(extra.kind)} {'/'.join(map(str, extra.key))}", extra.ref))
    for ident, items in have.items():
        if ident in want:
            continue
        for item in items:
            if not KINDS.get(item.kind, ("", True))[1]:
                continue
            if item.props.get("managed_by") == "attachment":
                continue  # a partner attachment's own session, created by Google at activation
            both = sorted(set(item.props.get("layers") or [])) if item.kind in BOTH_ENDS else []
            where = f"between layers {' and '.join(both)}" if len(both) > 1 else f"in layer {item.layer or '?'}"
            findings.append(DriftFinding("unmanaged", unmanaged_severity(item), item.kind, item.key, item.layer,
                                         f"{_what(item.kind)} {'/'.join(map(str, item.key))} {where} is not declared",
                                         item.ref, dict(item.props)))
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.index(f.severity), f.category, f.kind, str(f.key)))
