"""The Google Cloud keys of the declaration and their checks."""
from __future__ import annotations

from clouds.gcp.catalog import TIERS
from network import codes
from network.catalog import format_bandwidth
from network.fields import BOOL, STR, Field, Obj, Scalar

SECTION = Obj((
    Field("projectId", STR, "Project the tenancy lives in.", "プロジェクトID", "itabashi-gov-net",
          required=True),
    Field("ownsProject", BOOL, "Whether this declaration may set the project's organization policy "
          "`constraints/gcp.resourceLocations`.", "プロジェクト管理", True, default=False),
))
FIELDS = {
    "line": (
        Field("edgeAvailabilityDomain", Scalar(int, "1 or 2", choices=(1, 2)),
              "gcp only: the edge availability domain of the attachment.", "エッジ可用性ドメイン", 1),
        Field("interconnect", STR, "gcp dedicated lines only: name of the Dedicated Interconnect in the project. "
              "The line carries one VLAN attachment per layer on VLANs vlan, vlan+1, vlan+2 (mynumber, lgwan, "
              "internet).", "専用Interconnect名", "itabashi-ic-tokyo-a"),
    ),
    "tenancy": (
        Field("gcp", SECTION, "gcp only: the project.", "GCPプロジェクト", None),
    ),
}


def check(spec, report, metro_of) -> None:
    if spec.gcp_project is None:
        report(("cloud",), "a gcp tenancy needs a gcp section with its projectId",
               "add gcp: {projectId: <project>, ownsProject: true|false}", codes.CLOUD)
    for i, line in enumerate(spec.connectivity.lines):
        _line(line, ("connectivity", "lines", i), report)
    tier = TIERS.get(spec.connectivity.redundancy)
    if tier is not None and tier.groups == 2 and {metro_of.get(r) for r in spec.regions} != {"tokyo", "osaka"}:
        report(("regions", "secondary"), f"tier {tier.id} needs both regions (asia-northeast1 and asia-northeast2)",
               "set regions.secondary to the other domestic region", codes.TIER)


def _line(line, base, report):
    if line.macsec and line.type != "dedicated":
        report(base + ("macsec",), f"MACsec is not available on a {line.type} {format_bandwidth(line.bandwidth_mbps)} "
               "line", "use a dedicated line, or set macsec: false and rely on IPsec", codes.BANDWIDTH)
    if line.edge_domain is None:
        report(base, "missing edgeAvailabilityDomain (gcp lines need it)", "add edgeAvailabilityDomain: 1 or 2",
               codes.LINE)
    dedicated = line.type == "dedicated"
    if dedicated and not line.interconnect:
        report(base, "a gcp dedicated line needs the name of its Dedicated Interconnect",
               "add interconnect: <name of the interconnect in the project>", codes.LINE)
    elif line.interconnect and not dedicated:
        report(base + ("interconnect",), "interconnect is only for gcp dedicated lines", "remove it", codes.LINE)
