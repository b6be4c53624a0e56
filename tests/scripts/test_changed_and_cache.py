"""validate --changed plans only what a change touches, and the plan cache answers what did
not change; neither can serve a stale result."""
from __future__ import annotations

import subprocess

import pytest

from pipeline import cache
from tests.conftest import run_govcloud


def git(project, *args):
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.jp", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.jp", "HOME": str(project), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def repo(project):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    return project


def touch(path, comment="# changed\n"):
    path.write_text(path.read_text(encoding="utf-8") + comment, encoding="utf-8")


# --- the plan cache --------------------------------------------------------------------------

@pytest.fixture
def counted(monkeypatch):
    """check_many, counting the stacks it really plans."""
    import pipeline.checks as checks
    planned = []
    real = checks.check_many

    def counting(items, config, jobs):
        planned.extend(path.name for path, _, _ in items)
        return real(items, config, jobs)
    monkeypatch.setattr(checks, "check_many", counting)
    return planned


def checked(project):
    from pipeline.select import load_checked
    from scripts.targets import Targets
    from scripts.validation import _checked
    targets = Targets(project)
    return _checked([r for r in load_checked(targets.all(), targets.all()) if r.ok], {}, 1, project)


def test_unchanged_stacks_come_from_the_cache_and_a_changed_one_is_planned_again(project, counted):
    first = checked(project)
    assert len(counted) == 3
    again = checked(project)
    assert len(counted) == 3, "nothing planned the second time"
    assert [vars(r) == vars(s) for r, s in zip(first, again)] == [True] * 3
    touch(project / "stacks" / "Pulumi.131121-setagaya.yaml")
    checked(project)
    assert counted[3:] == ["Pulumi.131121-setagaya.yaml"]


def test_a_corrupt_entry_is_ignored_and_rewritten(project, counted):
    checked(project)
    entries = sorted((project / cache.FOLDER).rglob("*.json"))
    assert len(entries) == 3
    entries[0].write_text(entries[0].read_text(encoding="utf-8").replace('"passed"', '"pased"').replace(
        '"pass"', '"fail"', 1), encoding="utf-8")  # tampered, still JSON
    entries[1].write_text("{not json", encoding="utf-8")
    checked(project)
    assert len(counted) == 5, "the two damaged entries were planned again"
    assert all(cache.load(project, e.stem) is not None for e in entries)


def test_a_code_change_invalidates_every_entry(tmp_path):
    code = tmp_path / "code"
    (code / "network").mkdir(parents=True)
    (code / "network" / "rule.py").write_text("LIMIT = 20\n", encoding="utf-8")
    before = cache.key(b"stack", {}, code)
    (code / "network" / "rule.py").write_text("LIMIT = 40\n", encoding="utf-8")
    cache.code_digest.cache_clear()
    assert cache.key(b"stack", {}, code) != before
    assert cache.key(b"stack", {"GOV-TLS-003": "mandatory"}, code) != cache.key(b"stack", {}, code)
    assert cache.key(b"other stack", {}, code) != cache.key(b"stack", {}, code)
    assert cache.key(b"stack", {}, code, "stacks/Pulumi.a.yaml") != cache.key(b"stack", {}, code, "stacks/Pulumi.b.yaml")


def test_no_cache_plans_everything(project):
    first = run_govcloud("validate", "--all", cwd=project)
    assert first.returncode == 0 and (project / ".govcloud" / "cache").is_dir()
    for entry in (project / cache.FOLDER).rglob("*.json"):
        entry.write_text("{}", encoding="utf-8")
    again = run_govcloud("validate", "--all", "--no-cache", cwd=project)
    assert again.returncode == 0
    assert all(e.read_text(encoding="utf-8") == "{}" for e in (project / cache.FOLDER).rglob("*.json"))


# --- validate --changed ----------------------------------------------------------------------

def test_only_the_changed_stack_is_checked_and_the_rest_are_named(repo):
    touch(repo / "stacks" / "Pulumi.131032-minato.yaml")
    result = run_govcloud("validate", "--changed", "main", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 stack file(s) changed since main" in result.stderr
    assert "skipped 2 unchanged: 131121-setagaya, 131199-itabashi" in result.stderr
    assert "131032-minato" in result.stdout and "131121-setagaya" not in result.stdout


def test_the_default_base_is_the_merge_base_with_the_default_branch(repo):
    git(repo, "checkout", "-q", "-b", "feature")
    touch(repo / "stacks" / "Pulumi.131199-itabashi.yaml")
    git(repo, "commit", "-qam", "itabashi")
    result = run_govcloud("validate", "--changed", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "1 stack file(s) changed" in result.stderr and "131199-itabashi" in result.stdout


def test_a_shared_code_change_checks_every_stack(repo):
    (repo / "network").mkdir()
    (repo / "network" / "rule.py").write_text("LIMIT = 40\n", encoding="utf-8")
    result = run_govcloud("validate", "--changed", "main", cwd=repo)
    assert "network/rule.py changed since main: every stack depends on it" in result.stderr
    assert all(s in result.stdout for s in ("131032-minato", "131121-setagaya", "131199-itabashi"))


def test_a_missing_base_falls_back_to_everything_and_says_so(repo):
    result = run_govcloud("validate", "--changed", "0123456789abcdef0123456789abcdef01234567", cwd=repo)
    assert "is not in this checkout (a shallow clone?): checking every stack" in result.stderr
    assert "3 of 3 stacks pass" in result.stdout


def test_a_new_stack_overlapping_an_unchanged_one_is_still_refused(repo):
    minato = (repo / "stacks" / "Pulumi.131032-minato.yaml").read_text(encoding="utf-8")
    clash = minato.replace('code: "131032"', 'code: "131016"').replace("name: 港区", "name: 千代田区").replace(
        "romaji: minato", "romaji: chiyoda")
    (repo / "stacks" / "Pulumi.131016-chiyoda.yaml").write_text(clash, encoding="utf-8")
    result = run_govcloud("validate", "--changed", "main", cwd=repo)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "skipped 3 unchanged" in result.stderr
    assert "addressSpace 10.13.16.0/20 is the same block as" in result.stdout and "131032-minato" in result.stdout


def test_nothing_changed_is_nothing_to_check(repo):
    result = run_govcloud("validate", "--changed", "main", cwd=repo)
    assert result.returncode == 0 and "no stack to check" in result.stderr


def test_changed_with_stack_names_is_a_usage_error(repo):
    result = run_govcloud("validate", "--changed", "main", "131032-minato", cwd=repo)
    assert result.returncode == 2 and "--changed chooses the stacks itself" in result.stderr


# --- progress --------------------------------------------------------------------------------

class Terminal:
    def __init__(self, tty):
        self.tty, self.text = tty, ""

    def isatty(self):
        return self.tty

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_a_terminal_gets_a_progress_line_and_a_log_gets_nothing():
    from pipeline.progress import Progress
    ticks = iter([0.0, 10.0, 20.0, 20.0])
    terminal = Progress(4, Terminal(True), clock=lambda: next(ticks))
    terminal.step()
    terminal.step(failed=True)
    assert terminal.stream.text.endswith("2/4 stacks, 1 with errors or findings, about 20 s left")
    terminal.close()
    assert terminal.stream.text.endswith("\r\033[K")
    log = Progress(4, Terminal(False))
    log.step()
    log.close()
    assert log.stream.text == ""


def test_validate_all_writes_no_progress_into_a_log(project):
    result = run_govcloud("validate", "--all", "--no-cache", cwd=project)
    assert result.returncode == 0 and "\r" not in result.stderr and "stacks, " not in result.stderr


def test_a_file_changed_after_loading_is_not_answered_with_the_old_report(project, counted):
    """The entry is keyed by the text the report was made from: a file changed between
    loading and checking leaves no entry under its new text."""
    from pipeline.select import load_checked
    from scripts.targets import Targets
    from scripts.validation import _checked
    targets = Targets(project)
    loaded = [r for r in load_checked(targets.all(), targets.all()) if r.ok]
    touch(project / "stacks" / "Pulumi.131121-setagaya.yaml")  # changed after it was read
    _checked(loaded, {}, 1, project)
    assert len(counted) == 3
    checked(project)
    assert counted[3:] == ["Pulumi.131121-setagaya.yaml"], "its new text was never checked: planned now"
