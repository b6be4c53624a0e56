"""Google Cloud in Japan: regions, the location policy values, Interconnect facilities,
attachment capacities and contracts, tiers."""
from __future__ import annotations

from network.catalog import LineLocation, Tier, by_code, gbps

REGIONS = {"asia-northeast1": "東京 Tokyo", "asia-northeast2": "大阪 Osaka"}
REGION_METRO = {"asia-northeast1": "tokyo", "asia-northeast2": "osaka"}
#: `constraints/gcp.resourceLocations` value groups of the domestic regions.
LOCATION_POLICY = {
    "asia-northeast1": "in:asia-northeast1-locations",
    "asia-northeast2": "in:asia-northeast2-locations",
}

#: Dedicated Interconnect colocation facilities of Tokyo and Osaka. Google names a location
#: `<metro>-zone<edge availability domain>-<facility number>` ("The name of each location
#: indicates its edge availability domain, such as the zone1 in iad-zone1-1"), and lists
#: every facility below in both domains with the low-latency region shown. A line declares
#: the facility (`nrt-452`) and its edge availability domain apart; `location_name` puts
#: them together. To add a facility: `gcloud compute interconnects locations list`, then
#: add it here with the date.
FACILITY_SOURCE = ("https://cloud.google.com/network-connectivity/docs/interconnect/concepts/"
                   "choosing-colocation-facilities (Asia: Tokyo, Osaka), checked 2026-11-24")
#: Partner Interconnect: the carrier's facility is its own; the attachment chooses a region
#: and an edge availability domain, and the metro is where the carrier meets Google.
PARTNER_SOURCE = ("https://cloud.google.com/network-connectivity/docs/interconnect/concepts/"
                  "partner-overview (the pairing key carries region and edge availability domain)")
FACILITIES = by_code(
    LineLocation("nrt-452", "gcp", "tokyo", "Equinix Tokyo (TY2)", "asia-northeast1", FACILITY_SOURCE),
    LineLocation("nrt-1893", "gcp", "tokyo", "Equinix Tokyo (TY4)", "asia-northeast1", FACILITY_SOURCE),
    LineLocation("nrt-599", "gcp", "tokyo", "ComSpace I", "asia-northeast1", FACILITY_SOURCE),
    LineLocation("nrt-738", "gcp", "tokyo", "AT Tokyo CC2", "asia-northeast1", FACILITY_SOURCE),
    LineLocation("kix-1791", "gcp", "osaka", "Equinix Osaka (OS1)", "asia-northeast2", FACILITY_SOURCE),
    LineLocation("kix-2072", "gcp", "osaka", "NTT Telepark Dojima Building 2", "asia-northeast2",
                 FACILITY_SOURCE),
)
PARTNER_METROS = by_code(
    LineLocation("tokyo", "gcp", "tokyo", "Partner Interconnect, Tokyo metro (the carrier's facility)",
                 "asia-northeast1", PARTNER_SOURCE),
    LineLocation("osaka", "gcp", "osaka", "Partner Interconnect, Osaka metro (the carrier's facility)",
                 "asia-northeast2", PARTNER_SOURCE),
)
LINE_LOCATIONS = {**FACILITIES, **PARTNER_METROS}


def location_name(code: str, domain: int) -> str:
    """Google's name of a facility on one edge availability domain: nrt-452, 2 -> nrt-zone2-452."""
    metro, number = code.split("-", 1)
    return f"{metro}-zone{domain}-{number}"


#: VLAN attachment capacities, by line type.
BANDWIDTHS = {
    "dedicated": (50, 100, 200, 300, 400, 500) + gbps(1, 2, 5, 10, 20, 50, 100),
    "partner": (50, 100, 200, 300, 400, 500) + gbps(1, 2, 5, 10, 20, 50),
}
#: "vlan_tag8021q: The IEEE 802.1Q VLAN tag for this attachment, in the range 2-4094. When
#: using PARTNER type this will be managed upstream." (pulumi-gcp InterconnectAttachment)
VLAN_RANGE = (2, 4094)
#: "mtu: ... Valid values are 1440, 1460, 1500, and 8896. If not specified, the value will
#: default to 1440." (pulumi-gcp InterconnectAttachment); a network takes 1300–8896.
ATTACHMENT_MTUS = (1440, 1460, 1500, 8896)
DEFAULT_MTU = 1500
#: "Partner Interconnect requires a public ASN": the Cloud Router of a partner attachment
#: uses Google's 16550 ("Establish BGP sessions", Cloud Router documentation; DOMAIN.md).
PARTNER_ROUTER_ASN = 16550
#: "Regardless of the quota, each network is limited to five Cloud Routers per region"
#: (https://cloud.google.com/network-connectivity/docs/router/quotas).
ROUTERS_PER_NETWORK_REGION = 5
#: restricted.googleapis.com: "IPv4 range: 199.36.153.4/30" (VPC Service Controls,
#: private connectivity); the private zone answers *.googleapis.com with it.
RESTRICTED_VIP = "199.36.153.4/30"
RESTRICTED_ADDRESSES = ("199.36.153.4", "199.36.153.5", "199.36.153.6", "199.36.153.7")
#: Cloud DNS forwards from 35.199.192.0/19: "In Cloud Router instances, add a custom
#: advertised route for the IP address range 35.199.192.0/19 ... to the on-premises
#: environment" (Cloud DNS best practices), or the data center's answers have no way back.
DNS_FORWARDING_SOURCE = "35.199.192.0/19"
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


def is_domestic(location) -> bool:
    """A Google Cloud location in Japan: a domestic region or one of its zones, in any case
    (asia-northeast1, asia-northeast1-a, ASIA-NORTHEAST1 for buckets); `global` is not."""
    loc = str(location or "").lower()
    return any(loc == r or loc.startswith(r + "-") for r in REGIONS)
