"""The review takes an unchanged stack's planned inventory from the plan cache
(.govcloud/cache, keyed like validate's entries: the declaration's text, the stack, the
code and the installed versions), so a second review, and every change review's base, is
not planned again. A corrupt entry is ignored and rewritten; --no-cache writes nothing."""
from __future__ import annotations

import json

import pytest

from network.declaration import load, loads
from pipeline import cache
from pipeline.review import review_content
from tests.conftest import SAMPLES, run_govcloud


def test_a_warm_review_is_the_cold_review_without_planning(tmp_path, monkeypatch):
    tenancy = load(SAMPLES["setagaya"])
    cold = review_content(tenancy, cache_root=tmp_path)
    entries = list((tmp_path / ".govcloud" / "cache").rglob("*.json"))
    assert len(entries) == 1

    def no_plan(*_args, **_kwargs):
        raise AssertionError("planned again although the cache has the entry")
    monkeypatch.setattr("components.plan.record", no_plan)
    warm = review_content(tenancy, cache_root=tmp_path)
    assert json.dumps(warm, sort_keys=True, ensure_ascii=False) == json.dumps(cold, sort_keys=True, ensure_ascii=False)


def test_a_changed_declaration_misses(tmp_path):
    tenancy = load(SAMPLES["setagaya"])
    changed = loads(tenancy.source.text.replace("bandwidth: 1Gbps, vlan: 310", "bandwidth: 2Gbps, vlan: 310"),
                    tenancy.source.file, tenancy.stack)
    assert cache.inventory_key(tenancy) != cache.inventory_key(changed)
    assert cache.inventory_key(tenancy) == cache.inventory_key(load(SAMPLES["setagaya"]))


@pytest.mark.parametrize("damage", [lambda text: text[: len(text) // 2], lambda text: text.replace("10.13.", "10.99.")])
def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path, damage):
    tenancy = load(SAMPLES["setagaya"])
    first = cache.planned(tenancy, tmp_path)
    entry = next((tmp_path / ".govcloud" / "cache").rglob("*.json"))
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    again = cache.planned(tenancy, tmp_path)
    assert again.resources == first.resources  # planned again, not the damaged text
    assert json.loads(entry.read_text(encoding="utf-8"))["inventory"]["resources"] == first.resources


def test_the_command_uses_the_cache_and_no_cache_writes_nothing(project):
    result = run_govcloud("review", "131121-setagaya", "--format", "json", "--no-cache", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (project / ".govcloud").exists()
    first = run_govcloud("review", "131121-setagaya", "--format", "json", cwd=project)
    assert list((project / ".govcloud" / "cache").rglob("*.json"))
    second = run_govcloud("review", "131121-setagaya", "--format", "json", cwd=project)
    assert json.loads(first.stdout) == json.loads(second.stdout) == json.loads(result.stdout)
