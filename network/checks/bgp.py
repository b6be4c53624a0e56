"""BGP ASNs on both sides: private, and not the same."""
from __future__ import annotations

from network import codes
from network.catalog import PRIVATE_ASN_FIX, asn_problem


def asns(spec, report):
    for path, asn, side in ((("connectivity", "cloudAsn"), spec.connectivity.cloud_asn, "cloud side"),
                            (("dataCenter", "asn"), spec.data_center.asn, "data center side")):
        problem = asn_problem(asn, side)
        if problem:
            report(path, problem, PRIVATE_ASN_FIX, codes.ASN)
    if spec.connectivity.cloud_asn == spec.data_center.asn:
        report(("connectivity", "cloudAsn"), f"ASN {spec.data_center.asn} is used on both sides of BGP",
               "give the cloud side and the data center different private ASNs", codes.ASN)
