"""AWS in Japan: regions, availability zones, Direct Connect locations, bandwidths, tiers."""
from __future__ import annotations

from network.catalog import LineLocation, Tier, by_code, gbps

REGIONS = {"ap-northeast-1": "東京 Tokyo", "ap-northeast-3": "大阪 Osaka"}
REGION_METRO = {"ap-northeast-1": "tokyo", "ap-northeast-3": "osaka"}
#: Availability zones used for subnets, in allocation order. Index i of the plan is always
#: the same zone, so adding a zone never moves an existing subnet.
ZONES = {
    "ap-northeast-1": ("ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"),
    "ap-northeast-3": ("ap-northeast-3a", "ap-northeast-3b", "ap-northeast-3c"),
}
LINE_LOCATIONS = by_code(
    LineLocation("EqTY2", "aws", "tokyo", "Equinix TY2, Tokyo", "ap-northeast-1"),
    LineLocation("EqTY4", "aws", "tokyo", "Equinix TY4, Tokyo", "ap-northeast-1"),
    LineLocation("ATTokyo", "aws", "tokyo", "AT TOKYO Chuo Data Center, Tokyo", "ap-northeast-1"),
    LineLocation("EqOS1", "aws", "osaka", "Equinix OS1, Osaka", "ap-northeast-3"),
    LineLocation("TelehouseOsaka", "aws", "osaka", "Telehouse Osaka 2, Osaka", "ap-northeast-3"),
)
BANDWIDTHS = {
    "dedicated": gbps(1, 10, 100, 400),
    "hosted": (50, 100, 200, 300, 400, 500) + gbps(1, 2, 5, 10, 25),
}
#: MACsec: dedicated connections of 10 Gbps and more.
MACSEC_MIN_MBPS = 10_000
TIERS = {
    t.id: t for t in (
        Tier("development", "aws", "開発・検証", "development: one location", 1, 1, "location", False,
             "declare at least one line"),
        Tier("high", "aws", "高可用", "high: two distinct locations", 2, 1, "location", False,
             "declare lines at two distinct locations (e.g. EqTY2 and EqOS1)"),
        Tier("maximum", "aws", "最大可用", "maximum: two lines at each of two locations", 2, 2, "location", False,
             "declare two lines at each of two distinct locations (e.g. EqTY2 and EqOS1)"),
    )
}
