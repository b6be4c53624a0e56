"""PrivateServices: what the layers reach without the internet.

- Per closed layer (mynumber, lgwan), interface VPC endpoints for KMS, CloudWatch Logs,
  SSM and its messages, STS and EC2, in the layer's workload subnets (the zones each
  service offers), private DNS on, behind a security group that admits HTTPS from the
  layer's block only; and the S3 gateway endpoint on the layer's route table. Each is read
  first with `ec2.get_vpc_endpoint_service` ("The VPC Endpoint Service data source details
  about a specific service that can be specified when creating a VPC endpoint within the
  region"), so the service name, the zones and whether it takes an endpoint policy
  (`vpc_endpoint_policy_supported`) come from the region itself: "Not all AWS services
  support endpoint policies" (Amazon VPC, "Control access to VPC endpoints using endpoint
  policies"). Where supported, the policy admits the account's own principals and AWS
  services acting for them; S3's also the AWS-owned buckets agents read from.
- Per layer with resolvers at the data center (dataCenter.dns), Route 53 Resolver: an
  outbound endpoint and a forwarding rule per domain to the layer's own resolvers,
  associated with the layer's VPC, and an inbound endpoint the data center forwards the
  cloud's names to. Each endpoint takes two addresses ("ip_addresses ... minimum of 2",
  pulumi-aws ResolverEndpoint), in two zones where the layer has two.
"""
from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from clouds.aws.components.segments import Segment
from clouds.aws.components.tags import aws_tags
from network.model import NetworkModel

COMPONENT = "PrivateServices"
#: the interface endpoints of a closed layer (issue 10: KMS, Logs, SSM and its messages, STS, EC2)
INTERFACE_SERVICES = ("kms", "logs", "ssm", "ssmmessages", "sts", "ec2")
HTTPS, DNS = 443, 53
#: AWS-owned buckets SSM Agent, patching and the CloudWatch agent read without credentials
#: ("AWS owned buckets", aws-samples/data-perimeter-policy-examples, vpc_endpoint_policies;
#: Systems Manager "SSM Agent communications with AWS managed S3 buckets")
AGENT_BUCKETS = ("aws-ssm-{r}", "aws-windows-downloads-{r}", "amazon-ssm-{r}", "amazon-ssm-packages-{r}",
                 "{r}-birdwatcher-prod", "aws-ssm-distributor-file-{r}", "aws-ssm-document-attachments-{r}",
                 "patch-baseline-snapshot-{r}", "amazoncloudwatch-agent-{r}", "amazoncloudwatch-agent",
                 "packages.{r}.amazonaws.com", "repo.{r}.amazonaws.com", "amazonlinux.{r}.amazonaws.com",
                 "amazonlinux-2-repos-{r}", "al2023-repos-{r}-de612dc2")


def endpoint_policy(account_id: str) -> dict:
    """The account's own principals, and AWS services acting on its behalf; nobody else's
    credentials work through the endpoint."""
    return {"Version": "2012-10-17", "Statement": [
        {"Sid": "OwnAccountPrincipals", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
         "Condition": {"StringEquals": {"aws:PrincipalAccount": account_id}}},
        {"Sid": "AwsServicesOnOurBehalf", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
         "Condition": {"Bool": {"aws:PrincipalIsAWSService": "true"}}},
    ]}


def s3_endpoint_policy(account_id: str, region: str) -> dict:
    """The account's principals to the account's buckets, and the agents' AWS-owned buckets."""
    return {"Version": "2012-10-17", "Statement": [
        {"Sid": "OwnPrincipalsToOwnBuckets", "Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*",
         "Condition": {"StringEquals": {"aws:PrincipalAccount": account_id, "aws:ResourceAccount": account_id}}},
        {"Sid": "AgentsReadAwsOwnedBuckets", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": [f"arn:aws:s3:::{b.format(r=region)}/*" for b in AGENT_BUCKETS]},
    ]}


def policy_if_supported(supported: bool, policy: dict) -> str | None:
    return json.dumps(policy, sort_keys=True) if supported else None


def two_addresses(subnets: list) -> list[dict]:
    """Resolver endpoint addresses: one per subnet in two zones, or two in a single subnet."""
    chosen = subnets[:2] if len(subnets) >= 2 else subnets * 2
    return [{"subnet_id": s.id} for s in chosen]


class PrivateServices(pulumi.ComponentResource):
    TYPE = "govcloud:aws:PrivateServices"

    def __init__(self, name: str, model: NetworkModel, segments: dict[str, Segment],
                 opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        self.model = model
        invoke = pulumi.InvokeOptions(parent=self)
        self.account_id = aws.get_caller_identity_output(opts=invoke).account_id
        self.region = model.spec.primary_region
        self.endpoints: dict[str, list] = {}
        self.resolvers: dict[str, dict] = {}
        for routing in model.routing:
            segment = segments[routing.layer]
            if routing.closed:
                self.endpoints[routing.layer] = self._endpoints(name, routing, segment)
            if model.spec.data_center.dns_domains and model.spec.data_center.dns_servers_of(routing.layer):
                self.resolvers[routing.layer] = self._resolver(name, routing, segment)
        self.register_outputs({})

    def _endpoints(self, name, routing, segment: Segment) -> list:
        layer, stack = routing.layer, self.model.spec.stack
        base = f"{name}-{layer}"
        opts = pulumi.ResourceOptions(parent=self)
        invoke = pulumi.InvokeOptions(parent=self)
        group = aws.ec2.SecurityGroup(
            f"{base}-endpoints", vpc_id=segment.vpc.id, description=f"{layer}: HTTPS from the layer to AWS APIs",
            ingress=[{"protocol": "tcp", "from_port": HTTPS, "to_port": HTTPS, "cidr_blocks": [routing.cidr],
                      "description": "the layer's own block"}],
            egress=[], tags=aws_tags(layer, COMPONENT, f"{stack}-{layer}-endpoints"), opts=opts)
        subnets = [(subnet.availability_zone, subnet.id) for subnet in segment.workload_subnets]
        built = []
        for service in INTERFACE_SERVICES:
            found = aws.ec2.get_vpc_endpoint_service_output(service=service, service_type="Interface", opts=invoke)
            zones_and_ids = pulumi.Output.all(found.availability_zones, *[pulumi.Output.all(z, i) for z, i in subnets])
            built.append(aws.ec2.VpcEndpoint(
                f"{base}-{service}", vpc_id=segment.vpc.id, service_name=found.service_name,
                vpc_endpoint_type="Interface", private_dns_enabled=True, security_group_ids=[group.id],
                subnet_ids=zones_and_ids.apply(lambda a: [sid for zone, sid in a[1:] if zone in a[0]]),
                policy=pulumi.Output.all(found.vpc_endpoint_policy_supported, self.account_id).apply(
                    lambda a: policy_if_supported(a[0], endpoint_policy(a[1]))),
                tags=aws_tags(layer, COMPONENT, f"{stack}-{layer}-{service}"), opts=opts))
        s3 = aws.ec2.get_vpc_endpoint_service_output(service="s3", service_type="Gateway", opts=invoke)
        built.append(aws.ec2.VpcEndpoint(
            f"{base}-s3", vpc_id=segment.vpc.id, service_name=s3.service_name, vpc_endpoint_type="Gateway",
            route_table_ids=[segment.route_table.id],
            policy=pulumi.Output.all(s3.vpc_endpoint_policy_supported, self.account_id).apply(
                lambda a: policy_if_supported(a[0], s3_endpoint_policy(a[1], self.region))),
            tags=aws_tags(layer, COMPONENT, f"{stack}-{layer}-s3"), opts=opts))
        return built

    def _resolver(self, name, routing, segment: Segment) -> dict:
        layer, stack, dc = routing.layer, self.model.spec.stack, self.model.spec.data_center
        base = f"{name}-{layer}-resolver"
        opts = pulumi.ResourceOptions(parent=self)
        servers = [f"{ip}/32" for ip in dc.dns_servers_of(layer)]
        dns = [{"protocol": p, "from_port": DNS, "to_port": DNS} for p in ("udp", "tcp")]
        group = aws.ec2.SecurityGroup(
            base, vpc_id=segment.vpc.id, description=f"{layer}: DNS between the layer and the data center's resolvers",
            ingress=[{**rule, "cidr_blocks": list(routing.onprem) or servers,
                      "description": "the data center asks the inbound endpoint"} for rule in dns],
            egress=[{**rule, "cidr_blocks": servers, "description": "the outbound endpoint asks the data center"}
                    for rule in dns],
            tags=aws_tags(layer, COMPONENT, f"{stack}-{layer}-resolver"), opts=opts)
        addresses = two_addresses(segment.workload_subnets)
        inbound = aws.route53.ResolverEndpoint(
            f"{base}-inbound", name=f"{stack}-{layer}-inbound", direction="INBOUND", protocols=["Do53"],
            security_group_ids=[group.id], ip_addresses=addresses,
            tags=aws_tags(layer, COMPONENT, f"{stack}-{layer}-inbound"), opts=opts)
        outbound = aws.route53.ResolverEndpoint(
            f"{base}-outbound", name=f"{stack}-{layer}-outbound", direction="OUTBOUND", protocols=["Do53"],
            security_group_ids=[group.id], ip_addresses=addresses,
            tags=aws_tags(layer, COMPONENT, f"{stack}-{layer}-outbound"), opts=opts)
        rules = []
        for domain in dc.dns_domains:
            slug = domain.replace(".", "-")
            rule = aws.route53.ResolverRule(
                f"{base}-{slug}", name=f"{stack}-{layer}-{slug}"[:64], domain_name=domain, rule_type="FORWARD",
                resolver_endpoint_id=outbound.id, target_ips=[{"ip": ip, "port": DNS} for ip in dc.dns_servers_of(layer)],
                tags=aws_tags(layer, COMPONENT, f"{stack}-{layer}-{slug}"), opts=pulumi.ResourceOptions(parent=outbound))
            aws.route53.ResolverRuleAssociation(f"{base}-{slug}-assoc", resolver_rule_id=rule.id,
                                                vpc_id=segment.vpc.id, opts=pulumi.ResourceOptions(parent=rule))
            rules.append(rule)
        return {"inbound": inbound, "outbound": outbound, "rules": rules}
