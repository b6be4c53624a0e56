"""A synthetic nation: the 1,741 real municipalities of the code list, each a tenancy
carved from one national pool, written as a project folder the CLI can run on.

    python bench/nation.py OUT_DIR [--count N]

Later benchmarks (validate, plan, drift) reuse it. Deterministic: the same count gives
the same files.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from netaddr import IPNetwork  # noqa: E402

import clouds  # noqa: E402
from network.municipalities import load  # noqa: E402
from network.template import new_stack  # noqa: E402

MUNICIPALITIES = 1741
POOL = "10.0.0.0/8"
TENANCY_PREFIX = 20


def municipalities(count: int) -> list:
    """`count` real municipalities of the code list, spread over the prefectures (every
    step-th one), all 1,741 for the whole nation."""
    everyone = load().municipalities()
    step = max(1, len(everyone) // count)
    return everyone[::step][:count]


def confirmed(text: str) -> str:
    """The stack after its staffer confirmed init's placeholders: the '# 確認' comments gone,
    the data center's ASN and each layer's on-prem prefixes filled in."""
    text = re.sub(r"  # 確認.*", "", text)
    return text.replace("asn: 65000", "asn: 65012").replace(
        "prefixes: {}", "prefixes: {mynumber: [172.31.0.0/20], lgwan: [172.31.16.0/20], internet: [172.31.32.0/20]}")


#: with --systems: per layer, the standard systems a municipality runs in vendor accounts
SYSTEMS = {"mynumber": ("juki", "zeimu", "kokuho", "fukushi", "kaigo", "kenko"), "lgwan": ("shinsei", "zaimu"),
           "internet": ("web",)}


def with_systems(text: str, index: int, cloud: str) -> str:
    """The stack with accounts.network and nine systems, each in its own account (project)
    and allocated a block (/26 in mynumber and lgwan, /24 on the internet side)."""
    numbered = clouds.get(cloud).account_problem("700000000000") is None  # AWS-style account ids

    def account(n: int) -> str:
        return f'"{700000000000 + index * 100 + n}"' if numbered else f"p{index:06d}-sys-{n:02d}"
    network = f'"{700000000000 + index * 100}"' if numbered else f"town{index:06d}-host"
    text = text.replace("    operatingModel: single\n", f"    operatingModel: single\n    accounts: {{network: {network}}}\n")
    text = re.sub(r"projectId: \S+", f"projectId: town{index:06d}-host", text)  # the host project, where there is one
    if clouds.get(cloud).assumes_roles:
        text = text.replace("config:\n", "config:\n  govcloud:externalId: {secure: v1:bench}\n", 1)
    n = 0
    for layer, ids in SYSTEMS.items():
        entries = []
        for sid in ids:
            n += 1
            entries.append(f"          - {{id: {sid}, name: {sid}, vendor: V{n}, account: {account(n)}}}")
        length = "" if layer == "internet" else "        systemPrefixLength: 26\n"
        text = re.sub(rf"(      {layer}:\n(?:        egress: datacenter\n)?)        systems: \[\]\n",
                      lambda m: m.group(1) + length + "        systems:\n" + "\n".join(entries) + "\n", text)
    return text


def write(out: Path, count: int = MUNICIPALITIES, systems: bool = False) -> list[Path]:
    if out.exists():
        shutil.rmtree(out)
    (out / "stacks").mkdir(parents=True)
    shutil.copy(ROOT / "Pulumi.yaml", out / "Pulumi.yaml")
    (out / "govcloud.yaml").write_text(f"addressPool:\n  cidr: {POOL}\n  tenancyPrefixLength: {TENANCY_PREFIX}\n",
                                       encoding="utf-8")
    blocks = IPNetwork(POOL).subnet(TENANCY_PREFIX)
    paths = []
    for i, entry in enumerate(municipalities(count)):
        code = entry.code
        romaji = f"town{code}"
        cloud = "gcp" if i % 5 == 4 else "aws"
        text = confirmed(new_stack(code, entry.name, romaji, cloud, str(next(blocks))))
        if systems:
            text = with_systems(text, i, cloud)
        path = out / "stacks" / f"Pulumi.{code}-{romaji}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=MUNICIPALITIES)
    parser.add_argument("--systems", action="store_true",
                        help="nine systems per municipality, each in its own account (accounts.network)")
    args = parser.parse_args()
    paths = write(args.out, args.count, args.systems)
    print(f"wrote {len(paths)} stacks to {args.out / 'stacks'}")


if __name__ == "__main__":
    main()
