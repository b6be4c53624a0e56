"""govcloud validate with the policies: exit codes, text, json, sarif, junit, configuration."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from tests.conftest import ROOT, run_govcloud

SETAGAYA = ROOT / "stacks" / "Pulumi.131121-setagaya.yaml"
LINES_LINE = next(i for i, line in enumerate(SETAGAYA.read_text(encoding="utf-8").splitlines(), 1)
                  if line.strip() == "lines:")
#: the line of each entry of connectivity.lines: a finding about a line points at its entry
LINE_ENTRIES = [i for i, line in enumerate(SETAGAYA.read_text(encoding="utf-8").splitlines(), 1)
                if i > LINES_LINE and line.strip().startswith("- {name:")][:2]


def config(tmp_path, data) -> str:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_mandatory_violation_exits_1_and_is_located_in_sarif(tmp_path):
    cfg = config(tmp_path, {"GOV-TLS-003": {"enforcementLevel": "mandatory", "layers": ["mynumber"]}})
    result = run_govcloud("validate", "131121-setagaya", "--policy-config", cfg, "--format", "sarif")
    assert result.returncode == 1, result.stderr
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "GOV-TLS-003" in rule_ids and "GC-DECLARATION" in rule_ids
    results = [r for r in run["results"] if r["ruleId"] == "GOV-TLS-003"]
    assert len(results) == 2  # the two hosted lines
    for r in results:
        assert r["level"] == "error"
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "stacks/Pulumi.131121-setagaya.yaml"
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == "GOV-TLS-003"
    assert sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results) == LINE_ENTRIES
    assert {r["ruleId"] for r in run["results"]} == {"GOV-TLS-003"}


def test_advisory_violation_exits_0_and_is_a_warning(tmp_path):
    cfg = config(tmp_path, {"GOV-TLS-003": "advisory"})
    result = run_govcloud("validate", "131121-setagaya", "--policy-config", cfg, "--format", "sarif")
    assert result.returncode == 0
    levels = {r["level"] for r in json.loads(result.stdout)["runs"][0]["results"]}
    assert levels == {"warning"}


def test_text_names_rule_location_and_fix(tmp_path):
    cfg = config(tmp_path, {"GOV-TLS-003": "mandatory"})
    result = run_govcloud("validate", "131121-setagaya", "--policy-config", cfg)
    assert result.returncode == 1
    assert "FAIL  131121-setagaya" in result.stdout
    assert "GOV-TLS-003 [high, mandatory] マイナンバー利用事務系を運ぶ専用線は暗号化" in result.stdout
    assert f"at stacks/Pulumi.131121-setagaya.yaml:{LINE_ENTRIES[0]} govcloud:tenancy.connectivity.lines[0]" in result.stdout
    assert "with mandatory violations (必須ポリシー違反)" in result.stdout


def test_junit_has_one_case_per_rule_per_stack(tmp_path):
    cfg = config(tmp_path, {"GOV-TLS-003": "mandatory"})
    result = run_govcloud("validate", "131121-setagaya", "131032-minato", "--policy-config", cfg, "--format", "junit",
                          "--jobs", "2")
    assert result.returncode == 1
    suites = ET.fromstring(result.stdout)
    by_name = {s.get("name"): s for s in suites.findall("testsuite")}
    assert set(by_name) == {"131121-setagaya", "131032-minato"}
    from policies.registry import all_rules
    for suite in by_name.values():
        assert int(suite.get("tests")) == len(all_rules()) + 1
    failures = [c.get("name") for c in by_name["131121-setagaya"].findall("testcase") if c.find("failure") is not None]
    assert failures == ["GOV-TLS-003 Dedicated lines carrying the mynumber layer are encrypted (MACsec or IPsec)"]
    assert by_name["131032-minato"].get("failures") == "0"  # MACsec on every Minato line


def test_json_verdicts(tmp_path):
    result = run_govcloud("validate", "131032-minato", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["valid"] and data["compliant"]
    verdicts = {v["rule"]: v for v in data["stacks"][0]["verdicts"]}
    assert verdicts["GOV-ISO-005"]["status"] == "pass" and verdicts["GOV-ISO-005"]["title_ja"]
    assert verdicts["GOV-TLS-003"]["status"] == "disabled"


def test_bad_policy_config_is_invalid_input(tmp_path):
    cases = [({"GOV-ISO-05": "advisory"}, "unknown rule 'GOV-ISO-05'", "did you mean 'GOV-ISO-005'?"),
             ({"GOV-ISO-005": "warn"}, "enforcement level 'warn' is not one of", "use advisory, mandatory or disabled"),
             # the key for every rule at once is checked like any other: a typo must not switch the gate off
             ({"all": "advisroy"}, "enforcement level 'advisroy' is not one of", "use advisory, mandatory or disabled"),
             ({"all": {"layers": ["mynumber"]}}, "enforcement level None is not one of", "use advisory")]
    for data, message, fix in cases:
        result = run_govcloud("validate", "131032-minato", "--policy-config", config(tmp_path, data))
        assert result.returncode == 2, result.stdout
        assert message in result.stderr and fix in result.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run_govcloud("validate", "131032-minato", "--policy-config", str(bad))
    assert result.returncode == 2 and "not valid JSON" in result.stderr and "Traceback" not in result.stderr


def test_rules_command_lists_every_rule():
    result = run_govcloud("rules", "--format", "json")
    assert result.returncode == 0
    from policies.registry import all_rules
    assert [r["id"] for r in json.loads(result.stdout)] == [r.id for r in all_rules()]


def test_invalid_declaration_is_2_even_with_policies(project):
    target = project / "stacks" / "Pulumi.131032-minato.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("vlan: 111", "vlan: 5000"), encoding="utf-8")
    result = run_govcloud("validate", "--all", "--format", "sarif", cwd=project)
    assert result.returncode == 2
    results = json.loads(result.stdout)["runs"][0]["results"]
    declaration = [r for r in results if r["ruleId"] == "GC-DECLARATION"]
    assert len(declaration) == 1
    expected = next(i for i, line in enumerate(target.read_text(encoding="utf-8").splitlines(), 1) if "vlan: 5000" in line)
    assert declaration[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == expected


def test_a_bad_policy_config_key_is_named_with_its_line(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text('{\n  "GOV-ISO-005": "advisory",\n  "GOV-TLS-003": "warn"\n}\n', encoding="utf-8")
    result = run_govcloud("validate", "131032-minato", "--policy-config", str(path))
    assert result.returncode == 2
    assert f"{path}:3" in result.stderr and "GOV-TLS-003" in result.stderr, result.stderr
