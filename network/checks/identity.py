"""Who the tenancy is and where it may live: the local government code, the stack name,
the domestic regions."""
from __future__ import annotations

import clouds
from network import codes
from network.lgcode import code_problem


def municipality(spec, report):
    code = spec.municipality.code
    problem = code_problem(code)
    if problem:
        expected = problem.split("expected ")[-1].rstrip(")") if "expected" in problem else None
        report(("municipality", "code"), problem,
               f"use {expected}" if expected else "copy the code from the 全国地方公共団体コード list", codes.IDENTITY)
        return
    expected_stack = f"{code}-{spec.municipality.romaji}"
    if spec.stack != expected_stack:
        report(("municipality", "code"), f"stack {spec.stack!r} does not match code and romaji "
               f"({expected_stack!r})", f"name the file Pulumi.{expected_stack}.yaml, or correct the "
               "code / romaji", codes.STACK_NAME)


def regions(spec, report):
    cloud = clouds.get(spec.cloud)
    allowed = cloud.regions
    for key, region in (("primary", spec.primary_region), ("secondary", spec.secondary_region)):
        if region is None or region in allowed:
            continue
        other = clouds.region_cloud(region)
        why = (f"{region!r} is a {other.id} region, but cloud is {spec.cloud}" if other else
               f"{region!r} is not a domestic region (data must stay in Japan)")
        report(("regions", key), why, f"use {' or '.join(allowed)} ({', '.join(allowed.values())})",
               codes.REGION)
    if spec.secondary_region and spec.secondary_region == spec.primary_region:
        report(("regions", "secondary"), "secondary region is the same as primary",
               "use the other domestic region, or remove secondary", codes.REGION)
