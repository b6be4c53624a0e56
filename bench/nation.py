"""A synthetic nation: 1,741 municipalities with valid local government codes, each a
tenancy carved from one national pool, written as a project folder the CLI can run on.

    python bench/nation.py OUT_DIR [--count N]

Later benchmarks (validate, plan, drift) reuse it. Deterministic: the same count gives
the same files.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from netaddr import IPNetwork  # noqa: E402

from network.lgcode import with_check_digit  # noqa: E402
from network.template import new_stack  # noqa: E402

MUNICIPALITIES = 1741
POOL = "10.0.0.0/8"
TENANCY_PREFIX = 20


def codes(count: int) -> list[str]:
    """`count` distinct valid codes spread over the 47 prefectures (municipality numbers
    from 201 up, as 市 codes are)."""
    out = []
    number = 201
    while len(out) < count:
        for pref in range(1, 48):
            if len(out) == count:
                break
            out.append(with_check_digit(f"{pref:02d}{number:03d}"))
        number += 1
    return out


def write(out: Path, count: int = MUNICIPALITIES) -> list[Path]:
    if out.exists():
        shutil.rmtree(out)
    (out / "stacks").mkdir(parents=True)
    shutil.copy(ROOT / "Pulumi.yaml", out / "Pulumi.yaml")
    (out / "govcloud.yaml").write_text(f"addressPool:\n  cidr: {POOL}\n  tenancyPrefixLength: {TENANCY_PREFIX}\n",
                                       encoding="utf-8")
    blocks = IPNetwork(POOL).subnet(TENANCY_PREFIX)
    paths = []
    for i, code in enumerate(codes(count)):
        romaji = f"town{code}"
        cloud = "gcp" if i % 5 == 4 else "aws"
        text = new_stack(code, f"自治体{code}", romaji, cloud, str(next(blocks)))
        path = out / "stacks" / f"Pulumi.{code}-{romaji}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=MUNICIPALITIES)
    args = parser.parse_args()
    paths = write(args.out, args.count)
    print(f"wrote {len(paths)} stacks to {args.out / 'stacks'}")


if __name__ == "__main__":
    main()
