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
#: Direct Connect locations, each with the region whose API serves it. "DescribeLocations:
#: Lists the Direct Connect locations in the current Amazon Web Services Region. These are
#: the locations that can be selected when calling CreateConnection" (Direct Connect API
#: Reference), so a connection is created in the region that lists its location, which is
#: not always the region of the metro: Equinix OS1 in Osaka is served by the Tokyo region
#: (../shared/DOMAIN.md, "What the clouds really accept", checked against the locations
#: page). Only locations checked there are listed; the codes follow the Equinix pattern of
#: the provider's own examples (EqDC2, EqDA2), and every `up` confirms them: the program
#: reads the location with `directconnect.get_location` in its region before it creates
#: a connection, so a code the region does not list stops the deployment before anything
#: is ordered. To add a location: `aws directconnect describe-locations --region <r>`,
#: then add its locationCode, locationName and that region here, with the date.
SOURCE = ("https://aws.amazon.com/directconnect/locations/ (Asia Pacific (Tokyo)), per "
          "../shared/DOMAIN.md; confirmed at deploy by directconnect.get_location")
LINE_LOCATIONS = by_code(
    LineLocation("EqTY2", "aws", "tokyo", "Equinix TY2, Tokyo", "ap-northeast-1", SOURCE),
    LineLocation("EqOS1", "aws", "osaka", "Equinix OS1, Osaka", "ap-northeast-1", SOURCE),
)
BANDWIDTHS = {
    "dedicated": gbps(1, 10, 100, 400),
    "hosted": (50, 100, 200, 300, 400, 500) + gbps(1, 2, 5, 10, 25),
    "hosted-vif": (50, 100, 200, 300, 400, 500) + gbps(1, 2, 5, 10, 25),
}
#: MACsec: dedicated connections of 10 Gbps and more.
MACSEC_MIN_MBPS = 10_000
#: "Transit virtual interfaces per AWS Direct Connect dedicated connection: 4. This limit
#: cannot be increased." and "Private, public, or transit virtual interfaces per AWS Direct
#: Connect hosted connection: 1" (Direct Connect User Guide, "AWS Direct Connect quotas").
TRANSIT_VIFS_PER_DEDICATED = 4
VIFS_PER_HOSTED = 1
#: "Routes per Border Gateway Protocol (BGP) session on a private virtual interface or
#: transit virtual interface from on-premises to AWS ... 100 each for IPv4 and IPv6" (same
#: page): more, and the session goes idle.
ROUTES_FROM_ONPREM_PER_SESSION = 100
#: 4-byte ASNs: a VIF's `bgp_asn` takes "an integer between 1 and 2147483646. For larger
#: values, use bgp_asn_long"; a customer gateway's `bgp_asn` takes "1 to 2147483647", larger
#: ones go in `bgp_asn_extended` (pulumi-aws docstrings of
#: directconnect.TransitVirtualInterface and ec2.CustomerGateway).
VIF_BGP_ASN_MAX = 2_147_483_646
CUSTOMER_GATEWAY_BGP_ASN_MAX = 2_147_483_647
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
