"""AWS resources a vendor adds to a closed layer (the corpus's lgwan) that answer from the
internet or admit it (GOV-ISO-001, GOV-ISO-003; session 19's held-out probe): services with a
public endpoint unless told otherwise (policies/rules/public_endpoints.py), and ingress that
covers the internet without writing 0.0.0.0/0. Built with the real SDK classes."""
import json

import pulumi
import pulumi_aws as aws

from tests.policies.corpus import ACCOUNT, AMI, ROLE, SUBNETS

VPC = "vpc-0a1b2c3d4e5f60001"
SHARE = "arn:aws:ram:ap-northeast-1:401234560001:resource-share/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
CONNECTOR = "arn:aws:apprunner:ap-northeast-1:111122223333:vpcconnector/minato-lgwan/1/0123456789abcdef"


def entries(key, opts, tags):
    """(name, the rules it must break, a function that builds it)."""
    def eks(n, **vpc):
        return aws.eks.Cluster(n, role_arn=ROLE, vpc_config={"subnet_ids": SUBNETS, **vpc}, tags=tags(n), opts=opts,
                               encryption_config={"resources": ["secrets"], "provider": {"key_arn": key}})

    def search(n, **more):
        return aws.opensearch.Domain(n, engine_version="OpenSearch_2.13", encrypt_at_rest={
            "enabled": True, "kms_key_id": key}, node_to_node_encryption={"enabled": True},
            domain_endpoint_options={"enforce_https": True}, tags=tags(n), opts=opts, **more)

    def notebook(n, **more):
        return aws.sagemaker.NotebookInstance(n, instance_type="ml.t3.medium", role_arn=ROLE, kms_key_id=key,
                                              tags=tags(n), opts=opts, **more)

    def group(n, *ingress):
        return aws.ec2.SecurityGroup(n, vpc_id=VPC, ingress=[{"protocol": "tcp", "from_port": 443, "to_port": 443,
                                                              **i} for i in ingress], tags=tags(n), opts=opts)

    def mynumber(n):
        return {**tags(n), "Layer": "mynumber"}

    def forwarded(n, server):
        # pulumi_aws route53.ResolverRule target_ips: "the IPs that you want Resolver to forward DNS queries to"
        rule = aws.route53.ResolverRule(f"{n}-rule", domain_name="example.com", rule_type="FORWARD", opts=opts,
                                        resolver_endpoint_id="rslvr-out-0123456789abcdef0", tags=tags(f"{n}-rule"),
                                        target_ips=[{"ip": server}])
        return aws.route53.ResolverRuleAssociation(n, resolver_rule_id=rule.id, vpc_id=VPC, opts=opts)

    def app_runner(n, **network):
        image = "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/minato-app:1.0"
        return aws.apprunner.Service(n, service_name=n[-40:], tags=tags(n), opts=opts, **network,
                                     encryption_configuration={"kms_key": key}, source_configuration={
                                         "image_repository": {"image_identifier": image, "image_repository_type": "ECR"},
                                         "authentication_configuration": {"access_role_arn": ROLE}})

    def api(n, kind):
        return aws.apigateway.RestApi(n, endpoint_configuration={"types": kind}, tags=tags(n), opts=opts)

    def classic(n, **more):
        return aws.elb.LoadBalancer(n, subnets=SUBNETS, tags=tags(n), opts=opts, listeners=[{
            "instance_port": 443, "instance_protocol": "tcp", "lb_port": 443, "lb_protocol": "tcp"}], **more)

    def fargate(n, public):
        return aws.ecs.Service(n, cluster="minato-apps", task_definition="juki-api:3", desired_count=2,
                               launch_type="FARGATE", tags=tags(n), opts=opts, network_configuration={
                                   "subnets": SUBNETS, "security_groups": ["sg-0123456789abcdef0"],
                                   "assign_public_ip": public})

    def studio(n, **more):
        return aws.sagemaker.Domain(n, domain_name=n[-63:], auth_mode="IAM", vpc_id=VPC, subnet_ids=SUBNETS,
                                    kms_key_id=key, tags=tags(n), opts=opts, default_user_settings={
                                        "execution_role": f"arn:aws:iam::{ACCOUNT}:role/sagemaker"}, **more)

    return [
        ("iso-eks-private-endpoint", set(), lambda n: eks(n, endpoint_public_access=False,
                                                           endpoint_private_access=True)),
        ("iso-eks-default-endpoint", {"GOV-ISO-001", "GOV-ISO-003"}, lambda n: eks(n)),
        # in the internet layer a public control plane is allowed, open to every address it is not
        # (pulumi_aws: "EKS defaults this to a list with `0.0.0.0/0`")
        ("iso-eks-internet-layer-default-ranges", {"GOV-ISO-003"}, lambda n: aws.eks.Cluster(
            n, role_arn=ROLE, vpc_config={"subnet_ids": SUBNETS}, tags={**tags(n), "Layer": "internet"}, opts=opts,
            encryption_config={"resources": ["secrets"], "provider": {"key_arn": key}})),
        ("iso-eks-internet-layer-named-ranges", set(), lambda n: aws.eks.Cluster(
            n, role_arn=ROLE, vpc_config={"subnet_ids": SUBNETS, "public_access_cidrs": ["203.0.113.0/28"]},
            tags={**tags(n), "Layer": "internet"}, opts=opts,
            encryption_config={"resources": ["secrets"], "provider": {"key_arn": key}})),
        ("iso-search-in-vpc", set(), lambda n: search(n, vpc_options={"subnet_ids": SUBNETS[:1]})),
        ("iso-search-public-endpoint", {"GOV-ISO-001"}, lambda n: search(n)),
        ("iso-search-tls10", {"GOV-TLS-004"}, lambda n: aws.opensearch.Domain(
            n, engine_version="OpenSearch_2.13", encrypt_at_rest={"enabled": True, "kms_key_id": key},
            node_to_node_encryption={"enabled": True}, vpc_options={"subnet_ids": SUBNETS[:1]}, tags=tags(n), opts=opts,
            domain_endpoint_options={"enforce_https": True, "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"})),
        ("iso-notebook-vpc-only", set(), lambda n: notebook(n, direct_internet_access="Disabled",
                                                             subnet_id=SUBNETS[0],
                                                             security_groups=["sg-0123456789abcdef0"])),
        ("iso-notebook-default", {"GOV-ISO-001"}, lambda n: notebook(n)),
        ("iso-aurora-instance-public", {"GOV-ISO-001"}, lambda n: aws.rds.ClusterInstance(
            n, cluster_identifier="minato-aurora", instance_class="db.r6g.large", engine="aurora-postgresql",
            publicly_accessible=True, tags=tags(n), opts=opts)),
        ("iso-broker-public", {"GOV-ISO-001"}, lambda n: aws.mq.Broker(
            n, broker_name=n, engine_type="RabbitMQ", engine_version="3.13", host_instance_type="mq.m5.large",
            publicly_accessible=True, users=[{"username": "app", "password": pulumi.Output.secret("x" * 16)}],
            encryption_options={"use_aws_owned_key": False, "kms_key_id": key}, tags=tags(n), opts=opts)),
        # a launch configuration takes no tags: its layer is the one its name says
        ("iso-lgwan-launch-configuration-public", {"GOV-ISO-001"}, lambda n: aws.ec2.LaunchConfiguration(
            n, image_id=AMI, instance_type="t3.micro", associate_public_ip_address=True,
            root_block_device={"encrypted": True}, opts=opts)),
        # public unless told otherwise (session 20): DMS ("The default value is true"), Transfer Family
        # ("Defaults to `PUBLIC`"), App Runner
        ("iso-migration-default", {"GOV-ISO-001"}, lambda n: aws.dms.ReplicationInstance(
            n, replication_instance_id=n, replication_instance_class="dms.t3.medium", kms_key_arn=key, tags=tags(n),
            opts=opts)),
        ("iso-sftp-default", {"GOV-ISO-001"}, lambda n: aws.transfer.Server(n, tags=tags(n), opts=opts)),
        ("iso-sftp-in-vpc", set(), lambda n: aws.transfer.Server(n, endpoint_type="VPC", tags=tags(n), opts=opts,
                                                                 endpoint_details={"vpc_id": VPC, "subnet_ids": SUBNETS})),
        ("iso-app-runner-default", {"GOV-ISO-001"}, lambda n: app_runner(n)),
        ("iso-app-runner-private", set(), lambda n: app_runner(n, network_configuration={
            "ingress_configuration": {"is_publicly_accessible": False}, "egress_configuration": {
                "egress_type": "VPC", "vpc_connector_arn": CONNECTOR}})),
        ("iso-app-runner-private-default-egress", {"GOV-ISO-001"}, lambda n: app_runner(n, network_configuration={
            "ingress_configuration": {"is_publicly_accessible": False}})),
        ("iso-api-private", set(), lambda n: api(n, "PRIVATE")),
        ("iso-api-edge-default", {"GOV-ISO-001"}, lambda n: aws.apigateway.RestApi(n, tags=tags(n), opts=opts)),
        ("iso-api-regional", {"GOV-ISO-001"}, lambda n: api(n, "REGIONAL")),
        # ways in and out that show no route (GOV-ISO-007); placed in mynumber by the layer in
        # their names where they take no tags (inventory/layers.py)
        ("iso-mynumber-partner-endpoint", {"GOV-ISO-007"}, lambda n: aws.ec2.VpcEndpoint(
            n, vpc_id=VPC, vpc_endpoint_type="Interface", subnet_ids=SUBNETS[:1], tags=mynumber(n), opts=opts,
            service_name="com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0")),
        ("iso-mynumber-s3-default-policy", {"GOV-ISO-007"}, lambda n: aws.ec2.VpcEndpoint(
            n, vpc_id=VPC, service_name="com.amazonaws.ap-northeast-1.s3", tags=mynumber(n), opts=opts)),
        ("iso-mynumber-s3-own-buckets", set(), lambda n: aws.ec2.VpcEndpoint(
            n, vpc_id=VPC, service_name="com.amazonaws.ap-northeast-1.s3", tags=mynumber(n), opts=opts,
            policy=json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*",
                                              "Condition": {"StringEquals": {"aws:ResourceAccount": "111122223333"}}}]}))),
        ("iso-mynumber-foreign-transit", {"GOV-ISO-007"}, lambda n: aws.ec2transitgateway.VpcAttachment(
            n, vpc_id=VPC, subnet_ids=SUBNETS, transit_gateway_id="tgw-0fedcba9876543210", tags=mynumber(n), opts=opts)),
        ("iso-mynumber-vpn-gateway", {"GOV-ISO-007"}, lambda n: aws.ec2.VpnGateway(n, vpc_id=VPC, tags=mynumber(n),
                                                                                  opts=opts)),
        ("iso-mynumber-client-vpn", {"GOV-ISO-007"}, lambda n: aws.ec2clientvpn.NetworkAssociation(
            n, client_vpn_endpoint_id="cvpn-endpoint-0123456789abcdef0", subnet_id=SUBNETS[0], opts=opts)),
        ("iso-mynumber-instance-connect", {"GOV-ISO-007"}, lambda n: aws.ec2transitgateway.InstanceConnectEndpoint(
            n, subnet_id=SUBNETS[0], tags=mynumber(n), opts=opts)),
        ("iso-mynumber-lattice", {"GOV-ISO-007"}, lambda n: aws.vpclattice.ServiceNetworkVpcAssociation(
            n, vpc_identifier=VPC, service_network_identifier="sn-0123456789abcdef0", tags=mynumber(n), opts=opts)),
        ("iso-service-for-everyone", {"GOV-ISO-007"}, lambda n: aws.ec2.VpcEndpointService(
            n, acceptance_required=False, allowed_principals=["*"], tags=tags(n), opts=opts,
            network_load_balancer_arns=["arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/net/a/1"])),
        ("iso-service-for-one-account", set(), lambda n: aws.ec2.VpcEndpointService(
            n, acceptance_required=True, allowed_principals=["arn:aws:iam::111122223333:root"], tags=tags(n), opts=opts,
            network_load_balancer_arns=["arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/net/b/1"])),
        # routes to the internet that are not 0.0.0.0/0 (GOV-ISO-002; GOV-ACCT-005: outside the
        # municipality's addresses too): IPv6 through an egress-only
        # gateway, half of the IPv4 space through an internet gateway; a route to the data center
        ("iso-mynumber-route-ipv6-out", {"GOV-ISO-002"}, lambda n: aws.ec2.Route(
            n, route_table_id="rtb-0a1b2c3d4e5f60001", destination_ipv6_cidr_block="::/0",
            egress_only_gateway_id="eigw-0a1b2c3d4e5f60001", opts=opts)),
        ("iso-mynumber-route-half-internet", {"GOV-ISO-002", "GOV-ACCT-005"}, lambda n: aws.ec2.Route(
            n, route_table_id="rtb-0a1b2c3d4e5f60001", destination_cidr_block="0.0.0.0/1",
            gateway_id="igw-0a1b2c3d4e5f60001", opts=opts)),
        ("iso-mynumber-route-data-center", set(), lambda n: aws.ec2.Route(
            n, route_table_id="rtb-0a1b2c3d4e5f60001", destination_cidr_block="172.20.0.0/20",
            transit_gateway_id="tgw-0a1b2c3d4e5f60001", opts=opts)),
        # a resource share (RAM) with an account the declaration does not name, or with a whole
        # organization (GOV-ACCT-007); with a declared system account it is how systems join
        ("acct-share-undeclared-account", {"GOV-ACCT-007"}, lambda n: aws.ram.PrincipalAssociation(
            n, principal="999988887777", resource_share_arn=SHARE, opts=opts)),
        ("acct-share-organization", {"GOV-ACCT-007"}, lambda n: aws.ram.PrincipalAssociation(
            n, principal="arn:aws:organizations::401234560001:organization/o-a1b2c3d4e5", resource_share_arn=SHARE,
            opts=opts)),
        # a peering with a VPC or transit gateway of an account the declaration does not name (a VPC
        # peering is GOV-ISO-004's as any peering is)
        ("acct-peering-undeclared-account", {"GOV-ACCT-007", "GOV-ISO-004"}, lambda n: aws.ec2.VpcPeeringConnection(
            n, vpc_id=VPC, peer_vpc_id="vpc-0f9e8d7c6b5a40001", peer_owner_id="999988887777", tags=tags(n),
            opts=opts)),
        ("acct-tgw-peering-undeclared-account", {"GOV-ACCT-007"}, lambda n: aws.ec2transitgateway.PeeringAttachment(
            n, transit_gateway_id="tgw-0a1b2c3d4e5f60001", peer_transit_gateway_id="tgw-0f9e8d7c6b5a40001",
            peer_account_id="999988887777", peer_region="ap-northeast-1", tags=tags(n), opts=opts)),
        ("acct-share-declared-account", set(), lambda n: aws.ram.PrincipalAssociation(
            n, principal="401234560014", resource_share_arn=SHARE, opts=opts)),
        # the layer's names asked of a server on the internet (GOV-ISO-007), or of the data center's
        ("iso-mynumber-names-to-internet", {"GOV-ISO-007"}, lambda n: forwarded(n, "8.8.8.8")),
        ("iso-mynumber-names-to-data-center", set(), lambda n: forwarded(n, "172.20.0.53")),
        ("iso-lgwan-dhcp-public-server", {"GOV-ISO-007"}, lambda n: aws.ec2.VpcDhcpOptionsAssociation(
            n, vpc_id=VPC, opts=opts, dhcp_options_id=aws.ec2.VpcDhcpOptions(
                f"{n}-options", domain_name_servers=["1.1.1.1"], tags=tags(f"{n}-options"), opts=opts).id)),
        # the internet without writing 0.0.0.0/0 (GOV-ISO-003)
        ("iso-sg-halves", {"GOV-ISO-003"}, lambda n: group(n, {"cidr_blocks": ["0.0.0.0/1"]},
                                                           {"cidr_blocks": ["128.0.0.0/1"]})),
        ("iso-sg-ipv6-any", {"GOV-ISO-003"}, lambda n: group(n, {"ipv6_cidr_blocks": ["::/0"]})),
        ("iso-sg-onprem", set(), lambda n: group(n, {"cidr_blocks": ["10.20.0.0/16", "172.21.0.0/20"]})),
        # 172.16.0.0/12 holds every layer's data-center prefix (mynumber's 172.20.0.0/20 too): not
        # the internet (GOV-ISO-003), but the other layers' addresses in lgwan (GOV-ISO-005)
        ("iso-sg-all-private", {"GOV-ISO-005"}, lambda n: group(n, {"cidr_blocks": ["172.16.0.0/12"]})),
        ("iso-ingress-rule-global-unicast", {"GOV-ISO-003"}, lambda n: aws.vpc.SecurityGroupIngressRule(
            n, security_group_id="sg-0123456789abcdef0", ip_protocol="tcp", from_port=22, to_port=22,
            cidr_ipv6="2000::/3", tags=tags(n), opts=opts)),
        # public addresses other resources take (session 22's probe): a Classic Load Balancer is
        # internet-facing unless internal, a Fargate service when it assigns a public IP, a
        # SageMaker domain reaches the internet by default
        ("iso-classic-elb", {"GOV-ISO-001"}, lambda n: classic(n)),
        ("iso-classic-elb-internal", set(), lambda n: classic(n, internal=True)),
        ("iso-fargate-public-ip", {"GOV-ISO-001"}, lambda n: fargate(n, True)),
        ("iso-fargate-private", set(), lambda n: fargate(n, False)),
        ("iso-sagemaker-domain-internet", {"GOV-ISO-001"}, lambda n: studio(n)),
        ("iso-sagemaker-domain-vpc-only", set(), lambda n: studio(n, app_network_access_type="VpcOnly")),
    ]


def bridges(segments, key, opts, tags):
    """A machine with interfaces in two layers' subnets (GOV-ISO-004), through the dependencies
    of the inputs that name them; `segments`: the stack's layer -> Segment."""
    lgwan, mynumber = segments["lgwan"].workload_subnets[0], segments["mynumber"].workload_subnets[0]

    def instance(n, **more):
        return aws.ec2.Instance(n, ami=AMI, instance_type="t3.small", tags=tags(n), opts=opts,
                                root_block_device={"encrypted": True, "kms_key_id": key}, **more)

    def interface(n, subnet, **more):
        layer = "mynumber" if subnet is mynumber else "lgwan"
        return aws.ec2.NetworkInterface(n, subnet_id=subnet.id, tags={**tags(n), "Layer": layer}, opts=opts, **more)

    def attach(n, subnet):
        return aws.ec2.NetworkInterfaceAttachment(n, instance_id=instance(f"{n}-vm", subnet_id=lgwan.id).id,
                                                  network_interface_id=interface(f"{n}-eni", subnet).id,
                                                  device_index=1, opts=opts)
    return [
        ("bridge-attachment-same-layer", set(), lambda n: attach(n, lgwan)),
        ("bridge-attachment-mynumber", {"GOV-ISO-004"}, lambda n: attach(n, mynumber)),
        ("bridge-interface-attached-to-lgwan-vm", {"GOV-ISO-004"}, lambda n: interface(
            n, mynumber, attachments=[{"instance": instance(f"{n}-vm", subnet_id=lgwan.id).id, "device_index": 1}])),
        ("bridge-template-two-layers", {"GOV-ISO-004"}, lambda n: aws.ec2.LaunchTemplate(
            n, tags=tags(n), opts=opts, network_interfaces=[{"device_index": 0, "subnet_id": lgwan.id},
                                                            {"device_index": 1, "subnet_id": mynumber.id}])),
        ("bridge-template-one-layer", set(), lambda n: aws.ec2.LaunchTemplate(
            n, tags=tags(n), opts=opts, network_interfaces=[{"device_index": 0, "subnet_id": lgwan.id}])),
    ]
