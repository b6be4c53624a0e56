"""The validated declaration as typed, frozen dataclasses: what every later step reads."""
from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import LAYER_BY_ID, LINE_LOCATIONS, Layer, LineLocation


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
    edge_domain: int | None = None
    connection_id: str | None = None
    interconnect: str | None = None  # gcp dedicated lines

    def layer_vlan(self, layer_index: int) -> int:
        """gcp: the VLAN of the attachment for the layer at `layer_index` (0 mynumber, 1 lgwan,
        2 internet). A line carries one VLAN attachment per layer."""
        return self.vlan + layer_index

    @property
    def site(self) -> LineLocation:
        return LINE_LOCATIONS[self.location]


@dataclass(frozen=True)
class Connectivity:
    cloud_asn: int
    redundancy: str
    vpn_backup: bool
    lines: tuple[Line, ...]
    transit_asn: int | None = None  # aws: the transit gateway's ASN (default cloud_asn + 1)


@dataclass(frozen=True)
class DataCenter:
    name: str
    asn: int
    prefixes: tuple[tuple[str, tuple[str, ...]], ...]  # (layer id, prefixes), in layer order
    vpn_peer_addresses: tuple[str, ...] = ()

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
    gcp_project: str | None = None
    owns_project: bool = False
    tags: tuple[tuple[str, str], ...] = field(default=())

    @property
    def regions(self) -> tuple[str, ...]:
        return (self.primary_region,) + ((self.secondary_region,) if self.secondary_region else ())

    def layer(self, layer_id: str) -> LayerSpec:
        return next(layer for layer in self.layers if layer.id == layer_id)

    @property
    def enabled_layers(self) -> tuple[LayerSpec, ...]:
        return tuple(layer for layer in self.layers if layer.enabled)
