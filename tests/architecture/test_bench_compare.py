"""bench/compare.py times each side's own code, wherever the case runs: a case run in this
repository must not import this tree's CLI for the base side (`python -m` puts the folder
it runs in first on sys.path; compare.py runs Python with -P)."""
from __future__ import annotations

from bench.compare import cli_file
from tests.conftest import ROOT


def test_the_base_side_runs_its_own_code_even_in_this_repository(tmp_path):
    other = tmp_path / "base"
    (other / "scripts").mkdir(parents=True)
    (other / "scripts" / "__init__.py").write_text("", encoding="utf-8")
    (other / "scripts" / "cli.py").write_text("", encoding="utf-8")
    assert cli_file(other, ROOT) == (other / "scripts" / "cli.py").resolve()
    assert cli_file(ROOT, ROOT) == (ROOT / "scripts" / "cli.py").resolve()


def test_policy_scale_times_the_other_trees_policies_for_offline_base(tmp_path):
    """bench/policy_scale.py --offline-base TREE: the OFFLINE script runs with TREE's code
    (its folder the only one on the path, -P), on the same inventory and stack file."""
    from bench.policy_scale import offline
    other = tmp_path / "base"
    for package in ("inventory", "network", "policies"):
        (other / package).mkdir(parents=True)
        (other / package / "__init__.py").write_text("", encoding="utf-8")
    (other / "inventory" / "format.py").write_text("def views(i):\n    return i\n", encoding="utf-8")
    (other / "network" / "declaration.py").write_text("def load(p):\n    return p\n", encoding="utf-8")
    (other / "network" / "model.py").write_text("def build(t):\n    return t\n", encoding="utf-8")
    marker = tmp_path / "ran"
    (other / "policies" / "evaluate.py").write_text(
        f"def evaluate(views, model, config):\n    open({str(marker)!r}, 'w').write(__file__)\n    return []\n",
        encoding="utf-8")
    inventory = tmp_path / "inventory.json"
    inventory.write_text("{}", encoding="utf-8")
    assert offline(inventory, tmp_path / "stack.yaml", other) > 0
    assert marker.read_text(encoding="utf-8") == str(other / "policies" / "evaluate.py")
