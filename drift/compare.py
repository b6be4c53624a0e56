"""Compare the declared Items with the live Items: changed, missing, unmanaged, each with
a severity. Breaches of the three-layer separation are critical."""
from __future__ import annotations

from dataclasses import dataclass, field

from drift.items import KINDS, Item

CLOSED = ("mynumber", "lgwan")
SEVERITY_ORDER = ("critical", "high", "medium", "low")
ENCRYPTION_KINDS = ("kms_key", "bucket", "ebs_default", "flow_log")
SEPARATION_KINDS = ("igw", "nat", "peering", "public_ip", "g_nat", "g_peering", "g_public_ip", "tgw_association",
                    "tgw_propagation")


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


def _what(kind: str) -> str:
    return KINDS.get(kind, (kind, True))[0]


def _unmanaged_severity(item: Item) -> str:
    p = item.props
    if item.kind in SEPARATION_KINDS:
        return "critical" if item.layer in CLOSED or item.kind in ("peering", "g_peering", "tgw_association",
                                                                    "tgw_propagation") else "high"
    if item.kind in ("route", "g_route") and (p.get("target") in ("internet-gateway", "nat-gateway", "peering") or
                                                p.get("dest") == "0.0.0.0/0" or item.key[-1] == "0.0.0.0/0"):
        return "critical"
    if item.kind == "tgw_route" and p.get("target") != "blackhole":
        return "critical"
    if item.kind == "security_group" and p.get("open_ingress"):
        return "critical"
    if item.kind == "firewall" and p.get("direction") == "INGRESS" and p.get("allows") and "0.0.0.0/0" in p.get("sources", []):
        return "critical"
    if item.kind in ("route", "tgw_route", "firewall", "g_route"):
        return "high"
    return "medium"


def _changed_severity(kind: str, field_name: str, before, after) -> str:
    if kind == "default_sg" and field_name == "ingress" and after:
        return "critical"
    if kind in ("tgw_route", "route") and field_name == "target":
        return "critical"
    if kind == "g_route" and field_name in ("dest", "next_hop"):
        return "critical"
    if kind == "firewall":
        return "critical" if field_name in ("sources", "allows") else "high"
    if kind in ("tgw",) and field_name.startswith("default_"):
        return "critical"
    if kind == "subnet" and field_name == "public_ip" and after:
        return "critical"
    if kind in ENCRYPTION_KINDS or kind == "nacl" or field_name == "cidr":
        return "high"
    if field_name == "tags":
        return "medium"
    return "low"


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
        if not found:
            severity = "critical" if item.kind in ("tgw_route",) and item.props.get("target") == "blackhole" else "high"
            findings.append(DriftFinding("missing", severity, item.kind, item.key, item.layer,
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
            if value != expected:
                severity = _changed_severity(item.kind, name, expected, value)
                findings.append(DriftFinding("changed", severity, item.kind, item.key, item.layer,
                                             f"{_what(item.kind)} {'/'.join(map(str, item.key))}: {name} is "
                                             f"{value!r}, declared {expected!r}", actual.ref,
                                             {"field": name, "expected": expected, "actual": value}))
        for extra in found[1:]:
            findings.append(DriftFinding("unmanaged", _unmanaged_severity(extra), extra.kind, extra.key, extra.layer,
                                         f"a second {_what(extra.kind)} {'/'.join(map(str, extra.key))}", extra.ref))
    for ident, items in have.items():
        if ident in want:
            continue
        for item in items:
            if not KINDS.get(item.kind, ("", True))[1]:
                continue
            findings.append(DriftFinding("unmanaged", _unmanaged_severity(item), item.kind, item.key, item.layer,
                                         f"{_what(item.kind)} {'/'.join(map(str, item.key))} in layer "
                                         f"{item.layer or '?'} is not declared", item.ref, dict(item.props)))
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.index(f.severity), f.category, f.kind, str(f.key)))
