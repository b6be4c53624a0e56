"""The AWS reads of drift that are not inside a VPC: the transit gateway with its attachments,
route tables, routes, associations and propagations (network account), and the keys and
buckets carrying the municipality code (every account); plus the small helpers both
halves of the scanner use."""
from __future__ import annotations

import json

from clouds.aws.declared import bgp_sessions, live_tunnels
from clouds.aws.drift_data import bucket_props, buckets_kept, footprint, kept_in, key_props
from clouds.aws.drift_forms import VPC_DNS_ATTRIBUTES, tag_map as _tags
from drift.items import Item


def _extra_cidrs(vpc: dict) -> list[str]:
    """Every block associated with the VPC besides its primary one: secondary IPv4 and IPv6."""
    v4 = [a["CidrBlock"] for a in vpc.get("CidrBlockAssociationSet", [])
          if a.get("CidrBlockState", {}).get("State") in (None, "associated", "associating")]
    v6 = [a["Ipv6CidrBlock"] for a in vpc.get("Ipv6CidrBlockAssociationSet", [])
          if a.get("Ipv6CidrBlockState", {}).get("State") in (None, "associated", "associating")]
    return sorted(c for c in v4 + v6 if c != vpc.get("CidrBlock"))


def _sources(permission: dict) -> int:
    return sum(len(permission.get(k, [])) for k in ("IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs"))


def _target(route: dict) -> str:
    """What a route leads to, by identity where the identity matters: a transit gateway by
    its id (named once every account is read), a peering by its id."""
    if route.get("TransitGatewayId"):
        return f"transit-gateway {route['TransitGatewayId']}"
    gateway = str(route.get("GatewayId", ""))
    if gateway.startswith("igw-"):
        return "internet-gateway"
    if gateway.startswith("vgw-"):
        return "vpn-gateway"
    if gateway.startswith("vpce-"):
        return "endpoint"
    if route.get("NatGatewayId"):
        return "nat-gateway"
    if route.get("EgressOnlyInternetGatewayId"):
        return "egress-only-gateway"
    if route.get("VpcPeeringConnectionId"):
        return "peering"
    # an appliance in the VPC (whatever it forwards to), and the ways out of the Region: a
    # Cloud WAN core network, a Wavelength carrier gateway (the carrier's network and the
    # internet), an Outpost's local gateway (the network the Outpost stands in)
    for field, what in (("NetworkInterfaceId", "network-interface"), ("InstanceId", "instance"),
                        ("CoreNetworkArn", "core-network"), ("CarrierGatewayId", "carrier-gateway"),
                        ("LocalGatewayId", "local-gateway")):
        if route.get(field):
            return f"{what} {route[field]}"
    return "other"


def _layer_of(name: str) -> str | None:
    """A Direct Connect gateway carries no tags: its layer is the last part of its name."""
    from network.catalog import LAYER_IDS
    last = str(name).rsplit("-", 1)[-1]
    return last if last in LAYER_IDS else None


class AccountReads:
    """Mixed into AwsScanner: needs its `_all`, `client`, `_in_scope` and `region`."""

    def _vpc_dns(self, vpc_id: str) -> list[str]:
        """Which of the VPC's DNS attributes are on. With DNS support off, the Amazon DNS
        server no longer answers in the VPC: the closed layers' interface endpoints lose the
        private names their clients reach AWS through. AWS reads them one per call."""
        ec2 = self.client("ec2")
        on = []
        for attribute, name in VPC_DNS_ATTRIBUTES.items():
            answer = ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute=attribute)
            if answer.get(attribute[0].upper() + attribute[1:], {}).get("Value"):
                on.append(name)
        return sorted(on)

    def _transit(self, code, vpc_names):
        ec2 = self.client("ec2")
        gateways = [g for g in self._all("ec2", "describe_transit_gateways", "TransitGateways")
                    if g.get("State") not in ("deleted", "deleting") and self._in_scope(g.get("Tags"))]
        self.gateway_names = {g["TransitGatewayId"]: _tags(g.get("Tags")).get("Name", g["TransitGatewayId"])
                              for g in gateways}
        items = []
        for tgw in gateways:
            tags, options = _tags(tgw.get("Tags")), tgw.get("Options", {})
            items.append(Item("tgw", (tags.get("Name", tgw["TransitGatewayId"]),), tags.get("Layer"),
                              {"asn": options.get("AmazonSideAsn"),
                               "default_association": options.get("DefaultRouteTableAssociation"),
                               "default_propagation": options.get("DefaultRouteTablePropagation"),
                               "auto_accept": options.get("AutoAcceptSharedAttachments")},
                              tgw["TransitGatewayId"]))
        ids = [g["TransitGatewayId"] for g in gateways]
        if not ids:
            return items
        attachments = self._all("ec2", "describe_transit_gateway_vpc_attachments", "TransitGatewayVpcAttachments",
                                Filters=[{"Name": "transit-gateway-id", "Values": ids}])
        att_names = {}
        for a in attachments:
            if a.get("State") in ("deleted", "deleting") or "VpcId" not in a:
                continue  # moto lists a VPN's attachment here too; AWS lists VPC attachments only
            tags = _tags(a.get("Tags"))
            vpc = vpc_names.get(a["VpcId"], a["VpcId"])
            att_names[a["TransitGatewayAttachmentId"]] = tags.get("Name") or \
                f"{vpc} -> {self.gateway_names.get(a['TransitGatewayId'], a['TransitGatewayId'])}"
            items.append(Item("tgw_attachment", (att_names[a["TransitGatewayAttachmentId"]],), tags.get("Layer"),
                              {"vpc": vpc_names.get(a["VpcId"], a["VpcId"])}, a["TransitGatewayAttachmentId"]))
        # every other attachment, whatever its type: the line's (VPN, Direct Connect gateway)
        # named by what they attach; any other (a peering with someone's transit gateway, a
        # Connect, a Client VPN) is a path nobody declared, an item of its own
        for a in self._all("ec2", "describe_transit_gateway_attachments", "TransitGatewayAttachments",
                           Filters=[{"Name": "transit-gateway-id", "Values": ids}]):
            kind, resource = a.get("ResourceType"), a.get("ResourceId")
            if a.get("State") in ("deleted", "deleting", "rejected", "failed") or kind == "vpc":
                continue
            name = f"vpn {self._vpn_names().get(resource, resource)}" if kind == "vpn" else \
                f"dx {self._dx_gateway_names().get(resource, resource)}" if kind == "direct-connect-gateway" else \
                f"{kind} {resource}"
            att_names[a["TransitGatewayAttachmentId"]] = name
            if kind not in ("vpn", "direct-connect-gateway"):
                items.append(Item("tgw_attachment", (name,), _tags(a.get("Tags")).get("Layer"),
                                  {"type": kind, "resource": resource, "owner": a.get("ResourceOwnerId"),
                                   "state": a.get("State")}, a["TransitGatewayAttachmentId"]))
        tables = self._all("ec2", "describe_transit_gateway_route_tables", "TransitGatewayRouteTables",
                           Filters=[{"Name": "transit-gateway-id", "Values": ids}])
        for table in tables:
            if table.get("State") in ("deleted", "deleting"):  # AWS lists deleted tables for a while
                continue
            table_id, tags = table["TransitGatewayRouteTableId"], _tags(table.get("Tags"))
            name = tags.get("Name", table_id)
            items.append(Item("tgw_route_table", (name,), tags.get("Layer"), {"tags": tags}, table_id))
            # one call per table: there is no batch read of transit routes
            routes = ec2.search_transit_gateway_routes(TransitGatewayRouteTableId=table_id,
                                                       Filters=[{"Name": "type", "Values": ["static"]}]).get("Routes", [])
            for route in routes:
                atts = route.get("TransitGatewayAttachments") or []
                target = "blackhole" if route.get("State") == "blackhole" else \
                    (att_names.get(atts[0]["TransitGatewayAttachmentId"], atts[0]["TransitGatewayAttachmentId"])
                     if atts else "?")
                items.append(Item("tgw_route", (name, route["DestinationCidrBlock"]), tags.get("Layer"),
                                  {"target": target}, table_id))
            for kind, operation, key in (
                    ("tgw_association", "get_transit_gateway_route_table_associations", "Associations"),
                    ("tgw_propagation", "get_transit_gateway_route_table_propagations",
                     "TransitGatewayRouteTablePropagations")):
                for entry in self._all("ec2", operation, key, TransitGatewayRouteTableId=table_id):
                    if entry.get("State") not in ("disassociated", "disabled"):  # every type, as above
                        items.append(Item(kind, (name, att_names.get(entry["TransitGatewayAttachmentId"],
                                                                     entry["TransitGatewayAttachmentId"])),
                                          tags.get("Layer"), {}, table_id))
        return items

    def _resolver_rules(self, names: dict, layers: dict) -> list[Item]:
        """The Resolver endpoints in the layer VPCs and the DNS forwarding rules associated with
        them (Route 53 Resolver), whatever their tags: one call for the endpoints, one for the
        associations and, only when a layer VPC has one, one for the rules. An inbound endpoint
        answers the layer's private names to whatever reaches its addresses; a rule sends a
        domain's queries to resolvers through an outbound endpoint, and through another layer's
        endpoint, or to resolvers on the internet, the layer's names leave it."""
        from clouds.aws.declared import resolver_targets
        resolver = "route53resolver"
        endpoints = {e["Id"]: e for e in self._all(resolver, "list_resolver_endpoints", "ResolverEndpoints")}
        items = [Item("resolver_endpoint", (names[e["HostVPCId"]], e.get("Name") or e["Id"]),
                      layers.get(e["HostVPCId"]),
                      {"direction": e.get("Direction")}, e["Id"])
                 for e in endpoints.values() if e.get("HostVPCId") in names and e.get("Status") != "DELETING"]
        links = [a for a in self._all(resolver, "list_resolver_rule_associations", "ResolverRuleAssociations")
                 if a.get("VPCId") in names and a.get("Status") not in ("DELETING", "FAILED")]
        if not links:
            return items
        rules = {r["Id"]: r for r in self._all(resolver, "list_resolver_rules", "ResolverRules")}
        for link in links:
            rule = rules.get(link["ResolverRuleId"], {})
            endpoint = endpoints.get(rule.get("ResolverEndpointId"), {})
            host = endpoint.get("HostVPCId")
            items.append(Item("resolver_rule", (names[link["VPCId"]], str(rule.get("DomainName", "?")).rstrip(".")),
                              layers.get(link["VPCId"]),
                              {"type": rule.get("RuleType"), "targets": resolver_targets(rule.get("TargetIps"), "Ip", "Port"),
                               "via": endpoint.get("Name") or rule.get("ResolverEndpointId"),
                               "via_vpc": self.vpc_names.get(host, host)}, link.get("Id")))
        return items

    def _query_logs(self, names: dict, layers: dict) -> list[Item]:
        """Resolver query logging on the layer VPCs: every DNS query their instances make (the
        names of the layer's systems and of whatever they reach) copied to a destination, an S3
        bucket, a log group or a Firehose stream, possibly another account's. One call for the
        associations and, only when a layer VPC has one, one for the configurations. The stack
        declares none."""
        resolver = "route53resolver"
        links = [a for a in self._all(resolver, "list_resolver_query_log_config_associations",
                                      "ResolverQueryLogConfigAssociations")
                 if a.get("ResourceId") in names and a.get("Status") not in ("DELETING", "FAILED")]
        if not links:
            return []
        configs = {c["Id"]: c for c in self._all(resolver, "list_resolver_query_log_configs",
                                                 "ResolverQueryLogConfigs")}
        items = []
        for a in links:
            config = configs.get(a["ResolverQueryLogConfigId"], {})
            key = (names[a["ResourceId"]], config.get("Name") or a["ResolverQueryLogConfigId"])
            items.append(Item("query_log", key, layers.get(a["ResourceId"]),
                              {"destination": config.get("DestinationArn")}, a.get("Id")))
        return items

    def _shares(self, code: str) -> list[Item]:
        """Resource shares (RAM) this account owns that hand out a piece of the tenancy: the
        transit gateway or a subnet of its VPCs, or that carry the tenancy's name. Two calls
        (GetResourceShareAssociations, "resource shares that you own", by resource and by
        principal), whatever their tags: a share of a mynumber subnet with another account
        lets that account launch into the layer."""
        from clouds.aws.declared import shared_name
        names = {**{i: shared_name("transit-gateway", n) for i, n in self.gateway_names.items()},
                 **{i: shared_name("subnet", n) for i, n in self.subnet_names.items()}}
        shares: dict[str, dict] = {}
        for kind, field in (("RESOURCE", "resources"), ("PRINCIPAL", "principals")):
            for a in self._all("ram", "get_resource_share_associations", "resourceShareAssociations",
                               associationType=kind):
                if a.get("status") not in ("ASSOCIATED", "ASSOCIATING"):
                    continue
                share = shares.setdefault(a["resourceShareArn"], {"name": a.get("resourceShareName") or
                                                                  a["resourceShareArn"], "resources": [],
                                                                  "principals": []})
                entity = str(a.get("associatedEntity"))
                share[field].append(names.get(entity.rsplit("/", 1)[-1], entity) if kind == "RESOURCE" else entity)
        return [Item("ram_share", (share["name"],), "shared",
                     {"resources": sorted(share["resources"]), "principals": sorted(share["principals"])}, arn)
                for arn, share in shares.items()
                if str(share["name"]).startswith(f"govcloud-{code}-") or
                any(not r.startswith("arn:") for r in share["resources"])]

    def _vpn_connections(self) -> list[dict]:
        """The account's VPN connections, read once for the transit attachments and the line."""
        if self._vpns is None:
            self._vpns = self._all("ec2", "describe_vpn_connections", "VpnConnections")
        return self._vpns

    def _vpn_names(self) -> dict:
        return {v["VpnConnectionId"]: _tags(v.get("Tags")).get("Name", v["VpnConnectionId"])
                for v in self._vpn_connections()}

    def _dx_gateways(self) -> list[dict]:
        """The account's Direct Connect gateways (global), read once."""
        if self._gateways_read is None:
            self._gateways_read = [g for g in self._all("directconnect", "describe_direct_connect_gateways",
                                                        "directConnectGateways")
                                   if g.get("directConnectGatewayState") not in ("deleted", "deleting")]
        return self._gateways_read

    def _dx_gateway_names(self) -> dict:
        return {g["directConnectGatewayId"]: g["directConnectGatewayName"] for g in self._dx_gateways()}

    def _line(self):
        """The dedicated lines and the backup VPN of the network account: each Direct Connect
        connection (location, bandwidth, MACsec encryption mode) and every Site-to-Site VPN
        that ends on one of the tenancy's transit gateways (which gateway, which peer). A
        VPN nobody declared on the gateway is a path into every layer it is associated with."""
        items = []
        for c in self._all("directconnect", "describe_connections", "connections"):
            if c.get("connectionState") in ("deleted", "deleting", "rejected"):
                continue
            # the MACsec keys (CKN/CAK pairs) the line accepts: one more is one more party able to
            # join the link's MACsec session; the CKNs themselves are compared only in count
            # (the plan's are random until applied), the CAKs never read
            keys = sum(1 for k in c.get("macSecKeys") or [] if k.get("state") in ("associated", "associating"))
            items.append(Item("dx_connection", (c["connectionName"],), "shared",
                              {"location": c.get("location"), "bandwidth": c.get("bandwidth"),
                               "encryption_mode": c.get("encryptionMode") or "no_encrypt", "macsec_keys": keys},
                              c["connectionId"]))
        connections = {c["connectionId"]: c["connectionName"] for c in self._all(
            "directconnect", "describe_connections", "connections")}
        items += self._dx(connections)
        peers = {g["CustomerGatewayId"]: g.get("IpAddress") for g in
                 self._all("ec2", "describe_customer_gateways", "CustomerGateways")}
        for vpn in self._vpn_connections():
            if vpn.get("State") in ("deleted", "deleting") or vpn.get("TransitGatewayId") not in self.gateway_names:
                continue  # a VPN on a VPN gateway is found with the gateway, on a layer VPC
            tags = _tags(vpn.get("Tags"))
            items.append(Item("vpn", (tags.get("Name", vpn["VpnConnectionId"]),), tags.get("Layer"),
                              {"gateway": self.gateway_names[vpn["TransitGatewayId"]],
                               "peer": peers.get(vpn.get("CustomerGatewayId")), **live_tunnels(vpn.get("Options"))},
                              vpn["VpnConnectionId"]))
        return items

    def _dx(self, connections: dict) -> list[Item]:
        """The Direct Connect gateways and their associations (global to the account: read
        from the primary region only), and every virtual interface of this region. Everything
        in the network account is the tenancy's, tagged or not: a VIF on one of its lines or
        gateways is a path into a layer, and an allowed prefix decides what the line carries."""
        items = []
        if self.global_reads:
            gateways = {g["directConnectGatewayId"]: g for g in self._dx_gateways()}
            for gateway_id, g in gateways.items():
                name = g["directConnectGatewayName"]
                items.append(Item("dx_gateway", (name,), _layer_of(name), {"asn": int(g.get("amazonSideAsn") or 0)},
                                  gateway_id))
                for a in self._all("directconnect", "describe_direct_connect_gateway_associations",
                                   "directConnectGatewayAssociations", directConnectGatewayId=gateway_id):
                    if a.get("associationState") in ("disassociated", "disassociating"):
                        continue
                    target = a.get("associatedGateway", {}).get("id") or a.get("virtualGatewayId")
                    items.append(Item("dx_association", (name,), _layer_of(name),
                                      {"to": self.gateway_names.get(target, target),
                                       "allowed": sorted(p["cidr"] for p in
                                                         a.get("allowedPrefixesToDirectConnectGateway") or [])},
                                      a.get("associationId")))
        names = self._dx_gateway_names()
        for v in self._all("directconnect", "describe_virtual_interfaces", "virtualInterfaces"):
            if v.get("virtualInterfaceState") in ("deleted", "deleting", "rejected"):
                continue
            gateway = v.get("directConnectGatewayId")
            items.append(Item("dx_vif", (v["virtualInterfaceName"],), _layer_of(names.get(gateway, "")),
                              {"vlan": v.get("vlan"), "asn": v.get("asn"), "gateway": names.get(gateway, gateway),
                               "connection": connections.get(v.get("connectionId"), v.get("connectionId")),
                               "bgp_peers": bgp_sessions((p.get("asn"), p.get("addressFamily"), p.get("authKey"))
                                                         for p in v.get("bgpPeers") or [])},
                              v["virtualInterfaceId"]))
        return items

    #: the account id the desired side writes for "this account" in policies: the offline
    #: plan's (clouds/aws/mocks.py answers every getCallerIdentity with it); None when the
    #: desired side is a state export, which carries the real ids (clouds/aws/drift.py sets it)
    plan_account: str | None = None
    account_label: str = "network"  # how the stack names the account read (scan() sets it)

    def as_planned(self, value, account: str | None):
        """A policy's principals or form with the account it was read in written as the
        offline plan writes "this account" (`plan_account`): a deployed key policy names the
        real account where the plan could only name its stand-in, and that is no change. Any
        other account stays as it is, so a grant to another account is still found."""
        plan = self.plan_account
        if value is None or not plan or not account or account == plan:
            return value
        return json.loads(json.dumps(value).replace(account, plan))

    def _tagged(self, code):
        """KMS keys and S3 buckets carrying the municipality code, found in one paginated
        tagging call, and (once per account, S3 being global) every bucket named as the
        tenancy names its own (`<code>-...`) whatever its tags, with where each is kept, from
        one paginated ListBuckets; then each key's state, rotation and policy, and each
        bucket's encryption (which key), versioning and public access block. A bucket kept
        outside the declared regions is a `footprint` (critical outside Japan), not read further."""
        tagged = self._all("resourcegroupstaggingapi", "get_resources", "ResourceTagMappingList",
                           TagFilters=[{"Key": "MunicipalityCode", "Values": [code]}],
                           ResourceTypeFilters=["kms", "s3"])
        keys = {entry["ResourceARN"]: _tags(entry.get("Tags")).get("Name", entry["ResourceARN"])
                for entry in tagged if entry["ResourceARN"].startswith("arn:aws:kms:")}
        located = buckets_kept(self) if self.global_reads else {}
        listed = {entry["ResourceARN"] for entry in tagged}
        tagged += [{"ResourceARN": arn, "Tags": []} for arn in located
                   if arn.split(":::", 1)[1].startswith(f"{code}-") and arn not in listed]
        items = []
        for entry in tagged:
            arn, tags = entry["ResourceARN"], _tags(entry.get("Tags"))
            name = tags.get("Name", arn)
            where = kept_in(self, arn, located) if arn.startswith("arn:aws:s3:::") else self.region
            if where not in self.declared_regions:
                items.append(footprint(arn, where, tags, self.account_label))
            elif arn in keys:
                key = key_props(self, arn)
                key["principals"] = self.as_planned(key["principals"], arn.split(":")[4])  # arn:aws:kms:region:account:key/id
                items.append(Item("kms_key", (name,), tags.get("Layer"), key, arn))
            elif arn.startswith("arn:aws:s3:::"):
                bucket = bucket_props(self, arn.split(":::", 1)[1], keys)
                # the account read, as its keys' ARNs name it (a bucket's policy names it where
                # the plan has the stand-in)
                account = next(iter(keys), "::::").split(":")[4] or None
                bucket["policy_principals"] = self.as_planned(bucket["policy_principals"], account)
                items.append(Item("bucket", (name,), tags.get("Layer"), bucket, arn))
        if keys:
            items += self._aliases(keys, {i.ref: i.layer for i in items if i.kind == "kms_key"}, code)
        return items

    def _aliases(self, keys: dict, layers: dict, code: str) -> list[Item]:
        """The aliases that name one of the tenancy's keys or carry its name (one paginated
        ListAliases): each by the key it names now. AWS's own (alias/aws/...) are left out."""
        by_id = {arn.rsplit("/", 1)[-1]: arn for arn in keys}
        items = []
        for alias in self._all("kms", "list_aliases", "Aliases"):
            name, target = alias.get("AliasName", ""), by_id.get(alias.get("TargetKeyId"))
            if name.startswith("alias/aws/") or not (target or name.startswith(f"alias/govcloud/{code}-")):
                continue
            items.append(Item("kms_alias", (name, self.account_label, self.region), layers.get(target),
                              {"key": keys[target] if target else alias.get("TargetKeyId")}, alias.get("AliasArn")))
        return items
