"""Policy evaluation over a 10,000-resource stack as a whole process (issue 19, item 5):
the offline path (`python` loading the inventory and evaluating every rule, imports
included) and the real Analyzer (the pack started as the engine starts it, then one
Analyze per resource and one AnalyzeStack), both measured in the same run.

    python bench/policy_scale.py [--resources 10000] [--runs 5]

The stack is 港区's recorded inventory repeated under new names (each copy's URNs,
parents, providers and dependencies renamed together), so every rule meets what it meets
in a real stack, at scale.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
warnings.simplefilter("ignore")

OFFLINE = """
import json, sys, warnings
warnings.simplefilter("ignore")
from inventory.format import views
from network.declaration import load
from network.model import build
from policies.evaluate import evaluate
inventory = json.load(open(sys.argv[1], encoding="utf-8"))
verdicts = evaluate(views(inventory), build(load(sys.argv[2])), {})
print(sum(len(v.findings) for v in verdicts))
"""


def scaled(inventory: dict, copies: int) -> dict:
    resources = []
    for i in range(copies):
        def rename(urn, i=i):
            return f"{urn}-c{i}" if urn else urn
        for r in inventory["resources"]:
            if r["type"] == "pulumi:pulumi:Stack" and i:
                continue
            copy = dict(r, urn=rename(r["urn"]), name=f"{r['name']}-c{i}", parent=rename(r.get("parent")),
                        provider=rename(r.get("provider")))
            if "dependencies" in r:
                copy["dependencies"] = {k: [rename(u) for u in v] for k, v in r["dependencies"].items()}
            resources.append(copy)
    return {**inventory, "resources": resources}


def scaled_stack(resources: int) -> tuple[dict, int, Path, Path]:
    """(inventory, copies, where it is written, the stack file): 港区's recorded inventory
    repeated until it has about `resources` custom resources, written to bench/out."""
    from components.plan import record
    from network.declaration import load
    stack = ROOT / "stacks" / "Pulumi.131032-minato.yaml"
    base = record(load(stack)).as_dict()
    copies = max(1, round(resources / sum(1 for r in base["resources"] if r.get("custom"))))
    inventory = scaled(base, copies)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "inventory-scaled.json"
    path.write_text(json.dumps(inventory), encoding="utf-8")
    return inventory, copies, path, stack


def offline(path: Path, stack: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", OFFLINE, str(path), str(stack)], cwd=ROOT, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def through_grpc(inventory: dict, ours: bool = True) -> float:
    """One whole Analyzer run; `ours` False: pulumi_policy's own request loops
    (GOVCLOUD_ANALYZER=pulumi_policy), for the ratio."""
    from tests.policies.analyzer import PolicyPackProcess, requests
    single, stack = requests(inventory)
    start = time.perf_counter()
    pack = PolicyPackProcess(None if ours else {"GOVCLOUD_ANALYZER": "pulumi_policy"})
    try:
        for request in single:
            pack.stub.Analyze(request)
        pack.stub.AnalyzeStack(stack)
    finally:
        pack.stop()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000,
                        help="about this many custom resources: as many copies of 港区 as it takes")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    inventory, copies, path, stack = scaled_stack(args.resources)
    custom = sum(1 for r in inventory["resources"] if r.get("custom"))
    offline(path, stack)  # warm-up: page cache and bytecode
    times: dict[str, list[float]] = {"offline": [], "grpc": [], "grpc-pulumi_policy-loops": []}
    for _ in range(args.runs):
        times["offline"].append(offline(path, stack))
        times["grpc"].append(through_grpc(inventory))
        times["grpc-pulumi_policy-loops"].append(through_grpc(inventory, ours=False))
    print(f"{custom:,} resources ({copies} copies of 131032-minato), {args.runs} runs, whole process")
    for side, runs in times.items():
        median = statistics.median(runs)
        print(f"| {side} | {median:.2f} s | {custom / median:,.0f} resources/s | "
              f"{', '.join(f'{t:.2f}' for t in runs)} |")


if __name__ == "__main__":
    main()
