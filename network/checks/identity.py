"""Who the tenancy is and where it may live: the local government code, the stack name,
the domestic regions."""
from __future__ import annotations

import clouds
from network import codes, municipalities
from network.lgcode import code_problem
from network.text import article

LIST_FIX = "copy the code from the 全国地方公共団体コード list (network/data/municipalities.tsv)"


def municipality(spec, report):
    code = spec.municipality.code
    problem = code_problem(code)
    if problem:
        expected = problem.split("expected ")[-1].rstrip(")") if "expected" in problem else None
        report(("municipality", "code"), problem, f"use {expected}" if expected else LIST_FIX, codes.IDENTITY)
        return
    if not _real_pair(spec, report):
        return
    expected_stack = f"{code}-{spec.municipality.romaji}"
    if spec.stack != expected_stack:
        report(("municipality", "code"), f"stack {spec.stack!r} does not match code and romaji "
               f"({expected_stack!r})", f"name the file Pulumi.{expected_stack}.yaml, or correct the "
               "code / romaji", codes.STACK_NAME)


def identify(code: str):
    """(the municipality of a well-formed code, '', '') or (None, what is wrong, the fix)."""
    known = municipalities.load()
    entry = known.get(code)
    if entry is None:
        return None, f"{code} is not assigned to any municipality", LIST_FIX
    if entry.kind == "prefecture":
        return None, f"{code} is the code of the prefecture {entry.name}, not of a municipality", \
            "use the municipality's own code"
    if entry.kind == "ward":
        city = known.get(entry.city)
        return None, f"{code} is {entry.name}, a ward (行政区) of {city.name}, not a municipality", \
            f"use the code of {city.name}: {city.code}"
    return entry, "", ""


def _real_pair(spec, report) -> bool:
    """The code is a municipality's, and the name (and prefecture) are that municipality's."""
    known = municipalities.load()
    m = spec.municipality
    entry, message, fix = identify(m.code)
    if entry is None:
        report(("municipality", "code"), message, fix, codes.IDENTITY)
        return False
    if m.name != entry.name:
        others = [e for e in known.municipalities() if e.name == m.name]
        hint = "; ".join(f"{e.prefecture}{e.name} is {e.code}" for e in others)
        report(("municipality", "name"), f"{m.code} is {entry.prefecture}{entry.name}, not {m.name}",
               f"write name: {entry.name}" + (f", or use the code of {m.name} ({hint})" if hint else ""),
               codes.IDENTITY)
    if m.prefecture is not None and m.prefecture != entry.prefecture:
        report(("municipality", "prefecture"), f"{m.code} is in {entry.prefecture}, not {m.prefecture}",
               f"write prefecture: {entry.prefecture}, or remove it", codes.IDENTITY)
    return True


def regions(spec, report):
    cloud = clouds.get(spec.cloud)
    allowed = cloud.regions
    for key, region in (("primary", spec.primary_region), ("secondary", spec.secondary_region)):
        if region is None or region in allowed:
            continue
        other = clouds.region_cloud(region)
        why = (f"{region!r} is {article(other.id)} region, but cloud is {spec.cloud}" if other else
               f"{region!r} is not a domestic region (data must stay in Japan)")
        report(("regions", key), why, f"use {' or '.join(allowed)} ({', '.join(allowed.values())})",
               codes.REGION)
    if spec.secondary_region and spec.secondary_region == spec.primary_region:
        report(("regions", "secondary"), "secondary region is the same as primary",
               "use the other domestic region, or remove secondary", codes.REGION)
