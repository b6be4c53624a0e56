"""Tamperings on moto that change who reaches a layer, or whom it asks, without touching a
route, a security group or a gateway: an Elastic IP associated with any network interface
in a layer VPC, and a DHCP option set that hands the layer's instances another name server.
(The built state has AWS's default DHCP option set on every VPC, AmazonProvidedDNS, and a
public NAT gateway's own address: neither is a finding, test_drift.py's untouched state.)"""
from __future__ import annotations

import pytest

from tests.clouds.aws.test_drift import by_name
from tests.clouds.aws.test_drift_tampering import drift_of, external_id, found, live  # noqa: F401 (fixtures)

SUBNET = "131032-minato-mynumber-workload-ap-northeast-1a"


def test_an_elastic_ip_on_any_interface_in_a_closed_layer_is_critical(live):
    """Not only an instance's public address: an interface made by hand (or a load
    balancer's) given an Elastic IP is reachable from the internet wherever a route allows."""
    moto, _, ec2 = live
    eni = ec2.create_network_interface(SubnetId=by_name(ec2, "subnet", SUBNET),
                                       Description="vendor maintenance")["NetworkInterface"]["NetworkInterfaceId"]
    allocation = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni)
    report = drift_of(moto)
    assert found(report, "public_ip") == {("unmanaged", "critical")}
    finding = next(f for f in report.findings if f.kind == "public_ip")
    assert finding.key == (eni,) and finding.layer == "mynumber"
    assert finding.actual["address"] == allocation["PublicIp"]


def test_an_instance_with_a_public_address_is_found_by_its_interface(live):
    moto, _, ec2 = live
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": by_name(ec2, "subnet", SUBNET), "AssociatePublicIpAddress": True}])
    instance_id = instance["Instances"][0]["InstanceId"]
    report = drift_of(moto)
    assert {(f.category, f.severity, f.key) for f in report.findings if f.kind == "public_ip"} == \
        {("unmanaged", "critical", (instance_id,))}


def _dhcp(ec2, vpc_name, servers):
    dopt = ec2.create_dhcp_options(DhcpConfigurations=[
        {"Key": "domain-name-servers", "Values": servers}])["DhcpOptions"]["DhcpOptionsId"]
    ec2.associate_dhcp_options(DhcpOptionsId=dopt, VpcId=by_name(ec2, "vpc", vpc_name))


@pytest.mark.parametrize("layer, servers, severity", [
    # the lgwan layer's own resolver answering mynumber's names: queries cross the layers
    ("mynumber", ["10.13.16.10", "AmazonProvidedDNS"], "critical"),
    ("lgwan", ["8.8.8.8"], "critical"),
    ("internet", ["1.1.1.1"], "high"),
])
def test_a_dhcp_option_set_handing_out_another_name_server_is_found(live, layer, servers, severity):
    moto, _, ec2 = live
    _dhcp(ec2, f"131032-minato-{layer}-vpc", servers)
    report = drift_of(moto)
    assert found(report, "vpc", layer) == {("changed", severity)}
    finding = next(f for f in report.findings if f.kind == "vpc")
    assert finding.details["field"] == "dhcp_dns_servers"
    assert finding.actual == sorted(s for s in servers if s != "AmazonProvidedDNS")
    assert finding.expected == []


def test_a_new_option_set_with_the_vpcs_own_resolver_only_is_no_drift(live):
    moto, _, ec2 = live
    _dhcp(ec2, "131032-minato-mynumber-vpc", ["AmazonProvidedDNS"])
    assert drift_of(moto).findings == []


def test_a_nat_gateways_own_address_is_the_nat_gateway_not_a_second_finding(live):
    moto, _, ec2 = live
    subnet = by_name(ec2, "subnet", "131032-minato-internet-workload-ap-northeast-1a")
    ec2.create_nat_gateway(SubnetId=subnet, AllocationId=ec2.allocate_address(Domain="vpc")["AllocationId"])
    report = drift_of(moto)
    assert {f.kind for f in report.findings} == {"nat"}


def test_a_grant_to_another_account_on_a_layer_key_is_critical(live):
    """A grant is a permission beside the key policy: another account given Decrypt on
    mynumber's key reads the layer's data from outside. A grant in the key's own account
    (what AWS services make for the resources they encrypt) is not a finding."""
    from tests.clouds.aws.materialize import session
    from tests.clouds.aws.test_drift import INVENTORY
    moto, ids, _ = live
    kms = session().client("kms", endpoint_url=moto.url)
    key = next(ids[r["urn"]] for r in INVENTORY["resources"] if r["type"] == "aws:kms/key:Key"
               and r["inputs"].get("tags", {}).get("Name") == "131032-minato-mynumber-key")
    own = key.split(":")[4] if key.startswith("arn:") else kms.describe_key(KeyId=key)["KeyMetadata"]["AWSAccountId"]
    kms.create_grant(KeyId=key, GranteePrincipal=f"arn:aws:iam::{own}:role/ebs-attach", Operations=["Decrypt"])
    kms.create_grant(KeyId=key, GranteePrincipal="ec2.ap-northeast-1.amazonaws.com", Operations=["Decrypt"])
    assert drift_of(moto).findings == []
    kms.create_grant(KeyId=key, GranteePrincipal="arn:aws:iam::999988887777:root", Operations=["Decrypt"])
    report = drift_of(moto)
    assert found(report, "kms_key", "mynumber") == {("changed", "critical")}
    finding = next(f for f in report.findings if f.kind == "kms_key")
    assert finding.details["field"] == "grantees_elsewhere"
    assert finding.actual == ["arn:aws:iam::999988887777:root"]


@pytest.mark.parametrize("layer, owner, severity", [
    ("mynumber", None, "critical"), ("internet", None, "high"), ("lgwan", "efs.amazonaws.com", "medium")])
def test_a_private_hosted_zone_associated_with_a_layer_vpc_is_found(live, monkeypatch, layer, owner, severity):
    """A zone answers the layer's names from records nobody declared: `amazonaws.com` in
    mynumber sends its S3 and KMS traffic wherever its records say. A zone an AWS service
    owns (EFS, Cloud Map: Owner.OwningService) is reported at medium."""
    moto, _, ec2 = live
    from clouds.aws.drift_scanner import AwsScanner
    from tests.clouds.aws.materialize import session
    route53 = session().client("route53", endpoint_url=moto.url, region_name="us-east-1")
    route53.create_hosted_zone(Name="amazonaws.com", CallerReference=f"tamper-{layer}",
                               HostedZoneConfig={"PrivateZone": True, "Comment": "vendor override"},
                               VPC={"VPCRegion": "ap-northeast-1", "VPCId": by_name(ec2, "vpc", f"131032-minato-{layer}-vpc")})
    if owner:  # moto makes no service-owned zones: answer as ListHostedZonesByVPC would for one
        original = AwsScanner._private_zones

        def as_service(self, names, layers):
            return [type(i)(i.kind, i.key, i.layer, {"owner": owner}, i.ref) for i in original(self, names, layers)]
        monkeypatch.setattr(AwsScanner, "_private_zones", as_service)
    report = drift_of(moto)
    assert found(report, "private_zone") == {("unmanaged", severity)}
    finding = next(f for f in report.findings if f.kind == "private_zone")
    assert finding.key == (f"131032-minato-{layer}-vpc", "amazonaws.com") and finding.layer == layer


def test_flow_logs_sent_to_another_bucket_are_critical(live):
    """Deleted and made again with the same traffic type and destination type, but to a
    bucket that is not the layer's: compared by the bucket the stack names."""
    moto, _, ec2 = live
    from tests.clouds.aws.materialize import session
    vpc = by_name(ec2, "vpc", "131032-minato-mynumber-vpc")
    logs = ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc]}])["FlowLogs"]
    ec2.delete_flow_logs(FlowLogIds=[f["FlowLogId"] for f in logs])
    session().client("s3", endpoint_url=moto.url).create_bucket(
        Bucket="vendor-archive", CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"})
    ec2.create_flow_logs(ResourceIds=[vpc], ResourceType="VPC", TrafficType="ALL", LogDestinationType="s3",
                         LogDestination="arn:aws:s3:::vendor-archive", MaxAggregationInterval=60)
    report = drift_of(moto)
    assert found(report, "flow_log") == {("changed", "critical")}
    finding = next(f for f in report.findings if f.kind == "flow_log")
    assert (finding.expected, finding.actual) == ("131032-minato-mynumber-flowlogs", "arn:aws:s3:::vendor-archive")


def test_a_log_destination_with_a_prefix_is_its_bucket():
    """AWS takes `arn:aws:s3:::bucket/prefix/` (moto does not): the bucket decides."""
    from clouds.aws.drift_scanner import _name_log_destinations
    from drift.items import Item
    items = [Item("bucket", ("131032-minato-mynumber-flowlogs",), "mynumber", {}, "arn:aws:s3:::minato-fl-1a2b"),
             Item("flow_log", ("131032-minato-mynumber-vpc",), "mynumber",
                  {"destination": "arn:aws:s3:::minato-fl-1a2b/AWSLogs/"}),
             Item("flow_log", ("131032-minato-lgwan-vpc",), "lgwan", {"destination": "arn:aws:s3:::vendor/minato/"})]
    _name_log_destinations(items)
    assert [i.props["destination"] for i in items[1:]] == ["131032-minato-mynumber-flowlogs",
                                                           "arn:aws:s3:::vendor/minato/"]


def offer_service(moto, ec2, layer, principals, acceptance=False):
    """A network load balancer in the layer's workload subnet offered as a PrivateLink
    endpoint service to `principals`. Returns the service id."""
    from tests.clouds.aws.materialize import session
    elb = session().client("elbv2", endpoint_url=moto.url)
    subnet = by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")
    lb = elb.create_load_balancer(Name=f"vendor-{layer}", Subnets=[subnet], Type="network",
                                  Scheme="internal")["LoadBalancers"][0]["LoadBalancerArn"]
    service = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[lb],
                                                            AcceptanceRequired=acceptance)["ServiceConfiguration"]
    if principals:
        ec2.modify_vpc_endpoint_service_permissions(ServiceId=service["ServiceId"], AddAllowedPrincipals=principals)
    return service["ServiceId"]


@pytest.mark.parametrize("layer, principals, severity", [
    ("mynumber", [], "critical"),  # a closed layer's service, even before anyone is allowed
    ("internet", ["arn:aws:iam::999988887777:root"], "critical"),
    ("internet", ["*"], "critical"),
    ("internet", [], "high"),
])
def test_an_endpoint_service_offered_from_a_layer_vpc_is_a_path_in(live, layer, principals, severity):
    moto, _, ec2 = live
    service = offer_service(moto, ec2, layer, principals)
    report = drift_of(moto)
    assert found(report, "endpoint_service") == {("unmanaged", severity)}
    finding = next(f for f in report.findings if f.kind == "endpoint_service")
    assert finding.key == (f"131032-minato-{layer}-vpc", service) and finding.layer == layer
    assert finding.actual["allowed"] == sorted(principals)


def test_an_instance_with_interfaces_in_two_layers_is_a_critical_bridge(live):
    """A multi-VPC ENI attachment: an instance in mynumber given an interface in lgwan's
    subnet routes between the layers itself, past the transit gateway."""
    moto, _, ec2 = live
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1,
                                 SubnetId=by_name(ec2, "subnet", SUBNET))["Instances"][0]["InstanceId"]
    eni = ec2.create_network_interface(SubnetId=by_name(ec2, "subnet", "131032-minato-lgwan-workload-ap-northeast-1a"))
    ec2.attach_network_interface(NetworkInterfaceId=eni["NetworkInterface"]["NetworkInterfaceId"],
                                 InstanceId=instance, DeviceIndex=1)
    report = drift_of(moto)
    assert found(report, "bridge") == {("unmanaged", "critical")}
    finding = next(f for f in report.findings if f.kind == "bridge")
    assert finding.key == (instance,) and finding.layer == "mynumber"
    assert finding.layers == ["lgwan", "mynumber"] and "between layers lgwan and mynumber" in finding.message


def mirror(moto, ec2, layer):
    """A mirror session copying an interface in the layer's workload subnet to an interface
    elsewhere (the internet layer's). Returns the session id."""
    source = ec2.create_network_interface(SubnetId=by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a"))
    sink = ec2.create_network_interface(SubnetId=by_name(ec2, "subnet", "131032-minato-internet-workload-ap-northeast-1a"))
    target = ec2.create_traffic_mirror_target(NetworkInterfaceId=sink["NetworkInterface"]["NetworkInterfaceId"])
    filt = ec2.create_traffic_mirror_filter(Description="all")["TrafficMirrorFilter"]["TrafficMirrorFilterId"]
    return ec2.create_traffic_mirror_session(
        NetworkInterfaceId=source["NetworkInterface"]["NetworkInterfaceId"], SessionNumber=1,
        TrafficMirrorTargetId=target["TrafficMirrorTarget"]["TrafficMirrorTargetId"],
        TrafficMirrorFilterId=filt)["TrafficMirrorSession"]["TrafficMirrorSessionId"]


def lattice(moto, ec2, layer, name="shared-services"):
    from tests.clouds.aws.materialize import session
    client = session().client("vpc-lattice", endpoint_url=moto.url)
    network = client.create_service_network(name=name)
    client.create_service_network_vpc_association(serviceNetworkIdentifier=network["id"],
                                                  vpcIdentifier=by_name(ec2, "vpc", f"131032-minato-{layer}-vpc"))
    return network["arn"]


@pytest.mark.parametrize("layer, severity", [("mynumber", "critical"), ("internet", "high")])
def test_a_mirror_session_on_a_layer_interface_is_found(live, layer, severity):
    moto, _, ec2 = live
    session_id = mirror(moto, ec2, layer)
    report = drift_of(moto)
    assert found(report, "mirror_session") == {("unmanaged", severity)}
    finding = next(f for f in report.findings if f.kind == "mirror_session")
    assert finding.key == (f"131032-minato-{layer}-vpc", session_id) and finding.layer == layer
    assert finding.actual["target"].startswith("eni-")


@pytest.mark.parametrize("layer, severity", [("lgwan", "critical"), ("internet", "high")])
def test_a_layer_vpc_in_a_lattice_service_network_is_found(live, layer, severity):
    moto, _, ec2 = live
    arn = lattice(moto, ec2, layer)
    report = drift_of(moto)
    assert found(report, "lattice_association") == {("unmanaged", severity)}
    finding = next(f for f in report.findings if f.kind == "lattice_association")
    assert finding.key == (f"131032-minato-{layer}-vpc", "shared-services") and finding.actual["network"] == arn


def every_conditional_read(moto, ec2, layer):
    """What makes the scanner make the reads it makes only when there is something to read
    further (an endpoint service's load balancers and permissions, a mirror session's
    targets, a service network's associations): for the IAM policy test."""
    offer_service(moto, ec2, layer, [])
    mirror(moto, ec2, layer)
    lattice(moto, ec2, layer)


@pytest.mark.parametrize("layer, severity", [("mynumber", "critical"), ("internet", "high")])
def test_an_instance_connect_endpoint_in_a_layer_vpc_is_a_path_in(live, layer, severity):
    """A vendor's "maintenance access": SSH into the layer's instances from anywhere, through
    AWS, with no gateway and no public address (moto lacks the API: moto_eice.py)."""
    moto, _, ec2 = live
    subnet = by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")
    endpoint = ec2.create_instance_connect_endpoint(SubnetId=subnet)["InstanceConnectEndpoint"]
    report = drift_of(moto)
    assert found(report, "connect_endpoint") == {("unmanaged", severity)}
    finding = next(f for f in report.findings if f.kind == "connect_endpoint")
    assert finding.key == (f"131032-minato-{layer}-vpc", endpoint["InstanceConnectEndpointId"])
    ec2.delete_instance_connect_endpoint(InstanceConnectEndpointId=endpoint["InstanceConnectEndpointId"])
    assert not any(f.kind == "connect_endpoint" for f in drift_of(moto).findings)


@pytest.mark.parametrize("layer, severity", [("lgwan", "critical"), ("internet", "high")])
def test_a_client_vpn_into_a_layer_vpc_is_a_path_in(live, layer, severity):
    """Remote users let into the layer from anywhere, their traffic leaving through the
    associated subnet: no route, gateway or public address shows it (moto lacks the API:
    moto_client_vpn.py). An endpoint not yet associated with a subnet reaches nothing."""
    moto, _, ec2 = live
    endpoint = ec2.create_client_vpn_endpoint(
        ClientCidrBlock="172.31.0.0/22", ServerCertificateArn="arn:aws:acm:ap-northeast-1:123456789012:certificate/x",
        AuthenticationOptions=[{"Type": "certificate-authentication", "MutualAuthentication": {
            "ClientRootCertificateChainArn": "arn:aws:acm:ap-northeast-1:123456789012:certificate/x"}}],
        ConnectionLogOptions={"Enabled": False})["ClientVpnEndpointId"]
    assert not any(f.kind == "client_vpn" for f in drift_of(moto).findings)  # pending-associate, no VPC
    subnet = by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")
    ec2.associate_client_vpn_target_network(ClientVpnEndpointId=endpoint, SubnetId=subnet)
    report = drift_of(moto)
    assert found(report, "client_vpn") == {("unmanaged", severity)}
    finding = next(f for f in report.findings if f.kind == "client_vpn")
    assert finding.key == (f"131032-minato-{layer}-vpc", endpoint) and finding.layer == layer
    assert finding.actual["subnets"] == [subnet] and finding.actual["clients"] == "172.31.0.0/22"
    ec2.delete_client_vpn_endpoint(ClientVpnEndpointId=endpoint)
    assert not any(f.kind == "client_vpn" for f in drift_of(moto).findings)


@pytest.mark.parametrize("layer, how, severity", [("mynumber", "network-interface", "critical"),
                                                   ("internet", "cidr", "high")])
def test_a_verified_access_endpoint_into_a_layer_vpc_is_a_path_in(live, layer, how, severity):
    """An application inside the layer published to the internet through Verified Access,
    by an interface or by subnets (moto lacks the API: moto_verified_access.py); placed by
    the layer's own subnets and interfaces, since the endpoint names no VPC."""
    moto, _, ec2 = live
    subnet = by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")
    options = {"NetworkInterfaceOptions": {"NetworkInterfaceId": ec2.create_network_interface(
        SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"], "Protocol": "https", "Port": 443}} \
        if how == "network-interface" else {"CidrOptions": {"Cidr": "10.13.0.0/24", "SubnetIds": [subnet],
                                                            "Protocol": "tcp", "PortRanges": [{"FromPort": 22,
                                                                                               "ToPort": 22}]}}
    endpoint = ec2.create_verified_access_endpoint(
        VerifiedAccessGroupId="vagr-0vendor000000001", EndpointType=how, AttachmentType="vpc",
        **options)["VerifiedAccessEndpoint"]["VerifiedAccessEndpointId"]
    report = drift_of(moto)
    assert found(report, "verified_access") == {("unmanaged", severity)}
    finding = next(f for f in report.findings if f.kind == "verified_access")
    assert finding.key == (f"131032-minato-{layer}-vpc", endpoint) and finding.actual["type"] == how
    ec2.delete_verified_access_endpoint(VerifiedAccessEndpointId=endpoint)
    assert not any(f.kind == "verified_access" for f in drift_of(moto).findings)


def test_a_route_table_steering_what_comes_in_through_a_gateway_is_found(live):
    """An edge association: a table associated with the internet gateway routes the traffic
    coming in (to an appliance of someone's choosing) before the subnets' own tables."""
    moto, _, ec2 = live
    vpc = by_name(ec2, "vpc", "131032-minato-internet-vpc")
    gateway = ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc]}])
    gateway = gateway["InternetGateways"][0]["InternetGatewayId"] if gateway["InternetGateways"] else None
    if gateway is None:  # a layer without its own gateway: the tampering brings one (itself a finding)
        gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    table = ec2.create_route_table(VpcId=vpc, TagSpecifications=[{"ResourceType": "route-table", "Tags": [
        {"Key": "Name", "Value": "vendor-ingress"}]}])["RouteTable"]["RouteTableId"]
    ec2.associate_route_table(RouteTableId=table, GatewayId=gateway)
    report = drift_of(moto)
    assert found(report, "edge_association") == {("unmanaged", "high")}
    finding = next(f for f in report.findings if f.kind == "edge_association")
    assert finding.key == ("131032-minato-internet-vpc", "vendor-ingress") and finding.actual["gateway"] == "igw"


def test_a_key_alias_re_pointed_to_another_key_is_critical(live):
    """Whatever encrypts "with alias/govcloud/131032-minato/account-default" now uses the
    key the alias names: a key of someone else's making, with a policy of theirs."""
    from tests.clouds.aws.materialize import session
    moto, _, _ = live
    kms = session().client("kms", endpoint_url=moto.url)
    alias = next(a for a in kms.list_aliases()["Aliases"]  # the network account's, in Tokyo
                 if a["AliasName"] == "alias/govcloud/131032-minato/account-default")
    other = kms.create_key(Description="vendor")["KeyMetadata"]["KeyId"]
    kms.update_alias(AliasName=alias["AliasName"], TargetKeyId=other)
    report = drift_of(moto)
    assert found(report, "kms_alias") == {("changed", "critical")}
    finding = next(f for f in report.findings if f.kind == "kms_alias")
    assert finding.key == ("alias/govcloud/131032-minato/account-default", "network", "ap-northeast-1")
    assert finding.actual == other and finding.expected == "131032-minato-account-default-key"


def test_a_bucket_policy_letting_another_account_in_is_critical(live):
    import json

    from tests.clouds.aws.materialize import session
    moto, ids, _ = live
    s3 = session().client("s3", endpoint_url=moto.url)
    from tests.clouds.aws.test_drift import INVENTORY
    bucket = next(ids[r["urn"]] for r in INVENTORY["resources"] if r["type"] == "aws:s3/bucket:Bucket"
                  and r["inputs"].get("tags", {}).get("Layer") == "mynumber").split(":::", 1)[1]
    policy = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
    policy["Statement"].append({"Sid": "VendorRead", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
                                "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"})
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
    report = drift_of(moto)
    assert found(report, "bucket") == {("changed", "critical")}
    finding = next(f for f in report.findings if f.kind == "bucket")
    assert finding.details["field"] == "policy_principals"
    assert "AWS:arn:aws:iam::999988887777:root" in finding.actual


@pytest.mark.parametrize("to, expected_actual", [("aws", "aws/ebs"), ("vendor", None)])
def test_the_accounts_default_ebs_key_changed_is_found(live, to, expected_actual):
    """New volumes are encrypted with the account's default EBS key: put back to the AWS
    managed key (ResetEbsDefaultKmsKeyId), or set to a key nobody declared, the layer's
    volumes no longer use the tenancy's key. moto lacks the API: moto_ebs_key.py."""
    from tests.clouds.aws.materialize import session
    moto, _, ec2 = live
    if to == "aws":
        ec2.reset_ebs_default_kms_key_id()
    else:
        key = session().client("kms", endpoint_url=moto.url).create_key(Description="vendor")["KeyMetadata"]["Arn"]
        ec2.modify_ebs_default_kms_key_id(KmsKeyId=key)
        expected_actual = key
    report = drift_of(moto)
    assert found(report, "ebs_default") == {("changed", "high")}
    finding = next(f for f in report.findings if f.kind == "ebs_default")
    assert finding.key == ("account", "network", "ap-northeast-1") and finding.details["field"] == "key"
    assert (finding.expected, finding.actual) == ("131032-minato-account-default-key", expected_actual)
