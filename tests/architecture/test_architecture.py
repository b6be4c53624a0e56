"""The shape of the house: layers without cycles, one seam per cloud, small files."""
from __future__ import annotations

import re

import pytest

import clouds
from clouds.base import Cloud
from tests.architecture.imports import cycles, graph, modules
from tests.conftest import ROOT

MAX_LINES = 400
#: The modules a cloud package provides by convention (clouds/base.py), and their functions.
PARTS = {"components.tenancy": ("build",), "mocks": ("resource", "call"), "drift": ("scan",),
         "declared": ("name", "items"), "review": ("edge", "mermaid")}


def test_no_module_imports_itself_through_others():
    assert cycles(graph()) == []


def test_cloud_names_are_compared_only_inside_clouds():
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "clouds/", "tests/", "bench/out/")):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"cloud\s*(==|!=)|cloud in \(", line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_no_file_is_over_400_lines():
    long = {path.relative_to(ROOT).as_posix(): n for path in ROOT.rglob("*.py")
            if not path.relative_to(ROOT).as_posix().startswith((".venv/", "bench/out/"))
            and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_core_never_loads_a_cloud_package_by_name():
    """network/, inventory/, components/, policies/, drift/, review/ reach a cloud only
    through the registry (clouds.get / clouds.for_package)."""
    edges = graph()
    for module in modules():
        if module.startswith(("clouds", "tests")):
            continue
        direct = {target for target in edges[module] if target.startswith(("clouds.aws", "clouds.gcp"))}
        assert direct == set(), f"{module} imports {direct}"


def test_an_unknown_cloud_is_a_clear_error():
    with pytest.raises(clouds.UnknownCloud) as info:
        clouds.get("azure")
    assert "'azure' is not supported" in str(info.value) and "aws, gcp" in str(info.value)


@pytest.mark.parametrize("cloud_id", clouds.REGISTRY)
def test_every_registered_cloud_supplies_the_whole_interface(cloud_id):
    cloud = clouds.get(cloud_id)
    assert isinstance(cloud, Cloud) and cloud.id == cloud_id
    assert cloud.label and cloud.packages and cloud.regions and cloud.line_locations and cloud.tiers
    assert set(cloud.regions) == set(cloud.region_metro)
    assert all(loc.cloud == cloud_id and loc.region in cloud.regions for loc in cloud.line_locations.values())
    for method in ("subnet_zones", "new_stack", "credentials_problem"):
        assert getattr(type(cloud), method) is not getattr(Cloud, method), f"{cloud_id} does not supply {method}"
    for module, functions in PARTS.items():
        part = cloud.part(module)
        for function in functions:
            assert callable(getattr(part, function, None)), f"clouds/{cloud_id}/{module}.py has no {function}()"
    assert clouds.for_package(cloud.packages[0]) is cloud
