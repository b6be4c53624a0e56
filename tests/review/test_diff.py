"""`govcloud review --diff BASE`: one test per kind of change."""
from __future__ import annotations

import json
import subprocess


from tests.conftest import run_govcloud, variant


def change(project, name, *replacements):
    path = next((project / "stacks").glob(f"Pulumi.*-{name}.yaml"))
    base = project / f"base-{name}.yaml"
    base.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    path.write_text(variant(name, *replacements), encoding="utf-8")
    return path.name[len("Pulumi."):-len(".yaml")], str(base)


def review_diff(project, stack, base, *extra):
    return run_govcloud("review", stack, "--diff", base, *extra, cwd=project)


def test_no_change(project):
    stack, base = change(project, "setagaya")
    result = review_diff(project, stack, base)
    assert result.returncode == 0 and "変更なし" in result.stdout


def test_addresses(project):
    stack, base = change(project, "setagaya", ("      mynumber:\n        azs: 2", "      mynumber:\n        azs: 3"))
    result = review_diff(project, stack, base, "--lang", "en")
    assert result.returncode == 0
    assert "**Addresses**" in result.stdout
    assert "`+` subnet mynumber workload ap-northeast-1d: 10.13.34.0/24" in result.stdout


def test_routes(project):
    stack, base = change(project, "setagaya", ("lgwan: [172.25.0.0/20]", "lgwan: [172.25.0.0/20, 172.26.0.0/24]"))
    result = review_diff(project, stack, base, "--lang", "en")
    assert "**Routes**" in result.stdout
    assert "`+` vpc lgwan 172.26.0.0/24 → transit" in result.stdout
    assert "`+` transit mynumber 172.26.0.0/24 → blackhole" in result.stdout


def test_new_inter_layer_flow_is_highlighted(project):
    stack, base = change(project, "minato", ("    tags:\n", "      - name: tax-report\n"
                                             "        from: {layer: mynumber, system: kyotsu}\n"
                                             "        to: {layer: lgwan, prefix: 172.21.1.0/24}\n"
                                             "        protocol: tcp\n        ports: [443]\n"
                                             "        reason: 税務データを財務会計へ連携\n    tags:\n"))
    result = review_diff(project, stack, base)
    assert result.returncode == 0
    assert "**許可通信** (1)" in result.stdout
    assert "`+` tax-report: mynumber 10.13.16.0/26 → lgwan 172.21.1.0/24 tcp/443" in result.stdout
    assert "⚠ **新しい層間通信**" in result.stdout


def test_lines(project):
    stack, base = change(project, "setagaya", ("bandwidth: 1Gbps, vlan: 320", "bandwidth: 2Gbps, vlan: 320"))
    result = review_diff(project, stack, base, "--lang", "en")
    assert "**Lines**" in result.stdout
    assert "`~` osaka-1: EqOS1 hosted 2Gbps VLAN 320 (was: osaka-1: EqOS1 hosted 1Gbps VLAN 320)" in result.stdout


def test_policy_verdict_and_exit_1_on_a_new_mandatory_violation(project, tmp_path):
    config = tmp_path / "policy.json"
    config.write_text(json.dumps({"GOV-TLS-003": "mandatory"}), encoding="utf-8")
    stack, base = change(project, "minato", (
        "{name: osaka-2, location: EqOS1, type: dedicated, bandwidth: 10Gbps, vlan: 211, carrier: ソフトバンク, device: dc-rt-02, macsec: true, macsecPhase: enforced}",
        "{name: osaka-2, location: EqOS1, type: hosted, bandwidth: 10Gbps, vlan: 211, carrier: ソフトバンク, device: dc-rt-02, "
        "connectionIds: {mynumber: dxcon-ab12cd34, lgwan: dxcon-ab12cd35, internet: dxcon-ab12cd36}}"))
    result = review_diff(project, stack, base, "--policy-config", str(config), "--lang", "en")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "**Policy verdicts**" in result.stdout
    assert "GOV-TLS-003" in result.stdout and "pass → fail" in result.stdout and "⛔" in result.stdout
    assert "hosted line 131032-minato-dx-osaka-2-mynumber cannot carry MACsec" in result.stdout


def test_git_ref_as_base(project):
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "base"],
                   cwd=project, check=True)
    path = project / "stacks" / "Pulumi.131121-setagaya.yaml"
    path.write_text(variant("setagaya", ("bandwidth: 1Gbps, vlan: 310", "bandwidth: 5Gbps, vlan: 310")), encoding="utf-8")
    result = run_govcloud("review", "131121-setagaya", "--diff", "HEAD", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [c["change"] for c in data["lines"]] == ["changed"]
    bad = run_govcloud("review", "131121-setagaya", "--diff", "no-such-ref", cwd=project)
    assert bad.returncode == 2 and "neither a file nor a git ref" in bad.stderr
