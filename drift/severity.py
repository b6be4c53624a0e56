"""How severe a drift is: a breach of the three-layer separation is critical, a path to
another network whatever the layer is critical, data outside Japan is critical, encryption
and the layers' boundaries (network ACLs, address blocks) are high (drift/compare.py
reports; this module decides)."""
from __future__ import annotations

import clouds
from drift.items import Item
from drift.severity_public import CLOSED, public_severity
from network.openness import GOOGLE_API_VIPS, GOOGLE_PROBES, is_open, outside, reaches_public

ENCRYPTION_KINDS = ("kms_key", "bucket", "ebs_default", "flow_log", "g_kms_key", "g_log_bucket")
SEPARATION_KINDS = ("igw", "eigw", "cagw", "nat", "peering", "public_ip", "g_nat", "g_peering", "g_public_ip",
                    "tgw_association", "tgw_propagation", "tgw_attachment", "vgw", "vpn", "dx_vif", "dx_association",
                    "g_bgp_peer", "g_vpn_tunnel", "ram_share", "g_shared_vpc", "g_mirroring", "attachment",
                    "bridge", "g_bridge", "mirror_session", "lattice_association", "resource_gateway", "query_log",
                    "connect_endpoint", "client_vpn", "verified_access", "edge_association",
                    "g_ncc_spoke", "g_vpc_connector")
#: a path to another network whatever the layer: critical even in the internet layer (a
#: resource share hands the transit gateway or a subnet to another account)
PATH_KINDS = ("peering", "g_peering", "tgw_association", "tgw_propagation", "tgw_attachment", "vgw", "vpn",
              "dx_vif", "dx_association", "g_bgp_peer", "g_vpn_tunnel", "ram_share", "g_shared_vpc", "attachment",
              "bridge", "g_bridge", "g_ncc_spoke")
#: route targets that lead out of the VPC by themselves: another network, another Region, the internet
PATH_TARGETS = ("transit-gateway", "core-network", "carrier-gateway", "local-gateway")
#: firewall fields that decide who may connect, and where to (an egress rule's destinations)
FIREWALL_REACH = ("sources", "destinations", "allows", "denies", "disabled", "source_tags", "target_tags",
                  "source_service_accounts", "target_service_accounts", "direction", "priority")
#: a KMS key in any other state cannot decrypt what it protects, or soon will not (AWS
#: KeyState; Cloud KMS: the primary version's CryptoKeyVersionState)
KEY_USABLE = ("Enabled", "ENABLED")
#: kinds that store data where they are: outside Japan, the worst drift there is
LOCATED_KINDS = ("g_kms_key", "g_log_bucket")
#: Google Cloud kinds whose `region` says where they are
REGIONAL_KINDS = ("g_subnet", "attachment")


def missing_severity(item: Item) -> str:
    """A declared resource deleted out of band: high, but critical where the deletion itself
    opens something (a blackhole transit route gone lets its traffic through; the project's
    location policy gone lets anything be made anywhere)."""
    if item.kind == "tgw_route" and item.props.get("target") == "blackhole" or item.kind == "g_org_policy":
        return "critical"
    return "high"


def _org_policy_relaxes(p: dict) -> bool:
    """A project's organization policy that lifts its constraint: allows every value, drops
    the policies above it (reset), or stops enforcing a boolean constraint."""
    return bool(p.get("allow_all") or p.get("reset") or "false" in (p.get("enforce") or []))


def unmanaged_severity(item: Item) -> str:
    p = item.props
    if item.kind == "g_org_policy":
        # set on the project, it replaces what the organization or a folder decides for it (the
        # Digital Agency's guardrails among them): lifting a constraint is critical, any other high
        return "critical" if _org_policy_relaxes(p) else "high"
    if item.kind == "public_copy":
        # a copy of a disk or database anyone can restore: the layer's data, published; one that
        # named accounts outside the tenancy may restore: the data handed to them
        return "critical" if p.get("shared_with") == "all" else "high"
    if item.kind == "flow_log":
        # a second record of the layer's traffic: into a bucket that is not the tenancy's (left as
        # its ARN when named), anyone's copy of who talks to whom; elsewhere (a log group), high
        destination = str(p.get("destination") or "")
        return "critical" if destination.startswith("arn:aws:s3:::") else \
            "high" if destination.startswith("arn:") else "medium"
    answering = public_severity(item)
    if answering:
        return answering
    if item.kind in SEPARATION_KINDS:
        return "critical" if item.layer in CLOSED or item.kind in PATH_KINDS else "high"
    if item.kind in ("route", "g_route"):
        destination = p.get("dest") or item.key[-1]
        if p.get("target") in ("internet-gateway", "nat-gateway", "peering", "egress-only-gateway", "vpn-gateway") or \
                str(p.get("target", "")).startswith(PATH_TARGETS) or reaches_public([destination]) or p.get("crosses"):
            return "critical"  # a way out, or to another layer's addresses (drift.run marks `crosses`)
        return "high"
    if item.kind == "tgw_route" and p.get("target") != "blackhole":
        return "critical"
    if item.kind == "security_group" and (p.get("open_ingress") or item.layer in CLOSED and p.get("public_sources")):
        # open to the internet; or, in a closed layer, admitting any public address (a vendor's
        # office, half the internet), as a Google Cloud firewall there is judged and GOV-ISO-003 reads it
        return "critical"
    if item.kind == "firewall" and _firewall_opens(p, item.layer):
        return "critical"
    if item.kind == "g_fw_policy":
        # a hierarchical policy is evaluated before the layer's own rules: its egress
        # allows open a way out too (a network policy comes after the layer's egress denies)
        return _policy_severity(p.get("rules"), item.layer, egress=p.get("region") == "hierarchy")
    if item.kind == "g_forwarding_rule":
        # a PSC endpoint to all Google APIs or to someone's service, or an internet-facing
        # load balancer: a path out of (or into) the layer nobody declared
        if p.get("psc_target") or str(p.get("scheme", "")).startswith("EXTERNAL"):
            return "critical" if item.layer in CLOSED or p.get("psc_target") == "all-apis" else "high"
        return "medium"
    if item.kind == "g_service_attachment":
        # other projects reach the layer's load balancer from their own networks
        return "critical" if item.layer in CLOSED or p.get("preference") == "ACCEPT_AUTOMATIC" else "high"
    if item.kind in ("g_dns_zone", "g_dns_policy") and (p.get("forwarding") or p.get("alternative") or
                                                       p.get("peering")):
        return "critical"  # a layer's queries answered by other resolvers, or another network's zones
    if item.kind == "g_pbr":
        # ahead of every other route: to a load balancer's address it steers the layer's traffic
        # through whatever is behind it; DEFAULT_ROUTING only exempts traffic from other PBRs
        if p.get("next_hop") == "DEFAULT_ROUTING":
            return "medium"
        return "critical" if item.layer in CLOSED or reaches_public([p.get("to") or "0.0.0.0/0"]) else "high"
    if item.kind == "g_dns_response_policy":
        # the layer's names answered from local data (or passed on) by rules nobody declared
        return "critical" if item.layer in CLOSED else "high"
    if item.kind in ("g_dns_zone", "g_dns_record"):
        return "high"  # names the layer resolves differently from the plan
    if item.kind == "resolver_rule":
        # the layer's names now go through another layer's endpoint, or to resolvers on the internet
        crosses = p.get("via_vpc") is not None and p.get("via_vpc") != item.key[0]  # SYSTEM rules have no endpoint
        return "critical" if crosses or reaches_public([f"{t.split(':')[0]}/32" for t in p.get("targets") or []]) \
            else "high"
    if item.kind == "endpoint_service":
        # anyone on the allow-list reaches the layer's load balancer from their own VPC
        return "critical" if item.layer in CLOSED or p.get("allowed") else "high"
    if item.kind == "resolver_endpoint":
        # inbound: the layer's private names answered to whatever reaches the endpoint; outbound:
        # a way for forwarding rules to send the layer's queries out (judged with each rule)
        if p.get("direction") == "INBOUND":
            return "critical" if item.layer in CLOSED else "high"
        return "high"
    if item.kind == "private_zone":
        # names the layer resolves from records nobody declared; a service's own zone (EFS,
        # Cloud Map) is less, but still not the stack's
        if str(p.get("owner", "")).endswith(".amazonaws.com"):
            return "medium"
        return "critical" if item.layer in CLOSED else "high"
    if item.kind == "footprint":
        # an unmanaged footprint outside Japan is the worst drift there is
        return "high" if p.get("domestic") else "critical"
    if item.kind in LOCATED_KINDS and not _domestic(p.get("location")):
        return "critical"
    if item.kind == "kms_key" and not all(clouds.get("aws").is_domestic(r) for r in p.get("copies_in") or []):
        return "critical"  # a multi-Region key with a copy abroad: what it encrypts can be read there
    if item.kind == "g_log_sink" and not p.get("own_project"):
        return "critical"  # the project's logs exported to somewhere else: out of the tenancy
    if item.kind in REGIONAL_KINDS and p.get("region") and not _domestic(p["region"]):
        return "critical"  # a subnet or a line attachment of the tenancy's network abroad
    if item.kind == "endpoint":
        # a PrivateLink endpoint to someone else's service (com.amazonaws.vpce.<region>.vpce-svc-...,
        # or any other name) or to an AWS service in another region is a path out of the layer
        return "high" if _aws_service_in_japan(str(item.key[-1])) else "critical"
    if item.kind in ("route", "tgw_route", "firewall", "g_route"):
        return "high"
    return "medium"


def _aws_service_in_japan(service: str) -> bool:
    """An endpoint's service name is AWS's own service in Tokyo or Osaka
    (com.amazonaws.ap-northeast-1.s3, aws.sagemaker.ap-northeast-1.notebook), not an endpoint
    service someone offers
    (com.amazonaws.vpce.ap-northeast-1.vpce-svc-...) nor a service in another region."""
    parts = service.split(".")  # SageMaker's own endpoints are named aws.sagemaker.<region>.<service>
    return parts[:2] in (["com", "amazonaws"], ["aws", "sagemaker"]) and len(parts) > 3 and \
        parts[2] in clouds.get("aws").regions


def _domestic(location) -> bool:
    """A Google Cloud location in Japan (clouds/gcp/catalog.py)."""
    return clouds.get("gcp").is_domestic(location)


def _added(before, after) -> bool:
    """Whether the live value has an entry the declared one does not (a path, a principal,
    a suite, a source): the widening that makes a change critical."""
    return bool({str(x) for x in after or []} - {str(x) for x in before or []})


def _firewall_opens(p: dict, layer: str | None) -> bool:
    """An enabled ingress allow rule from the whole internet, or, in a closed layer, from
    any public address but Google's probes; in a closed layer, an egress allow to a public
    address other than Google's restricted and private API ranges (past the deny-all egress
    baseline)."""
    if not p.get("allows") or p.get("disabled"):
        return False
    if p.get("direction") == "EGRESS":
        return layer in CLOSED and reaches_public(outside(p.get("destinations", []), GOOGLE_API_VIPS))
    sources = p.get("sources", [])
    # Google's health checks and Cloud DNS forwarding are not the internet (as GOV-ISO-003 reads them)
    return p.get("direction") == "INGRESS" and (is_open(sources) or (
        layer in CLOSED and reaches_public(outside(sources, GOOGLE_PROBES))))


def _policy_severity(rules, layer: str | None, egress: bool = False) -> str:
    """A network firewall policy nobody declared on a layer network (rules as
    clouds/gcp/drift_paths.rule_props): an enabled ingress allow rule admits traffic the
    layer's declared firewall rules do not decide: critical in a closed layer or when open
    to the internet, high otherwise; a policy that only denies or passes on, medium. With
    `egress` (a hierarchical policy, evaluated before the layer's own egress denies), an
    egress allow is a way out: critical in a closed layer or to the internet, high otherwise."""
    allows = [r for r in rules or [] if r[1] == "INGRESS" and r[2] == "allow" and not r[3]]
    leaves = [r for r in rules or [] if egress and r[1] == "EGRESS" and r[2] == "allow" and not r[3]]
    if not allows and not leaves:
        return "medium"
    if layer in CLOSED or any(is_open(r[4]) for r in allows) or any(is_open(r[8]) for r in leaves):
        return "critical"
    return "high"


def _nacl_opens(entries, egress: bool = False) -> bool:
    """Whether the allow entries of one direction cover the public internet (entries as
    (egress, number, action, protocol, range, from, to))."""
    return is_open([e[4] for e in entries or [] if bool(e[0]) == egress and e[2] == "allow" and e[4]])


def _nacl_widened(before, after, layer: str | None) -> bool:
    """An entry that opens a direction to the whole internet, or, in a closed layer, any allow
    entry nobody declared (another layer's block, or anyone's, may now pass): as for a
    security group's rules."""
    added = {tuple(e) for e in after or [] if e[2] == "allow"} - {tuple(e) for e in before or []}
    return any(_nacl_opens(after, way) and not _nacl_opens(before, way) for way in (False, True)) or \
        bool(added and layer in CLOSED)


#: (kind, field) whose live value holds an entry the declared one does not: (the severity of
#: that widening, of a change that only narrows it)
WIDENED = {
    # another account or project now holds the transit gateway or a subnet of a layer
    **{(kind, f): ("critical", "high") for kind in ("ram_share", "g_shared_vpc")
       for f in ("principals", "resources", "members")},
    # someone outside the tenancy may now use (or manage) the layer's key: its IAM members on
    # Google Cloud, a grant or the key policy on AWS
    ("g_kms_key", "members_elsewhere"): ("critical", "high"), ("kms_key", "grantees_elsewhere"): ("critical", "high"),
    ("kms_key", "principals"): ("critical", "high"), ("kms_key", "copies_in"): ("critical", "high"),
    # the bucket policy or an ACL now lets someone else in (everyone, or another account: Block
    # Public Access does not stop an ACL's grant to an account); the bucket's events (the names of
    # the layer's objects) sent somewhere nobody declared; every object also kept in another bucket
    ("bucket", "policy_principals"): ("critical", "high"), ("bucket", "acl_grants"): ("critical", "high"),
    ("bucket", "notifications"): ("high", "low"), ("bucket", "replication"): ("critical", "medium"),
    # a prefix the line was not declared to carry (another layer's block, a wider one) is a path;
    # one only withdrawn cuts the layer off its data center
    ("dx_association", "allowed"): ("critical", "high"),
    # the cloud now tells the data center about more than the layer's block, or advertises a
    # group (ALL_SUBNETS, ALL_PEER_VPC_SUBNETS: a peered network's subnets too)
    ("g_bgp_peer", "advertised"): ("critical", "high"), ("router", "advertised"): ("critical", "high"),
    ("router", "groups"): ("critical", "high"),
}
#: (kind, field) whose live value lacks an entry the declared one has: (the severity of that
#: protection lifted, of one only added)
NARROWED = {
    # a block lifted: the bucket can be made public by a policy or an ACL; account-wide, any
    # bucket without a block of its own (a vendor's) can (the tenancy's own keep theirs)
    ("bucket", "public_access_block"): ("critical", "low"),
    ("s3_account_block", "public_access_block"): ("high", "low"),
    # fields a flow log no longer records (addresses, ports, action)
    ("flow_log", "fields"): ("high", "low"),
}


def _org_policy_change(field_name: str, before, after) -> str:
    """The location policy (or any the stack declares) changed: critical when it now lets more
    through (a value allowed, a denied one dropped, every value allowed, the policies above
    dropped or added, a condition that exempts resources, enforcement off), high otherwise."""
    if field_name == "allowed":
        widened = _added(before, after) or (bool(before) and not after)  # no allowed values: no limit here
    elif field_name == "denied":
        widened = _added(after, before)
    elif field_name == "conditions":
        widened = _added(before, after)
    elif field_name == "enforce":
        widened = "false" in (after or []) and "false" not in (before or [])
    else:  # allow_all, reset, inherit (the parent's allowed values added to this project's)
        widened = bool(after) and field_name != "deny_all"
    return "critical" if widened else "high"


def changed_severity(kind: str, field_name: str, before, after, layer: str | None = None) -> str:
    if kind == "g_org_policy":
        return _org_policy_change(field_name, before, after)
    if (kind, field_name) in WIDENED:
        return WIDENED[kind, field_name][not _added(before, after)]
    if (kind, field_name) in NARROWED:
        return NARROWED[kind, field_name][not _added(after, before)]
    if kind == "default_sg" and field_name == "ingress" and after:
        return "critical"
    if kind == "subnet_link":  # the subnet now routes (or filters) by another table: a new path, or none
        return "critical"
    if kind in ("kms_key", "g_kms_key") and field_name == "state" and after not in KEY_USABLE:
        return "critical"
    if kind == "endpoint" and field_name == "policy":
        # the endpoint policy decides where the layer can reach through the endpoint (own
        # account's buckets only, or anyone's): widened or replaced, a way out for the data
        return "critical"
    if kind == "endpoint" and field_name == "private_dns":  # off: the layer's AWS API names no longer lead here
        return "high" if not after else "medium"
    if kind == "resolver_rule":
        return "critical"  # who answers the layer's names, or through which layer they go
    if kind in ("g_dns_zone", "g_dns_record", "g_dns_policy"):
        # records (restricted.googleapis.com), visibility, forwarding and alternative servers
        # decide where the layer's names lead; logging off or a description is less
        return "high" if field_name in ("logging", "ttl", "dns_name") else "critical"
    if (kind, field_name) in (("vpc", "dns"), ("g_bgp_peer", "enabled"), ("network", "routing_mode"),
                              ("attachment", "enabled")):
        # DNS off (the layer's interface endpoints lose their private names), a BGP session or a
        # VLAN attachment switched off, REGIONAL routing (the other region's line no longer backs
        # this one up): the line's redundancy lost, no new path
        return "high"
    if kind == "kms_alias" and field_name == "key":
        return "critical"  # the tenancy's name for a key now names another key: data goes to that one
    if kind == "bucket" and field_name == "expiration_days":
        # the logs now deleted after so many days, or sooner than declared
        return "high" if after is not None and (before is None or after < before) else "low"
    if kind in LOCATED_KINDS and field_name == "location" and not _domestic(after):
        return "critical"
    if kind == "g_log_bucket" and field_name == "state" and after != "ACTIVE":
        return "critical"  # DELETE_REQUESTED: the layer's flow logs are going
    if kind == "dx_connection" and field_name == "macsec_keys":
        return "high"  # a key nobody declared can join the line's MACsec session; one fewer, the line may not come up
    if kind == "dx_connection" and field_name == "encryption_mode" and after != "must_encrypt":
        return "critical"  # the line now carries the closed layers without MACsec
    if kind == "vpn" and field_name in ("gateway", "peer"):
        return "critical"
    if kind == "vpn" and field_name.startswith("tunnel"):
        # a suite the tunnel may now negotiate that was not declared (IKEv1, SHA1, DH group
        # 2) is a weaker line for every layer on it; one only narrowed is still a change
        return "critical" if _added(before, after) else "high"
    if kind == "dx_vif" and field_name == "gateway":
        return "critical"  # the VIF's VLAN now lands in another gateway: another layer's routes
    if kind == "dx_association" and field_name == "to":
        return "critical"  # the gateway now feeds another transit gateway
    if kind == "dx_vif" and field_name == "bgp_peers":
        # a session nobody declared feeds the gateway other routes; one without its MD5 key
        # can be reset or spoofed from the line
        return "critical" if _added([p[:2] for p in before or []], [p[:2] for p in after or []]) else "high"
    if kind in ("dx_vif", "dx_gateway") and field_name in ("vlan", "asn", "connection"):
        return "high"
    if kind == "router" and field_name == "mode":
        return "high"  # DEFAULT advertises every subnet of the network, not the declared block
    if kind == "g_bgp_peer" and field_name in ("import_policies", "peer_ip", "peer_asn"):
        return "critical"  # what the layer learns, or from whom
    if kind == "flow_log" and field_name == "destination":
        return "critical"  # the layer's flow logs now go to another bucket (someone else's)
    if kind == "g_log_sink" and field_name == "destination":
        return "critical"  # a layer's flow logs now go somewhere else
    if kind == "g_log_sink":
        return "high"  # fewer logs kept (a filter narrowed, the sink disabled)
    if kind == "g_subnet_access" and field_name == "members":
        # a project or principal granted on the subnet can put workloads into the layer
        return ("critical" if layer in CLOSED else "high") if _added(before, after) else "medium"
    if kind == "g_route_policy":
        return "critical"  # the import policy decides which prefixes enter the layer
    if kind == "g_vpn_tunnel" and field_name in ("router", "gateway", "peer_gateway"):
        return "critical"
    if kind == "g_bgp_peer" and field_name == "priority":
        return "high"  # the backup path's preference
    if kind == "security_group" and field_name == "open_ingress" and after:
        return "critical"
    if kind == "security_group" and field_name in ("ingress", "egress"):
        # a source (or destination) the group was not declared to admit: in a closed layer
        # another layer's block, or anyone's, may now connect
        return ("critical" if layer in CLOSED else "high") if _added(before, after) else "medium"
    if kind == "nacl" and field_name == "entries" and _nacl_widened(before, after, layer):
        return "critical"
    if kind == "endpoint" and field_name == "security_groups":
        # who may reach the layer's endpoint is now decided by groups nobody declared there
        return ("critical" if layer in CLOSED else "high") if _added(before, after) else "medium"
    if kind in ("tgw_route", "route") and field_name == "target":
        return "critical"
    if kind == "g_route" and field_name in ("dest", "next_hop"):
        return "critical"
    if kind == "firewall":
        return "critical" if field_name in FIREWALL_REACH else "high"
    if kind in ("tgw",) and field_name.startswith("default_"):
        return "critical"
    if kind == "tgw" and field_name == "auto_accept":
        # every account the gateway is shared with (the vendors') may now attach a VPC
        # without the network account accepting it; the attachment itself is critical
        return "high"
    if kind == "vpc" and field_name == "dhcp_dns_servers" and after:
        # the layer's instances now ask a name server nobody declared (in another layer, or anywhere)
        return "critical" if layer in CLOSED else "high"
    if kind == "subnet" and field_name == "public_ip" and after:
        return "critical"
    if kind == "g_subnet" and field_name in ("flow_logs", "flow_sampling", "flow_filter", "flow_metadata"):
        return "high"  # the layer's traffic records: fewer kept, or none (a sampling of 0.0 keeps nothing)
    if kind == "g_subnet" and field_name == "external_ipv6" and after:
        # the subnet's VMs may now take IPv6 addresses the internet reaches
        return "critical" if layer in CLOSED else "high"
    if kind == "attachment" and field_name == "router":
        return "critical"  # the line's VLAN now lands on another router: another layer's routes
    if kind == "g_fw_policy" and field_name == "rules":
        return _policy_severity([r for r in after or [] if r not in (before or [])], layer) \
            if _added(before, after) else "medium"
    if kind in ENCRYPTION_KINDS or kind == "nacl" or \
            field_name in ("cidr", "extra_cidrs", "ipv6_cidrs", "secondary_cidrs"):
        return "high"
    if field_name == "tags":
        return "medium"
    return "low"
