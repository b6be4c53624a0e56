"""The validated declaration as typed, frozen dataclasses: what every later step reads."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .catalog import LAYER_BY_ID, LAYER_IDS, Layer, LineLocation

Options = tuple[tuple[str, Any], ...]  # the keys a cloud adds to a shared mapping, as given


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    romaji: str
    prefecture: str | None = None


@dataclass(frozen=True)
class System:
    id: str
    name: str
    cidr: str | None = None
    vendor: str | None = None
    account: str | None = None  # the AWS account id or Google Cloud service project it runs in
    prefix_length: int | None = None  # the size of its allocated block (None: the layer's systemPrefixLength)


@dataclass(frozen=True)
class LayerSpec:
    id: str
    enabled: bool
    prefix_length: int
    cidr: str | None
    subnet_prefix_length: int
    azs: int
    egress: str | None  # internet layer only: datacenter | internet-gateway
    systems: tuple[System, ...] = ()
    system_prefix_length: int = 24  # a system's block, where it names no cidr or prefixLength
    services_prefix_length: int = 25  # with system accounts: the network account's own VPC in the layer

    @property
    def info(self) -> Layer:
        return LAYER_BY_ID[self.id]

    def system(self, system_id: str) -> System | None:
        return next((s for s in self.systems if s.id == system_id), None)


@dataclass(frozen=True)
class Line:
    name: str
    location: str
    type: str
    bandwidth_mbps: int
    vlan: int
    carrier: str | None = None
    device: str | None = None
    macsec: bool = False
    site: LineLocation | None = None  # the catalog entry of `location`
    options: Options = ()  # keys of the cloud's own (clouds/<id>/declaration.py)

    def option(self, key: str, default=None):
        return dict(self.options).get(key, default)

    # the options of the two clouds so far, by the names their components use
    @property
    def edge_domain(self) -> int | None:
        return self.option("edgeAvailabilityDomain")

    @property
    def interconnect(self) -> str | None:
        return self.option("interconnect")

    def layer_vlan(self, layer_index: int) -> int:
        """The VLAN of the attachment for the layer at `layer_index` (0 mynumber, 1 lgwan,
        2 internet), where a line carries one per layer: `vlans` where the declaration
        names one, else vlan + index."""
        override = self.option("vlans") or {}
        layer = LAYER_IDS[layer_index]
        return override[layer] if layer in override else self.vlan + layer_index


@dataclass(frozen=True)
class Connectivity:
    cloud_asn: int
    redundancy: str
    vpn_backup: bool
    lines: tuple[Line, ...]
    options: Options = ()  # keys of the cloud's own

    def option(self, key: str, default=None):
        return dict(self.options).get(key, default)

    @property
    def transit_asn(self) -> int | None:
        """aws: the declared transit gateway ASN (None: cloudAsn + 1)."""
        return self.option("transitAsn")


@dataclass(frozen=True)
class DataCenter:
    name: str
    asn: int
    prefixes: tuple[tuple[str, tuple[str, ...]], ...]  # (layer id, prefixes), in layer order
    vpn_peer_addresses: tuple[str, ...] = ()
    dns_domains: tuple[str, ...] = ()
    dns_servers: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (layer id, resolvers), in layer order

    def dns_servers_of(self, layer_id: str) -> tuple[str, ...]:
        return dict(self.dns_servers).get(layer_id, ())

    def prefixes_of(self, layer_id: str) -> tuple[str, ...]:
        return dict(self.prefixes).get(layer_id, ())


@dataclass(frozen=True)
class Endpoint:
    layer: str
    system: str | None = None
    prefix: str | None = None


@dataclass(frozen=True)
class Flow:
    name: str
    source: Endpoint
    destination: Endpoint
    protocol: str
    ports: tuple[tuple[int, int], ...]
    reason: str


@dataclass(frozen=True)
class TenancySpec:
    stack: str
    file: str
    municipality: Municipality
    cloud: str
    operating_model: str
    primary_region: str
    secondary_region: str | None
    address_space: str
    data_center: DataCenter
    connectivity: Connectivity
    layers: tuple[LayerSpec, ...]  # always all three, in LAYER_IDS order
    flows: tuple[Flow, ...] = ()
    tags: tuple[tuple[str, str], ...] = field(default=())
    #: the clouds' own sections that are present (`gcp:`), as checked: (key, mapping)
    sections: tuple[tuple[str, Any], ...] = ()
    #: the network account (AWS) / Shared VPC host project (Google Cloud), where systems have their own
    network_account: str | None = None

    @property
    def multi_account(self) -> bool:
        """Each business system runs in its own account or service project; the network
        account owns the line, the hub and the layer routing."""
        return self.network_account is not None

    @property
    def systems(self) -> tuple[tuple[str, System], ...]:
        """(layer id, system) of every declared system, in layer and declaration order."""
        return tuple((layer.id, s) for layer in self.layers for s in layer.systems)

    def system_accounts(self) -> tuple[str, ...]:
        """The accounts (projects) the systems run in, each once, in declaration order."""
        return tuple(dict.fromkeys(s.account for _, s in self.systems if s.account))

    def section(self, key: str) -> dict:
        return dict(dict(self.sections).get(key) or {})

    @property
    def gcp_project(self) -> str | None:
        return self.section("gcp").get("projectId")

    @property
    def owns_project(self) -> bool:
        return bool(self.section("gcp").get("ownsProject", False))

    @property
    def regions(self) -> tuple[str, ...]:
        return (self.primary_region,) + ((self.secondary_region,) if self.secondary_region else ())

    def layer(self, layer_id: str) -> LayerSpec:
        return next(layer for layer in self.layers if layer.id == layer_id)

    @property
    def enabled_layers(self) -> tuple[LayerSpec, ...]:
        return tuple(layer for layer in self.layers if layer.enabled)
