"""Rule evaluation throughput, excluding the mock run: record the sample stacks' inventories
once, then evaluate every rule over them repeatedly.

    python bench/policy_throughput.py [--rounds 20] [--runs 5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.simplefilter("ignore")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20, help="evaluations of each stack per run")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from components.plan import record
    from network.declaration import load
    from network.model import build
    from policies.evaluate import evaluate
    from policies.registry import all_rules
    from inventory.format import views as from_inventory
    rules = all_rules()
    stacks = []
    for name in ("131032-minato", "131121-setagaya", "131199-itabashi"):
        tenancy = load(ROOT / "stacks" / f"Pulumi.{name}.yaml")
        stacks.append((from_inventory(record(tenancy).as_dict()), build(tenancy)))
    evaluate(*stacks[0], rules=rules)  # warm: imports, SDK introspection caches
    per_run = sum(len(resources) for resources, _ in stacks) * args.rounds
    rates = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for _ in range(args.rounds):
            for resources, model in stacks:
                evaluate(resources, model, rules=rules)
        rates.append(per_run / (time.perf_counter() - start))
    print(f"| policy-throughput | {len(rules)} rules over the 3 sample inventories "
          f"({per_run} resource evaluations per run) | ≥ 10,000 resources/s | "
          f"{statistics.median(rates):,.0f} resources/s | {', '.join(f'{r:,.0f}' for r in rates)} |")


if __name__ == "__main__":
    main()
