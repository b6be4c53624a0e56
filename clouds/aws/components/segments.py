"""ThreeLayerSegments: one VPC per enabled layer (the separation is the VPC boundary),
private subnets per zone from the address plan, a route table whose only non-local
routes go to the transit hub, NACLs, an empty default security group, and VPC flow
logs into a KMS-encrypted, versioned, TLS-only log bucket per layer."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from clouds.aws.components.tags import aws_tags
from clouds.aws.declaration import s3_prefix_entries
from clouds.aws.nacl import nacl_rules, service_entries
from network.model import LayerRouting, NetworkModel

COMPONENT = "ThreeLayerSegments"


@dataclass
class Segment:
    """What later components need of one layer's VPC."""

    layer: str
    name: str
    vpc: aws.ec2.Vpc
    route_table: aws.ec2.RouteTable
    workload_subnets: list[aws.ec2.Subnet] = field(default_factory=list)
    transit_subnets: list[aws.ec2.Subnet] = field(default_factory=list)
    log_bucket: aws.s3.Bucket | None = None


def log_bucket_policy(bucket_arn: str, account_id: str) -> str:
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
             "Resource": [bucket_arn, f"{bucket_arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
            {"Sid": "FlowLogDeliveryWrite", "Effect": "Allow", "Principal": {"Service": "delivery.logs.amazonaws.com"},
             "Action": "s3:PutObject", "Resource": f"{bucket_arn}/AWSLogs/{account_id}/*",
             "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control",
                                            "aws:SourceAccount": account_id}}},
            {"Sid": "FlowLogDeliveryAclCheck", "Effect": "Allow",
             "Principal": {"Service": "delivery.logs.amazonaws.com"}, "Action": "s3:GetBucketAcl",
             "Resource": bucket_arn, "Condition": {"StringEquals": {"aws:SourceAccount": account_id}}},
        ],
    }, sort_keys=True)


def build_vpc(base: str, layer: str, tag_base: str, cidr: str, subnets, entries: pulumi.Output, key_arn, account_id,
              component: str, opts: pulumi.ResourceOptions) -> Segment:
    """A VPC of one layer: its subnets from the address plan, one route table (routes are
    added by the caller), a network ACL, an empty default security group and flow logs.
    The network account's layer VPC and each system's own VPC are built alike; `opts`
    carries the provider of the account it belongs to."""

    def tags(what: str) -> dict:
        return aws_tags(layer, component, f"{tag_base}-{what}")

    vpc = aws.ec2.Vpc(base, cidr_block=cidr, enable_dns_support=True, enable_dns_hostnames=True,
                      tags=tags("vpc"), opts=opts)
    child = pulumi.ResourceOptions(parent=vpc)
    route_table = aws.ec2.RouteTable(f"{base}-rt", vpc_id=vpc.id, tags=tags("rt"), opts=child)
    segment = Segment(layer, base, vpc, route_table)
    for subnet in subnets:
        resource = aws.ec2.Subnet(
            f"{base}-{subnet.role}-{subnet.zone}", vpc_id=vpc.id, cidr_block=subnet.cidr,
            availability_zone=subnet.zone, map_public_ip_on_launch=False,
            assign_ipv6_address_on_creation=False, tags=tags(f"{subnet.role}-{subnet.zone}"), opts=child)
        aws.ec2.RouteTableAssociation(f"{base}-{subnet.role}-{subnet.zone}-rta", subnet_id=resource.id,
                                      route_table_id=route_table.id, opts=child)
        (segment.workload_subnets if subnet.role == "workload" else segment.transit_subnets).append(resource)
    aws.ec2.NetworkAcl(f"{base}-nacl", vpc_id=vpc.id,
                       subnet_ids=[s.id for s in segment.workload_subnets + segment.transit_subnets],
                       ingress=entries.apply(lambda e: e[0]), egress=entries.apply(lambda e: e[1]),
                       tags=tags("nacl"), opts=child)
    aws.ec2.DefaultSecurityGroup(f"{base}-default-sg", vpc_id=vpc.id, ingress=[], egress=[],
                                 tags=tags("default-sg"), opts=child)
    segment.log_bucket = _flow_logs(base, vpc, key_arn, account_id, tags)
    return segment


def _flow_logs(base: str, vpc: aws.ec2.Vpc, key_arn, account_id, tags) -> aws.s3.Bucket:
    keep = pulumi.ResourceOptions(parent=vpc, protect=True, retain_on_delete=True)
    child = pulumi.ResourceOptions(parent=vpc)
    bucket = aws.s3.Bucket(f"{base}-flowlogs", bucket_prefix=f"{base}-flowlogs-"[:37], force_destroy=False,
                           tags=tags("flowlogs"), opts=keep)
    aws.s3.BucketServerSideEncryptionConfiguration(
        f"{base}-flowlogs-sse", bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms",
                                                            "kms_master_key_id": key_arn},
                "bucket_key_enabled": True}], opts=child)
    aws.s3.BucketVersioning(f"{base}-flowlogs-versioning", bucket=bucket.id,
                            versioning_configuration={"status": "Enabled"}, opts=child)
    access = aws.s3.BucketPublicAccessBlock(f"{base}-flowlogs-public-access", bucket=bucket.id,
                                            block_public_acls=True, block_public_policy=True,
                                            ignore_public_acls=True, restrict_public_buckets=True, opts=child)
    policy = aws.s3.BucketPolicy(
        f"{base}-flowlogs-policy", bucket=bucket.id,
        policy=pulumi.Output.all(bucket.arn, account_id).apply(lambda a: log_bucket_policy(a[0], a[1])),
        opts=pulumi.ResourceOptions(parent=vpc, depends_on=[access]))
    aws.ec2.FlowLog(f"{base}-flowlog", vpc_id=vpc.id, traffic_type="ALL", log_destination_type="s3",
                    log_destination=bucket.arn, max_aggregation_interval=60, tags=tags("flowlog"),
                    opts=pulumi.ResourceOptions(parent=vpc, depends_on=[policy]))
    return bucket


class ThreeLayerSegments(pulumi.ComponentResource):
    TYPE = "govcloud:aws:ThreeLayerSegments"

    def __init__(self, name: str, model: NetworkModel, key_arns: dict[str, pulumi.Output],
                 opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        self.model = model
        self.segments: dict[str, Segment] = {}
        account_id = aws.get_caller_identity_output(opts=pulumi.InvokeOptions(parent=self)).account_id
        for routing in model.routing:
            self.segments[routing.layer] = self._layer(name, routing, key_arns[routing.layer], account_id)
        self.vpc_ids = {layer: seg.vpc.id for layer, seg in self.segments.items()}
        self.register_outputs({"vpcIds": self.vpc_ids})

    def _layer(self, name: str, routing: LayerRouting, key_arn, account_id) -> Segment:
        layer_plan = self.model.plan.layer(routing.layer)
        return build_vpc(f"{name}-{routing.layer}", routing.layer, f"{self.model.spec.stack}-{routing.layer}",
                         layer_plan.vpc_cidr, layer_plan.subnets, self._nacl_entries(routing), key_arn, account_id,
                         COMPONENT, pulumi.ResourceOptions(parent=self))

    def _nacl_entries(self, routing: LayerRouting) -> pulumi.Output:
        """(ingress, egress); a closed layer's also admit HTTPS to S3 through its gateway
        endpoint (clouds/aws/components/endpoints.py), from the region's S3 prefix list."""
        if not routing.closed:
            return pulumi.Output.from_input(nacl_rules(routing, self.model.flows))
        region = self.model.spec.primary_region
        s3 = aws.ec2.get_prefix_list_output(name=f"com.amazonaws.{region}.s3", opts=pulumi.InvokeOptions(parent=self))
        reserved = s3_prefix_entries(self.model.spec)
        return s3.cidr_blocks.apply(lambda cidrs: nacl_rules(routing, self.model.flows,
                                                             service_entries(cidrs, reserved)))

    def route_via_hub(self, transit_gateway_id, attachments: dict[str, pulumi.Resource]) -> None:
        """The only non-local routes: the layer's on-prem prefixes, the far ends of its
        declared flows, and (internet layer, egress through the data center) the default."""
        for routing in self.model.routing:
            segment = self.segments[routing.layer]
            prefixes = list(routing.onprem) + [r.prefix for r in routing.reach]
            if self.model.spec.multi_account:  # the systems of the layer, each in its own account
                prefixes.append(routing.cidr)
            if routing.default_via_datacenter:
                prefixes.append("0.0.0.0/0")
            opts = pulumi.ResourceOptions(parent=segment.route_table, depends_on=[attachments[routing.layer]])
            for prefix in dict.fromkeys(prefixes):
                aws.ec2.Route(f"{segment.name}-to-{prefix}", route_table_id=segment.route_table.id,
                              destination_cidr_block=prefix, transit_gateway_id=transit_gateway_id, opts=opts)
