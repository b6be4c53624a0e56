"""The first hour of a municipal IT staffer, through the console script in a git repository:
init by code alone, validate failing on init's placeholders, the placeholders filled in,
validate passing, the change review of the new stack against the commit before it, the
plan. Then the errors a new user meets before any work is done."""
from __future__ import annotations

import subprocess

from tests.conftest import confirm_init, run_govcloud


def git(project, *args):
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.jp", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.jp", "HOME": str(project), "PATH": "/usr/bin:/bin"})


def confirm(text: str) -> str:
    """What a staffer writes after asking the data center and the carrier."""
    return confirm_init(text)


def test_the_first_hour(project):
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "before 八王子市")

    made = run_govcloud("init", "--code", "132012", "--cloud", "aws", cwd=project)
    assert made.returncode == 0, made.stderr
    path = project / "stacks" / "Pulumi.132012-hachiouji.yaml"  # the romaji from the code list's kana
    assert path.exists() and "name: \"八王子市\"" in path.read_text(encoding="utf-8")

    first = run_govcloud("validate", "132012-hachiouji", cwd=project)
    assert first.returncode == 2
    text = path.read_text(encoding="utf-8").splitlines()
    for key, ask in (("dataCenter.asn", "ask the data center"), ("dataCenter.prefixes", "ask the data center"),
                     ("connectivity.lines", "ask the carrier"), ("connectivity.redundancy", "decides")):
        (line,) = [ln for ln in first.stdout.splitlines() if f"govcloud:tenancy.{key}:" in ln]
        number = int(line.split(".yaml:")[1].split(" ")[0])
        assert "確認" in text[number - 1] and ask in line, line

    path.write_text(confirm(path.read_text(encoding="utf-8")), encoding="utf-8")
    second = run_govcloud("validate", "132012-hachiouji", cwd=project)
    assert second.returncode == 0, second.stdout + second.stderr

    review = run_govcloud("review", "132012-hachiouji", "--diff", "HEAD", "--lang", "en", cwd=project)
    assert review.returncode == 0, review.stdout + review.stderr
    assert "New stack: the whole design is an addition" in review.stdout
    assert "`+` space: 10.0.0.0/20" in review.stdout and "`−`" not in review.stdout

    plan = run_govcloud("plan", "132012-hachiouji", cwd=project)
    assert plan.returncode == 0 and "MunicipalityTenancy 132012-hachiouji" in plan.stdout


def test_a_committed_draft_still_reviews(project):
    """A stack committed straight from init (placeholders and all) is a base review can read."""
    made = run_govcloud("init", "--code", "132012", "--cloud", "aws", cwd=project)
    assert made.returncode == 0
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "draft")
    path = project / "stacks" / "Pulumi.132012-hachiouji.yaml"
    path.write_text(confirm(path.read_text(encoding="utf-8")), encoding="utf-8")
    review = run_govcloud("review", "132012-hachiouji", "--diff", "HEAD", "--lang", "en", cwd=project)
    assert review.returncode == 0, review.stdout + review.stderr
    assert "New stack" not in review.stdout and "onprem mynumber 172.31.0.0/20" in review.stdout


def test_a_layer_without_a_route_to_the_data_center_is_refused(project):
    path = project / "stacks" / "Pulumi.131121-setagaya.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("        lgwan: [172.25.0.0/20]\n", ""), encoding="utf-8")
    result = run_govcloud("validate", "131121-setagaya", cwd=project)
    assert result.returncode == 2
    assert "layer lgwan (LGWAN接続系) has no route to the data center" in result.stdout
    assert "govcloud:tenancy.layers.lgwan" in result.stdout and "dataCenter.prefixes.lgwan" in result.stdout


def test_a_missing_out_is_a_usage_error_before_any_work(project):
    """The declaration is broken on purpose: the usage error comes first, so no work ran."""
    path = project / "stacks" / "Pulumi.131032-minato.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('code: "131032"', 'code: "131033"'), encoding="utf-8")
    result = run_govcloud("review", "131032-minato", cwd=project)
    assert result.returncode == 2 and "--out DIR" in result.stderr and "check digit" not in result.stdout


def test_drift_checks_credentials_before_planning(project, tmp_path):
    import os
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PULUMI_", "GOOGLE_"))}
    env.update(NO_COLOR="1", AWS_EC2_METADATA_DISABLED="true", AWS_CONFIG_FILE=str(tmp_path / "none"),
               AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"))
    from tests.conftest import GOVCLOUD
    result = subprocess.run([str(GOVCLOUD), "drift", "131032-minato"], cwd=project, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "no AWS credentials" in result.stderr
    assert "MunicipalityTenancy" not in result.stdout + result.stderr and "Traceback" not in result.stderr


def test_no_third_party_warning_reaches_the_terminal(project):
    """google.api_core warns about Python versions on import; drift on Google Cloud imports
    it (here against a closed loopback port, so it ends at once)."""
    result = run_govcloud("drift", "131199-itabashi", "--gcp-endpoint", "http://127.0.0.1:9", cwd=project)
    assert result.returncode == 3 and "Google Cloud is unreachable" in result.stderr
    assert "Warning" not in result.stderr
