"""The review package as a document a municipality files: a cover with the municipality,
title, version, date, commit and tool version, boxes for 作成 / 確認 / 承認, and the change
history (変更履歴) from the stack file's git history."""
from __future__ import annotations

import subprocess
from importlib.metadata import version

from tests.conftest import run_govcloud
from tests.review.test_review import Audit


def git(project, *args):
    return subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, text=True,
                          env={"GIT_AUTHOR_NAME": "情報政策課", "GIT_AUTHOR_EMAIL": "t@example.jp",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.jp",
                               "HOME": str(project), "PATH": "/usr/bin:/bin"}).stdout.strip()


def test_the_cover_carries_version_commit_tool_boxes_and_history(project, tmp_path):
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "港区の初版")
    stack = project / "stacks" / "Pulumi.131032-minato.yaml"
    stack.write_text(stack.read_text(encoding="utf-8").replace("CostCenter: joho-seisaku", "CostCenter: joho"),
                     encoding="utf-8")
    git(project, "commit", "-qam", "タグを変更")
    head = git(project, "rev-parse", "--short", "HEAD")
    out = tmp_path / "review"
    result = run_govcloud("review", "131032-minato", "--out", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    md = (out / "131032-minato-review.ja.md").read_text(encoding="utf-8")
    cover = md.split("## 文書管理", 1)[1].split("\n## ", 1)[0]
    assert f"| 東京都港区（131032） | ネットワーク設計レビュー資料 | 2 |" in cover
    assert f"| {head} | govcloud {version('govcloud-hybrid')} |" in cover
    assert "| 作成 | 確認 | 承認 |" in cover
    assert cover.index("タグを変更") < cover.index("港区の初版") and "情報政策課" in cover
    page = (out / "131032-minato-review.ja.html").read_text(encoding="utf-8")
    for text in ("文書管理", "作成", "確認", "承認", "変更履歴", "タグを変更", head):
        assert text in page
    audit = Audit()
    audit.feed(page)
    assert audit.errors == [] and audit.stack == []


def test_uncommitted_changes_are_a_new_version_and_say_so(project, tmp_path):
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "初版")
    stack = project / "stacks" / "Pulumi.131032-minato.yaml"
    stack.write_text(stack.read_text(encoding="utf-8") + "# 検討中\n", encoding="utf-8")
    out = tmp_path / "review"
    assert run_govcloud("review", "131032-minato", "--out", str(out), "--lang", "en", cwd=project).returncode == 0
    md = (out / "131032-minato-review.en.md").read_text(encoding="utf-8")
    assert "| Network design review | 2 |" in md and "+ uncommitted changes" in md
    assert "| Prepared | Checked | Approved |" in md


def test_outside_git_the_cover_says_so(project, tmp_path):
    out = tmp_path / "review"
    assert run_govcloud("review", "131032-minato", "--out", str(out), cwd=project).returncode == 0
    md = (out / "131032-minato-review.ja.md").read_text(encoding="utf-8")
    assert "（git 管理外）" in md and "履歴なし" in md
