"""The live AWS side of drift, per account and region: batched, filtered, paginated reads
through plain boto3, turned into Items keyed like the declared side. Every client is
read-only (drift/readonly.py) and retries throttling with botocore's adaptive mode."""
from __future__ import annotations

from collections import Counter

from botocore.config import Config

from clouds.aws.drift_data import account_block, public_copies
from clouds.aws.drift_reads import AccountReads, _extra_cidrs, _sources, _tags, _target
from clouds.aws.declared import live_sg_rules
from clouds.aws.drift_forms import flow_fields, vpc_layer
from clouds.aws.sessions import shared_client, signing_as
from drift.items import OUTSIDE, Item, most_closed
from network.openness import is_open, reaches_public

#: who AWS names as the requester of a database instance's and a load balancer's interfaces
#: (DescribeNetworkInterfaces RequesterId, with RequesterManaged: set by AWS, unlike a Description
#: anyone may write); drift reads the databases and load balancers themselves
SERVICE_REQUESTERS = ("amazon-rds", "amazon-elb")


def _attempts(default: int = 10) -> int:
    """Attempts per call: AWS_MAX_ATTEMPTS when it is a whole number from 1 (botocore's own
    setting, which an explicit Config would otherwise override), else 10, enough to ride out
    throttling. A CI job that wants an unreachable endpoint to fail fast sets it to 1."""
    import os
    given = os.environ.get("AWS_MAX_ATTEMPTS", "").strip()
    return int(given) if given.isdigit() and int(given) >= 1 else default


RETRIES = Config(retries={"mode": "adaptive", "max_attempts": _attempts()}, connect_timeout=10, read_timeout=60)


class AwsScanner(AccountReads):
    """Reads everything the tenancy has, and everything found inside its VPCs or carrying
    its municipality code, in a fixed number of calls per kind (not per resource)."""

    def __init__(self, session, region: str, endpoint_url: str | None = None, global_reads: bool = True,
                 declared_regions: tuple = ()):
        self.session, self.region, self.endpoint_url = session, region, endpoint_url
        #: the regions the stack declares: a bucket of the tenancy kept elsewhere is a footprint
        self.declared_regions = tuple(declared_regions) or (region,)
        #: each layer's blocks in the address plan, (layer, IPNetwork) (scan() sets them)
        self.layer_blocks: tuple = ()
        self.vpc_layers: dict = {}  # the account's VPCs in scope -> layer, read first
        #: read what is global to the account (Direct Connect gateways) from this region
        self.global_reads = global_reads
        self.calls: Counter = Counter()
        self._credentials = None  # the session's, read at the first call
        self._vpns: list | None = None  # the account's VPN connections, read once
        self._gateways_read: list | None = None  # the account's Direct Connect gateways, read once

    def client(self, service: str):
        """The process's shared read-only client (clouds/aws/sessions.py): it signs as this
        scanner's account only within `self.signing()`, which scan, _all and bucket_region hold."""
        return shared_client(service, self.region, self.endpoint_url, RETRIES)

    def signing(self):
        if self._credentials is None:
            self._credentials = self.session.get_credentials()
        return signing_as(self._credentials, self.calls)

    def bucket_region(self, bucket: str) -> str:
        """Where a bucket is kept (S3 reports us-east-1 as no constraint)."""
        with self.signing():
            return self.client("s3").get_bucket_location(Bucket=bucket).get("LocationConstraint") or "us-east-1"

    def _page(self, service: str, operation: str, **kwargs) -> dict:
        """One call's whole answer (a read of one thing, or a list boto3 has no paginator for)."""
        with self.signing():
            return getattr(self.client(service), operation)(**kwargs)

    def _all(self, service: str, operation: str, key: str, **kwargs) -> list:
        client = self.client(service)
        if not client.can_paginate(operation):
            return self._page(service, operation, **kwargs).get(key, [])
        with self.signing():
            return [x for page in client.get_paginator(operation).paginate(**kwargs) for x in page.get(key, [])]

    def scan(self, code: str, account: str = "network", transit: bool = True,
             known_vpcs: dict | None = None) -> list[Item]:
        """The account's items. A system account (`transit` False) holds VPCs, keys and
        buckets; the network account also the transit gateway, whose attachments name
        VPCs of the system accounts (`known_vpcs`: id -> name, read there first).

        Tags are a hint, not the boundary: every VPC of the account is read, and one is out
        of scope only when it carries another municipality's code (a vendor account shared
        under 共同利用方式) or is the account's untouched default VPC. A VPC whose code tag
        was removed is still read, and the removed tag is itself a finding."""
        with self.signing():
            return self._scan(code, account, transit, known_vpcs)

    def _scan(self, code: str, account: str, transit: bool, known_vpcs: dict | None) -> list[Item]:
        ec2, self.code, self.account_label = "ec2", code, account
        vpcs = [v for v in self._all(ec2, "describe_vpcs", "Vpcs") if self._in_scope(v.get("Tags"), v.get("IsDefault"))]
        vpc_ids = [v["VpcId"] for v in vpcs]
        names = {v["VpcId"]: _tags(v.get("Tags")).get("Name", v["VpcId"]) for v in vpcs}
        self.vpc_names = names
        self.vpc_owners = {v["VpcId"]: v.get("OwnerId") for v in vpcs}  # the account read, as AWS names it
        layers = self.vpc_layers = {v["VpcId"]: vpc_layer(v, self.layer_blocks) for v in vpcs}
        resolvers = self._dhcp_dns_servers(vpcs)
        items = [Item("vpc", (names[v["VpcId"]],), layers[v["VpcId"]],
                      {"cidr": v["CidrBlock"], "extra_cidrs": _extra_cidrs(v), "tags": _tags(v.get("Tags")),
                       "dhcp_dns_servers": resolvers.get(v.get("DhcpOptionsId"), []), "dns": self._vpc_dns(v["VpcId"])},
                      v["VpcId"]) for v in vpcs]
        by_vpc = [{"Name": "vpc-id", "Values": vpc_ids}]
        self.subnet_names: dict = {}  # filled by _subnets when the account has VPCs
        self.route_gateways: list[Item] = []  # routes whose target is a transit gateway, named at the end
        self.vpc_attachments: list[dict] = []  # every transit attachment of these VPCs, judged at the end
        self._balancers = None  # the account's load balancers, read once by drift_public when needed
        if vpc_ids:
            items += self._subnets(by_vpc, layers)
            items += self._route_tables(by_vpc, names, layers)
            items += self._nacl_links(by_vpc, names, layers)
            items += self._gateways(vpc_ids, names, layers)
            items += self._security(by_vpc, names, layers)
            items += self._peerings(vpc_ids, names, layers)
            items += self._public_addresses(by_vpc, layers)  # before the flow logs: the interfaces' VPCs
            items += self._flow_logs(vpc_ids, names, layers)
            items += self._resolver_rules(names, layers) + self._query_logs(names, layers)
            items += self._private_zones(names, layers)
            from clouds.aws.drift_exposure import exposures
            items += exposures(self, by_vpc, names, layers)
            self.vpc_attachments = [dict(a, _layer=layers.get(a["VpcId"]), _vpc=names.get(a["VpcId"]),
                                         _name=_tags(a.get("Tags")).get("Name"))
                                    for a in self._all(ec2, "describe_transit_gateway_vpc_attachments",
                                                       "TransitGatewayVpcAttachments", Filters=by_vpc)
                                    if a.get("State") not in ("deleted", "deleting", "rejected", "failed")]
        self.gateway_names: dict = {}
        if transit:
            items += self._transit(code, {**(known_vpcs or {}), **names})
            items += self._line()
        if vpc_ids or self.gateway_names:
            items += self._shares(code)
        items += self._tagged(code)
        _name_log_destinations(items)
        enabled = self.client(ec2).get_ebs_encryption_by_default().get("EbsEncryptionByDefault")
        key = str(self.client(ec2).get_ebs_default_kms_key_id().get("KmsKeyId") or "")
        names = {i.ref: i.key[0] for i in items if i.kind == "kms_key"}  # the tenancy's keys by ARN
        key = names.get(key) or ("aws/ebs" if key.endswith(":alias/aws/ebs") or key == "alias/aws/ebs" else key)
        items.append(Item("ebs_default", ("account", account, self.region), "shared",
                          {"enabled": bool(enabled), "key": key}, account))
        return items + account_block(self, account) + public_copies(self)

    def _in_scope(self, tags, is_default=False) -> bool:
        tags = _tags(tags)
        code = tags.get("MunicipalityCode")
        if code == self.code or tags.get("Name", "").startswith(f"{self.code}-"):
            return True
        return code is None and not is_default

    def _subnets(self, by_vpc, layers):
        subnets = self._all("ec2", "describe_subnets", "Subnets", Filters=by_vpc)
        self.subnet_names = {s["SubnetId"]: _tags(s.get("Tags")).get("Name", s["SubnetId"]) for s in subnets}
        self.subnet_vpcs = {s["SubnetId"]: s["VpcId"] for s in subnets}
        return [Item("subnet", (self.subnet_names[s["SubnetId"]],), layers.get(s["VpcId"]),
                     {"cidr": s["CidrBlock"], "zone": s["AvailabilityZone"], "public_ip": s["MapPublicIpOnLaunch"],
                      "ipv6_cidrs": sorted(a["Ipv6CidrBlock"] for a in s.get("Ipv6CidrBlockAssociationSet", [])
                                           if a.get("Ipv6CidrBlockState", {}).get("State") in (None, "associated")),
                      "tags": _tags(s.get("Tags"))}, s["SubnetId"])
                for s in subnets]

    def _links(self, kind: str, to: dict, layers) -> list[Item]:
        """Which route table / network ACL each subnet uses (`to`: subnet id -> name); a
        subnet no table names explicitly uses its VPC's main table."""
        return [Item("subnet_link", (self.subnet_names[subnet], kind), layers.get(self.subnet_vpcs[subnet]),
                     {"to": name}, subnet) for subnet, name in sorted(to.items()) if subnet in self.subnet_vpcs]

    def _route_tables(self, by_vpc, names, layers):
        items, main_of, linked = [], {}, {}
        self.table_names = {}
        for table in self._all("ec2", "describe_route_tables", "RouteTables", Filters=by_vpc):
            tags = _tags(table.get("Tags"))
            main = any(a.get("Main") for a in table.get("Associations", []))
            name = tags.get("Name") or (f"{names[table['VpcId']]} (main)" if main else table["RouteTableId"])
            self.table_names[table["RouteTableId"]] = name
            if main:
                main_of[table["VpcId"]] = name
            for association in table.get("Associations", []):
                if association.get("AssociationState", {}).get("State") not in (None, "associated", "associating"):
                    continue
                if association.get("SubnetId"):
                    linked[association["SubnetId"]] = name
                elif association.get("GatewayId"):
                    # an edge association: the traffic coming in through the internet or VPN
                    # gateway is routed by this table (to an appliance, past the subnets' own)
                    items.append(Item("edge_association", (names[table["VpcId"]], name), layers.get(table["VpcId"]),
                                      {"gateway": str(association["GatewayId"]).split("-", 1)[0]},
                                      association.get("RouteTableAssociationId")))
            if not main or tags:
                items.append(Item("route_table", (name,), layers.get(table["VpcId"]), {"tags": tags},
                                  table["RouteTableId"]))
            for route in table.get("Routes", []):
                if route.get("GatewayId") == "local":
                    continue
                if str(route.get("GatewayId", "")).startswith("vpce-") and route.get("DestinationPrefixListId"):
                    continue  # made by a gateway endpoint for each table it names: compared on the endpoint
                destination = route.get("DestinationCidrBlock") or route.get("DestinationIpv6CidrBlock") or \
                    route.get("DestinationPrefixListId")
                if not destination:
                    continue
                item = Item("route", (name, destination), layers.get(table["VpcId"]), {"target": _target(route)},
                            table["RouteTableId"])
                if route.get("TransitGatewayId"):
                    self.route_gateways.append(item)
                items.append(item)
        for subnet, vpc in self.subnet_vpcs.items():
            if subnet not in linked and vpc in main_of:
                linked[subnet] = main_of[vpc]
        return items + self._links("route-table", linked, layers)

    def _nacl_links(self, by_vpc, names, layers):
        linked = {}
        self.acls = self._all("ec2", "describe_network_acls", "NetworkAcls", Filters=by_vpc)
        for acl in self.acls:
            name = _tags(acl.get("Tags")).get("Name") or \
                (f"{names[acl['VpcId']]} (default)" if acl.get("IsDefault") else acl["NetworkAclId"])
            for association in acl.get("Associations", []):
                linked[association["SubnetId"]] = name
        return self._links("nacl", linked, layers)

    def _gateways(self, vpc_ids, names, layers):
        items = []
        self.nat_enis: set = set()  # the public NAT gateways' interfaces: not an undeclared public address
        for igw in self._all("ec2", "describe_internet_gateways", "InternetGateways",
                             Filters=[{"Name": "attachment.vpc-id", "Values": vpc_ids}]):
            for att in igw.get("Attachments", []):
                items.append(Item("igw", (names.get(att["VpcId"]),), layers.get(att["VpcId"]), {},
                                  igw["InternetGatewayId"]))
        for nat in self._all("ec2", "describe_nat_gateways", "NatGateways",
                             Filter=[{"Name": "vpc-id", "Values": vpc_ids}]):
            if nat.get("State") not in ("deleted", "deleting"):
                self.nat_enis.update(a.get("NetworkInterfaceId") for a in nat.get("NatGatewayAddresses", []))
                items.append(Item("nat", (names.get(nat["VpcId"]), nat["NatGatewayId"]), layers.get(nat["VpcId"]),
                                  {"public": nat.get("ConnectivityType", "public") == "public"}, nat["NatGatewayId"]))
        # the egress-only API filters by tag only: read them all and keep those on our VPCs
        for eigw in self._all("ec2", "describe_egress_only_internet_gateways", "EgressOnlyInternetGateways"):
            for att in eigw.get("Attachments", []):
                if att.get("VpcId") in names and att.get("State") not in ("detached", "detaching"):
                    items.append(Item("eigw", (names[att["VpcId"]],), layers.get(att["VpcId"]), {},
                                      eigw["EgressOnlyInternetGatewayId"]))
        # a Wavelength carrier gateway: the carrier's network (and the internet through it) in and out
        for gateway in self._all("ec2", "describe_carrier_gateways", "CarrierGateways",
                                 Filters=[{"Name": "vpc-id", "Values": vpc_ids}]):
            if gateway.get("VpcId") in names and gateway.get("State") not in ("deleted", "deleting"):
                items.append(Item("cagw", (names[gateway["VpcId"]],), layers.get(gateway["VpcId"]), {},
                                  gateway["CarrierGatewayId"]))
        for vgw in self._all("ec2", "describe_vpn_gateways", "VpnGateways",
                             Filters=[{"Name": "attachment.vpc-id", "Values": vpc_ids}]):
            for att in vgw.get("VpcAttachments", []):
                if att.get("VpcId") in names and att.get("State") in ("attached", "attaching"):
                    items.append(Item("vgw", (names[att["VpcId"]],), layers.get(att["VpcId"]), {},
                                      vgw["VpnGatewayId"]))
        return items

    def _security(self, by_vpc, names, layers):
        items = []
        all_groups = self._all("ec2", "describe_security_groups", "SecurityGroups", Filters=by_vpc)
        group_names = self.group_names = {g["GroupId"]: _tags(g.get("Tags")).get("Name", g["GroupName"])
                                          for g in all_groups}
        for group in all_groups:
            if group["GroupName"] == "default":
                items.append(Item("default_sg", (names.get(group["VpcId"]),), layers.get(group["VpcId"]),
                                  {"ingress": sum(_sources(p) for p in group.get("IpPermissions", [])),
                                   "egress": sum(_sources(p) for p in group.get("IpPermissionsEgress", []))},
                                  group["GroupId"]))
                continue
            ranges = [r for p in group.get("IpPermissions", []) for r in self._ranges(p)]
            name = _tags(group.get("Tags")).get("Name", group["GroupName"])
            items.append(Item("security_group", (name,), layers.get(group["VpcId"]),
                              {"open_ingress": is_open(ranges),
                               # read only: the severity of a group nobody declared in a closed layer
                               "public_sources": reaches_public(ranges),
                               "ingress": live_sg_rules(group.get("IpPermissions"), group_names),
                               "egress": live_sg_rules(group.get("IpPermissionsEgress"), group_names)},
                              group["GroupId"]))
        for acl in self.acls:
            if acl.get("IsDefault"):
                continue
            entries = sorted((e["Egress"], e["RuleNumber"], e["RuleAction"], str(e["Protocol"]),
                              e.get("CidrBlock") or e.get("Ipv6CidrBlock"), (e.get("PortRange") or {}).get("From", 0),
                              (e.get("PortRange") or {}).get("To", 0))
                             for e in acl.get("Entries", []) if e["RuleNumber"] not in (32767, 32768))
            name = _tags(acl.get("Tags")).get("Name", acl["NetworkAclId"])
            items.append(Item("nacl", (name,), layers.get(acl["VpcId"]), {"entries": entries}, acl["NetworkAclId"]))
        return items

    def _ranges(self, permission: dict) -> list[str]:
        """The source ranges of one permission: IPv4, IPv6 and the entries of the prefix
        lists it names (read once per list)."""
        out = [r["CidrIp"] for r in permission.get("IpRanges", [])] + \
            [r["CidrIpv6"] for r in permission.get("Ipv6Ranges", [])]
        for entry in permission.get("PrefixListIds", []):
            out += self._prefix_list(entry["PrefixListId"])
        return out

    def _prefix_list(self, list_id: str) -> list[str]:
        cache = self.__dict__.setdefault("_prefix_lists", {})
        if list_id not in cache:
            cache[list_id] = [e["Cidr"] for e in self._all("ec2", "get_managed_prefix_list_entries", "Entries",
                                                            PrefixListId=list_id)]
        return cache[list_id]

    def _peerings(self, vpc_ids, names, layers):
        found = {}
        for side in ("requester-vpc-info.vpc-id", "accepter-vpc-info.vpc-id"):
            for pcx in self._all("ec2", "describe_vpc_peering_connections", "VpcPeeringConnections",
                                 Filters=[{"Name": side, "Values": vpc_ids}]):
                if pcx.get("Status", {}).get("Code") not in ("deleted", "rejected", "failed"):
                    found[pcx["VpcPeeringConnectionId"]] = pcx
        items = []
        for pcx_id, pcx in found.items():
            ends = [pcx.get("RequesterVpcInfo", {}).get("VpcId"), pcx.get("AccepterVpcInfo", {}).get("VpcId")]
            # the more closed end names it; both are kept
            layer = most_closed(layers.get(e) for e in ends if layers.get(e))
            items.append(Item("peering", tuple(sorted(str(names.get(e, e)) for e in ends)), layer,
                              {"layers": sorted(layers.get(e) or OUTSIDE for e in ends)}, pcx_id))
        return items

    def _flow_logs(self, vpc_ids, names, layers):
        """Every flow log of a layer VPC, or of one of its subnets or interfaces (one read of the
        account's flow logs, kept by what they record): a subnet's or an interface's copies the
        layer's traffic records as much as the VPC's, wherever its destination is."""
        ours = set(vpc_ids)
        vpc_of = {**{v: v for v in ours}, **{r: v for r, v in (*self.subnet_vpcs.items(), *self.eni_vpcs.items())
                                             if v in ours}}
        return [Item("flow_log", (names.get(vpc_of[f["ResourceId"]]),) + (() if f["ResourceId"] in ours else (
            f["ResourceId"],)), layers.get(vpc_of[f["ResourceId"]]),
            {"traffic": f.get("TrafficType"), "destination_type": f.get("LogDestinationType"),
             "destination": f.get("LogDestination"), "fields": flow_fields(f.get("LogFormat"))}, f["FlowLogId"])
            for f in self._all("ec2", "describe_flow_logs", "FlowLogs") if f.get("ResourceId") in vpc_of]

    def _public_addresses(self, by_vpc, layers):
        """Every network interface in a layer VPC that has a public address: an instance's,
        and an Elastic IP associated with any interface (a load balancer's, an endpoint
        someone attached one to), except the public NAT gateways' own, which are read as NAT
        gateways. Keyed by the instance when the interface is one's, else by the interface."""
        items = []
        enis = self._all("ec2", "describe_network_interfaces", "NetworkInterfaces", Filters=by_vpc)
        self.eni_vpcs = {eni["NetworkInterfaceId"]: eni.get("VpcId") for eni in enis}  # for the mirror sessions
        from clouds.aws.drift_exposure import bridges
        items += bridges(self, enis, layers)
        for eni in enis:
            address = (eni.get("Association") or {}).get("PublicIp")
            if not address or eni.get("InterfaceType") == "nat_gateway" or eni["NetworkInterfaceId"] in self.nat_enis \
                    or (eni.get("RequesterManaged") and eni.get("RequesterId") in SERVICE_REQUESTERS):
                continue  # a NAT gateway's own address; a public database's or load balancer's (drift_exposure)
            owner = (eni.get("Attachment") or {}).get("InstanceId") or eni["NetworkInterfaceId"]
            items.append(Item("public_ip", (owner,), layers.get(eni.get("VpcId")),
                              {"address": address, "interface": eni["NetworkInterfaceId"]}, owner))
        return items

    def _private_zones(self, names: dict, layers: dict) -> list[Item]:
        """The Route 53 private hosted zones each VPC is associated with, whoever owns them
        (ListHostedZonesByVPC: "regardless of which AWS account or AWS service owns the
        hosted zones"): one call per VPC. The stack declares none, so a zone here answers a
        layer's names (a bank's, the data center's, an AWS service's) with records nobody
        declared. Route 53 is a global service: the policy's own statement allows it."""
        items = []
        for vpc, name in names.items():
            kwargs = {"VPCId": vpc, "VPCRegion": self.region}
            while True:
                page = self.client("route53").list_hosted_zones_by_vpc(**kwargs)
                for zone in page.get("HostedZoneSummaries", []):
                    owner = zone.get("Owner") or {}
                    items.append(Item("private_zone", (name, str(zone.get("Name", "?")).rstrip(".")), layers.get(vpc),
                                      {"owner": owner.get("OwningAccount") or owner.get("OwningService")},
                                      zone.get("HostedZoneId")))
                if not page.get("NextToken"):
                    break
                kwargs["NextToken"] = page["NextToken"]
        return items

    def _dhcp_dns_servers(self, vpcs) -> dict:
        """DHCP option set id -> the name servers it hands out other than the VPC's own
        resolver (AmazonProvidedDNS): the servers that answer a layer's names instead. One
        call for the sets the VPCs use; `default` (no options) hands out none."""
        ids = sorted({v.get("DhcpOptionsId") for v in vpcs} - {None, "default"})
        if not ids:
            return {}
        out = {}
        for dopt in self._all("ec2", "describe_dhcp_options", "DhcpOptions", DhcpOptionsIds=ids):
            servers = [x.get("Value") for c in dopt.get("DhcpConfigurations", [])
                       if c.get("Key") == "domain-name-servers" for x in c.get("Values", [])]
            out[dopt["DhcpOptionsId"]] = sorted(x for x in servers if x and x != "AmazonProvidedDNS")
        return out


def _name_log_destinations(items: list[Item]) -> None:
    """A flow log's destination bucket named as the stack names it (its Name tag, read with
    the buckets carrying the municipality code); a bucket that is not one of those stays
    as its ARN, so logs sent to anyone else's bucket show where they go."""
    buckets = {i.ref: i.key[0] for i in items if i.kind == "bucket"}
    for item in items:
        destination = item.props.get("destination") if item.kind == "flow_log" else None
        if destination and destination.startswith("arn:aws:s3:::"):
            arn = "arn:aws:s3:::" + destination.split(":::", 1)[1].split("/", 1)[0]  # a prefix is the bucket's
            item.props["destination"] = buckets.get(arn, destination)
