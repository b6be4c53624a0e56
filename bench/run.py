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
NATION100 = OUT / "nation100"
BIN = Path(sys.executable).parent
GOVCLOUD = str(BIN / "govcloud")


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # time running, not compiling
    result = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
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
    "plan-minato-cold": ([GOVCLOUD, "plan", "131032-minato"], ROOT, "≤ 4 s",
                         "`govcloud plan 131032-minato`, whole command in a fresh process"),
    "plan-itabashi-cold": ([GOVCLOUD, "plan", "131199-itabashi"], ROOT, "≤ 4 s",
                           "`govcloud plan 131199-itabashi` (Google Cloud), whole command in a fresh process"),
    "validate-nation-schema-j2": ([GOVCLOUD, "validate", "--all", "--jobs", "2", "--schema-only"], NATION, "-",
                                  "`govcloud validate --all --jobs 2 --schema-only`, 1,741 stacks (declarations, "
                                  "cross-stack)"),
    "validate-100-j2": ([GOVCLOUD, "validate", "--all", "--jobs", "2"], NATION100, "-",
                        "`govcloud validate --all --jobs 2`, 100-stack sample of the synthetic nation (declaration, "
                        "plan under the mock runtime, 26 rules)"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.nation import write
    write(NATION)
    write(NATION100, 100)
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
        if name == "validate-100-j2":
            whole = statistics.median(runs) * 1741 / 100
            print(f"| validate-nation-j2 (extrapolated) | the same for all 1,741 stacks: median × 17.41 | - | "
                  f"{whole:.0f} s ({whole / 60:.1f} min) | |", flush=True)
    for stack in ("131032-minato", "131199-itabashi"):
        if not args.only or f"plan-{stack}-per-resource" in args.only:
            per_resource(stack, args.runs)


def per_resource(stack: str, runs: int) -> None:
    """Mock-runtime milliseconds per resource, in one process after a first (import) run."""
    from components.plan import record
    from network.declaration import load
    tenancy = load(ROOT / "stacks" / f"Pulumi.{stack}.yaml")
    first = record(tenancy)
    figures = [record(tenancy) for _ in range(runs)]
    per = [inv.milliseconds / len(inv.resources) for inv in figures]
    print(f"| plan-{stack}-per-resource | mock runtime ms per resource, {len(first.resources)} resources "
          f"(first run with imports: {first.milliseconds / len(first.resources):.1f} ms) | ≤ 5 ms | "
          f"{statistics.median(per):.2f} ms | {', '.join(f'{p:.2f}' for p in per)} |", flush=True)


if __name__ == "__main__":
    main()
