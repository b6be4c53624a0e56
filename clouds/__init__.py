"""The cloud seam. Each Government Cloud provider is one package under clouds/, a subclass
of clouds.base.Cloud, registered here by one line. Everything that differs between clouds
(catalog, declaration checks, Pulumi build, mock-runtime answers, drift reads, review
labels) is asked of the registered cloud; nothing outside clouds/ compares cloud names.

docs/architecture.md shows how to add a cloud.
"""
from __future__ import annotations

from clouds.aws import AWS
from clouds.base import Cloud
from clouds.gcp import GCP
from network.catalog import LineLocation

#: The registry: cloud id -> cloud. Adding a cloud is one folder and one entry here.
CLOUDS: dict[str, Cloud] = {cloud.id: cloud for cloud in (AWS, GCP)}


class UnknownCloud(ValueError):
    """A cloud id that no package under clouds/ registers."""


class EnvironmentProblem(Exception):
    """The cloud cannot be reached, or refuses: a message with the fix (exit 3)."""


def get(cloud_id: str) -> Cloud:
    try:
        return CLOUDS[cloud_id]
    except KeyError:
        raise UnknownCloud(f"cloud {cloud_id!r} is not supported; supported clouds: {', '.join(CLOUDS)} "
                           "(each is a package under clouds/, docs/architecture.md)") from None


def for_package(package: str) -> Cloud | None:
    """The cloud a Pulumi package (aws, gcp) belongs to, or None (random, pulumi, ...)."""
    return next((cloud for cloud in CLOUDS.values() if package in cloud.packages), None)


def all_line_locations() -> dict[str, LineLocation]:
    return {code: loc for cloud in CLOUDS.values() for code, loc in cloud.line_locations.items()}


def region_cloud(region: str) -> Cloud | None:
    """The cloud whose domestic region this is."""
    return next((cloud for cloud in CLOUDS.values() if region in cloud.regions), None)


__all__ = ["CLOUDS", "Cloud", "EnvironmentProblem", "UnknownCloud", "get", "for_package", "all_line_locations",
           "region_cloud"]
