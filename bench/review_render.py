"""Review render time per stack: the whole `govcloud review STACK --out DIR` command in a
fresh process, and the rendering alone (content → HTML + Markdown, after the plan).

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
            subprocess.run([govcloud, "review", stack, "--out", out], cwd=ROOT, check=True, capture_output=True)
            whole = []
            for _ in range(args.runs):
                start = time.perf_counter()
                subprocess.run([govcloud, "review", stack, "--out", out], cwd=ROOT, check=True, capture_output=True)
                whole.append(time.perf_counter() - start)
            content = review_content(load(ROOT / "stacks" / f"Pulumi.{stack}.yaml"))
            render = []
            for _ in range(args.runs):
                start = time.perf_counter()
                html.render(content, "ja")
                markdown.render(content, "ja")
                render.append((time.perf_counter() - start) * 1000)
            print(f"| review-{stack} | `govcloud review {stack} --out DIR` (plan, policies, HTML + Markdown) | ≤ 2 s | "
                  f"{statistics.median(whole):.2f} s | {', '.join(f'{x:.2f}' for x in whole)} |")
            print(f"| review-render-{stack} | rendering only: content → HTML + Markdown | - | "
                  f"{statistics.median(render):.1f} ms | {', '.join(f'{x:.1f}' for x in render)} |")


if __name__ == "__main__":
    main()
