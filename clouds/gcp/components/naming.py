"""GCP resource names: lowercase, start with a letter, at most 63 characters; and the names
and ids the program gives Cloud Routers and their peers, which the declaration needs too."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from network.model import NetworkModel


def gname(model: "NetworkModel", *parts: str) -> str:
    """`gc131199-mynumber-tokyo-a`: the municipality code after a letter, then the parts."""
    return gname_of(model.spec, *parts)


def gname_of(spec, *parts: str) -> str:
    """gname from the declaration alone."""
    text = "-".join(["gc" + spec.municipality.code, *parts]).lower()
    text = re.sub(r"[^a-z0-9-]", "-", text)
    return text[:63].rstrip("-")


@dataclass(frozen=True)
class RouterKey:
    """A Cloud Router of a layer network: one per region, kind and edge availability domain."""

    layer: str
    region: str
    kind: str  # partner | dedicated | vpn
    domain: int | None = None  # the edge availability domain of its attachments

    @property
    def parts(self) -> tuple[str, ...]:
        return (self.layer, self.region, self.kind) + ((str(self.domain),) if self.domain else ())


def router_key(line, layer: str) -> RouterKey:
    """The router a line's attachment for a layer sits on."""
    return RouterKey(layer, line.site.region, line.type, line.edge_domain)


def peer_import_id(project: str, region: str, router: str, peer: str) -> str:
    """The id `pulumi import` takes for a Cloud Router BGP peer (pulumi-gcp RouterPeer:
    projects/{{project}}/regions/{{region}}/routers/{{router}}/{{name}})."""
    return f"projects/{project}/regions/{region}/routers/{router}/{peer}"
