"""The console script end to end: init, ipam, stacks, help, exit codes."""
from __future__ import annotations

import json

import pytest

from network.declaration import load
from tests.conftest import run_govcloud


def test_help_lists_the_commands():
    result = run_govcloud("--help")
    assert result.returncode == 0
    for command in ("validate", "ipam", "init", "stacks"):
        assert command in result.stdout
    assert "三層の対策" in result.stdout


def test_validate_all_samples_is_clean():
    result = run_govcloud("validate", "--all", "--jobs", "2")
    assert result.returncode == 0, result.stdout
    assert "3 of 3 stacks pass" in result.stdout
    from policies.registry import all_rules
    assert f"rules: {len(all_rules()) - 1} passed, 0 with findings, 1 disabled" in result.stdout


def test_validate_accepts_a_path_and_json():
    result = run_govcloud("validate", "stacks/Pulumi.131199-itabashi.yaml", "--format", "json", "--schema-only")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data == {"valid": True, "compliant": True, "stacks": [{
        "stack": "131199-itabashi", "file": "stacks/Pulumi.131199-itabashi.yaml", "valid": True, "errors": [],
        "resources": 0, "verdicts": []}]}


def draft(path):
    """A stack fresh from init: valid but for its placeholders (# 確認)."""
    from network.declaration import loads
    return loads(path.read_text(encoding="utf-8"), path.name, path.name[len("Pulumi."):-len(".yaml")], draft=True)


def test_init_writes_a_valid_stack_from_the_pool(project):
    result = run_govcloud("init", "--code", "131016", "--name", "千代田区", "--romaji", "chiyoda", "--cloud", "aws",
                          cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / "stacks" / "Pulumi.131016-chiyoda.yaml"
    tenancy = draft(path)
    assert tenancy.spec.municipality.name == "千代田区"
    assert tenancy.spec.address_space == "10.0.0.0/20"  # the first free /20 of 10.0.0.0/8
    checked = run_govcloud("validate", "--all", "--schema-only", cwd=project)
    assert checked.returncode == 2 and "dataCenter.asn still holds the value init wrote" in checked.stdout
    # the next one takes the next free block
    result = run_govcloud("init", "--code", "131041", "--name", "shinjuku", "--cloud", "gcp", "--format", "json",
                          cwd=project)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["addressSpace"] == "10.0.16.0/20"
    assert draft(project / "stacks" / "Pulumi.131041-shinjuku.yaml").spec.cloud == "gcp"


@pytest.mark.parametrize("cloud", ["aws", "gcp"])
def test_a_new_stack_gives_each_vlan_id_to_one_layer_across_its_lines(cloud):
    """Each line carries a VLAN per layer from its `vlan` up: with lines at 101 and 102 (as
    init once wrote for AWS) VLAN 102 was lgwan on one line and mynumber on the other, one
    id for two layers on a data center switch with a single VLAN space."""
    import clouds
    from network.catalog import LAYER_IDS
    seam = clouds.get(cloud)
    per_line = seam.vlans_per_line(None)
    layers_of: dict = {}
    for _name, _location, _kind, _bandwidth, vlan, _options in seam.new_stack("x")["lines"]:
        for i in range(per_line):
            layers_of.setdefault(vlan + i, set()).add(LAYER_IDS[i])
    assert all(len(layers) == 1 for layers in layers_of.values()), layers_of


def test_init_skips_blocks_that_stacks_use(project):
    (project / "govcloud.yaml").write_text("addressPool:\n  cidr: 10.13.0.0/16\n  tenancyPrefixLength: 20\n",
                                          encoding="utf-8")
    result = run_govcloud("init", "--code", "131016", "--name", "chiyoda", "--cloud", "aws", cwd=project)
    assert result.returncode == 0, result.stderr
    # 10.13.16/20, 10.13.32/20 and 10.13.48/20 are the samples'
    assert draft(project / "stacks" / "Pulumi.131016-chiyoda.yaml").spec.address_space == "10.13.0.0/20"
    result = run_govcloud("init", "--code", "131041", "--name", "shinjuku", "--cloud", "aws", cwd=project)
    assert draft(project / "stacks" / "Pulumi.131041-shinjuku.yaml").spec.address_space == "10.13.64.0/20"


def test_init_rejects_bad_input_and_writes_nothing(project):
    before = sorted(p.name for p in (project / "stacks").iterdir())
    cases = [
        (("--code", "131017", "--name", "chiyoda", "--cloud", "aws"), "fails the check digit (expected 131016)"),
        (("--code", "131032", "--name", "minato2", "--cloud", "aws"), "already declared by"),
        (("--code", "131032", "--name", "minato", "--cloud", "aws"), "already exists"),
        (("--code", "131016", "--name", "港区", "--cloud", "aws"), "131016 is 東京都千代田区, not 港区"),
        (("--code", "131016", "--name", "Chiyoda Ku", "--cloud", "aws"), "romaji"),
        (("--code", "131016", "--name", "chiyoda", "--cloud", "azure"), "Invalid value for '--cloud'"),
    ]
    for args, fragment in cases:
        result = run_govcloud("init", *args, cwd=project)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert fragment in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project / "stacks").iterdir()) == before


def test_init_reports_a_full_pool(project):
    (project / "govcloud.yaml").write_text("addressPool:\n  cidr: 10.13.16.0/20\n  tenancyPrefixLength: 20\n",
                                          encoding="utf-8")
    result = run_govcloud("init", "--code", "131016", "--name", "chiyoda", "--cloud", "aws", cwd=project)
    assert result.returncode == 2
    assert "has no free /20 left" in result.stderr


def test_init_reports_a_broken_pool_file(project):
    (project / "govcloud.yaml").write_text("addressPool:\n  cidr: 8.8.0.0/16\n", encoding="utf-8")
    result = run_govcloud("init", "--code", "131016", "--name", "chiyoda", "--cloud", "aws", cwd=project)
    assert result.returncode == 2
    assert "govcloud.yaml:2 addressPool.cidr: 8.8.0.0/16 is not private space" in result.stderr


def test_ipam_shows_the_plan_and_no_conflicts():
    result = run_govcloud("ipam", "--all")
    assert result.returncode == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    assert ["131032-minato", "lgwan", "transit", "ap-northeast-1c", "10.13.23.240/28", "11", "enabled"] in rows
    assert ["131032-minato", "lgwan", "system", "zaimu", "10.13.20.128/25", "enabled", "(account", "401234560022)"] in rows
    assert ["131121-setagaya", "lgwan", "transit", "ap-northeast-1c", "10.13.39.16/28", "11", "enabled"] in rows
    assert ["131121-setagaya", "internet", "layer", "-", "10.13.40.0/22", "reserved"] in rows
    assert "no conflicts" in result.stdout


def test_ipam_json_lists_conflicts(project):
    text = (project / "stacks" / "Pulumi.131121-setagaya.yaml").read_text(encoding="utf-8")
    (project / "stacks" / "Pulumi.131121-setagaya.yaml").write_text(
        text.replace("addressSpace: 10.13.32.0/20", "addressSpace: 10.13.16.0/20").replace("10.13.32.0/26", "10.13.16.0/26")
        .replace("10.13.36.0/26", "10.13.20.0/26"), encoding="utf-8")
    result = run_govcloud("ipam", "--all", "--format", "json", cwd=project)
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert {c["file"] for c in data["conflicts"]} == {"stacks/Pulumi.131032-minato.yaml",
                                                      "stacks/Pulumi.131121-setagaya.yaml"}
    assert all("is the same block as" in c["message"] for c in data["conflicts"])
    assert any(row["stack"] == "131199-itabashi" and row["cidr"] == "10.13.48.0/22" for row in data["plan"])


def test_stacks_json_for_a_ci_matrix():
    result = run_govcloud("stacks", "--format", "json")
    assert result.returncode == 0
    assert [row["stack"] for row in json.loads(result.stdout)] == ["131032-minato", "131121-setagaya", "131199-itabashi"]


def test_all_and_names_together_is_a_usage_error():
    result = run_govcloud("ipam", "--all", "131032-minato")
    assert result.returncode == 2
    assert "not both" in result.stderr


def test_plan_of_an_invalid_stack_exits_2_with_the_diagnostics(project):
    target = project / "stacks" / "Pulumi.131032-minato.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("vlan: 111", "vlan: 0"), encoding="utf-8")
    result = run_govcloud("plan", "131032-minato", cwd=project)
    assert result.returncode == 2
    assert "VLAN 0 is outside 1–4094" in result.stdout and "Traceback" not in result.stderr


def _drift(*args, **env):
    import os
    import subprocess
    from tests.conftest import GOVCLOUD, ROOT
    base = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "GOOGLE_", "PULUMI_"))}
    base.update({"NO_COLOR": "1", "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": "/nonexistent",
                 "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", **env})
    return subprocess.run([str(GOVCLOUD), "drift", *args], cwd=ROOT, env=base, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("endpoint", ["not a url", "ftp://127.0.0.1:1", "http://[::1", "http://127.0.0.1:abc",
                                      "http://"])
def test_drift_refuses_an_endpoint_that_is_not_an_http_url(endpoint):
    for option in ("--endpoint-url", "--gcp-endpoint"):
        result = _drift("131121-setagaya", option, endpoint, AWS_ACCESS_KEY_ID="a", AWS_SECRET_ACCESS_KEY="b")
        assert result.returncode == 2, result.stderr
        assert f"Invalid value for '{option}'" in result.stderr and "http://HOST:PORT" in result.stderr
        assert "Traceback" not in result.stderr


def test_drift_with_an_aws_profile_or_config_that_cannot_be_used_exits_3(tmp_path):
    missing = _drift("131121-setagaya", AWS_PROFILE="no-such-profile")
    broken = tmp_path / "config"
    broken.write_text("[default\nregion = ap-northeast-1\n", encoding="utf-8")
    unparsable = _drift("131121-setagaya", AWS_CONFIG_FILE=str(broken))
    for result, says in ((missing, "The config profile (no-such-profile) could not be found"),
                         (unparsable, "Unable to parse config file")):
        assert result.returncode == 3, result.stderr
        assert "the AWS configuration cannot be used" in result.stderr and says in result.stderr
        assert "Traceback" not in result.stderr
