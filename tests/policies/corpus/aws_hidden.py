"""Session 24's held-out probe, AWS: ways into a closed layer that no route shows, and public
addresses or open ranges reached through another resource: an endpoint service opened to every
account by its own principal resource, a Cloud WAN attachment, a VPC Route Server, a Verified
Access endpoint, a peering accepted, a carrier gateway, an Elastic IP tagged internet given to a
mynumber machine, an endpoint policy set apart from its endpoint, and security group ingress
through managed prefix lists. Each with a compliant twin. Built with the real SDK classes."""
import json

import pulumi_aws as aws

from tests.policies.corpus import ACCOUNT, AMI, SUBNETS

VPC = "vpc-0a1b2c3d4e5f60001"
OPEN = json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]})
FIXED = json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                                   "Resource": "arn:aws:s3:::minato-app/*"}]})


def hidden(segments, key, opts, tags):
    """(name, the rules it must break, a function that builds it); `segments`: layer -> Segment."""
    subnet = {layer: segments[layer].workload_subnets[0] for layer in ("mynumber", "lgwan", "internet")}

    def layer(n, name):
        return {**tags(n), "Layer": name}

    def machine(n, where):
        return aws.ec2.Instance(n, ami=AMI, instance_type="t3.micro", subnet_id=subnet[where].id, opts=opts,
                                root_block_device={"encrypted": True, "kms_key_id": key}, tags=layer(n, where))

    def endpoint(n):
        return aws.ec2.VpcEndpoint(n, vpc_id=segments["lgwan"].vpc.id, service_name="com.amazonaws.ap-northeast-1.s3",
                                   vpc_endpoint_type="Gateway", policy=FIXED, tags=tags(n), opts=opts)

    def prefixes(n, *cidrs):
        return aws.ec2.ManagedPrefixList(n, address_family="IPv4", max_entries=5, tags=tags(n), opts=opts,
                                         entries=[{"cidr": c} for c in cidrs])

    def group(n, *cidrs):
        return aws.ec2.SecurityGroup(n, vpc_id=segments["lgwan"].vpc.id, tags=tags(n), opts=opts, ingress=[{
            "protocol": "tcp", "from_port": 443, "to_port": 443, "prefix_list_ids": [prefixes(f"{n}-pl", *cidrs).id]}])

    def halves(n):
        """A prefix list filled by entries of its own (0.0.0.0/1 and 128.0.0.0/1: the internet)."""
        listed = prefixes(f"{n}-pl")
        for i, cidr in enumerate(("0.0.0.0/1", "128.0.0.0/1")):
            aws.ec2.ManagedPrefixListEntry(f"{n}-entry-{i}", prefix_list_id=listed.id, cidr=cidr, opts=opts)
        return aws.vpc.SecurityGroupIngressRule(n, security_group_id="sg-0123456789abcdef0", ip_protocol="tcp",
                                                from_port=22, to_port=22, prefix_list_id=listed.id, tags=tags(n),
                                                opts=opts)

    def cloud_wan(n, where):
        return aws.networkmanager.VpcAttachment(
            n, core_network_id="core-network-0123456789abcdef0",
            vpc_arn=f"arn:aws:ec2:ap-northeast-1:{ACCOUNT}:vpc/{VPC}", tags=layer(n, where), opts=opts,
            subnet_arns=[f"arn:aws:ec2:ap-northeast-1:{ACCOUNT}:subnet/{s}" for s in SUBNETS])

    return [
        ("hid-service-principle-everyone", {"GOV-ISO-007"}, lambda n: aws.ec2.VpcEndpointServiceAllowedPrinciple(
            n, vpc_endpoint_service_id="vpce-svc-0123456789abcdef0", principal_arn="*", opts=opts)),
        ("hid-service-principle-account", set(), lambda n: aws.ec2.VpcEndpointServiceAllowedPrinciple(
            n, vpc_endpoint_service_id="vpce-svc-0123456789abcdef0", principal_arn=f"arn:aws:iam::{ACCOUNT}:root",
            opts=opts)),
        ("hid-cloud-wan-lgwan", {"GOV-ISO-007"}, lambda n: cloud_wan(n, "lgwan")),
        ("hid-cloud-wan-internet", set(), lambda n: cloud_wan(n, "internet")),
        ("hid-route-server-on-kyotsu-vpc", {"GOV-ISO-007"}, lambda n: aws.vpc.RouteServerVpcAssociation(
            n, route_server_id="rs-0123456789abcdef0", vpc_id=segments["lgwan"].vpc.id, opts=opts)),
        ("hid-route-server-on-web-vpc", set(), lambda n: aws.vpc.RouteServerVpcAssociation(
            n, route_server_id="rs-0123456789abcdef0", vpc_id=segments["internet"].vpc.id, opts=opts)),
        ("hid-verified-access-lgwan", {"GOV-ISO-007"}, lambda n: aws.verifiedaccess.Endpoint(
            n, application_domain="app.minato.example.jp", attachment_type="vpc", endpoint_domain_prefix="app",
            domain_certificate_arn=f"arn:aws:acm:ap-northeast-1:{ACCOUNT}:certificate/"
                                   "12345678-1234-1234-1234-1234567890ab",
            endpoint_type="network-interface", verified_access_group_id="vagr-0123456789abcdef0", tags=tags(n),
            network_interface_options={"network_interface_id": "eni-0123456789abcdef0", "port": 443,
                                       "protocol": "https"}, opts=opts)),
        ("hid-peering-accepted", {"GOV-ISO-004"}, lambda n: aws.ec2.VpcPeeringConnectionAccepter(
            n, vpc_peering_connection_id="pcx-0123456789abcdef0", auto_accept=True, tags=tags(n), opts=opts)),
        ("hid-carrier-gateway-on-mynumber-vpc", {"GOV-ISO-001"}, lambda n: aws.ec2.CarrierGateway(
            n, vpc_id=segments["mynumber"].vpc.id, tags=layer(n, "mynumber"), opts=opts)),
        ("hid-carrier-gateway-internet", set(), lambda n: aws.ec2.CarrierGateway(
            n, vpc_id=segments["internet"].vpc.id, tags=layer(n, "internet"), opts=opts)),
        ("hid-eip-tagged-internet-on-mynumber-vm", {"GOV-ISO-001"}, lambda n: aws.ec2.Eip(
            n, domain="vpc", instance=machine(f"{n}-vm", "mynumber").id, tags=layer(n, "internet"), opts=opts)),
        ("hid-eip-on-internet-vm", set(), lambda n: aws.ec2.Eip(
            n, domain="vpc", instance=machine(f"{n}-vm", "internet").id, tags=layer(n, "internet"), opts=opts)),
        ("hid-eip-association-to-mynumber-vm", {"GOV-ISO-001"}, lambda n: aws.ec2.EipAssociation(
            n, allocation_id="eipalloc-0123456789abcdef0", instance_id=machine(f"{n}-vm", "mynumber").id, opts=opts)),
        ("hid-endpoint-policy-open", {"GOV-ISO-007"}, lambda n: aws.ec2.VpcEndpointPolicy(
            n, vpc_endpoint_id=endpoint(f"{n}-endpoint").id, policy=OPEN, opts=opts)),
        ("hid-endpoint-policy-fixed", set(), lambda n: aws.ec2.VpcEndpointPolicy(
            n, vpc_endpoint_id=endpoint(f"{n}-endpoint").id, policy=FIXED, opts=opts)),
        ("hid-group-prefix-list-any", {"GOV-ISO-003"}, lambda n: group(n, "0.0.0.0/0")),
        ("hid-group-prefix-list-onprem", set(), lambda n: group(n, "10.20.0.0/16", "172.21.0.0/20")),
        ("hid-rule-prefix-list-halves", {"GOV-ISO-003"}, halves),
        # a vendor's office address let into a closed layer: not the whole internet, but the internet
        ("hid-group-vendor-office-lgwan", {"GOV-ISO-003"}, lambda n: aws.ec2.SecurityGroup(
            n, vpc_id=segments["lgwan"].vpc.id, tags=tags(n), opts=opts, ingress=[{
                "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["153.127.10.20/32"]}])),
        ("hid-group-vendor-office-internet", set(), lambda n: aws.ec2.SecurityGroup(
            n, vpc_id=segments["internet"].vpc.id, tags=layer(n, "internet"), opts=opts, ingress=[{
                "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["153.127.10.20/32"]}])),
    ]
