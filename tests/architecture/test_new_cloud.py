"""docs/architecture.md says adding a cloud is one folder and one registration line. This test
does exactly that in a copy of the project: it writes the page's example cloud into
clouds/sakura/, adds it to the registry, and uses it from the command line."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from tests.conftest import ROOT, confirm_init

CODE = ("network", "clouds", "inventory", "components", "policies", "drift", "review", "pipeline", "scripts")


def example() -> str:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return re.search(r"<!-- example: clouds/sakura/__init__.py -->\n```python\n(.*?)```", text, re.S).group(1)


def govcloud(project, *args):
    env = {**os.environ, "PYTHONPATH": str(project), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "scripts.cli", *args], cwd=project, capture_output=True, text=True,
                          env=env, timeout=300)


def test_a_new_cloud_is_one_folder_and_one_line(tmp_path):
    project = tmp_path / "project"
    for folder in CODE:
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("Pulumi.yaml", "govcloud.yaml"):
        shutil.copy(ROOT / name, project / name)
    (project / "stacks").mkdir()
    (project / "clouds" / "sakura").mkdir()
    (project / "clouds" / "sakura" / "__init__.py").write_text(example(), encoding="utf-8")
    registry = project / "clouds" / "__init__.py"
    text = registry.read_text(encoding="utf-8")
    assert text.count('REGISTRY: tuple[str, ...] = ("aws", "gcp")') == 1
    registry.write_text(text.replace('("aws", "gcp")', '("aws", "gcp", "sakura")'), encoding="utf-8")

    made = govcloud(project, "init", "--code", "011002", "--name", "札幌市", "--romaji", "sapporo", "--cloud", "sakura")
    assert made.returncode == 0, made.stdout + made.stderr
    stack = project / "stacks" / "Pulumi.011002-sapporo.yaml"
    stack.write_text(confirm_init(stack.read_text(encoding="utf-8")), encoding="utf-8")
    checked = govcloud(project, "validate", "011002-sapporo", "--schema-only")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "札幌市, sakura" in checked.stdout
    wrong = (project / "stacks" / "Pulumi.011002-sapporo.yaml").read_text(encoding="utf-8").replace(
        "primary: tk1", "primary: ap-northeast-1")
    (project / "stacks" / "Pulumi.011002-sapporo.yaml").write_text(wrong, encoding="utf-8")
    rejected = govcloud(project, "validate", "011002-sapporo", "--schema-only")
    assert rejected.returncode == 2
    assert "'ap-northeast-1' is an aws region, but cloud is sakura" in rejected.stdout
