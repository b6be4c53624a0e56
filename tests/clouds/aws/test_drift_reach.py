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
    targets, a service network's associations, a query-logging association's configuration,
    an attached instance's other interfaces, a cluster's endpoint, a function's URLs and policy, a broker,
    a warehouse's subnet group, an ECS cluster's services, a notebook, a VPC file transfer
    server, a database's and a cluster's manual snapshots): for the IAM policy test."""
    from tests.clouds.aws.materialize import session
    from tests.clouds.aws.test_drift_managed import managed_services
    from tests.clouds.aws.test_drift_unseen import layer_function, warehouse_and_broker
    layer_function(moto, ec2, "vendor-hook", layer)
    warehouse_and_broker(moto, ec2, layer, True)  # public: its subnet group is read (moto names no VPC)
    managed_services(moto, ec2, layer, False, "every")  # a cluster's services, a notebook, a VPC server
    session().client("eks", endpoint_url=moto.url).create_cluster(
        name="vendor-private", roleArn="arn:aws:iam::401234560001:role/eks", resourcesVpcConfig={
            "subnetIds": [by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")],
            "endpointPublicAccess": False, "endpointPrivateAccess": True})
    offer_service(moto, ec2, layer, [])
    mirror(moto, ec2, layer)
    lattice(moto, ec2, layer)
    resolver = session().client("route53resolver", endpoint_url=moto.url)
    config = resolver.create_resolver_query_log_config(Name="audit", DestinationArn="arn:aws:s3:::audit-logs",
                                                       CreatorRequestId="every-read")["ResolverQueryLogConfig"]
    resolver.associate_resolver_query_log_config(ResolverQueryLogConfigId=config["Id"],
                                                 ResourceId=by_name(ec2, "vpc", f"131032-minato-{layer}-vpc"))
    ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1,
                      SubnetId=by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a"))
    # an internet-facing load balancer's target group: its targets are read
    from tests.clouds.aws.test_drift_fronts import balancer
    balancer(moto, ec2, "vendor-web", layer=layer)("ip", {"Id": "10.13.27.140", "Port": 443})
    # a manual snapshot of a database and of a cluster: who may restore each is read
    from tests.clouds.aws.test_drift_copies import database
    rds = database(moto, ec2, "vendor-db")
    rds.create_db_snapshot(DBSnapshotIdentifier="vendor-db-kept", DBInstanceIdentifier="vendor-db")
    rds.create_db_cluster(DBClusterIdentifier="vendor-aurora", Engine="aurora-postgresql", MasterUsername="app",
                          MasterUserPassword="Pw" * 8)
    rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="vendor-aurora-kept", DBClusterIdentifier="vendor-aurora")


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
