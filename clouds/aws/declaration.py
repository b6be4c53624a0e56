"""The AWS keys of the declaration and their checks."""
from __future__ import annotations

import re

from clouds.aws.catalog import MACSEC_MIN_MBPS
from network import codes
from network.catalog import PRIVATE_ASN_FIX, asn_kind, asn_problem, format_bandwidth
from network.fields import INT, STR, Field

FIELDS = {
    "line": (
        Field("connectionId", STR, "aws hosted lines only: the hosted connection id (dxcon-...) the partner "
              "provisioned into the account; it is confirmed, not created.", "ホスト型接続ID", "dxcon-fgk4abcd"),
    ),
    "connectivity": (
        Field("transitAsn", INT, "aws only: ASN of the transit gateway; must differ from cloudAsn (the Direct "
              "Connect gateway's). Default: cloudAsn + 1.", "Transit Gateway ASN", 64514),
    ),
}
CONNECTION_ID = re.compile(r"dxcon-[0-9a-z]{8}")


def transit_asn(spec) -> int:
    """The transit gateway's ASN: declared, or the cloud ASN + 1."""
    declared = spec.connectivity.transit_asn
    return declared if declared is not None else spec.connectivity.cloud_asn + 1


def check(spec, report) -> None:
    _transit_asn(spec, report)
    for i, line in enumerate(spec.connectivity.lines):
        _line(line, ("connectivity", "lines", i), report)


def _transit_asn(spec, report):
    declared = spec.connectivity.transit_asn
    problem = asn_problem(declared, "transit gateway") if declared is not None else None
    if problem:
        report(("connectivity", "transitAsn"), problem, PRIVATE_ASN_FIX, codes.ASN)
        return
    tgw = transit_asn(spec)
    path = ("connectivity", "transitAsn" if declared is not None else "cloudAsn")
    if tgw in (spec.connectivity.cloud_asn, spec.data_center.asn):
        report(path, f"the transit gateway ASN {tgw} equals the "
               f"{'Direct Connect gateway' if tgw == spec.connectivity.cloud_asn else 'data center'} ASN",
               "set connectivity.transitAsn to another private ASN", codes.ASN)
    elif asn_kind(tgw) != "private":
        report(path, f"the transit gateway ASN {tgw} (cloudAsn + 1) is not private",
               "set connectivity.transitAsn to a private ASN", codes.ASN)


def _line(line, base, report):
    if line.macsec and (line.type != "dedicated" or line.bandwidth_mbps < MACSEC_MIN_MBPS):
        report(base + ("macsec",), f"MACsec is not available on a {line.type} {format_bandwidth(line.bandwidth_mbps)} "
               "line", "use a dedicated 10Gbps or faster line, or set macsec: false and rely on IPsec",
               codes.BANDWIDTH)
    hosted = line.type == "hosted"
    if hosted and line.connection_id is None:
        report(base, "an aws hosted line needs the connectionId the partner provisioned",
               "add connectionId: dxcon-... (from the partner's hand-over)", codes.LINE)
    elif line.connection_id is not None and not hosted:
        report(base + ("connectionId",), "connectionId is only for aws hosted lines",
               "remove it; dedicated connections are created by the program", codes.LINE)
    elif hosted and not CONNECTION_ID.fullmatch(line.connection_id):
        report(base + ("connectionId",), f"{line.connection_id!r} is not a Direct Connect connection id",
               "write it as dxcon- and 8 lowercase letters or digits", codes.LINE)
