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
