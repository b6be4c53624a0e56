"""Formats for findings: text for people, JSON, SARIF 2.1.0 for code scanning, JUnit XML."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from network.text import one_line
from pipeline.checks import StackReport, verdicts_as_dicts

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DECLARATION_RULE = "GC-DECLARATION"


def _rules():
    from policies.registry import all_rules
    return {r.id: r for r in all_rules()}


def text(reports: list[StackReport]) -> str:
    import click
    rules = _rules()
    lines = []
    for r in reports:
        if not r.valid:
            lines += [click.style("error ", fg="red") + d.render() for d in r.diagnostics]
            continue
        if not r.verdicts:
            lines.append(click.style("ok    ", fg="green") + f"{one_line(r.stack)} ({r.summary}): declaration valid")
            continue
        failed = [v for v in r.verdicts if v.status in ("fail", "unknown")]
        passed = sum(v.status == "pass" for v in r.verdicts)
        disabled = sum(v.status == "disabled" for v in r.verdicts)
        head = click.style("ok    ", fg="green") if not r.blocking else click.style("FAIL  ", fg="red")
        lines.append(f"{head}{one_line(r.stack)} ({r.summary}); {r.resources} resources; {len(r.verdicts)} rules: "
                     f"{passed} passed, {len(failed)} with findings, {disabled} disabled")
        for v in failed:
            rule = rules[v.rule]
            label = "cannot be checked" if v.status == "unknown" else v.enforcement
            for f in v.findings:
                lines.append(f"  {v.rule} [{rule.severity}, {label}] {rule.title_ja} / {rule.title_en}")
                lines.append(f"      {one_line(f.message)}")
                lines.append(f"      at {one_line(r.file)}:{f.line} {one_line(f.path)}")
                lines.append(f"      fix: {rule.remediation}")
    invalid = sum(not r.valid for r in reports)
    blocking = sum(bool(r.blocking) for r in reports)
    lines.append(f"{len(reports) - invalid - blocking} of {len(reports)} stacks pass"
                 + (f"; {invalid} invalid (宣言エラー)" if invalid else "")
                 + (f"; {blocking} with mandatory violations (必須ポリシー違反)" if blocking else ""))
    return "\n".join(lines)


def as_json(reports: list[StackReport]) -> str:
    out = {"valid": all(r.valid for r in reports), "compliant": not any(r.blocking for r in reports), "stacks": []}
    for r in reports:
        out["stacks"].append({
            "stack": r.stack, "file": r.file, "valid": r.valid, "errors": [d.as_dict() for d in r.diagnostics],
            "resources": r.resources, "verdicts": verdicts_as_dicts(r)})
    return json.dumps(out, ensure_ascii=False, indent=2)


def _level(enforcement: str, status: str) -> str:
    if status == "unknown":
        return "note"
    return {"mandatory": "error", "advisory": "warning"}.get(enforcement, "none")


def sarif(reports: list[StackReport]) -> str:
    rules = _rules()
    driver_rules = [{"id": DECLARATION_RULE, "name": "Declaration",
                     "shortDescription": {"text": "The tenancy declaration is valid (テナンシー定義の検証)"},
                     "help": {"text": "See docs/declaration.md"}, "properties": {"family": "declaration"}}]
    for rule in rules.values():
        driver_rules.append({
            "id": rule.id, "name": rule.check.__name__,
            "shortDescription": {"text": f"{rule.title_en} ({rule.title_ja})"},
            "fullDescription": {"text": rule.rationale}, "help": {"text": rule.remediation},
            "defaultConfiguration": {"level": _level(rule.enforcement, "fail")},
            "properties": {"family": rule.family, "severity": rule.severity,
                           "security-severity": {"critical": "9.5", "high": "7.5", "medium": "5.0",
                                                 "low": "2.0"}[rule.severity]},
        })
    index = {r["id"]: i for i, r in enumerate(driver_rules)}
    results = []

    def location(file: str, line: int, key: str):
        return [{"physicalLocation": {"artifactLocation": {"uri": file, "uriBaseId": "%SRCROOT%"},
                                      "region": {"startLine": max(1, line)}},
                 "logicalLocations": [{"fullyQualifiedName": key or "govcloud:tenancy", "kind": "member"}]}]

    for r in reports:
        for d in r.diagnostics:
            results.append({"ruleId": DECLARATION_RULE, "ruleIndex": 0, "level": "error",
                            "message": {"text": f"{d.message}. Fix: {d.fix}" if d.fix else d.message},
                            "locations": location(d.file, d.line, d.path),
                            "properties": {"stack": r.stack, "code": d.code}})
        for v in r.verdicts:
            if v.status not in ("fail", "unknown"):
                continue
            for f in v.findings:
                results.append({"ruleId": v.rule, "ruleIndex": index[v.rule], "level": _level(v.enforcement, v.status),
                                "message": {"text": f.message}, "locations": location(r.file, f.line, f.path),
                                "properties": {"stack": r.stack, "urn": f.urn, "enforcement": v.enforcement}})
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "govcloud", "version": "0.1.0",
                            "rules": driver_rules}},
        "results": results, "columnKind": "unicodeCodePoints"}]}, ensure_ascii=False, indent=2)


def junit(reports: list[StackReport]) -> str:
    """One test suite per stack; one test case per rule (plus one for the declaration)."""
    rules = _rules()
    suites = ET.Element("testsuites", name="govcloud validate")
    for r in reports:
        stack, file = one_line(r.stack), one_line(r.file)
        suite = ET.SubElement(suites, "testsuite", name=stack, file=file)
        case = ET.SubElement(suite, "testcase", classname=stack, name="declaration (テナンシー定義)")
        if r.diagnostics:
            failure = ET.SubElement(case, "failure", message=f"{len(r.diagnostics)} declaration error(s)",
                                    type="declaration")
            failure.text = "\n".join(d.render() for d in r.diagnostics)
        for v in r.verdicts:
            rule = rules[v.rule]
            case = ET.SubElement(suite, "testcase", classname=stack, name=f"{v.rule} {rule.title_en}")
            detail = "\n".join(f"{one_line(f.message)} (at {file}:{f.line} {one_line(f.path)})" for f in v.findings)
            if v.status == "disabled":
                ET.SubElement(case, "skipped", message="disabled by the policy configuration")
            elif v.status == "unknown":
                ET.SubElement(case, "error", message="cannot be checked in preview", type="unknown").text = detail
            elif v.status == "fail":
                tag = "failure" if v.enforcement == "mandatory" else "skipped"
                element = ET.SubElement(case, tag, message=f"{v.enforcement}: {rule.title_en}", type=rule.family)
                element.text = detail
        cases = suite.findall("testcase")
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
        suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
        suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
