"""`govcloud ipam` answers an unchanged stack from .govcloud/cache: the output is exactly what
reading every stack gives, a changed stack or changed code is read again, a damaged cache
file is ignored and rewritten, and the checks across stacks still see every stack (a new
stack overlapping a cached one is rejected, with the cached stack's line)."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

import pipeline.ipam as ipam
from pipeline import cache


@pytest.fixture
def read(monkeypatch, project):
    """The stacks ipam really reads (loads from YAML), by file name; run in the project."""
    names = []
    real = ipam.load_many

    def counting(paths, jobs=1):
        names.extend(p.name for p in paths)
        return real(paths, jobs)
    monkeypatch.setattr(ipam, "load_many", counting)
    monkeypatch.chdir(project)
    return names


def govcloud(*args):
    from scripts.cli import main
    result = CliRunner().invoke(main, ["ipam", *args], catch_exceptions=False)
    return result.exit_code, result.output


def entries(project):
    (found,) = (project / cache.FOLDER).glob("ipam-*.entries")
    return found


def test_an_unchanged_stack_comes_from_the_cache_and_prints_the_same(project, read):
    cold = govcloud("--all", "--no-cache"), govcloud("--all", "--format", "json", "--no-cache")
    assert len(read) == 6 and not (project / cache.FOLDER).exists(), "--no-cache neither reads nor writes it"
    first = govcloud("--all"), govcloud("--all", "--format", "json")
    assert len(read) == 9, "the first run reads every stack once and keeps them"
    warm = govcloud("--all"), govcloud("--all", "--format", "json")
    assert len(read) == 9, "nothing read again"
    assert cold == first == warm
    assert cold[0][0] == 0 and "10.13.16.0/20" in cold[0][1]
    assert len(json.loads(cold[1][1])["plan"]) > 100


def test_a_changed_stack_is_read_again(project, read):
    govcloud("--all")
    setagaya = project / "stacks" / "Pulumi.131121-setagaya.yaml"
    # the whole tenancy moved from 10.13.32.0/20 to 10.13.64.0/20, its systems' blocks with it
    setagaya.write_text(re.sub(r"10\.13\.(3[2-9]|4[0-7])\.", lambda m: f"10.13.{int(m[1]) + 32}.",
                               setagaya.read_text(encoding="utf-8")), encoding="utf-8")
    del read[:]
    code, out = govcloud("--all")
    assert read == ["Pulumi.131121-setagaya.yaml"]
    assert code == 0 and "10.13.64.0/20" in out and "10.13.32.0/20" not in out


def test_a_damaged_cache_file_is_ignored_and_rewritten(project, read):
    expected = govcloud("--all")
    path = entries(project)
    digest, body = path.read_text(encoding="utf-8").split("\n", 1)
    for damaged in (digest + "\n" + body.replace("10.13.16.0/20", "10.99.0.0/20"),  # edited, digest kept
                    "{not json", "", digest + "\n" + json.dumps({"k": "not an entry"})):
        path.write_text(damaged, encoding="utf-8")
        del read[:]
        assert govcloud("--all") == expected
        assert len(read) == 3, "every stack read again"
        assert entries(project).read_text(encoding="utf-8").split("\n", 1)[0] != ""
    del read[:]
    assert govcloud("--all") == expected and read == [], "rewritten whole"


def test_changed_code_reads_every_stack_again_and_drops_the_old_file(project, read, monkeypatch):
    govcloud("--all")
    old = entries(project)
    monkeypatch.setattr(cache, "code_digest", lambda root=cache.CODE_ROOT: "0" * 64)
    del read[:]
    govcloud("--all")
    assert len(read) == 3
    assert entries(project) != old and not old.exists()


def test_a_new_stack_overlapping_a_cached_one_is_rejected_with_both_lines(project, read):
    govcloud("--all")
    minato = (project / "stacks" / "Pulumi.131032-minato.yaml").read_text(encoding="utf-8")
    (project / "stacks" / "Pulumi.131040-shinagawa.yaml").write_text(
        minato.replace("131032", "131091").replace("港区", "品川区").replace("minato", "shinagawa"), encoding="utf-8")
    del read[:]
    code, out = govcloud("--all")
    assert read == ["Pulumi.131040-shinagawa.yaml"], "the old stacks came from the cache"
    assert code == 2
    assert "stacks/Pulumi.131032-minato.yaml:18 govcloud:tenancy.addressSpace: addressSpace 10.13.16.0/20 is the " \
           "same block as 10.13.16.0/20 of 131040-shinagawa" in out
    assert (code, out) == govcloud("--all", "--no-cache"), "the same as reading everything"


def test_a_stack_with_an_error_is_never_kept(project, read):
    broken = project / "stacks" / "Pulumi.131121-setagaya.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("addressSpace: 10.13.32.0/20",
                                                                 "addressSpace: 10.13.32.0/33"), encoding="utf-8")
    first = govcloud("--all")
    assert first[0] == 2 and "Pulumi.131121-setagaya.yaml:14" in first[1]
    del read[:]
    assert govcloud("--all") == first
    assert read == ["Pulumi.131121-setagaya.yaml"]


def test_an_entry_goes_with_its_stack_file(project, read):
    govcloud("--all")
    (project / "stacks" / "Pulumi.131199-itabashi.yaml").unlink()
    setagaya = project / "stacks" / "Pulumi.131121-setagaya.yaml"
    setagaya.write_text(setagaya.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    govcloud("--all")  # setagaya is written again: the entries are pruned then
    body = json.loads(entries(project).read_text(encoding="utf-8").split("\n", 1)[1])
    assert sorted(e["stack"] for e in body.values()) == ["131032-minato", "131121-setagaya"]


def test_a_file_changed_while_it_is_read_leaves_no_entry(project, read, monkeypatch):
    """The key is made from the text read first; if the loader reads another text (the file
    changed in between), nothing is kept under that key."""
    setagaya = project / "stacks" / "Pulumi.131121-setagaya.yaml"
    original = setagaya.read_text(encoding="utf-8")
    expected = govcloud("131121-setagaya", "--no-cache")
    real = ipam.load_many

    def changing(paths, jobs=1):
        setagaya.write_text(re.sub(r"10\.13\.(3[2-9]|4[0-7])\.", lambda m: f"10.13.{int(m[1]) + 32}.", original),
                            encoding="utf-8")
        return real(paths, jobs)
    monkeypatch.setattr(ipam, "load_many", changing)
    assert "10.13.64.0/20" in govcloud("131121-setagaya")[1]
    monkeypatch.setattr(ipam, "load_many", real)
    setagaya.write_text(original, encoding="utf-8")  # back to the text the key was made from
    assert govcloud("131121-setagaya") == expected
