"""What every cloud shares: the three layers, the shapes of line locations and redundancy
tiers, bandwidth units, BGP ASN ranges and protocols. Each cloud's own entries (regions,
locations, bandwidths, tiers) are in clouds/<id>/catalog.py."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layer:
    id: str
    ja: str
    en: str

    @property
    def label(self) -> str:
        """`mynumber (マイナンバー利用事務系)`: how errors and help name a layer."""
        return f"{self.id} ({self.ja})"


LAYERS: tuple[Layer, ...] = (
    Layer("mynumber", "マイナンバー利用事務系", "My Number business"),
    Layer("lgwan", "LGWAN接続系", "LGWAN-connected"),
    Layer("internet", "インターネット接続系", "Internet-connected"),
)
LAYER_IDS: tuple[str, ...] = tuple(layer.id for layer in LAYERS)
LAYER_BY_ID: dict[str, Layer] = {layer.id: layer for layer in LAYERS}
#: Layers that must never reach the internet directly.
CLOSED_LAYERS: frozenset[str] = frozenset({"mynumber", "lgwan"})
METROS: dict[str, str] = {"tokyo": "東京", "osaka": "大阪"}


@dataclass(frozen=True)
class LineLocation:
    code: str
    cloud: str
    metro: str  # tokyo | osaka
    facility: str
    region: str  # the cloud region whose API serves the location
    source: str = ""  # where the code and name were verified


@dataclass(frozen=True)
class Tier:
    """A redundancy tier: the lines are grouped (by location on AWS, by metro on Google
    Cloud); `groups` groups must each hold `per_group` lines, on both edge availability
    domains where `distinct_domains`."""

    id: str
    cloud: str
    ja: str
    en: str
    groups: int
    per_group: int
    group_by: str  # location | metro
    distinct_domains: bool
    fix: str  # how to meet it, for the error


def by_code(*locations: LineLocation) -> dict[str, LineLocation]:
    return {loc.code: loc for loc in locations}


_GBPS = 1000


def format_bandwidth(mbps: int) -> str:
    return f"{mbps // _GBPS}Gbps" if mbps >= _GBPS and mbps % _GBPS == 0 else f"{mbps}Mbps"


def gbps(*values: float) -> tuple[int, ...]:
    return tuple(int(v * _GBPS) for v in values)


#: BGP: private ASNs only (RFC 6996).
PRIVATE_ASN_RANGES: tuple[tuple[int, int], ...] = ((64512, 65534), (4200000000, 4294967294))
#: Reserved ASNs (RFC 7300, 6793, 5398, 7607): never valid for a peer.
RESERVED_ASNS: tuple[tuple[int, int], ...] = ((0, 0), (23456, 23456), (64496, 64511), (65535, 65535),
                                              (65536, 65551), (4294967295, 4294967295))


def asn_kind(asn: int) -> str:
    """'private', 'reserved', 'public' or 'invalid' (outside 32 bits)."""
    if not 0 <= asn <= 4294967295:
        return "invalid"
    if any(lo <= asn <= hi for lo, hi in PRIVATE_ASN_RANGES):
        return "private"
    if any(lo <= asn <= hi for lo, hi in RESERVED_ASNS):
        return "reserved"
    return "public"


PRIVATE_ASN_FIX = "use 64512–65534 or 4200000000–4294967294"


def asn_problem(asn: int, side: str) -> str | None:
    """Why `asn` cannot be used on the `side` of BGP, or None for a private ASN."""
    kind = asn_kind(asn)
    if kind == "private":
        return None
    return (f"ASN {asn} ({side}) is {'a ' + kind if kind != 'invalid' else 'outside 0–4294967295'} ASN; "
            "only private ASNs are allowed")


PROTOCOLS: tuple[str, ...] = ("tcp", "udp", "icmp")
