"""Time the same commands on two versions of the code, alternately, in one run: the working
tree against a git ref (a worktree of it in bench/out/base-<ref>), with the same Python
and the same installed libraries. Medians of --runs runs after one warm-up each.

    python bench/compare.py --base f617f41 [--runs 5] [--only help plan-minato ...]

Use it for "does not regress" and "N× faster than before" figures: both sides are measured
on the same machine in the same minutes.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
NATION = OUT / "nation"
NATION_SYSTEMS = OUT / "nation-systems"

#: name -> (arguments of `python -m scripts.cli`, folder to run in[, what this tree adds])
CASES = {
    "help": (["--help"], ROOT),
    "plan-minato": (["plan", "131032-minato"], ROOT),
    "plan-itabashi": (["plan", "131199-itabashi"], ROOT),
    # every stack read from its YAML on both sides (this tree would otherwise answer from the
    # .govcloud/cache its warm-up filled)
    "ipam-nation-j1": (["ipam", "--all"], NATION, ["--no-cache"]),
    "ipam-nation-systems": (["ipam", "--all"], NATION_SYSTEMS, ["--no-cache"]),
    # this tree with its cache filled (by the warm-up run) against the base reading everything
    "ipam-nation-j1-warm": (["ipam", "--all"], NATION),
    "ipam-nation-systems-warm": (["ipam", "--all"], NATION_SYSTEMS),
    # planned under the mock runtime every time (issue 14's cold review, validate of a change)
    "review-minato-cold": (["review", "131032-minato", "--out", str(OUT / "review"), "--no-cache"], ROOT),
    "validate-minato-cold": (["validate", "131032-minato", "--no-cache"], ROOT),
    "review-itabashi-cold": (["review", "131199-itabashi", "--out", str(OUT / "review"), "--no-cache"], ROOT),
}


def worktree(ref: str) -> Path:
    path = OUT / f"base-{ref}"
    if not path.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(path), ref], cwd=ROOT, check=True,
                       capture_output=True)
    return path


def command(code: Path) -> tuple[list[str], dict[str, str]]:
    """Python running `code`'s CLI, and its environment. `-P`: without it `-m` puts the
    folder it runs in first on sys.path, and a case run in this repository (cwd ROOT) would
    time this tree's code on both sides (it did until session 18: the ROOT cases' "base"
    column of earlier figures was this tree). Bytecode is written (and then used) whatever
    the environment says: a machine that sets PYTHONDONTWRITEBYTECODE would otherwise time
    compiling the project, not running it."""
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
           "PYTHONPATH": str(code), "NO_COLOR": "1"}
    return [sys.executable, "-P"], env


def cli_file(code: Path, cwd: Path) -> Path:
    """The scripts/cli.py a run of `code` in `cwd` imports."""
    python, env = command(code)
    found = subprocess.run([*python, "-c", "import scripts.cli; print(scripts.cli.__file__)"], cwd=cwd, env=env,
                           capture_output=True, text=True, check=True)
    return Path(found.stdout.strip()).resolve()


def run(code: Path, args: list[str], cwd: Path) -> float:
    python, env = command(code)
    start = time.perf_counter()
    result = subprocess.run([*python, "-m", "scripts.cli", *args], cwd=cwd, env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{code}: {' '.join(args)} exited {result.returncode}: {result.stderr[-2000:]!r}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git ref to compare the working tree with")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.nation import write
    write(NATION)
    write(NATION_SYSTEMS, systems=True)
    base = worktree(args.base)
    print(f"machine: {os.cpu_count()} cores; {args.runs} alternating runs per side; median wall time\n")
    print(f"| benchmark | base `{args.base}` | this tree | ratio (this / base) | runs (base; this) |")
    print("|---|---|---|---|---|")
    for name, (cli_args, cwd, *extra) in CASES.items():
        if args.only and name not in args.only:
            continue
        sides = {"base": (base, cli_args), "this": (ROOT, cli_args + (extra[0] if extra else []))}
        for code, side_args in sides.values():
            if not cli_file(code, cwd).is_relative_to(code.resolve()):
                raise SystemExit(f"{name}: a run of {code} in {cwd} would not run {code}'s code")
            run(code, side_args, cwd)  # warm-up: page cache and .pyc files (and this tree's cache)
        times: dict[str, list[float]] = {side: [] for side in sides}
        for _ in range(args.runs):
            for side, (code, side_args) in sides.items():
                times[side].append(run(code, side_args, cwd))
        b, t = statistics.median(times["base"]), statistics.median(times["this"])
        print(f"| {name} | {b:.2f} s | {t:.2f} s | {t / b:.2f} | "
              f"{', '.join(f'{x:.2f}' for x in times['base'])}; {', '.join(f'{x:.2f}' for x in times['this'])} |",
              flush=True)


if __name__ == "__main__":
    main()
