"""The live AWS side of drift: batched, filtered, paginated reads through plain boto3,
turned into Items keyed like the declared side. Every client is read-only
(drift/readonly.py) and retries throttling with botocore's adaptive mode."""
from __future__ import annotations

from collections import Counter

from botocore.config import Config

from drift.items import Item
from drift.readonly import guard_boto_client

#: where drift finds the external id of the role it assumes in each system account
EXTERNAL_ID_ENV = "GOVCLOUD_EXTERNAL_ID"
RETRIES = Config(retries={"mode": "adaptive", "max_attempts": 10}, connect_timeout=10, read_timeout=60)


def _tags(entries) -> dict:
    return {t["Key"]: t["Value"] for t in entries or []}


class AwsScanner:
    """Reads everything the tenancy has, and everything found inside its VPCs or carrying
    its municipality code, in a fixed number of calls per kind (not per resource)."""

    def __init__(self, session, region: str, endpoint_url: str | None = None):
        self.session, self.region, self.endpoint_url = session, region, endpoint_url
        self.calls: Counter = Counter()
        self._clients: dict = {}

    def client(self, service: str):
        if service not in self._clients:
            client = self.session.client(service, region_name=self.region, endpoint_url=self.endpoint_url,
                                         config=RETRIES)
            guard_boto_client(client)
            client.meta.events.register("before-call.*.*", self._count)
            self._clients[service] = client
        return self._clients[service]

    def _count(self, model, **_):
        self.calls[f"{model.service_model.service_name}:{model.name}"] += 1

    def _all(self, service: str, operation: str, key: str, **kwargs) -> list:
        client = self.client(service)
        if client.can_paginate(operation):
            return [x for page in client.get_paginator(operation).paginate(**kwargs) for x in page.get(key, [])]
        return getattr(client, operation)(**kwargs).get(key, [])

    def scan(self, code: str, account: str = "network", transit: bool = True,
             known_vpcs: dict | None = None) -> list[Item]:
        """The account's items. A system account (`transit` False) holds VPCs, keys and
        buckets; the network account also the transit gateway, whose attachments name
        VPCs of the system accounts (`known_vpcs`: id -> name, read there first)."""
        ec2 = "ec2"
        vpcs = self._all(ec2, "describe_vpcs", "Vpcs", Filters=[{"Name": "tag:MunicipalityCode", "Values": [code]}])
        vpc_ids = [v["VpcId"] for v in vpcs]
        names = {v["VpcId"]: _tags(v.get("Tags")).get("Name", v["VpcId"]) for v in vpcs}
        self.vpc_names = names
        layers = {v["VpcId"]: _tags(v.get("Tags")).get("Layer") for v in vpcs}
        items = [Item("vpc", (names[v["VpcId"]],), layers[v["VpcId"]],
                      {"cidr": v["CidrBlock"], "tags": _tags(v.get("Tags"))}, v["VpcId"]) for v in vpcs]
        by_vpc = [{"Name": "vpc-id", "Values": vpc_ids}]
        if vpc_ids:
            items += self._subnets(by_vpc, layers)
            items += self._route_tables(by_vpc, names, layers)
            items += self._gateways(vpc_ids, names, layers)
            items += self._security(by_vpc, names, layers)
            items += self._peerings(vpc_ids, names, layers)
            items += self._flow_logs(vpc_ids, names, layers)
            items += self._instances(by_vpc, layers)
        if transit:
            items += self._transit(code, {**(known_vpcs or {}), **names})
        items += self._tagged(code)
        enabled = self.client(ec2).get_ebs_encryption_by_default().get("EbsEncryptionByDefault")
        items.append(Item("ebs_default", ("account", account), "shared", {"enabled": bool(enabled)}, account))
        return items

    def _subnets(self, by_vpc, layers):
        return [Item("subnet", (_tags(s.get("Tags")).get("Name", s["SubnetId"]),), layers.get(s["VpcId"]),
                     {"cidr": s["CidrBlock"], "zone": s["AvailabilityZone"], "public_ip": s["MapPublicIpOnLaunch"],
                      "tags": _tags(s.get("Tags"))}, s["SubnetId"])
                for s in self._all("ec2", "describe_subnets", "Subnets", Filters=by_vpc)]

    def _route_tables(self, by_vpc, names, layers):
        items = []
        for table in self._all("ec2", "describe_route_tables", "RouteTables", Filters=by_vpc):
            tags = _tags(table.get("Tags"))
            main = any(a.get("Main") for a in table.get("Associations", []))
            name = tags.get("Name") or (f"{names[table['VpcId']]} (main)" if main else table["RouteTableId"])
            if not main or tags:
                items.append(Item("route_table", (name,), layers.get(table["VpcId"]), {"tags": tags},
                                  table["RouteTableId"]))
            for route in table.get("Routes", []):
                if route.get("GatewayId") == "local" or "DestinationCidrBlock" not in route:
                    continue
                target = "transit-gateway" if route.get("TransitGatewayId") else \
                    "internet-gateway" if str(route.get("GatewayId", "")).startswith("igw-") else \
                    "nat-gateway" if route.get("NatGatewayId") else \
                    "peering" if route.get("VpcPeeringConnectionId") else "other"
                items.append(Item("route", (name, route["DestinationCidrBlock"]), layers.get(table["VpcId"]),
                                  {"target": target}, table["RouteTableId"]))
        return items

    def _gateways(self, vpc_ids, names, layers):
        items = []
        for igw in self._all("ec2", "describe_internet_gateways", "InternetGateways",
                             Filters=[{"Name": "attachment.vpc-id", "Values": vpc_ids}]):
            for att in igw.get("Attachments", []):
                items.append(Item("igw", (names.get(att["VpcId"]),), layers.get(att["VpcId"]), {},
                                  igw["InternetGatewayId"]))
        for nat in self._all("ec2", "describe_nat_gateways", "NatGateways",
                             Filter=[{"Name": "vpc-id", "Values": vpc_ids}]):
            if nat.get("State") not in ("deleted", "deleting"):
                items.append(Item("nat", (names.get(nat["VpcId"]), nat["NatGatewayId"]), layers.get(nat["VpcId"]),
                                  {"public": nat.get("ConnectivityType", "public") == "public"}, nat["NatGatewayId"]))
        return items

    def _security(self, by_vpc, names, layers):
        items = []
        for group in self._all("ec2", "describe_security_groups", "SecurityGroups", Filters=by_vpc):
            if group["GroupName"] == "default":
                items.append(Item("default_sg", (names.get(group["VpcId"]),), layers.get(group["VpcId"]),
                                  {"ingress": sum(len(p.get("IpRanges", [])) + len(p.get("UserIdGroupPairs", []))
                                                  for p in group.get("IpPermissions", [])),
                                   "egress": sum(len(p.get("IpRanges", [])) + len(p.get("UserIdGroupPairs", []))
                                                 for p in group.get("IpPermissionsEgress", []))}, group["GroupId"]))
                continue
            open_ingress = any(r.get("CidrIp") == "0.0.0.0/0" for p in group.get("IpPermissions", [])
                               for r in p.get("IpRanges", []))
            name = _tags(group.get("Tags")).get("Name", group["GroupName"])
            items.append(Item("security_group", (name,), layers.get(group["VpcId"]), {"open_ingress": open_ingress},
                              group["GroupId"]))
        for acl in self._all("ec2", "describe_network_acls", "NetworkAcls", Filters=by_vpc):
            if acl.get("IsDefault"):
                continue
            entries = sorted((e["Egress"], e["RuleNumber"], e["RuleAction"], str(e["Protocol"]),
                              e.get("CidrBlock"), (e.get("PortRange") or {}).get("From", 0),
                              (e.get("PortRange") or {}).get("To", 0))
                             for e in acl.get("Entries", []) if e["RuleNumber"] != 32767)
            name = _tags(acl.get("Tags")).get("Name", acl["NetworkAclId"])
            items.append(Item("nacl", (name,), layers.get(acl["VpcId"]), {"entries": entries}, acl["NetworkAclId"]))
        return items

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
            items.append(Item("peering", tuple(sorted(str(names.get(e, e)) for e in ends)),
                              next((layers.get(e) for e in ends if layers.get(e)), None),
                              {"layers": sorted(str(layers.get(e)) for e in ends)}, pcx_id))
        return items

    def _flow_logs(self, vpc_ids, names, layers):
        return [Item("flow_log", (names.get(f["ResourceId"]),), layers.get(f["ResourceId"]),
                     {"traffic": f.get("TrafficType"), "destination_type": f.get("LogDestinationType")}, f["FlowLogId"])
                for f in self._all("ec2", "describe_flow_logs", "FlowLogs",
                                   Filters=[{"Name": "resource-id", "Values": vpc_ids}])]

    def _instances(self, by_vpc, layers):
        items = []
        for reservation in self._all("ec2", "describe_instances", "Reservations", Filters=by_vpc):
            for inst in reservation.get("Instances", []):
                if inst.get("PublicIpAddress"):
                    items.append(Item("public_ip", (inst["InstanceId"],), layers.get(inst.get("VpcId")),
                                      {"address": inst["PublicIpAddress"]}, inst["InstanceId"]))
        return items

    def _transit(self, code, vpc_names):
        ec2 = self.client("ec2")
        gateways = [g for g in self._all("ec2", "describe_transit_gateways", "TransitGateways",
                                         Filters=[{"Name": "tag:MunicipalityCode", "Values": [code]}])
                    if g.get("State") not in ("deleted", "deleting")]
        items = []
        for tgw in gateways:
            tags, options = _tags(tgw.get("Tags")), tgw.get("Options", {})
            items.append(Item("tgw", (tags.get("Name", tgw["TransitGatewayId"]),), tags.get("Layer"),
                              {"asn": options.get("AmazonSideAsn"),
                               "default_association": options.get("DefaultRouteTableAssociation"),
                               "default_propagation": options.get("DefaultRouteTablePropagation")},
                              tgw["TransitGatewayId"]))
        ids = [g["TransitGatewayId"] for g in gateways]
        if not ids:
            return items
        attachments = self._all("ec2", "describe_transit_gateway_vpc_attachments", "TransitGatewayVpcAttachments",
                                Filters=[{"Name": "transit-gateway-id", "Values": ids}])
        att_names = {}
        for a in attachments:
            if a.get("State") in ("deleted", "deleting"):
                continue
            tags = _tags(a.get("Tags"))
            att_names[a["TransitGatewayAttachmentId"]] = tags.get("Name", a["TransitGatewayAttachmentId"])
            items.append(Item("tgw_attachment", (att_names[a["TransitGatewayAttachmentId"]],), tags.get("Layer"),
                              {"vpc": vpc_names.get(a["VpcId"], a["VpcId"])}, a["TransitGatewayAttachmentId"]))
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
                    (att_names.get(atts[0]["TransitGatewayAttachmentId"], "dx-or-vpn") if atts else "dx-or-vpn")
                items.append(Item("tgw_route", (name, route["DestinationCidrBlock"]), tags.get("Layer"),
                                  {"target": target}, table_id))
            for kind, operation, key in (
                    ("tgw_association", "get_transit_gateway_route_table_associations", "Associations"),
                    ("tgw_propagation", "get_transit_gateway_route_table_propagations",
                     "TransitGatewayRouteTablePropagations")):
                for entry in self._all("ec2", operation, key, TransitGatewayRouteTableId=table_id):
                    if entry.get("ResourceType") == "vpc" and entry.get("State") not in ("disassociated", "disabled"):
                        items.append(Item(kind, (name, att_names.get(entry["TransitGatewayAttachmentId"],
                                                                     entry["TransitGatewayAttachmentId"])),
                                          tags.get("Layer"), {}, table_id))
        return items

    def _tagged(self, code):
        """KMS keys and S3 buckets carrying the municipality code, found in one paginated
        tagging call; then their rotation, encryption and versioning."""
        tagged = self._all("resourcegroupstaggingapi", "get_resources", "ResourceTagMappingList",
                           TagFilters=[{"Key": "MunicipalityCode", "Values": [code]}],
                           ResourceTypeFilters=["kms", "s3"])
        items = []
        for entry in tagged:
            arn, tags = entry["ResourceARN"], _tags(entry.get("Tags"))
            name = tags.get("Name", arn)
            if arn.startswith("arn:aws:kms:"):
                key_id = arn.rsplit("/", 1)[-1]
                rotation = self.client("kms").get_key_rotation_status(KeyId=key_id).get("KeyRotationEnabled")
                items.append(Item("kms_key", (name,), tags.get("Layer"), {"rotation": bool(rotation)}, arn))
            elif arn.startswith("arn:aws:s3:::"):
                bucket = arn.split(":::", 1)[1]
                s3 = self.client("s3")
                try:
                    rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
                    sse = rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"]
                except s3.exceptions.ClientError:
                    sse = None
                versioning = s3.get_bucket_versioning(Bucket=bucket).get("Status")
                items.append(Item("bucket", (name,), tags.get("Layer"), {"sse": sse, "versioning": versioning}, arn))
        return items


def scan(tenancy, options: dict) -> tuple[list[Item], int]:
    """(live items, API calls) for a tenancy. options: session (a boto3 Session; default:
    the environment's), endpoint_url. Unreachable or refusing: clouds.EnvironmentProblem."""
    import boto3
    import botocore.exceptions as bx

    from clouds.base import EnvironmentProblem
    session = options.get("session") or boto3.Session()
    if session.get_credentials() is None:
        raise EnvironmentProblem("no AWS credentials: set AWS_PROFILE (a read-only role, see drift/iam/"
                                 "aws-readonly-policy.json) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY")
    spec = tenancy.spec
    region, endpoint, code = spec.primary_region, options.get("endpoint_url"), spec.municipality.code
    scanners, items, known = [], [], {}
    try:
        for account in spec.system_accounts():  # each through the role the network stack assumes there
            scanner = AwsScanner(_assumed(session, account, spec, options, endpoint), region, endpoint)
            scanners.append(scanner)
            items += scanner.scan(code, account, transit=False)
            known.update(scanner.vpc_names)
        scanner = AwsScanner(session, region, endpoint)
        scanners.append(scanner)
        items += scanner.scan(code, known_vpcs=known)
    except (bx.EndpointConnectionError, bx.ConnectTimeoutError, bx.NoCredentialsError) as exc:
        raise EnvironmentProblem(f"AWS is unreachable or refused the credentials: {exc}") from None
    except bx.ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        raise EnvironmentProblem(f"AWS refused a read ({code}): {exc}; the scanner needs the actions in "
                                 "drift/iam/aws-readonly-policy.json") from None
    return items, sum(sum(s.calls.values()) for s in scanners)


def _assumed(session, account: str, spec, options: dict, endpoint: str | None):
    """A session in a system account: the role `aws.systemAccountRole` assumed with the
    external id (options["external_id"], else $GOVCLOUD_EXTERNAL_ID); its clients are
    read-only like every scanner's."""
    import os

    import boto3

    from clouds.aws.components.accounts import role_arn  # noqa: the one place the ARN is written
    from clouds.aws.declaration import system_account_role
    from clouds.base import EnvironmentProblem
    external_id = options.get("external_id") or os.environ.get(EXTERNAL_ID_ENV)
    if not external_id:
        raise EnvironmentProblem(f"the systems run in their own accounts: set {EXTERNAL_ID_ENV} to the external id of "
                                 f"{system_account_role(spec)} so drift can read them")
    sts = session.client("sts", region_name=spec.primary_region, endpoint_url=endpoint, config=RETRIES)
    guard_boto_client(sts)
    creds = sts.assume_role(RoleArn=role_arn(account, system_account_role(spec)), RoleSessionName="govcloud-drift",
                            ExternalId=external_id)["Credentials"]
    return boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                         aws_session_token=creds["SessionToken"], region_name=spec.primary_region)
