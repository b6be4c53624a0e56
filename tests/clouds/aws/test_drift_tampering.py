"""Tamperings an attacker (or a hurried vendor) makes that keep every resource in place but
open a path between layers, hide behind a removed tag, or switch a key off; each must be
found with its category and severity on moto. The 港区 state is built once per server from
the plan (tests/clouds/aws/materialize.py), with each subnet's route table and network ACL
linked as declared; several independent tamperings go into one test to keep CI short."""
from __future__ import annotations

import pytest

from drift.run import detect
from tests.clouds.aws.materialize import EXTERNAL_ID, in_account, materialize, session
from tests.clouds.aws.test_drift import INVENTORY, MINATO, by_name

MYNUMBER_VPC = "131032-minato-mynumber-vpc"
SUBNET = "131032-minato-mynumber-workload-ap-northeast-1a"


@pytest.fixture(autouse=True)
def external_id(monkeypatch):
    monkeypatch.setenv("GOVCLOUD_EXTERNAL_ID", EXTERNAL_ID)


@pytest.fixture
def live(moto):
    # built once per server, then put back before each test (moto_launcher.py keeps a copy)
    ids = moto.prepared("131032-minato-five-systems", lambda: materialize(INVENTORY, moto.url))
    return moto, ids, session().client("ec2", endpoint_url=moto.url)


def drift_of(moto):
    return detect(MINATO, INVENTORY, options={"session": session(), "endpoint_url": moto.url,
                                              "external_id": EXTERNAL_ID})


def found(report, kind, key_part=None):
    """(category, severity) of the findings of a kind whose key mentions key_part."""
    return {(f.category, f.severity) for f in report.findings
            if f.kind == kind and (key_part is None or any(key_part in str(k) for k in f.key))}


def table_of(ec2, name):
    return ec2.describe_route_tables(Filters=[{"Name": "tag:Name", "Values": [name]}])["RouteTables"][0]


def test_links_and_route_targets_are_compared_by_identity(live):
    moto, _, ec2 = live
    # 1. a mynumber subnet taken off its table: it falls back to the VPC's main table
    table = table_of(ec2, "131032-minato-mynumber-rt")
    subnet = by_name(ec2, "subnet", SUBNET)
    association = next(a for a in table["Associations"] if a.get("SubnetId") == subnet)
    ec2.disassociate_route_table(AssociationId=association["RouteTableAssociationId"])
    # 2. another mynumber subnet moved to the VPC's default network ACL (allows everything)
    other = by_name(ec2, "subnet", "131032-minato-mynumber-transit-ap-northeast-1c")
    vpc = by_name(ec2, "vpc", MYNUMBER_VPC)
    default_acl = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                     {"Name": "default", "Values": ["true"]}])["NetworkAcls"][0]
    current = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [other]}])["NetworkAcls"][0]
    link = next(a for a in current["Associations"] if a["SubnetId"] == other)
    ec2.replace_network_acl_association(AssociationId=link["NetworkAclAssociationId"],
                                        NetworkAclId=default_acl["NetworkAclId"])
    # 3. the route to the data center re-pointed at another transit gateway: same type, not ours
    rogue = ec2.create_transit_gateway(Description="rogue")["TransitGateway"]["TransitGatewayId"]
    ec2.replace_route(RouteTableId=table["RouteTableId"], DestinationCidrBlock="172.20.0.0/20",
                      TransitGatewayId=rogue)
    report = drift_of(moto)
    links = {f.key: f for f in report.findings if f.kind == "subnet_link"}
    assert links[(SUBNET, "route-table")].severity == "critical"
    assert "131032-minato-mynumber-vpc (main)" in links[(SUBNET, "route-table")].message
    assert links[("131032-minato-mynumber-transit-ap-northeast-1c", "nacl")].severity == "critical"
    assert "(default)" in links[("131032-minato-mynumber-transit-ap-northeast-1c", "nacl")].message
    route = next(f for f in report.findings if f.kind == "route" and f.key[-1] == "172.20.0.0/20"
                 and f.key[0] == "131032-minato-mynumber-rt")
    assert (route.category, route.severity) == ("changed", "critical")
    assert route.details == {"field": "target", "expected": "transit-gateway 131032-minato-tgw",
                             "actual": f"transit-gateway {rogue}"}


def test_whatever_is_attached_to_a_layer_vpc_is_read_whatever_its_tags(live):
    moto, _, ec2 = live
    mynumber = by_name(ec2, "vpc", MYNUMBER_VPC)
    lgwan = by_name(ec2, "vpc", "131032-minato-lgwan-vpc")
    # an untagged transit gateway of someone else's, attached to the lgwan VPC
    foreign = ec2.create_transit_gateway(Description="vendor hub")["TransitGateway"]["TransitGatewayId"]
    subnet = by_name(ec2, "subnet", "131032-minato-lgwan-transit-ap-northeast-1a")
    ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=foreign, VpcId=lgwan, SubnetIds=[subnet])
    # a VPN gateway and an egress-only internet gateway on the mynumber VPC, no tags
    vgw = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
    ec2.attach_vpn_gateway(VpcId=mynumber, VpnGatewayId=vgw)
    ec2.create_egress_only_internet_gateway(VpcId=mynumber)
    # a PrivateLink endpoint to a third party's service, and a secondary block on the VPC
    ec2.create_vpc_endpoint(VpcId=mynumber, ServiceName="com.vendor.privatelink.exfil", VpcEndpointType="Interface")
    ec2.associate_vpc_cidr_block(VpcId=mynumber, CidrBlock="10.13.200.0/24")
    report = drift_of(moto)
    assert found(report, "tgw_attachment", f"131032-minato-lgwan-vpc -> {foreign}") == {("unmanaged", "critical")}
    assert found(report, "vgw", MYNUMBER_VPC) == {("unmanaged", "critical")}
    assert found(report, "eigw", MYNUMBER_VPC) == {("unmanaged", "critical")}
    assert found(report, "endpoint", "com.vendor.privatelink.exfil") == {("unmanaged", "critical")}
    vpc = next(f for f in report.findings if f.kind == "vpc" and f.key == (MYNUMBER_VPC,))
    assert (vpc.category, vpc.severity, vpc.details["actual"]) == ("changed", "high", ["10.13.200.0/24"])


def test_a_removed_or_changed_tag_hides_nothing(live):
    moto, _, ec2 = live
    lgwan = by_name(ec2, "vpc", "131032-minato-lgwan-vpc")
    ec2.delete_tags(Resources=[lgwan], Tags=[{"Key": "MunicipalityCode"}])
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=lgwan)
    # the transit gateway's code changed to another municipality's: its Name still says whose
    gateway = ec2.describe_transit_gateways()["TransitGateways"]
    ours = next(g["TransitGatewayId"] for g in gateway
                if {"Key": "Name", "Value": "131032-minato-tgw"} in g.get("Tags", []))
    ec2.create_tags(Resources=[ours], Tags=[{"Key": "MunicipalityCode", "Value": "999999"}])
    report = drift_of(moto)
    assert found(report, "igw", "131032-minato-lgwan-vpc") == {("unmanaged", "critical")}
    assert ("changed", "medium") in found(report, "vpc", "131032-minato-lgwan-vpc")
    assert not found(report, "tgw", "131032-minato-tgw") - {("changed", "medium")}
    assert not [f for f in report.findings if f.category == "missing"], [f.message for f in report.findings]


def test_openness_is_judged_on_what_the_ranges_cover(live):
    """Four ways to open a layer without writing 0.0.0.0/0, each found as critical."""
    moto, _, ec2 = live

    def group(name):
        return ec2.describe_security_groups(Filters=[{"Name": "tag:Name", "Values": [name]}])["SecurityGroups"][0]

    def allow(group_id, **ranges):
        ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, **ranges}])

    # the two halves of the IPv4 space on one declared group, IPv6 any on the other
    allow(group("131032-minato-mynumber-endpoints")["GroupId"],
          IpRanges=[{"CidrIp": "0.0.0.0/1"}, {"CidrIp": "128.0.0.0/1"}])
    allow(group("131032-minato-lgwan-endpoints")["GroupId"], Ipv6Ranges=[{"CidrIpv6": "::/0"}])
    # a new group that names a prefix list holding everything
    plist = ec2.create_managed_prefix_list(PrefixListName="everything", MaxEntries=2, AddressFamily="IPv4",
                                           Entries=[{"Cidr": "0.0.0.0/0"}])["PrefixList"]["PrefixListId"]
    rogue = ec2.create_security_group(GroupName="vendor-debug", Description="debug",
                                      VpcId=by_name(ec2, "vpc", "131032-minato-internet-vpc"))["GroupId"]
    allow(rogue, PrefixListIds=[{"PrefixListId": plist}])
    # a network ACL entry that lets IPv6 in
    acl = ec2.describe_network_acls(Filters=[{"Name": "tag:Name", "Values": ["131032-minato-lgwan-nacl"]}])["NetworkAcls"][0]
    ec2.create_network_acl_entry(NetworkAclId=acl["NetworkAclId"], RuleNumber=5, Protocol="-1", RuleAction="allow",
                                 Egress=False, Ipv6CidrBlock="::/0")
    report = drift_of(moto)
    assert found(report, "security_group", "131032-minato-mynumber-endpoints") == {("changed", "critical")}
    assert found(report, "security_group", "131032-minato-lgwan-endpoints") == {("changed", "critical")}
    assert found(report, "security_group", "vendor-debug") == {("unmanaged", "critical")}
    assert found(report, "nacl", "131032-minato-lgwan-nacl") == {("changed", "critical")}


def test_key_state_and_undeclared_keys_carrying_the_code(live):
    moto, ids, _ = live
    kms = session().client("kms", endpoint_url=moto.url)
    keys = {r["inputs"]["tags"]["Name"]: ids[r["urn"]].rsplit("/", 1)[-1] for r in INVENTORY["resources"]
            if r["type"] == "aws:kms/key:Key" and r["urn"] in ids and r["inputs"].get("tags", {}).get("Name")}
    kms.disable_key(KeyId=keys["131032-minato-mynumber-key"])
    kms.schedule_key_deletion(KeyId=keys["131032-minato-lgwan-key"], PendingWindowInDays=7)
    # a system account's flow-log key, disabled through that account's role
    system_kms = in_account("401234560012", moto.url).client("kms", endpoint_url=moto.url)
    system_kms.disable_key(KeyId=keys["131032-minato-401234560012-flowlogs-key"])
    # a key nobody declared, carrying the municipality code
    kms.create_key(Description="leftover", Tags=[{"TagKey": "MunicipalityCode", "TagValue": "131032"},
                                                 {"TagKey": "Name", "TagValue": "131032-leftover"}])
    report = drift_of(moto)
    assert found(report, "kms_key", "131032-minato-mynumber-key") == {("changed", "critical")}
    lgwan = [f for f in report.findings if f.kind == "kms_key" and f.key == ("131032-minato-lgwan-key",)]
    assert [(f.severity, f.details["actual"]) for f in lgwan if f.details.get("field") == "state"] == \
        [("critical", "PendingDeletion")]
    assert found(report, "kms_key", "401234560012-flowlogs-key") == {("changed", "critical")}
    assert found(report, "kms_key", "131032-leftover") == {("unmanaged", "medium")}


def test_the_secondary_region_is_read_too(live):
    moto, _, _ = live
    osaka = session().client("ec2", endpoint_url=moto.url, region_name="ap-northeast-3")
    osaka.create_vpc(CidrBlock="10.13.64.0/24", TagSpecifications=[{"ResourceType": "vpc", "Tags": [
        {"Key": "MunicipalityCode", "Value": "131032"}, {"Key": "Name", "Value": "131032-osaka-shadow"}]}])
    report = drift_of(moto)
    assert found(report, "vpc", "131032-osaka-shadow") == {("unmanaged", "medium")}


def test_ebs_default_encryption_turned_off_in_the_secondary_region_is_found(live):
    moto, _, _ = live
    osaka = session().client("ec2", endpoint_url=moto.url, region_name="ap-northeast-3")
    osaka.disable_ebs_encryption_by_default()
    report = drift_of(moto)
    (f,) = [f for f in report.findings if f.kind == "ebs_default"]
    assert (f.category, f.key[-1], f.details["expected"], f.details["actual"]) == \
        ("changed", "ap-northeast-3", True, False)


def test_a_resource_share_that_hands_the_tenancy_to_another_account_is_critical(live):
    """RAM shares are read by association, whatever their tags: a mynumber subnet shared
    with an outside account lets it launch into the layer; the transit gateway's share
    re-made with one more principal lets that account attach a VPC to the hub."""
    moto, _, ec2 = live
    ram = session().client("ram", endpoint_url=moto.url)
    subnet = ec2.describe_subnets(SubnetIds=[by_name(ec2, "subnet", SUBNET)])["Subnets"][0]["SubnetArn"]
    ram.create_resource_share(name="vendor-maintenance", resourceArns=[subnet], principals=["999988887777"])
    (ours,) = [s for s in ram.get_resource_shares(resourceOwner="SELF")["resourceShares"]
               if s["name"] == "govcloud-131032-minato-transit-gateway"]
    associations = ram.get_resource_share_associations(associationType="RESOURCE",
                                                       resourceShareArns=[ours["resourceShareArn"]])
    gateway = associations["resourceShareAssociations"][0]["associatedEntity"]
    principals = [a["associatedEntity"] for a in ram.get_resource_share_associations(
        associationType="PRINCIPAL", resourceShareArns=[ours["resourceShareArn"]])["resourceShareAssociations"]]
    ram.delete_resource_share(resourceShareArn=ours["resourceShareArn"])
    ram.create_resource_share(name=ours["name"], resourceArns=[gateway], principals=principals + ["999988887777"])
    report = drift_of(moto)
    assert found(report, "ram_share", "vendor-maintenance") == {("unmanaged", "critical")}
    (shared,) = [f for f in report.findings if f.kind == "ram_share" and f.category == "unmanaged"]
    assert shared.details["resources"] == [f"subnet {SUBNET}"]
    (changed,) = [f for f in report.findings if f.kind == "ram_share" and f.category == "changed"]
    assert (changed.severity, changed.details["field"]) == ("critical", "principals")
    assert set(changed.details["actual"]) - set(changed.details["expected"]) == {"999988887777"}
    assert report.drifted


def test_the_transit_gateway_share_deleted_is_found(live):
    moto, _, _ = live
    ram = session().client("ram", endpoint_url=moto.url)
    for share in ram.get_resource_shares(resourceOwner="SELF")["resourceShares"]:
        ram.delete_resource_share(resourceShareArn=share["resourceShareArn"])
    report = drift_of(moto)
    assert found(report, "ram_share") == {("missing", "high")}


# last in the file: the sweep fills every region of moto, and resetting that takes a while
def test_a_footprint_outside_japan_is_critical_with_regions_all(live, monkeypatch):
    import threading
    from clouds.aws.drift_scanner import AwsScanner
    moto, _, _ = live
    sweepers: set = set()  # the threads that asked the tagging API (the sweep reads at once)
    read = AwsScanner._all

    def noted(self, service, operation, *args, **kwargs):
        if operation == "get_resources":
            sweepers.add(threading.current_thread().name)
        return read(self, service, operation, *args, **kwargs)
    monkeypatch.setattr(AwsScanner, "_all", noted)
    virginia = session().client("ec2", endpoint_url=moto.url, region_name="us-east-1")
    vpc = virginia.create_vpc(CidrBlock="10.50.0.0/24", TagSpecifications=[{"ResourceType": "vpc", "Tags": [
        {"Key": "MunicipalityCode", "Value": "131032"}, {"Key": "Name", "Value": "shadow-it"}]}])["Vpc"]["VpcId"]
    s3 = session().client("s3", endpoint_url=moto.url, region_name="eu-west-1")
    s3.create_bucket(Bucket="minato-export", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.put_bucket_tagging(Bucket="minato-export", Tagging={"TagSet": [{"Key": "MunicipalityCode", "Value": "131032"}]})
    # by default only the declared regions are read: the Virginia VPC is not seen; the Irish
    # bucket is (S3 lists every bucket of the account with where it is kept)
    assert {f.ref for f in drift_of(moto).findings if f.kind == "footprint"} == {"arn:aws:s3:::minato-export"}
    report = detect(MINATO, INVENTORY, options={"session": session(), "endpoint_url": moto.url,
                                                "external_id": EXTERNAL_ID, "regions": "all"})
    footprints = {f.key: f for f in report.findings if f.kind == "footprint"}
    assert {k[0] for k in footprints} == {"us-east-1", "eu-west-1"}
    assert all((f.category, f.severity) == ("unmanaged", "critical") for f in footprints.values())
    assert any(vpc in f.ref for f in footprints.values())
    assert any(f.ref == "arn:aws:s3:::minato-export" for f in footprints.values())
    # the declared buckets, listed by S3 in every region, are not counted as footprints
    assert len(footprints) == 2
    assert len({name for name in sweepers if name.startswith("drift-sweep")}) > 1


def test_a_bucket_acl_that_lets_someone_in_and_dns_switched_off(live):
    """Two tamperings found in session 18's own red-team run (not in the issue's list):
    - a log bucket's ACL granting another account (Block Public Access does not stop a grant
      to an account) and another granting everyone: critical;
    - DNS support switched off on the mynumber VPC: the closed layer's interface endpoints
      lose their private names (AWS requires both DNS attributes for private DNS): high."""
    moto, _, ec2 = live
    s3 = session().client("s3", endpoint_url=moto.url)
    buckets = sorted(b["Name"] for b in s3.list_buckets()["Buckets"] if "flowlogs" in b["Name"])
    owner = s3.get_bucket_acl(Bucket=buckets[0])["Owner"]["ID"]
    elsewhere = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"  # another account's canonical id
    s3.put_bucket_acl(Bucket=buckets[0], GrantFullControl=f"id={owner}", GrantRead=f"id={elsewhere}")
    s3.put_bucket_acl(Bucket=buckets[1], ACL="public-read")
    ec2.modify_vpc_attribute(VpcId=by_name(ec2, "vpc", MYNUMBER_VPC), EnableDnsSupport={"Value": False})
    report = drift_of(moto)
    acl = {f.key[0]: f for f in report.findings if f.kind == "bucket" and f.details.get("field") == "acl_grants"}
    assert len(acl) == 2 and {f.severity for f in acl.values()} == {"critical"}
    assert sorted(f.details["actual"] for f in acl.values()) == sorted([["AllUsers READ"], [f"{elsewhere} READ"]])
    dns = [f for f in report.findings if f.kind == "vpc" and f.details.get("field") == "dns"]
    assert [(f.key, f.severity, f.details["actual"]) for f in dns] == [((MYNUMBER_VPC,), "high", ["hostnames"])]


def test_an_interface_endpoint_without_its_private_names_is_high(live):
    """The closed layer reaches AWS APIs only through its interface endpoints, by their
    private DNS names (pulumi_aws VpcEndpoint private_dns_enabled: "Most users will want this
    enabled to allow services within the VPC to automatically use the endpoint"). Switched off,
    the names lead to the public endpoints the layer cannot reach: high, in the same read."""
    moto, _, ec2 = live
    vpc = by_name(ec2, "vpc", MYNUMBER_VPC)
    endpoint = next(e for e in ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["VpcEndpoints"]
                    if e["VpcEndpointType"] == "Interface")
    assert endpoint["PrivateDnsEnabled"] is True  # as declared
    # moto keeps PrivateDnsEnabled through modify_vpc_endpoint: the same endpoint made again without it
    ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
    ec2.create_vpc_endpoint(VpcId=vpc, ServiceName=endpoint["ServiceName"], VpcEndpointType="Interface",
                            SubnetIds=endpoint["SubnetIds"], SecurityGroupIds=[g["GroupId"] for g in endpoint["Groups"]],
                            PolicyDocument=endpoint["PolicyDocument"], PrivateDnsEnabled=False,
                            TagSpecifications=[{"ResourceType": "vpc-endpoint", "Tags": endpoint["Tags"]}])
    report = drift_of(moto)
    assert [(f.kind, f.key, f.severity, f.details["actual"]) for f in report.findings] == \
        [("endpoint", (MYNUMBER_VPC, endpoint["ServiceName"]), "high", False)]


def test_a_buckets_events_sent_to_another_accounts_topic_are_found(live):
    """A notification nobody declared sends every event of the layer's bucket (the object's
    key, size and requester) to a topic of another account: high, and gone again, nothing."""
    moto, _, _ = live
    s3 = session().client("s3", endpoint_url=moto.url)
    bucket = next(b["Name"] for b in s3.list_buckets()["Buckets"] if "mynumber" in b["Name"])
    topic = "arn:aws:sns:ap-northeast-1:999988887777:collector"
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={
        "TopicConfigurations": [{"TopicArn": topic, "Events": ["s3:ObjectCreated:*"]}]})
    changed = [f for f in drift_of(moto).findings if f.kind == "bucket" and f.details.get("field") == "notifications"]
    assert [(f.category, f.severity, f.details["actual"]) for f in changed] == [("changed", "high", [topic])]
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={})
    assert not [f for f in drift_of(moto).findings if f.kind == "bucket"]


def test_notification_targets_read_the_same_from_the_api_and_the_plan():
    from clouds.aws.drift_forms import declared_notification_targets, notification_targets
    from inventory.view import Resource
    topic, queue = "arn:aws:sns:ap-northeast-1:1:t", "arn:aws:sqs:ap-northeast-1:1:q"
    assert notification_targets({"TopicConfigurations": [{"TopicArn": topic, "Events": []}],
                                 "QueueConfigurations": [{"QueueArn": queue}], "EventBridgeConfiguration": {}}) == \
        declared_notification_targets(Resource("aws:s3/bucketNotification:BucketNotification", "n", "urn", {
            "bucket": "b", "topics": [{"topicArn": topic}], "queues": [{"queueArn": queue}], "eventbridge": True})) == \
        sorted([topic, queue, "eventbridge"])
    assert notification_targets({}) == [] == declared_notification_targets(Resource("t", "n", "urn", {}))
