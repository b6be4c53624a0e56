"""Google Cloud in Japan: regions, the location policy values, Interconnect facilities,
attachment capacities, tiers."""
from __future__ import annotations

from network.catalog import LineLocation, Tier, by_code, gbps

REGIONS = {"asia-northeast1": "東京 Tokyo", "asia-northeast2": "大阪 Osaka"}
REGION_METRO = {"asia-northeast1": "tokyo", "asia-northeast2": "osaka"}
#: `constraints/gcp.resourceLocations` value groups of the domestic regions.
LOCATION_POLICY = {
    "asia-northeast1": "in:asia-northeast1-locations",
    "asia-northeast2": "in:asia-northeast2-locations",
}
LINE_LOCATIONS = by_code(
    LineLocation("nrt-zone1-1", "gcp", "tokyo", "Equinix Tokyo (TY2)", "asia-northeast1"),
    LineLocation("nrt-zone2-1", "gcp", "tokyo", "AT TOKYO Chuo Data Center", "asia-northeast1"),
    LineLocation("kix-zone1-1", "gcp", "osaka", "Equinix Osaka (OS1)", "asia-northeast2"),
    LineLocation("kix-zone2-1", "gcp", "osaka", "Telehouse Osaka 2", "asia-northeast2"),
)
#: VLAN attachment capacities, by line type.
BANDWIDTHS = {
    "dedicated": (50, 100, 200, 300, 400, 500) + gbps(1, 2, 5, 10, 20, 50, 100),
    "partner": (50, 100, 200, 300, 400, 500) + gbps(1, 2, 5, 10, 20, 50),
}
TIERS = {
    t.id: t for t in (
        Tier("development", "gcp", "開発・検証", "development: one attachment", 1, 1, "metro", False,
             "declare at least one line"),
        Tier("99.9", "gcp", "99.9%",
             "99.9%: two attachments in one metro, different edge availability domains", 1, 2, "metro", True,
             "add attachments in edge availability domains 1 and 2 of each metro the tier needs, or declare a "
             "lower tier"),
        Tier("99.99", "gcp", "99.99%",
             "99.99%: four attachments across Tokyo and Osaka, two per metro in different edge availability "
             "domains", 2, 2, "metro", True,
             "add attachments in edge availability domains 1 and 2 of each metro the tier needs, or declare a "
             "lower tier"),
    )
}
