"""The drift items a declared AWS resource stands for (drift/desired.py asks), keyed by
names and destinations, never by ids."""
from __future__ import annotations

from clouds.aws.drift_forms import (bucket_policy_props, declared_acl_grants, declared_notification_targets, flow_fields,
                                    key_policy_props, policy_form, vpc_dns)
from drift.items import Item
from network.openness import is_open
from inventory.tokens import AWS
from inventory.view import Resource


def name(r: Resource) -> str:
    """An AWS resource is known by its Name tag."""
    return (r.get("tags") or {}).get("Name") or r.name


def items(declared, r: Resource):
    t, i, layer, urn = r.type, r.props, declared.layers.get(r.urn), r.urn
    name = declared.name(r)  # noqa: F811 - the item's name
    managed_tags = r.tags
    if t == AWS.VPC:
        # the stack declares no DHCP option set: the VPC's own resolver (AmazonProvidedDNS) only
        yield Item("vpc", (name,), layer, {"cidr": i["cidrBlock"], "extra_cidrs": [], "tags": managed_tags,
                                           "dhcp_dns_servers": [], "dns": vpc_dns(i)}, urn)
    elif t == AWS.SUBNET:
        yield Item("subnet", (name,), layer, {"cidr": i["cidrBlock"], "zone": i.get("availabilityZone"),
                                              "public_ip": bool(i.get("mapPublicIpOnLaunch")), "ipv6_cidrs": [],
                                              "tags": managed_tags}, urn)
    elif t == AWS.ROUTE_TABLE_ASSOCIATION and i.get("subnetId"):
        subnet = declared.name(declared.ref(r, "subnetId"))
        yield Item("subnet_link", (subnet, "route-table"), layer,
                   {"to": declared.name(declared.ref(r, "routeTableId"))}, urn)
    elif t == AWS.SECURITY_GROUP:
        ranges = [c for rule in i.get("ingress") or [] for c in (rule.get("cidrBlocks") or []) +
                  (rule.get("ipv6CidrBlocks") or [])]
        def group(group_id):  # a rule naming another group (none of the project's own do)
            return next((declared.name(g) for g in declared.resources
                         if g.type == AWS.SECURITY_GROUP and g.id == group_id), group_id)
        yield Item("security_group", (name,), layer,
                   {"open_ingress": is_open(ranges), "ingress": sg_rules(i.get("ingress"), name, group),
                    "egress": sg_rules(i.get("egress"), name, group)}, urn)
    elif t == AWS.DX_CONNECTION:
        keys = sum(1 for k in declared.resources if k.type == AWS.DX_MACSEC_KEY and
                   declared.ref(k, "connectionId") is r)
        yield Item("dx_connection", (i["name"],), "shared",
                   {"location": i.get("location"), "bandwidth": i.get("bandwidth"),
                    "encryption_mode": i.get("encryptionMode") or "no_encrypt", "macsec_keys": keys}, urn)
    elif t == AWS.DX_GATEWAY:
        yield Item("dx_gateway", (i["name"],), layer, {"asn": int(i.get("amazonSideAsn") or 64512)}, urn)
    elif t == AWS.DX_GATEWAY_ASSOCIATION:
        gateway, target = declared.ref(r, "dxGatewayId"), declared.ref(r, "associatedGatewayId")
        yield Item("dx_association", (gateway.get("name") if gateway else i.get("dxGatewayId"),), layer,
                   {"to": declared.name(target) if target else i.get("associatedGatewayId"),
                    "allowed": sorted(i.get("allowedPrefixes") or [])}, urn)
    elif t == AWS.DX_TRANSIT_VIF:
        gateway, connection = declared.ref(r, "dxGatewayId"), declared.ref(r, "connectionId")
        yield Item("dx_vif", (i["name"],), layer,
                   {"vlan": int(i["vlan"]), "asn": int(i["bgpAsn"]),
                    "gateway": gateway.get("name") if gateway else i.get("dxGatewayId"),
                    "connection": connection.get("name") if connection else i.get("connectionId"),
                    "bgp_peers": bgp_sessions([(i["bgpAsn"], i.get("addressFamily", "ipv4"), i.get("bgpAuthKey"))])},
                   urn)
    elif t == AWS.DX_HOSTED_TRANSIT_VIF_ACCEPTOR:
        # the partner names, numbers and keys a hosted VIF: the stack declares its id and the
        # gateway it is accepted onto (the live VIF is keyed by that id, clouds/aws/drift.py)
        gateway = declared.ref(r, "dxGatewayId")
        yield Item("dx_vif", (i["virtualInterfaceId"],), layer,
                   {"gateway": gateway.get("name") if gateway else i.get("dxGatewayId")}, urn)
    elif t == AWS.VPN_CONNECTION:
        gateway, peer = declared.ref(r, "transitGatewayId"), declared.ref(r, "customerGatewayId")
        yield Item("vpn", (name,), layer, {"gateway": declared.name(gateway) if gateway else i.get("transitGatewayId"),
                                           "peer": peer.get("ipAddress") if peer else None,
                                           **declared_tunnels(i)}, urn)
    elif t == AWS.VPC_ENDPOINT:  # its groups compared when each is one of the stack's
        groups = sorted(declared.name(declared.by_urn[u]) for u in r.ref("securityGroupIds") if u in declared.by_urn)
        yield Item("endpoint", (declared.name(declared.ref(r, "vpcId")), i["serviceName"]), layer,
                   {"type": i.get("vpcEndpointType", "Gateway"), "policy": policy_form(i.get("policy")),
                    "route_tables": sorted(declared.name(declared.by_urn.get(u)) for u in r.ref("routeTableIds")),
                    **({"security_groups": groups} if groups and len(groups) == len(i.get("securityGroupIds")) else {}),
                    # "Applicable for endpoints of type `Interface`. ... Defaults to `false`"
                    **({"private_dns": bool(i.get("privateDnsEnabled", False))}
                       if i.get("vpcEndpointType") == "Interface" else {})}, urn)
    elif t == AWS.ROUTE_TABLE:
        yield Item("route_table", (name,), layer, {"tags": managed_tags}, urn)
    elif t == AWS.ROUTE:
        table = declared.name(declared.ref(r, "routeTableId"))
        gateway = declared.ref(r, "transitGatewayId")
        target = f"transit-gateway {declared.name(gateway) if gateway else i['transitGatewayId']}" \
            if i.get("transitGatewayId") else "internet-gateway" if i.get("gatewayId") \
            else "nat-gateway" if i.get("natGatewayId") else "other"
        yield Item("route", (table, i["destinationCidrBlock"]), layer, {"target": target}, urn)
    elif t == AWS.INTERNET_GATEWAY:
        yield Item("igw", (declared.name(declared.ref(r, "vpcId")),), layer, {}, urn)
    elif t == AWS.DEFAULT_SECURITY_GROUP:
        yield Item("default_sg", (declared.name(declared.ref(r, "vpcId")),), layer,
                   {"ingress": len(i.get("ingress") or []), "egress": len(i.get("egress") or [])}, urn)
    elif t == AWS.NETWORK_ACL:
        entries = sorted(_nacl_entry(e, False) for e in i.get("ingress") or []) + \
            sorted(_nacl_entry(e, True) for e in i.get("egress") or [])
        yield Item("nacl", (name,), layer, {"entries": entries}, urn)
        for subnet in r.ref("subnetIds"):
            yield Item("subnet_link", (declared.name(declared.by_urn.get(subnet)), "nacl"), layer, {"to": name}, urn)
    elif t == AWS.FLOW_LOG:
        bucket = declared.ref(r, "logDestination")  # the layer's flow-log bucket, by the name it is known by
        yield Item("flow_log", (declared.name(declared.ref(r, "vpcId")),), layer,
                   {"traffic": i.get("trafficType"), "destination_type": i.get("logDestinationType"),
                    "destination": declared.name(bucket) if bucket is not None else i.get("logDestination"),
                    "fields": flow_fields(i.get("logFormat"))}, urn)
    elif t == AWS.TRANSIT_GATEWAY:
        yield Item("tgw", (name,), layer, {"asn": int(i.get("amazonSideAsn", 64512)),
                                           "default_association": i.get("defaultRouteTableAssociation"),
                                           "default_propagation": i.get("defaultRouteTablePropagation"),
                                           "auto_accept": i.get("autoAcceptSharedAttachments", "disable")}, urn)
    elif t == AWS.TGW_ROUTE_TABLE:
        yield Item("tgw_route_table", (name,), layer, {"tags": managed_tags}, urn)
    elif t == AWS.TGW_VPC_ATTACHMENT:
        yield Item("tgw_attachment", (name,), layer, {"vpc": declared.name(declared.ref(r, "vpcId"))}, urn)
    elif t == AWS.TGW_ROUTE:
        table = declared.name(declared.ref(r, "transitGatewayRouteTableId"))
        attachment = declared.ref(r, "transitGatewayAttachmentId")
        target = "blackhole" if i.get("blackhole") else attachment_name(declared, attachment)
        yield Item("tgw_route", (table, i["destinationCidrBlock"]), layer, {"target": target}, urn)
    elif t in (AWS.TGW_ASSOCIATION,
               AWS.TGW_PROPAGATION):
        attachment = declared.ref(r, "transitGatewayAttachmentId")
        if attachment is None:
            return
        kind = "tgw_association" if t.endswith("Association") else "tgw_propagation"
        yield Item(kind, (declared.name(declared.ref(r, "transitGatewayRouteTableId")),
                          attachment_name(declared, attachment)), layer, {}, urn)
    elif t == AWS.KMS_KEY:
        yield Item("kms_key", (name,), layer, {"state": "Enabled" if i.get("isEnabled", True) else "Disabled",
                                               "rotation": bool(i.get("enableKeyRotation")),
                                               **key_policy_props(i.get("policy")),
                                               # the stack makes no grants, and single-Region keys
                                               "grantees_elsewhere": [], "copies_in": []}, urn)
    elif t == AWS.S3_BUCKET:
        yield Item("bucket", (name,), layer, _bucket_props(declared, r), urn)
    elif t == AWS.RESOLVER_RULE_ASSOCIATION:
        rule, vpc = declared.ref(r, "resolverRuleId"), declared.ref(r, "vpcId")
        if rule is not None and vpc is not None:
            yield Item("resolver_rule", (declared.name(vpc), str(rule.get("domainName")).rstrip(".")), layer,
                       _resolver_props(declared, rule), urn)
    elif t == AWS.RESOLVER_ENDPOINT:
        vpc = _endpoint_vpc(declared, r)
        if vpc is not None:
            yield Item("resolver_endpoint", (declared.name(vpc), i.get("name") or name), layer,
                       {"direction": i.get("direction")}, urn)
    elif t == AWS.RAM_SHARE:
        yield Item("ram_share", (i["name"],), "shared", _share_props(declared, r), urn)
    elif t == AWS.KMS_ALIAS:  # the name the tenancy's resources and people use for a key
        key = declared.ref(r, "targetKeyId")
        # the same alias name is made in every account and region (account-default)
        yield Item("kms_alias", (i["name"], account_of(r), i.get("region") or r.provider_props.get("region")), layer,
                   {"key": declared.name(key) if key is not None else i.get("targetKeyId")}, urn)
    elif t == AWS.S3_ACCOUNT_PUBLIC_ACCESS:  # the account's backstop for every bucket in it
        yield Item("s3_account_block", ("account", i.get("accountId") or account_of(r)), layer,
                   {"public_access_block": sorted(api for api, pulumi in BLOCK_FLAGS.items() if i.get(pulumi))}, urn)
    elif t == AWS.EBS_ENCRYPTION_BY_DEFAULT:
        region = i.get("region") or r.provider_props.get("region")
        # the key new volumes get: the stack's DefaultKmsKey in the same account and region
        default = next((d for d in declared.resources if d.type == AWS.EBS_DEFAULT_KEY and
                        account_of(d) == account_of(r) and
                        (d.get("region") or d.provider_props.get("region")) == region), None)
        key = declared.ref(default, "keyArn") if default is not None else None
        yield Item("ebs_default", ("account", account_of(r), region), layer,
                   {"enabled": bool(i.get("enabled")), "key": declared.name(key) if key is not None else "aws/ebs"},
                   urn)


def attachment_name(declared, attachment) -> str:
    """A transit attachment by identity, the same on both sides: a VPC attachment by its
    name, a VPN's as `vpn <the VPN's name>`, a Direct Connect gateway's as `dx <its name>`."""
    if attachment is None:
        return "?"
    if attachment.type == AWS.VPN_CONNECTION:
        return f"vpn {declared.name(attachment)}"
    if attachment.type == AWS.DX_GATEWAY_ASSOCIATION:
        gateway = declared.ref(attachment, "dxGatewayId")
        return f"dx {gateway.get('name') if gateway else attachment.get('dxGatewayId')}"
    return declared.name(attachment)


def resolver_targets(targets, ip: str = "ip", port: str = "port") -> list[str]:
    """A forwarding rule's resolvers as `ip:port` (pulumi-aws target_ips; the API's TargetIps)."""
    return sorted(f"{t.get(ip)}:{t.get(port) or 53}" for t in targets or [])


def _endpoint_vpc(declared, endpoint: Resource | None):
    """The VPC a Resolver endpoint is in, found through its addresses' subnets."""
    subnet = declared.by_urn.get(next(iter(endpoint.ref("ipAddresses")), None)) if endpoint is not None else None
    return declared.ref(subnet, "vpcId") if subnet is not None else None


def _resolver_props(declared, rule: Resource) -> dict:
    """Where a forwarding rule sends a domain's queries, and through which endpoint (and the
    VPC that endpoint is in)."""
    endpoint = declared.ref(rule, "resolverEndpointId")
    vpc = _endpoint_vpc(declared, endpoint)
    return {"type": rule.get("ruleType"), "targets": resolver_targets(rule.get("targetIps")),
            "via": endpoint.get("name") if endpoint is not None else rule.get("resolverEndpointId"),
            "via_vpc": declared.name(vpc) if vpc is not None else None}


def shared_name(kind: str, name: str) -> str:
    """A shared resource in the terms both sides use: `transit-gateway <Name>`, `subnet <Name>`."""
    return f"{kind} {name}"


def _share_props(declared, share: Resource) -> dict:
    """What a resource share hands out (by name) and to whom (account ids, as declared)."""
    props = {"resources": [], "principals": []}
    for r in declared.resources:
        if declared.ref(r, "resourceShareArn") is not share:
            continue
        if r.type == AWS.RAM_RESOURCE_ASSOCIATION:
            target = declared.ref(r, "resourceArn")
            kind = {AWS.TRANSIT_GATEWAY: "transit-gateway", AWS.SUBNET: "subnet"}.get(target.type) if target else None
            props["resources"].append(shared_name(kind, declared.name(target)) if kind else str(r.get("resourceArn")))
        elif r.type == AWS.RAM_PRINCIPAL_ASSOCIATION:
            props["principals"].append(str(r.get("principal")))
    return {key: sorted(values) for key, values in props.items()}


def account_of(r: Resource) -> str:
    """The account a resource is built in: a system account's provider assumes a role in
    it (and allows no other); the network account's provider names none ("network")."""
    return r.account or "network"


def _bucket_props(declared, bucket: Resource) -> dict:
    """A bucket's encryption (algorithm and which of the stack's keys), versioning, public
    access block, who its policy lets in, where it is replicated to and after how many days
    its objects expire, from the resources that configure it."""
    props = {"sse": None, "sse_key": None, "versioning": None, "public_access_block": [], "policy_principals": [],
             "replication": [], "expiration_days": None, "acl_grants": [], "notifications": []}
    for r in declared.resources:
        if declared.ref(r, "bucket") is not bucket:
            continue
        if r.type == AWS.S3_BUCKET_SSE:
            rule = (r.get("rules") or [{}])[0].get("applyServerSideEncryptionByDefault", {})
            props["sse"] = rule.get("sseAlgorithm")
            props["sse_key"] = _key_name(declared, r, rule.get("kmsMasterKeyId"))
        elif r.type == AWS.S3_BUCKET_VERSIONING:
            props["versioning"] = (r.get("versioningConfiguration") or {}).get("status")
        elif r.type == AWS.S3_BUCKET_PUBLIC_ACCESS:
            props["public_access_block"] = sorted(api for api, pulumi in BLOCK_FLAGS.items() if r.get(pulumi))
        elif r.type == AWS.S3_BUCKET_POLICY:  # who the bucket policy lets in at all, and on what terms
            props.update(bucket_policy_props(r.get("policy")))
        elif r.type == AWS.S3_REPLICATION:
            props["replication"] = replication_targets(r.get("rules"), "status", "destination", "bucket")
        elif r.type in AWS.S3_LIFECYCLES:
            props["expiration_days"] = expiration_days(r.get("rules"), "status", "expiration", "days")
        elif r.type in AWS.S3_BUCKET_ACLS:  # None: not told from the plan, so not compared
            props["acl_grants"] = declared_acl_grants(r)
        elif r.type == AWS.S3_BUCKET_NOTIFICATION:
            props["notifications"] = declared_notification_targets(r)
    return {k: v for k, v in props.items() if k != "acl_grants" or v is not None}


def replication_targets(rules, status: str, destination: str, bucket: str) -> list[str]:
    """The buckets (by name) an enabled replication rule copies to; the API's and the
    SDK's field names differ only in case, so they are given."""
    return sorted({str((rule.get(destination) or {}).get(bucket) or "").split(":::")[-1]
                   for rule in rules or [] if str(rule.get(status)).lower() == "enabled"} - {""})


def expiration_days(rules, status: str, expiration: str, days: str):
    """The fewest days after which an enabled lifecycle rule deletes objects (None: never)."""
    found = [int((rule.get(expiration) or {}).get(days)) for rule in rules or []
             if str(rule.get(status)).lower() == "enabled" and (rule.get(expiration) or {}).get(days) is not None]
    return min(found) if found else None


def _key_name(declared, encryption: Resource, key_id) -> str | None:
    """The stack's key a bucket's encryption names, by the key's name as the live side
    knows it (found through the rule's dependency on the key, else by its id); anything
    else (an AWS managed key, another stack's) as written."""
    if not key_id:
        return None
    keys = [declared.by_urn.get(u) for u in encryption.dependencies.get("rules", [])]
    key = next((k for k in keys if k is not None and k.type == AWS.KMS_KEY), None) or next(
        (k for k in declared.resources if k.type == AWS.KMS_KEY and k.id == str(key_id).rsplit("/", 1)[-1]), None)
    return declared.name(key) if key is not None else str(key_id)


#: PutPublicAccessBlock's flags (the API's names) and pulumi-aws's inputs for them
BLOCK_FLAGS = {"BlockPublicAcls": "blockPublicAcls", "BlockPublicPolicy": "blockPublicPolicy",
               "IgnorePublicAcls": "ignorePublicAcls", "RestrictPublicBuckets": "restrictPublicBuckets"}


def _nacl_entry(e: dict, egress: bool) -> tuple:
    return (egress, int(e["ruleNo"]), e["action"], str(e["protocol"]), e["cidrBlock"],
            int(e.get("fromPort", 0)), int(e.get("toPort", 0)))


#: the suites a VPN tunnel negotiates: pulumi-aws input (tunnel<n><suffix>) -> the member of
#: DescribeVpnConnections' TunnelOption, each a list of {"Value": ...}
TUNNEL_SUITES = {**{s: s for s in ("IkeVersions", "Phase1EncryptionAlgorithms", "Phase1IntegrityAlgorithms",
                                   "Phase2EncryptionAlgorithms", "Phase2IntegrityAlgorithms")},
                 "Phase1DhGroupNumbers": "Phase1DHGroupNumbers", "Phase2DhGroupNumbers": "Phase2DHGroupNumbers"}


def _suite(values) -> list:
    return sorted(values, key=lambda v: (isinstance(v, str), v))


def _tunnel_field(n: int, suffix: str) -> str:
    return f"tunnel{n}_{suffix[0].lower()}{suffix[1:]}"


def declared_tunnels(i: dict) -> dict:
    """What each tunnel may negotiate, as declared (only the suites the stack sets: an
    unset one is AWS's default, every allowed value)."""
    return {_tunnel_field(n, suffix): _suite(i[f"tunnel{n}{suffix}"])
            for n in (1, 2) for suffix in TUNNEL_SUITES if i.get(f"tunnel{n}{suffix}")}


def live_tunnels(options: dict | None) -> dict:
    """What each tunnel may negotiate, from DescribeVpnConnections' Options.TunnelOptions
    (in the order AWS lists them: tunnel 1, tunnel 2)."""
    return {_tunnel_field(n, suffix): _suite([v["Value"] for v in tunnel.get(member) or []])
            for n, tunnel in enumerate((options or {}).get("TunnelOptions") or [], 1)
            for suffix, member in TUNNEL_SUITES.items()}


def bgp_sessions(peers) -> list[list]:
    """A VIF's BGP sessions as [peer ASN, address family, "md5" or "no md5"]: whether a key
    is set, never the key (the inventory holds it as a secret; DescribeVirtualInterfaces
    answers it in clear, and drift keeps only that it is there)."""
    return sorted([int(asn), family or "ipv4", "md5" if key else "no md5"] for asn, family, key in peers)


#: protocols as DescribeSecurityGroups answers them
_PROTOCOLS = {"6": "tcp", "17": "udp", "1": "icmp", "all": "-1", "58": "icmpv6"}


def sg_rule(protocol, low, high, source) -> list:
    """One allowed (protocol, ports, source) of a security group, the same on both sides:
    no ports for all protocols, as AWS answers."""
    protocol = _PROTOCOLS.get(str(protocol).lower(), str(protocol).lower())
    return [protocol, None, None, source] if protocol == "-1" else [protocol, low, high, source]


def sg_rules(rules, own: str, group_name) -> list[list]:
    """pulumi-aws's inline rules (ingress or egress) as sorted [protocol, from, to, source],
    one per source: a CIDR, `pl:<id>` for a prefix list, `sg:<name>` for a group
    (`group_name(id)` names it)."""
    out = []
    for rule in rules or []:
        sources = list(rule.get("cidrBlocks") or []) + list(rule.get("ipv6CidrBlocks") or []) + \
            [f"pl:{p}" for p in rule.get("prefixListIds") or []] + \
            [f"sg:{group_name(g)}" for g in rule.get("securityGroups") or []] + \
            ([f"sg:{own}"] if rule.get("self") else [])
        out += [sg_rule(rule.get("protocol"), rule.get("fromPort"), rule.get("toPort"), src) for src in sources]
    return sorted(out, key=str)


def live_sg_rules(permissions, groups: dict) -> list[list]:
    """DescribeSecurityGroups' IpPermissions(Egress) in the form of sg_rules."""
    out = []
    for p in permissions or []:
        sources = [r["CidrIp"] for r in p.get("IpRanges", [])] + [r["CidrIpv6"] for r in p.get("Ipv6Ranges", [])] + \
            [f"pl:{r['PrefixListId']}" for r in p.get("PrefixListIds", [])] + \
            [f"sg:{groups.get(r.get('GroupId'), r.get('GroupId'))}" for r in p.get("UserIdGroupPairs", [])]
        out += [sg_rule(p.get("IpProtocol"), p.get("FromPort"), p.get("ToPort"), src) for src in sources]
    return sorted(out, key=str)
