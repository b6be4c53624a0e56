"""The drift items a declared Google Cloud resource stands for (drift/desired.py asks),
keyed by resource names, never by ids."""
from __future__ import annotations

import re

from clouds.gcp.drift_dns import last, policy_props, record_props, zone_props
from drift.items import Item
from inventory.tokens import GCP
from inventory.view import Resource


def name(r: Resource) -> str:
    """A Google Cloud resource is known by its name."""
    return r.get("name") or r.name


def items(declared, r: Resource):
    t, i, layer, name, urn = r.type, r.props, declared.layers.get(r.urn), declared.name(r), r.urn
    if t == GCP.NETWORK:
        yield Item("network", (name,), layer, network_props(i.get("autoCreateSubnetworks"), i.get("routingMode")), urn)
    elif t == GCP.SUBNETWORK:
        yield Item("g_subnet", (name,), layer, {"cidr": i["ipCidrRange"], "region": i["region"],
                                                "private_google_access": bool(i.get("privateIpGoogleAccess")),
                                                "flow_logs": bool(i.get("logConfig")),
                                                **flow_log_detail(i.get("logConfig"), declared=True),
                                                "external_ipv6": i.get("ipv6AccessType") == "EXTERNAL",
                                                "secondary_cidrs": secondary_cidrs(i.get("secondaryIpRanges"))}, urn)
        grants = [(m.props.get("role"), m.props.get("member")) for m in declared.resources
                  if m.type == GCP.SUBNETWORK_IAM_MEMBER and _subnet_of(declared, m) == name]
        yield Item("g_subnet_access", (name,), layer, {"members": subnet_members(grants)}, urn)
    elif t == GCP.FIREWALL:
        yield Item("firewall", (name,), layer, firewall_props(i), urn)
    elif t == GCP.ROUTE:
        yield Item("g_route", (name,), layer, {"dest": i.get("destRange"), "next_hop": i.get("nextHopGateway")},
                   urn)
    elif t == GCP.ROUTER:
        bgp = i.get("bgp") or {}
        yield Item("router", (name,), layer, {"asn": bgp.get("asn"),
                                              "advertised": ranges(bgp.get("advertisedIpRanges")), **advertising(bgp)},
                   urn)
    elif t == GCP.ROUTER_PEER:
        yield Item("g_bgp_peer", (i["router"], name), layer, peer_props(i), urn)
    elif t == GCP.ROUTER_ROUTE_POLICY:
        yield Item("g_route_policy", (i["router"], name), layer, {"type": i.get("type"), "terms": terms(i.get("terms"))},
                   urn)
    elif t == GCP.VPN_TUNNEL:
        yield Item("g_vpn_tunnel", (name,), layer, tunnel_props(i), urn)
    elif t == GCP.ROUTER_NAT:
        yield Item("g_nat", (name,), layer, {}, urn)
    elif t == GCP.KMS_CRYPTO_KEY:
        ring = str(i.get("keyRing") or "")  # projects/<p>/locations/<l>/keyRings/<ring>
        parts = ring.split("/")
        yield Item("g_kms_key", (last(ring), name), layer,
                   {"state": "ENABLED", "rotation": i.get("rotationPeriod"),
                    "location": parts[3] if len(parts) > 3 else None,
                    # the stack grants a key only to Google's own service agents (the Log Router)
                    "members_elsewhere": []}, urn)
    elif t == GCP.LOGGING_BUCKET:
        yield Item("g_log_bucket", (i["bucketId"],), layer, bucket_props(
            i.get("location"), i.get("retentionDays"), i.get("locked"), "ACTIVE",
            (i.get("cmekSettings") or {}).get("kmsKeyName")), urn)
    elif t == GCP.LOGGING_SINK:
        props = sink_props(i.get("destination"), i.get("filter"), i.get("disabled"), i.get("project"),
                           i.get("exclusions"))
        del props["own_project"]  # follows from the destination, which is compared; it is for undeclared sinks
        yield Item("g_log_sink", (name,), layer, props, urn)
    elif t == GCP.DNS_ZONE:
        yield Item("g_dns_zone", (name,), layer, zone_props(i), urn)
    elif t == GCP.DNS_RECORD_SET:
        zone = declared.ref(r, "managedZone")
        yield Item("g_dns_record", (declared.name(zone) if zone is not None else str(i.get("managedZone")),
                                    i["name"], i["type"]), layer, record_props(i), urn)
    elif t == GCP.DNS_POLICY:
        yield Item("g_dns_policy", (name,), layer, policy_props(i), urn)
    elif t == GCP.SHARED_VPC_HOST:
        # the service projects attached to the host: each may be granted the host's subnets
        members = sorted(str(s.get("serviceProject")) for s in declared.resources if s.type == GCP.SHARED_VPC_SERVICE
                         and s.get("hostProject") == i.get("project"))
        yield Item("g_shared_vpc", (str(i.get("project")), "service projects"), "shared", {"members": members}, urn)
    elif t == GCP.ORG_POLICY:
        yield Item("g_org_policy", (last(i.get("name")),), "shared", org_policy_props(i.get("spec")), urn)
    elif t == GCP.INTERCONNECT_ATTACHMENT:
        router = declared.ref(r, "router")
        yield Item("attachment", (name,), layer, {"type": i.get("type"), "region": i.get("region"), "tags": r.tags,
                                                  "router": declared.name(router) if router is not None
                                                  else last(i.get("router")),
                                                  "enabled": admin_enabled(i.get("adminEnabled"))}, urn)


def admin_enabled(value) -> bool:
    """Whether a VLAN attachment carries packets (Compute API InterconnectAttachment
    `adminEnabled`: "Determines whether this Attachment will carry packets"). The components
    set it to true; an answer that leaves it out is taken as on."""
    return value is None or bool(value)


def org_policy_props(spec) -> dict:
    """What a project's organization policy decides (Org Policy API v2 PolicySpec; pulumi_gcp's
    spec has the same names, its allowAll/denyAll/enforce written "TRUE"/"FALSE"): the values
    its rules allow and deny, whether a rule allows or denies everything or enforces (a boolean
    constraint), the conditions a rule applies under (a condition can exempt resources, by tag),
    whether it adds the parent's rules (`inheritFromParent`) or drops every policy above
    (`reset`: the constraint's own default, for gcp.resourceLocations any location). A policy
    with no `spec` (a dry run only) decides nothing."""
    spec = spec or {}
    rules = spec.get("rules") or []

    def flag(rule, name):
        return str(rule.get(name)).lower() == "true"

    def listed(field):
        return sorted({str(v) for r in rules for v in (r.get("values") or {}).get(field) or []})
    return {"allowed": listed("allowedValues"), "denied": listed("deniedValues"),
            "allow_all": any(flag(r, "allowAll") for r in rules), "deny_all": any(flag(r, "denyAll") for r in rules),
            "enforce": sorted({str(r["enforce"]).lower() for r in rules if r.get("enforce") is not None}),
            "conditions": sorted({str((r.get("condition") or {}).get("expression")) for r in rules
                                  if r.get("condition")}),
            "inherit": str(spec.get("inheritFromParent")).lower() == "true",
            "reset": str(spec.get("reset")).lower() == "true"}


def advertising(bgp: dict) -> dict:
    """What a Cloud Router advertises besides its ranges: its mode and groups (ALL_SUBNETS,
    or ALL_PEER_VPC_SUBNETS: the subnets of every peered network)."""
    return {"mode": bgp.get("advertiseMode") or "DEFAULT", "groups": sorted(bgp.get("advertisedGroups") or [])}


#: a subnet's flow-log settings that decide how much is kept (Compute API SubnetworkLogConfig,
#: the same names as pulumi_gcp's log_config): flowSampling "1.0 means all collected logs are
#: reported and 0.0 means no logs are reported"; filterExpr "which VPC flow logs should be
#: exported"; metadata "whether all, none or a subset of metadata fields should be added"
FLOW_LOG_DETAIL = {"flowSampling": "flow_sampling", "filterExpr": "flow_filter", "metadata": "flow_metadata"}


def flow_log_detail(config, declared: bool = False) -> dict:
    """What a subnet's flow logs keep, for the settings the stack declares (`declared`: those
    it sets; a filter it does not set is the empty filter, `true`, which keeps everything), as
    the API reports them (live). A filter of `true` and none are the same."""
    config = config or {}
    out = {ours: config.get(api) for api, ours in FLOW_LOG_DETAIL.items()
           if not declared or api in config or api == "filterExpr"}
    if "flow_filter" in out and str(out["flow_filter"] or "true").strip() == "true":
        out["flow_filter"] = None
    if out.get("flow_sampling") is not None:
        out["flow_sampling"] = float(out["flow_sampling"])
    return out if not declared or config else {}


def secondary_cidrs(entries) -> list[str]:
    """A subnet's secondary ranges as `name cidr` (API and inputs use the same names)."""
    return sorted(f"{e.get('rangeName')} {e.get('ipCidrRange')}" for e in entries or [])


def ranges(entries) -> list[str]:
    return sorted(e.get("range") for e in entries or [] if e.get("range"))


def network_props(auto_subnets, routing_mode) -> dict:
    """A layer network in one normal form for both sides. Its routing mode decides whether its
    routers advertise (and its subnets use) routes of the other region too: GLOBAL is how a
    layer's Osaka line backs its Tokyo subnets up. Compared only where the stack declares it
    (the SDK documents no default)."""
    props = {"auto_subnets": bool(auto_subnets)}
    if routing_mode:
        props["routing_mode"] = str(routing_mode).upper()
    return props


def peer_props(i: dict) -> dict:
    """A Cloud Router BGP peer in one normal form for both sides: who it talks to, what it
    advertises and at which priority, which import policies filter what it learns, and whether
    it is on (pulumi_gcp RouterPeer `enable` "The default is true"; the API's `enable` is
    TRUE or FALSE)."""
    return {"enabled": str(i.get("enable", True)).upper() != "FALSE",
            "peer_ip": i.get("peerIpAddress"), "peer_asn": int(i["peerAsn"]) if i.get("peerAsn") else None,
            "priority": int(i.get("advertisedRoutePriority") or 0), "mode": i.get("advertiseMode") or "DEFAULT",
            "advertised": ranges(i.get("advertisedIpRanges")),
            "import_policies": sorted(last(p) for p in i.get("importPolicies") or [])}


def terms(entries) -> list[list]:
    """A route policy's terms: (priority, match, actions), in priority order."""
    return sorted([int(e.get("priority") or 0), (e.get("match") or {}).get("expression"),
                   [a.get("expression") for a in e.get("actions") or []]] for e in entries or [])


def tunnel_props(i: dict) -> dict:
    return {"router": last(i.get("router")), "gateway": last(i.get("vpnGateway")),
            "peer_gateway": last(i.get("peerExternalGateway")), "ike": int(i.get("ikeVersion") or 2)}


def firewall_props(i: dict) -> dict:
    """Firewall properties in one normal form for both sides (API JSON uses the same names)."""
    def rules(entries):
        return sorted((e.get("protocol") or e.get("IPProtocol"), tuple(sorted(e.get("ports") or []))) for e in entries or [])
    return {"direction": i.get("direction", "INGRESS"), "priority": int(i.get("priority", 1000)),
            "sources": sorted(i.get("sourceRanges") or []), "destinations": sorted(i.get("destinationRanges") or []),
            "allows": rules(i.get("allows") or i.get("allowed")), "denies": rules(i.get("denies") or i.get("denied")),
            "logging": bool(i.get("logConfig") and (i["logConfig"].get("enable", True))),
            # who a rule applies to and admits, besides ranges; a disabled rule does nothing at all
            "disabled": bool(i.get("disabled")),
            "source_tags": sorted(i.get("sourceTags") or []), "target_tags": sorted(i.get("targetTags") or []),
            "source_service_accounts": sorted(i.get("sourceServiceAccounts") or []),
            "target_service_accounts": sorted(i.get("targetServiceAccounts") or [])}


def bucket_props(location, retention, locked, state, kms_key) -> dict:
    """A log bucket in one normal form for both sides. retentionDays 0 or absent is the
    API's default of 30 days ("If this value is set to zero at bucket creation time, the
    default time of 30 days will be used")."""
    return {"location": location, "retention_days": int(retention or 30), "locked": bool(locked),
            "state": state, "cmek": last(kms_key)}


def subnet_members(grants) -> list[str]:
    """A subnet's IAM grants as sorted "role member" (Shared VPC: who may put workloads
    in it)."""
    return sorted({f"{role} {member}" for role, member in grants if role and member})


def _subnet_of(declared, member: Resource) -> str | None:
    """The subnet an IAM member grants on, by name (its `subnetwork` input or reference)."""
    subnet = declared.ref(member, "subnetwork")
    return declared.name(subnet) if subnet is not None else last(member.props.get("subnetwork"))


def sink_props(destination, log_filter, disabled, project, exclusions=()) -> dict:
    """A log sink in one normal form for both sides: where it sends (and whether that is a
    log bucket of the tenancy's own project), which logs, whether it is off, and which logs
    it leaves out after all (LogSink.exclusions[]: "If a log entry is matched by both filter
    and one of exclusions it does not get exported"; a disabled exclusion excludes nothing)."""
    own = f"logging.googleapis.com/projects/{project}/" if project else None
    return {"destination": destination, "own_project": bool(own and str(destination or "").startswith(own)),
            "filter": log_filter or "", "disabled": bool(disabled),
            "exclusions": sorted(str(e.get("filter") or "") for e in exclusions or [] if not e.get("disabled"))}


#: Google-managed service agents: service-<number>@gcp-sa-<service>.iam.gserviceaccount.com,
#: the Log Router's cmek-p<number>@gcp-sa-logging..., and the older <number>@cloudservices /
#: service-<number>@compute-system forms. What the stack's key grants name; an account of any
#: project (whose id its owner chooses) never has this form.
SERVICE_AGENT = re.compile(r"serviceAccount:(?:(?:service-|cmek-p)\d+@gcp-sa-[a-z0-9-]+\.iam\.gserviceaccount\.com|"
                           r"\d+@cloudservices\.gserviceaccount\.com|"
                           r"service-\d+@compute-system\.iam\.gserviceaccount\.com)")


def members_elsewhere(bindings, projects) -> list[str]:
    """Who a key's IAM policy lets use or manage it, other than Google's service agents and
    the tenancy's own projects' service accounts (`projects`): a user, a group, a domain,
    anyone, or another project's account. Each as `role member`."""
    out = set()
    own = {f"{p}.iam.gserviceaccount.com" for p in projects}
    for binding in bindings or []:
        for member in binding.get("members") or []:
            if SERVICE_AGENT.fullmatch(member) or \
                    (member.startswith("serviceAccount:") and member.rsplit("@", 1)[-1] in own):
                continue
            out.add(f"{binding.get('role')} {member}")
    return sorted(out)
