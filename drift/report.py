"""Drift findings for people (text), tools (json), code scanning (sarif) and CI (junit)."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from drift.run import DriftReport

CATEGORY_JA = {"changed": "変更", "missing": "消失", "unmanaged": "管理外", "expired-suppression": "抑止期限切れ"}


def text(reports: list[DriftReport]) -> str:
    lines = []
    for r in reports:
        head = "drift " if r.drifted else "ok    "
        lines.append(f"{head}{r.stack} ({r.cloud}): {len(r.findings)} finding(s), {len(r.suppressed)} suppressed; "
                     f"{r.declared} declared, {r.live} live, {r.calls} API calls")
        for f in r.findings:
            lines.append(f"  [{f.severity}] {f.category} ({CATEGORY_JA[f.category]}): {f.message}"
                         + (f"  ({f.ref})" if f.ref else ""))
    drifted = sum(r.drifted for r in reports)
    lines.append(f"{drifted} of {len(reports)} stacks drifted" if drifted else f"no drift in {len(reports)} stack(s)")
    return "\n".join(lines)


def as_json(reports: list[DriftReport]) -> str:
    return json.dumps({"drift": any(r.drifted for r in reports), "stacks": [{
        "stack": r.stack, "file": r.file, "cloud": r.cloud, "declared": r.declared, "live": r.live, "calls": r.calls,
        "findings": [{"category": f.category, "severity": f.severity, "kind": f.kind, "key": list(map(str, f.key)),
                      "layer": f.layer, "layers": f.layers, "message": f.message, "ref": f.ref,
                      "expected": _plain(f.expected), "actual": _plain(f.actual)} for f in r.findings],
        "suppressed": [{"kind": f.kind, "key": list(map(str, f.key)), "reason": s.reason, "expires": str(s.expires)}
                       for f, s in r.suppressed]} for r in reports]}, ensure_ascii=False, indent=2)


def _plain(value):
    """JSON-ready: tuples (NACL entries) as lists."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}


def sarif(reports: list[DriftReport], lines: dict | None = None) -> str:
    """Each result points at the stack file; `lines` maps (stack, layer) to a line."""
    lines = lines or {}
    rules = [{"id": f"drift-{c}", "shortDescription": {"text": f"Drift: {c} ({CATEGORY_JA[c]})"}} for c in CATEGORY_JA]
    results = []
    for r in reports:
        for f in r.findings:
            results.append({
                "ruleId": f"drift-{f.category}", "level": LEVEL[f.severity], "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": r.file},
                                                    "region": {"startLine": lines.get((r.stack, layer), 1)}}}
                              for layer in (f.layers or [f.layer])],
                "properties": {"stack": r.stack, "severity": f.severity, "kind": f.kind, "ref": f.ref}})
    return json.dumps({"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
                       "runs": [{"tool": {"driver": {"name": "govcloud-drift", "version": "0.1.0", "rules": rules}},
                                 "results": results}]}, ensure_ascii=False, indent=2)


def junit(reports: list[DriftReport]) -> str:
    """One suite per stack; one case per category, failing with its findings."""
    suites = ET.Element("testsuites", name="govcloud drift")
    for r in reports:
        suite = ET.SubElement(suites, "testsuite", name=r.stack, file=r.file)
        failures = 0
        for category in CATEGORY_JA:
            case = ET.SubElement(suite, "testcase", classname=r.stack, name=f"{category} ({CATEGORY_JA[category]})")
            found = [f for f in r.findings if f.category == category]
            if found:
                failures += 1
                failure = ET.SubElement(case, "failure", message=f"{len(found)} {category} finding(s)", type=category)
                failure.text = "\n".join(f"[{f.severity}] {f.message}" + (f" ({f.ref})" if f.ref else "")
                                         for f in found)
        suite.set("tests", str(len(CATEGORY_JA)))
        suite.set("failures", str(failures))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
