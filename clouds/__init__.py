"""The cloud seam. Each Government Cloud provider is one package under clouds/, a subclass
of clouds.base.Cloud named CLOUD in its __init__.py, registered here by one line.
Everything that differs between clouds (catalog, declaration checks, Pulumi build,
mock-runtime answers, drift reads, review labels) is asked of the registered cloud;
nothing outside clouds/ compares cloud names.

The registry names packages rather than importing them: a cloud package depends on the
rest of the project (its components build on network.model), and the rest of the project
finds it only through this registry, so the dependency runs one way and there is no import
cycle (tests/architecture). docs/architecture.md shows how to add a cloud.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

from clouds.base import Cloud, EnvironmentProblem
from network.catalog import LineLocation

#: The registry: the clouds, in the order documents list them. Adding a cloud is one
#: folder (clouds/<id>/) and one entry here.
REGISTRY: tuple[str, ...] = ("aws", "gcp")


class UnknownCloud(ValueError):
    """A cloud id that no package under clouds/ registers."""


@lru_cache(maxsize=None)
def _load(cloud_id: str) -> Cloud:
    cloud = importlib.import_module(f"{__name__}.{cloud_id}").CLOUD
    if not isinstance(cloud, Cloud) or cloud.id != cloud_id:
        raise TypeError(f"clouds/{cloud_id}/__init__.py must define CLOUD, a clouds.base.Cloud with id {cloud_id!r}")
    return cloud


def get(cloud_id: str) -> Cloud:
    if cloud_id not in REGISTRY:
        raise UnknownCloud(f"cloud {cloud_id!r} is not supported; supported clouds: {', '.join(REGISTRY)} "
                           "(each is a package under clouds/, see docs/architecture.md)")
    return _load(cloud_id)


def all() -> dict[str, Cloud]:  # noqa: A001 - clouds.all() reads as meant
    """Every registered cloud, by id, in registry order."""
    return {cloud_id: get(cloud_id) for cloud_id in REGISTRY}


def for_package(package: str) -> Cloud | None:
    """The cloud a Pulumi package (aws, gcp) belongs to, or None (random, pulumi, ...)."""
    return next((cloud for cloud in all().values() if package in cloud.packages), None)


def all_line_locations() -> dict[str, LineLocation]:
    return {code: loc for cloud in all().values() for code, loc in cloud.line_locations.items()}


def region_cloud(region: str) -> Cloud | None:
    """The cloud whose domestic region this is."""
    return next((cloud for cloud in all().values() if region in cloud.regions), None)


__all__ = ["REGISTRY", "Cloud", "EnvironmentProblem", "UnknownCloud", "get", "all", "for_package",
           "all_line_locations", "region_cloud"]
