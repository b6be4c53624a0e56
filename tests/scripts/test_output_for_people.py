"""Output people read: the plan's legend, plurals and articles, the rules header, findings
that point at the list entry that caused them, regions named as regions."""
from __future__ import annotations

from network.declaration import load
from network.model import build
from network.text import article, plural
from policies.evaluate import Context, run_rule
from policies.registry import all_rules
from tests.conftest import SAMPLES, run_govcloud
from tests.policies.test_rules import R


def test_the_plan_explains_its_marks():
    result = run_govcloud("plan", "131032-minato")
    assert result.returncode == 0
    (legend,) = [line for line in result.stdout.splitlines() if line.startswith("legend: ")]
    for mark in ("(layer)", "(shared)", "[protect]", "[retain]", "[secret]"):
        assert mark in legend
    assert "[secret]" in result.stdout.split("legend: ")[0], "a resource with a secret input is marked"


def test_counts_and_articles_read_right():
    assert plural(1, "permitted flow") == "1 permitted flow" and plural(2, "line") == "2 lines"
    assert article("integer") == "an integer" and article("list") == "a list" and article("IPv4 address") == "an IPv4 address"
    result = run_govcloud("validate", "131121-setagaya", "--schema-only")
    assert "2 layers, 2 lines, 1 permitted flow)" in result.stdout


def test_a_wrong_type_says_an_integer(project):
    path = project / "stacks" / "Pulumi.131032-minato.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("vlan: 101", "vlan: one-oh-one"), encoding="utf-8")
    result = run_govcloud("validate", "131032-minato", cwd=project)
    assert "expected an integer, got text 'one-oh-one'" in result.stdout


def test_rules_prints_a_header():
    result = run_govcloud("rules")
    assert result.stdout.splitlines()[0].split()[:4] == ["rule", "family", "severity", "default"]


def test_a_line_finding_points_at_its_list_entry():
    tenancy = load(SAMPLES["minato"])
    model = build(tenancy)
    index = [line.name for line in tenancy.spec.connectivity.lines].index("osaka-1")
    foreign = R("aws:directconnect/connection:Connection", "131032-minato-dx-osaka-1", {"location": "EqSG2"})
    rule = {r.id: r for r in all_rules()}["GOV-REG-004"]
    status, findings = run_rule(rule, [foreign], Context(model, dict(rule.config_defaults), [foreign]))
    assert status == "fail" and findings[0].path == ("connectivity", "lines", index)
    nameless = R("aws:directconnect/connection:Connection", "stray-connection", {"location": "EqSG2"})
    _, findings = run_rule(rule, [nameless], Context(model, dict(rule.config_defaults), [nameless]))
    assert findings[0].path == ("connectivity", "lines")


def test_ipam_names_a_region_as_a_region():
    gcp = run_govcloud("ipam", "131199-itabashi").stdout
    aws = run_govcloud("ipam", "131032-minato").stdout
    assert "zone or region" in gcp.splitlines()[0]
    assert "asia-northeast1 (region)" in gcp and "(region)" not in aws and "ap-northeast-1a" in aws
