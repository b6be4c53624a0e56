"""Catalogs of the things a declaration may name: layers, regions, line locations,
bandwidths, ASN ranges and redundancy tiers. One place, so that validation, planning
and the review documents agree."""
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

CLOUDS: tuple[str, ...] = ("aws", "gcp")

#: Domestic regions per cloud (DOMAIN.md, "Domestic regions").
REGIONS: dict[str, dict[str, str]] = {
    "aws": {"ap-northeast-1": "東京 Tokyo", "ap-northeast-3": "大阪 Osaka"},
    "gcp": {"asia-northeast1": "東京 Tokyo", "asia-northeast2": "大阪 Osaka"},
}
#: Availability zones used for subnets, in allocation order. Index i of the plan is
#: always the same zone, so adding a zone never moves an existing subnet.
AWS_ZONES: dict[str, tuple[str, ...]] = {
    "ap-northeast-1": ("ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"),
    "ap-northeast-3": ("ap-northeast-3a", "ap-northeast-3b", "ap-northeast-3c"),
}
REGION_METRO: dict[str, str] = {
    "ap-northeast-1": "tokyo", "ap-northeast-3": "osaka",
    "asia-northeast1": "tokyo", "asia-northeast2": "osaka",
}
GCP_LOCATION_POLICY: dict[str, str] = {
    "asia-northeast1": "in:asia-northeast1-locations",
    "asia-northeast2": "in:asia-northeast2-locations",
}


@dataclass(frozen=True)
class LineLocation:
    code: str
    cloud: str
    metro: str  # tokyo | osaka
    facility: str
    region: str  # the cloud region the location homes to


#: Dedicated-line locations in Japan. AWS Direct Connect location codes and Google
#: Cloud Interconnect colocation facilities; both homed to a domestic region.
LINE_LOCATIONS: dict[str, LineLocation] = {
    loc.code: loc
    for loc in (
        LineLocation("EqTY2", "aws", "tokyo", "Equinix TY2, Tokyo", "ap-northeast-1"),
        LineLocation("EqTY4", "aws", "tokyo", "Equinix TY4, Tokyo", "ap-northeast-1"),
        LineLocation("ATTokyo", "aws", "tokyo", "AT TOKYO Chuo Data Center, Tokyo", "ap-northeast-1"),
        LineLocation("EqOS1", "aws", "osaka", "Equinix OS1, Osaka", "ap-northeast-3"),
        LineLocation("TelehouseOsaka", "aws", "osaka", "Telehouse Osaka 2, Osaka", "ap-northeast-3"),
        LineLocation("nrt-zone1-1", "gcp", "tokyo", "Equinix Tokyo (TY2)", "asia-northeast1"),
        LineLocation("nrt-zone2-1", "gcp", "tokyo", "AT TOKYO Chuo Data Center", "asia-northeast1"),
        LineLocation("kix-zone1-1", "gcp", "osaka", "Equinix Osaka (OS1)", "asia-northeast2"),
        LineLocation("kix-zone2-1", "gcp", "osaka", "Telehouse Osaka 2", "asia-northeast2"),
    )
}

#: Line types per cloud and the bandwidths each offers, in Mbps.
LINE_TYPES: dict[str, tuple[str, ...]] = {"aws": ("dedicated", "hosted"), "gcp": ("dedicated", "partner")}
_GBPS = 1000
BANDWIDTHS_MBPS: dict[tuple[str, str], tuple[int, ...]] = {
    ("aws", "dedicated"): (1 * _GBPS, 10 * _GBPS, 100 * _GBPS, 400 * _GBPS),
    ("aws", "hosted"): (50, 100, 200, 300, 400, 500, 1 * _GBPS, 2 * _GBPS, 5 * _GBPS, 10 * _GBPS, 25 * _GBPS),
    # Google Cloud: the VLAN attachment capacity.
    ("gcp", "dedicated"): (50, 100, 200, 300, 400, 500, 1 * _GBPS, 2 * _GBPS, 5 * _GBPS,
                           10 * _GBPS, 20 * _GBPS, 50 * _GBPS, 100 * _GBPS),
    ("gcp", "partner"): (50, 100, 200, 300, 400, 500, 1 * _GBPS, 2 * _GBPS, 5 * _GBPS,
                         10 * _GBPS, 20 * _GBPS, 50 * _GBPS),
}
#: Line types that can carry MACsec (AWS dedicated 10/100/400G; GCP dedicated).
MACSEC_TYPES: frozenset[tuple[str, str]] = frozenset({("aws", "dedicated"), ("gcp", "dedicated")})


def format_bandwidth(mbps: int) -> str:
    return f"{mbps // _GBPS}Gbps" if mbps >= _GBPS and mbps % _GBPS == 0 else f"{mbps}Mbps"


@dataclass(frozen=True)
class Tier:
    id: str
    cloud: str
    ja: str
    en: str
    metros: int  # distinct metros (locations on AWS) required
    per_metro: int  # lines required in each
    distinct_domains: bool  # GCP: attachments in a metro must use both edge domains


TIERS: dict[str, dict[str, Tier]] = {
    "aws": {
        t.id: t for t in (
            Tier("development", "aws", "開発・検証", "development: one location", 1, 1, False),
            Tier("high", "aws", "高可用", "high: two distinct locations", 2, 1, False),
            Tier("maximum", "aws", "最大可用", "maximum: two lines at each of two locations", 2, 2, False),
        )
    },
    "gcp": {
        t.id: t for t in (
            Tier("development", "gcp", "開発・検証", "development: one attachment", 1, 1, False),
            Tier("99.9", "gcp", "99.9%",
                 "99.9%: two attachments in one metro, different edge availability domains", 1, 2, True),
            Tier("99.99", "gcp", "99.99%",
                 "99.99%: four attachments across Tokyo and Osaka, two per metro in different "
                 "edge availability domains", 2, 2, True),
        )
    },
}

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


PROTOCOLS: tuple[str, ...] = ("tcp", "udp", "icmp")
