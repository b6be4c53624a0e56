"""Review time per stack: the whole `govcloud review STACK --out DIR` command in a fresh
process, cold (`--no-cache`: planned under the mock runtime) and warm (the planned
inventory from .govcloud/cache, as for an unchanged stack or a change review's base),
measured in the same run; and the rendering alone (content → HTML + Markdown).

    python bench/review_render.py [--runs 5]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.simplefilter("ignore")
STACKS = ("131032-minato", "131121-setagaya", "131199-itabashi")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    govcloud = str(Path(sys.executable).parent / "govcloud")
    from network.declaration import load
    from review import html, markdown
    from pipeline.review import review_content
    with tempfile.TemporaryDirectory() as out:
        for stack in STACKS:
            command = [govcloud, "review", stack, "--out", out]
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)  # warms the cache
            cold, warm = [], []
            for _ in range(args.runs):  # alternated, so both sides see the same machine
                for extra, found in ((["--no-cache"], cold), ([], warm)):
                    start = time.perf_counter()
                    subprocess.run(command + extra, cwd=ROOT, check=True, capture_output=True)
                    found.append(time.perf_counter() - start)
            content = review_content(load(ROOT / "stacks" / f"Pulumi.{stack}.yaml"))
            render = []
            for _ in range(args.runs):
                start = time.perf_counter()
                html.render(content, "ja")
                markdown.render(content, "ja")
                render.append((time.perf_counter() - start) * 1000)
            for label, runs in (("cold, --no-cache: planned", cold), ("warm: plan from .govcloud/cache", warm)):
                print(f"| review-{stack} | `govcloud review {stack} --out DIR`, {label} | ≤ 2.5 s | "
                      f"{statistics.median(runs):.2f} s | {', '.join(f'{x:.2f}' for x in runs)} |")
            print(f"| review-render-{stack} | rendering only: content → HTML + Markdown | - | "
                  f"{statistics.median(render):.1f} ms | {', '.join(f'{x:.1f}' for x in render)} |")


if __name__ == "__main__":
    main()
