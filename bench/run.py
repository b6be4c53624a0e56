"""Run the benchmarks and print the medians as a Markdown table for BENCHMARKS.md.

    python bench/run.py [--runs 5] [--only NAME ...]

Each benchmark is a whole command, timed wall-clock from outside as a user would see it,
run --runs times; the median is reported. The synthetic nation is generated first.
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
BIN = Path(sys.executable).parent
GOVCLOUD = str(BIN / "govcloud")


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0,):
        raise SystemExit(f"{' '.join(cmd)} exited {result.returncode}: {result.stderr[-2000:]}")
    return elapsed


#: name -> (command, folder, target, what it measures)
BENCHMARKS = {
    "help": ([GOVCLOUD, "--help"], ROOT, "≤ 0.5 s", "`govcloud --help`"),
    "ipam-nation-j1": ([GOVCLOUD, "ipam", "--all"], NATION, "≤ 2 s",
                       "`govcloud ipam --all`, 1,741 stacks, one process"),
    "ipam-nation-j2": ([GOVCLOUD, "ipam", "--all", "--jobs", "2"], NATION, "≤ 2 s",
                       "`govcloud ipam --all --jobs 2`, 1,741 stacks"),
    "validate-nation-j2": ([GOVCLOUD, "validate", "--all", "--jobs", "2"], NATION, "-",
                           "`govcloud validate --all --jobs 2`, 1,741 stacks (schema, plan, cross-stack)"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.nation import write
    write(NATION)
    print(f"machine: {os.cpu_count()} cores; runs per figure: {args.runs}; median wall time\n")
    print("| benchmark | what | target | median | runs |")
    print("|---|---|---|---|---|")
    for name, (cmd, cwd, target, what) in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        timed(cmd, cwd)  # warm the page cache and .pyc files; cold-import figures are separate
        runs = [timed(cmd, cwd) for _ in range(args.runs)]
        print(f"| {name} | {what} | {target} | {statistics.median(runs):.2f} s | "
              f"{', '.join(f'{r:.2f}' for r in runs)} |", flush=True)


if __name__ == "__main__":
    main()
