"""Which stacks a change touches, from git: the stack files changed since BASE (committed,
staged, unstaged or new), or every stack when code they all depend on changed, or when BASE
is not in this checkout (a shallow clone). The cross-stack checks still read every stack:
a new stack can collide with an old one."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from network.naming import stack_name

#: a change under any of these can change every stack's plan or checks
SHARED = ("__main__.py", "Pulumi.yaml", "govcloud.yaml", "pyproject.toml", "clouds/", "components/", "inventory/",
          "network/", "pipeline/", "policies/")


@dataclass
class Selection:
    paths: list[Path]  # the stacks to plan and check
    reason: str  # why these, for the people reading the run
    skipped: list[str] = field(default_factory=list)  # unchanged stacks, by name


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def default_base(root: Path) -> str | None:
    """The merge base of HEAD with the default branch (origin's HEAD, else main or master)."""
    candidates = []
    head = _git(root, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD")
    if head.returncode == 0:
        candidates.append(head.stdout.strip())
    candidates += ["origin/main", "origin/master", "main", "master"]
    for ref in candidates:
        found = _git(root, "merge-base", "HEAD", ref)
        if found.returncode == 0:
            return found.stdout.strip()
    return None


def changed_files(root: Path, base: str) -> list[str] | None:
    """Files changed since `base`, relative to the repository root; None when `base` is
    not a commit here."""
    if _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").returncode != 0:
        return None
    top = Path(_git(root, "rev-parse", "--show-toplevel").stdout.strip() or root)
    diff = _git(root, "diff", "--name-only", base, "--", ".")
    new = _git(root, "ls-files", "--others", "--exclude-standard", "--full-name", "--", ".")
    files = [line for line in (diff.stdout + new.stdout).splitlines() if line]
    prefix = root.resolve().relative_to(top.resolve()).as_posix() if root.resolve() != top.resolve() else ""
    return sorted({f[len(prefix) + 1:] if prefix and f.startswith(prefix + "/") else f for f in files})


def select(root: Path, every: list[Path], base: str | None) -> Selection:
    label = base or "the merge base with the default branch"
    base = base or default_base(root)
    files = changed_files(root, base) if base else None
    if files is None:
        return Selection(list(every), f"{label} is not in this checkout (a shallow clone?): checking every stack")
    shared = next((f for f in files if f.startswith(SHARED)), None)
    if shared is not None:
        return Selection(list(every), f"{shared} changed since {label}: every stack depends on it")
    touched = {Path(f).name for f in files if f.startswith("stacks/") and f.endswith(".yaml")}
    chosen = [p for p in every if p.name in touched]
    skipped = [stack_name(p) for p in every if p.name not in touched]
    return Selection(chosen, f"{len(chosen)} stack file(s) changed since {label}", skipped)
