"""The Google Cloud keys of the declaration and their checks.

A dedicated line names a colocation facility (`nrt-452`) and its edge availability domain
apart; Google's location name (`nrt-zone1-452`) is made from both. A partner line names
the metro where the carrier meets Google (`tokyo`, `osaka`): the carrier's facility is its
own, and the pairing key carries the region and the domain.

A partner attachment's BGP peer is created by Google once the carrier has provisioned
the circuit (`MANAGED_BY_ATTACHMENT`). `managedPeers` records, per layer, the names the
activated attachment shows, so the next `up` adopts the peer and sets what can be set on
it (MD5, BFD, import policy): docs/gcp.md, step 4.
"""
from __future__ import annotations

import re

from clouds.gcp.catalog import (ATTACHMENT_MTUS, DEFAULT_MTU, FACILITIES, PARTNER_METROS, REGION_METRO,
                                ROUTERS_PER_NETWORK_REGION, TIERS)
from clouds.gcp.components.naming import gname_of, peer_import_id, router_key
from network import codes
from network.catalog import LAYER_BY_ID, format_bandwidth
from network.fields import BOOL, STR, Field, MapOf, Obj, Scalar
from network.tags import LABELS, label_value

#: "The name must be 1-63 characters long, and comply with RFC1035" (pulumi-gcp resources).
RESOURCE_NAME = re.compile(r"[a-z]([-a-z0-9]{0,61}[a-z0-9])?")

#: "A project ID ... Must be 6 to 30 characters in length. Can only contain lowercase letters,
#: numbers, and hyphens. Must start with a letter. Cannot end with a hyphen. ... Cannot contain
#: restricted strings, such as google, null, undefined, and ssl." (Resource Manager, "Creating
#: and managing projects", https://cloud.google.com/resource-manager/docs/creating-managing-projects)
PROJECT_ID = re.compile(r"[a-z][-a-z0-9]{4,28}[a-z0-9]")
PROJECT_ID_RESTRICTED = ("google", "null", "undefined", "ssl")


def project_problem(value: str) -> str | None:
    if not PROJECT_ID.fullmatch(value):
        return (f"{value!r} is not a Google Cloud project id: 6 to 30 lowercase letters, digits and hyphens, "
                "starting with a letter and not ending with a hyphen")
    restricted = next((word for word in PROJECT_ID_RESTRICTED if word in value), None)
    if restricted:
        return f"{value!r} is not a Google Cloud project id: it contains the restricted string {restricted!r}"
    return None


SECTION = Obj((
    Field("projectId", STR, "Project the tenancy lives in.", "プロジェクトID", "itabashi-gov-net",
          required=True),
    Field("ownsProject", BOOL, "Whether this declaration may set the project's organization policy "
          "`constraints/gcp.resourceLocations`.", "プロジェクト管理", True, default=False),
    Field("mtu", Scalar(int, "MTU", choices=ATTACHMENT_MTUS), "MTU of the layer networks and of every VLAN "
          "attachment (they must be equal): 1440, 1460, 1500 or 8896.", "MTU", DEFAULT_MTU, default=DEFAULT_MTU),
))


def _layer_key(key: str) -> str | None:
    return None if key in LAYER_BY_ID else f"{key!r} is not a layer (use {', '.join(LAYER_BY_ID)})"


MANAGED_PEER = Obj((
    Field("peer", STR, "Name of the BGP peer Google created (auto-ia-bgp-...).", "BGPピア名",
          "auto-ia-bgp-gc131199-mynumber-tokyo-a-1a2b3c", required=True),
    Field("interface", STR, "Name of its router interface (auto-ia-if-...).", "インターフェース名",
          "auto-ia-if-gc131199-mynumber-tokyo-a-1a2b3c", required=True),
))
FIELDS = {
    "line": (
        Field("edgeAvailabilityDomain", Scalar(int, "1 or 2", choices=(1, 2)),
              "gcp only: the edge availability domain of the attachment (zone1 / zone2 of Google's location "
              "name).", "エッジ可用性ドメイン", 1),
        Field("interconnect", STR, "gcp dedicated lines only: name of the Dedicated Interconnect in the project. "
              "The line carries one VLAN attachment per layer on VLANs vlan, vlan+1, vlan+2 (mynumber, lgwan, "
              "internet).", "専用Interconnect名", "itabashi-ic-tokyo-a"),
        Field("managedPeers", MapOf(MANAGED_PEER, _layer_key),
              "gcp partner lines, after activation: per layer, the BGP peer and interface Google created "
              "(`gcloud compute routers describe`); the next `up` adopts the peer and sets MD5, BFD and the "
              "import policy on it.", "管理対象BGPピア（層ごと）", None),
    ),
    "tenancy": (
        Field("gcp", SECTION, "gcp only: the project.", "GCPプロジェクト", None),
    ),
}


def mtu(spec) -> int:
    """The MTU of the layer networks and their attachments."""
    return spec.section("gcp").get("mtu", DEFAULT_MTU)


def managed_peers(line) -> dict[str, dict]:
    """layer -> {peer, interface} of an activated partner line."""
    return dict(line.option("managedPeers") or {})


def check(spec, report) -> None:
    if spec.gcp_project is None:
        report(("cloud",), "a gcp tenancy needs a gcp section with its projectId",
               "add gcp: {projectId: <project>, ownsProject: true|false}", codes.CLOUD)
    else:
        problem = project_problem(spec.gcp_project)
        if problem:
            report(("gcp", "projectId"), problem, "write the project id the Digital Agency issued", codes.CLOUD)
        elif spec.network_account is not None and spec.network_account != spec.gcp_project:
            report(("accounts", "network"), f"the Shared VPC host project is gcp.projectId "
                   f"({spec.gcp_project}), but accounts.network says {spec.network_account!r}",
                   f"set accounts.network: {spec.gcp_project}", codes.ACCOUNTS)
    enabled = {layer.id for layer in spec.enabled_layers}
    for i, line in enumerate(spec.connectivity.lines):
        base = ("connectivity", "lines", i)
        _line(line, base, report)
        _managed_peers(line, base, enabled, report)
    tier = TIERS.get(spec.connectivity.redundancy)
    if tier is not None and tier.groups == 2 and {REGION_METRO.get(r) for r in spec.regions} != {"tokyo", "osaka"}:
        report(("regions", "secondary"), f"tier {tier.id} needs both regions (asia-northeast1 and asia-northeast2)",
               "set regions.secondary to the other domestic region", codes.TIER)
    _routers_per_region(spec, report)
    _labels(spec, report)


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
    if line.site is None or line.site.cloud != "gcp":
        return  # the shared line checks name a location of another cloud
    if dedicated and line.location not in FACILITIES:
        report(base + ("location",), f"{line.location} is a metro; a dedicated line lands in a colocation facility",
               f"use one of {', '.join(FACILITIES)} (with edgeAvailabilityDomain for zone1/zone2)", codes.LINE)
    elif line.type == "partner" and line.location not in PARTNER_METROS:
        report(base + ("location",), f"{line.location} is a colocation facility; a partner line names the metro "
               "where the carrier meets Google", f"use {' or '.join(PARTNER_METROS)}", codes.LINE)


def _managed_peers(line, base, enabled, report):
    peers = managed_peers(line)
    if peers and line.type != "partner":
        report(base + ("managedPeers",), "managedPeers is only for gcp partner lines (Google creates their BGP "
               "peers); a dedicated line's peers are made by the program", "remove managedPeers", codes.LINE)
        return
    for layer, names in peers.items():
        path = base + ("managedPeers", layer)
        if layer not in enabled:
            report(path, f"layer {layer} is not enabled", f"remove {layer} from managedPeers", codes.LINE)
            continue
        for key in ("peer", "interface"):
            if not RESOURCE_NAME.fullmatch(names[key]):
                report(path + (key,), f"{names[key]!r} is not a Cloud Router {key} name",
                       "copy the name from `gcloud compute routers describe <router> --region <region>`", codes.LINE)


def routers_needed(spec) -> dict[str, int]:
    """region -> Cloud Routers each layer network needs there: one per line type and edge
    availability domain, the HA VPN's own in the primary region, and Cloud NAT's."""
    needed: dict[str, set] = {}
    for line in spec.connectivity.lines:
        if line.site is not None and line.site.cloud == "gcp":
            needed.setdefault(line.site.region, set()).add((line.type, line.edge_domain))
    if spec.connectivity.vpn_backup:
        needed.setdefault(spec.primary_region, set()).add(("vpn", None))
    if any(layer.egress == "internet-gateway" for layer in spec.enabled_layers):
        for region in spec.regions:
            needed.setdefault(region, set()).add(("nat", None))
    return {region: len(kinds) for region, kinds in needed.items()}


def _routers_per_region(spec, report):
    for region, count in sorted(routers_needed(spec).items()):
        if count > ROUTERS_PER_NETWORK_REGION:
            report(("connectivity", "lines"), f"a layer network would need {count} Cloud Routers in {region} "
                   f"(one per line type and edge availability domain, the VPN's, Cloud NAT's); Google allows "
                   f"{ROUTERS_PER_NETWORK_REGION} per network and region",
                   "use one line type per region, or move a line to the other region", codes.LINE)


def offline_observations(spec) -> dict:
    """What an offline plan assumes Google made at activation, where only the project can say:
    each declared managed peer on its partner router, as Google manages it. `up` imports the
    real peer instead, and stops if the router has no peer of that name."""
    observed = {}
    for line in spec.connectivity.lines:
        for layer, names in managed_peers(line).items():
            key = router_key(line, layer)
            router = gname_of(spec, *key.parts)
            observed[peer_import_id(spec.gcp_project, key.region, router, names["peer"])] = {
                "name": names["peer"], "interface": names["interface"], "router": router, "region": key.region,
                "project": spec.gcp_project, "managementType": "MANAGED_BY_ATTACHMENT"}
    return observed


#: "Each resource can have a maximum of 64 labels ... Keys have a minimum length of 1
#: character and a maximum length of 63 characters ... Values can be empty, and have a
#: maximum length of 63 characters. Keys and values can contain only lowercase letters,
#: numeric characters, underscores, and dashes ... Keys must start with a lowercase letter"
#: ("Labels requirements", Cloud KMS "Labeling keys"); Compute Engine's own resources take
#: only "[a-z0-9_-]" (pulumi-gcp labels docstrings), so a tag becomes a label by lowercasing
#: alone, or it is refused: any other change would make the label say something else.
LABELS_PER_RESOURCE, LABEL_MAX = 64, 63
OWN_LABELS = frozenset(LABELS.values()) | {"edge-domain"}
_ASCII_LABEL = re.compile(r"[A-Za-z0-9_-]*")


def _labels(spec, report):
    room = LABELS_PER_RESOURCE - len(OWN_LABELS)
    if len(spec.tags) > room:
        report(("tags",), f"{len(spec.tags)} extra tags, but a Google Cloud resource holds {LABELS_PER_RESOURCE} labels "
               f"and govcloud sets up to {len(OWN_LABELS)}", f"keep at most {room} extra tags", codes.TAGS)
    seen: dict[str, str] = {}
    for key, value in spec.tags:
        path, label = ("tags", key), label_value(key)
        for what, text in (("key", key), ("value", value)):
            if not _ASCII_LABEL.fullmatch(text) or len(text) > LABEL_MAX or (what == "key" and not text[:1].isalpha()):
                report(path, f"tag {what} {text!r} cannot be a Google Cloud label {what} as written (it would become "
                       f"{label_value(text)!r})", "use ASCII letters, digits, '_' and '-' (a key starts with a letter), "
                       f"at most {LABEL_MAX} characters", codes.TAGS)
        if label in OWN_LABELS:
            report(path, f"tag {key!r} becomes the label {label!r}, which govcloud sets itself", "rename it", codes.TAGS)
        elif label in seen:
            report(path, f"tags {seen[label]!r} and {key!r} become one label {label!r}", "keep one of them", codes.TAGS)
        seen.setdefault(label, key)
