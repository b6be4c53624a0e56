"""preview/up/destroy go through the Automation API; without the Pulumi CLI, a passphrase
or credentials they say what to set and exit 3. Metadata services are switched off so
no credential lookup leaves the machine."""
from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import GOVCLOUD, ROOT


def run(args, tmp_path: Path, path_dirs=(), cwd: Path = ROOT, **env_extra):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        "PATH": os.pathsep.join([*map(str, path_dirs), "/usr/bin", "/bin"]),
        "HOME": str(home), "NO_COLOR": "1",
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": str(home / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "none"),
        "NO_GCE_CHECK": "True", "GCE_METADATA_HOST": "127.0.0.1:9", "GCE_METADATA_IP": "127.0.0.1:9",
        "CLOUDSDK_CONFIG": str(home / "gcloud"),
        **env_extra,
    }
    return subprocess.run([str(GOVCLOUD), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def fake_pulumi(tmp_path):
    """A `pulumi` on PATH, so that the checks after the CLI check can be reached. It is
    never run: the credential checks stop first."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "pulumi"
    script.write_text("#!/bin/sh\necho 'this fake pulumi must not be run' >&2\nexit 99\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder


@pytest.mark.parametrize("operation", ["preview", "up", "destroy"])
def test_without_the_pulumi_cli(operation, tmp_path):
    result = run([operation, "131032-minato", "--yes"] if operation != "preview" else [operation, "131032-minato"],
                 tmp_path)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "the Pulumi CLI is not installed" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_a_passphrase(tmp_path, fake_pulumi):
    result = run(["preview", "131032-minato"], tmp_path, [fake_pulumi])
    assert result.returncode == 3
    assert "PULUMI_CONFIG_PASSPHRASE" in result.stderr


def test_without_aws_credentials(tmp_path, fake_pulumi):
    result = run(["up", "131032-minato", "--yes"], tmp_path, [fake_pulumi], PULUMI_CONFIG_PASSPHRASE="x")
    assert result.returncode == 3, result.stderr
    assert "no AWS credentials" in result.stderr
    assert "must not be run" not in result.stderr


def test_without_gcp_credentials(tmp_path, fake_pulumi):
    result = run(["preview", "131199-itabashi"], tmp_path, [fake_pulumi], PULUMI_CONFIG_PASSPHRASE="x")
    assert result.returncode == 3, result.stderr
    assert "no Google Cloud credentials" in result.stderr


def test_foreign_state_backend_is_rejected(tmp_path):
    result = run(["preview", "131032-minato", "--backend", "s3://state?region=us-east-1"], tmp_path)
    assert result.returncode == 2
    assert "does not name a domestic region" in result.stderr


def test_invalid_declaration_stops_before_the_engine(tmp_path):
    bad = tmp_path / "Pulumi.131032-minato.yaml"
    bad.write_text((ROOT / "stacks" / "Pulumi.131032-minato.yaml").read_text(encoding="utf-8")
                   .replace('code: "131032"', 'code: "131033"'), encoding="utf-8")
    result = run(["preview", str(bad)], tmp_path)
    assert result.returncode == 2
    assert "fails the check digit" in result.stdout


def test_state_folder_is_ignored_by_git():
    assert ".pulumi-state/" in (ROOT / ".gitignore").read_text()


@pytest.mark.parametrize("operation", ["preview", "up", "destroy"])
def test_every_missing_prerequisite_at_once_and_nothing_created(operation, tmp_path, project):
    """No CLI, no passphrase, no credentials: all three are named in one run, and no state
    folder is made for a run that cannot happen."""
    args = [operation, "131032-minato"] + (["--yes"] if operation != "preview" else [])
    result = run(args, tmp_path, cwd=project)
    assert result.returncode == 3, result.stdout + result.stderr
    for missing in ("the Pulumi CLI is not installed", "PULUMI_CONFIG_PASSPHRASE", "no AWS credentials"):
        assert missing in result.stderr, result.stderr
    assert not (project / ".pulumi-state").exists()
