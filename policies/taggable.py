"""Which resource types take tags (AWS) or labels (Google Cloud), read from the provider SDKs
as text and kept in the repository (policies/data/taggable.json), so GOV-TAG-001 answers by
a lookup instead of importing SDK modules while a policy runs (3.6 s of a 10,000-resource
evaluation, issue 19 item 5).

    python -m policies.taggable > policies/data/taggable.json

tests/policies/test_encryption_table.py derives it again from the installed SDKs and fails
when it differs.
"""
from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

from policies.encryption_inputs import inputs_of, resource_modules, versions

TABLE = Path(__file__).with_name("data") / "taggable.json"
#: package -> the input that carries the municipality code and the layer
KEYS = {"pulumi_aws": "tags", "pulumi_gcp": "labels"}


def derive_all() -> dict[str, str]:
    """type token -> 'tags' or 'labels', for every resource class that takes them."""
    table = {}
    for package, key in KEYS.items():
        for token, _, text in resource_modules(package):
            if key in inputs_of(text):
                table[token] = key
    return dict(sorted(table.items()))


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    return json.loads(TABLE.read_text(encoding="utf-8"))["types"]


def main() -> None:
    json.dump({"derivedFrom": versions(), "types": derive_all()}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
