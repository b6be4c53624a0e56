"""Session 25's red team on moto, tamperings outside the tests that went unseen (or were found
too low): a database snapshot made public or shared with another account, a function inside a
closed layer that anyone (or an API on the internet) may invoke, a bucket named as the
tenancy's but untagged, or kept outside Japan, a hosted VIF handed to another account on the
tenancy's line, and a group nobody declared admitting public addresses into a closed layer.
The 港区 state and helpers are test_drift_tampering.py's."""
from __future__ import annotations

import datetime as dt
import json

from drift.run import detect
from tests.clouds.aws.materialize import EXTERNAL_ID, in_account, session
from tests.clouds.aws.test_drift import INVENTORY, MINATO, by_name
from tests.clouds.aws.test_drift_tampering import MYNUMBER_VPC, drift_of
from tests.clouds.aws.test_drift_unseen import layer_function
from tests.clouds.aws.test_drift_tampering import external_id, live  # noqa: F401 - fixtures

KYOTSU = "401234560011"  # 共通基盤's system account (mynumber) in the drift tests' 港区
NETWORK = "123456789012"  # the network account (moto's default)


def client(moto, service, region="ap-northeast-1", account=None):
    chosen = in_account(account, moto.url) if account else session()
    return chosen.client(service, endpoint_url=moto.url, region_name=region)


def database(moto, ec2, name):
    """A PostgreSQL instance in mynumber's workload subnet (private: not itself a finding)."""
    rds = client(moto, "rds")
    subnet = by_name(ec2, "subnet", "131032-minato-mynumber-workload-ap-northeast-1a")
    rds.create_db_subnet_group(DBSubnetGroupName=f"{name}-subnets", DBSubnetGroupDescription="juki",
                               SubnetIds=[subnet])
    rds.create_db_instance(DBInstanceIdentifier=name, Engine="postgres", DBInstanceClass="db.t3.micro",
                           DBSubnetGroupName=f"{name}-subnets", MasterUsername="app", MasterUserPassword="Pw" * 8,
                           AllocatedStorage=20, PubliclyAccessible=False)
    return rds


def test_a_database_snapshot_anyone_or_another_account_may_restore_is_found(live):
    """RDS: a manual snapshot of 住基's database made public (`restore` all): critical; one
    shared with an account outside the tenancy: high, naming only that account; one shared only
    with the tenancy's own accounts (a system account, the network account): nothing. An Aurora cluster snapshot made public:
    critical. The snapshots themselves, unshared, are the systems' business."""
    moto, _, ec2 = live
    rds = database(moto, ec2, "juki-db")
    for snapshot, shared_with in (("juki-public", ["all"]), ("juki-vendor", ["999988887777", KYOTSU]),
                                  ("juki-own", [KYOTSU, NETWORK]), ("juki-kept", [])):
        rds.create_db_snapshot(DBSnapshotIdentifier=snapshot, DBInstanceIdentifier="juki-db")
        if shared_with:
            rds.modify_db_snapshot_attribute(DBSnapshotIdentifier=snapshot, AttributeName="restore",
                                             ValuesToAdd=shared_with)
    rds.create_db_cluster(DBClusterIdentifier="kyotsu-aurora", Engine="aurora-postgresql", MasterUsername="app",
                          MasterUserPassword="Pw" * 8)
    rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="kyotsu-aurora-public",
                                   DBClusterIdentifier="kyotsu-aurora")
    rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier="kyotsu-aurora-public",
                                             AttributeName="restore", ValuesToAdd=["all"])
    report = drift_of(moto)
    copies = {f.key[-1]: (f.category, f.severity) for f in report.findings if f.kind == "public_copy"}
    assert set(copies) == {"juki-public", "juki-vendor", "kyotsu-aurora-public"}
    assert copies["juki-public"] == ("unmanaged", "critical")
    assert copies["juki-vendor"] == ("unmanaged", "high")
    assert copies["kyotsu-aurora-public"] == ("unmanaged", "critical")
    vendor = next(f for f in report.findings if f.kind == "public_copy" and f.key[-1] == "juki-vendor")
    assert vendor.details == {"type": "db-snapshot", "from": "juki-db", "shared_with": ["999988887777"]}
    assert vendor.layer == "mynumber"  # the VPC its database ran in
    assert report.drifted  # `govcloud drift` exits 1


def test_a_function_in_a_closed_layer_that_others_may_invoke_is_found(live):
    """Lambda's resource-based policy: a mynumber function anyone may invoke (Principal *) and an
    lgwan function an API Gateway API may invoke (a front on the internet): critical; an lgwan
    function EventBridge may invoke: high; one only its own account may invoke: nothing."""
    moto, _, ec2 = live
    layer_function(moto, ec2, "juki-export", "mynumber", grouped=True).add_permission(
        FunctionName="juki-export", StatementId="anyone", Action="lambda:InvokeFunction", Principal="*")
    layer_function(moto, ec2, "shinsei-api", "lgwan", grouped=True).add_permission(
        FunctionName="shinsei-api", StatementId="api", Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com", SourceArn="arn:aws:execute-api:ap-northeast-1:123456789012:abc123/*")
    layer_function(moto, ec2, "shinsei-batch", "lgwan", grouped=True).add_permission(
        FunctionName="shinsei-batch", StatementId="schedule", Action="lambda:InvokeFunction",
        Principal="events.amazonaws.com")
    layer_function(moto, ec2, "shinsei-own", "lgwan", grouped=True).add_permission(
        FunctionName="shinsei-own", StatementId="own", Action="lambda:InvokeFunction", Principal="123456789012")
    report = drift_of(moto)
    invokers = {f.key: (f.category, f.severity, f.layer) for f in report.findings if f.kind == "function_invokers"}
    assert invokers == {(MYNUMBER_VPC, "juki-export"): ("unmanaged", "critical", "mynumber"),
                        ("131032-minato-lgwan-vpc", "shinsei-api"): ("unmanaged", "critical", "lgwan"),
                        ("131032-minato-lgwan-vpc", "shinsei-batch"): ("unmanaged", "high", "lgwan")}


def test_the_invokers_a_policy_names_outside_the_functions_account():
    from clouds.aws.drift_public import invokers_outside
    arn = "arn:aws:lambda:ap-northeast-1:123456789012:function:f"

    def policy(*principals):
        return json.dumps({"Statement": [{"Effect": "Allow", "Principal": p, "Action": "lambda:InvokeFunction"}
                                         for p in principals]})
    assert invokers_outside(None, arn) == []
    assert invokers_outside(policy({"AWS": "arn:aws:iam::123456789012:root"}), arn) == []
    assert invokers_outside(policy({"AWS": "*"}), arn) == ["*"]
    assert invokers_outside(policy({"AWS": "arn:aws:iam::111122223333:root"}, {"Service": "sns.amazonaws.com"}),
                            arn) == ["AWS:arn:aws:iam::111122223333:root", "Service:sns.amazonaws.com"]
    assert invokers_outside(policy("111122223333"), arn) == ["AWS:111122223333"]
    # a Deny lets nobody in
    assert invokers_outside(json.dumps({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*"}]}), arn) == []


def test_a_bucket_named_as_the_tenancys_or_kept_abroad_is_found_whatever_its_tags(live):
    """S3 is global: every bucket the accounts hold is listed once (ListBuckets, with where each
    is kept). An untagged bucket named as the tenancy names its own (`131032-...`) in Tokyo:
    unmanaged; a bucket carrying the code, or named so, kept outside Japan (even in a system
    account): a critical footprint, without --regions all; one in Osaka the stack does not
    declare as a bucket: read as a bucket. Someone else's bucket is nobody's business."""
    moto, _, _ = live
    client(moto, "s3").create_bucket(Bucket="131032-minato-juki-export",
                                     CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"})
    abroad = client(moto, "s3", "us-east-1")
    abroad.create_bucket(Bucket="minato-juki-copy")
    abroad.put_bucket_tagging(Bucket="minato-juki-copy",
                              Tagging={"TagSet": [{"Key": "MunicipalityCode", "Value": "131032"}]})
    client(moto, "s3", "eu-central-1", KYOTSU).create_bucket(
        Bucket="131032-minato-kyotsu-copy", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    osaka = client(moto, "s3", "ap-northeast-3")
    osaka.create_bucket(Bucket="minato-dr", CreateBucketConfiguration={"LocationConstraint": "ap-northeast-3"})
    osaka.put_bucket_tagging(Bucket="minato-dr", Tagging={"TagSet": [{"Key": "MunicipalityCode", "Value": "131032"}]})
    abroad.create_bucket(Bucket="someone-elses-site")
    report = drift_of(moto)
    found = {(f.kind, f.key): (f.category, f.severity) for f in report.findings if f.kind in ("bucket", "footprint")}
    assert found == {
        ("bucket", ("arn:aws:s3:::131032-minato-juki-export",)): ("unmanaged", "medium"),
        ("bucket", ("arn:aws:s3:::minato-dr",)): ("unmanaged", "medium"),
        ("footprint", ("us-east-1", "arn:aws:s3:::minato-juki-copy")): ("unmanaged", "critical"),
        ("footprint", ("eu-central-1", "arn:aws:s3:::131032-minato-kyotsu-copy")): ("unmanaged", "critical")}
    # the sweep of every region finds the same footprints, each once
    swept = detect(MINATO, INVENTORY, options={"session": session(), "endpoint_url": moto.url,
                                               "external_id": EXTERNAL_ID, "regions": "all"})
    assert sorted(f.key for f in swept.findings if f.kind == "footprint") == [
        ("eu-central-1", "arn:aws:s3:::131032-minato-kyotsu-copy"), ("us-east-1", "arn:aws:s3:::minato-juki-copy")]


def test_a_hosted_vif_on_the_tenancys_line_for_another_account_is_critical(live):
    """The owner of a connection sees every VIF provisioned on it: a transit VIF allocated on
    the Tokyo line to an account outside the tenancy (a hosted VIF, confirmed or not) is a way
    onto the line nobody declared."""
    moto, _, _ = live
    dx = client(moto, "directconnect")
    tokyo = next(c for c in dx.describe_connections()["connections"]
                 if c["connectionName"] == "govcloud-131032-minato-tokyo-1")
    dx.allocate_transit_virtual_interface(connectionId=tokyo["connectionId"], ownerAccount="999988887777",
                                          newTransitVirtualInterfaceAllocation={
                                              "virtualInterfaceName": "vendor-hosted", "vlan": 555, "asn": 65010})
    report = drift_of(moto)
    vifs = {f.key: (f.category, f.severity) for f in report.findings if f.kind == "dx_vif"}
    assert vifs == {("vendor-hosted",): ("unmanaged", "critical")}


def test_a_bucket_named_so_on_purpose_is_suppressed_as_docs_drift_md_says(live, tmp_path):
    """A Pulumi state backend named as the tenancy's own buckets: reported once as unmanaged,
    and quiet with the .driftignore entry docs/drift.md gives."""
    from drift.ignore import load
    moto, _, _ = live
    client(moto, "s3").create_bucket(Bucket="131032-minato-pulumi-state",
                                     CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"})
    assert [(f.kind, f.category, f.severity) for f in drift_of(moto).findings] == [("bucket", "unmanaged", "medium")]
    path = tmp_path / ".driftignore"
    path.write_text("- kind: bucket\n  key: arn:aws:s3:::131032-minato-pulumi-state\n"
                    "  reason: Pulumi の状態保存先 (state backend)\n  expires: 2027-03-31\n", encoding="utf-8")
    report = detect(MINATO, INVENTORY, options={"session": session(), "endpoint_url": moto.url,
                                                "external_id": EXTERNAL_ID}, suppressions=load(path),
                    today=dt.date(2026, 12, 8))
    assert report.findings == [] and len(report.suppressed) == 1


def test_a_group_nobody_declared_admitting_public_addresses_into_a_closed_layer_is_critical(live):
    """Not open to the whole internet, but public: a vendor's office into mynumber, half the
    internet into lgwan (any public source is the internet to a closed layer, as a Google Cloud
    firewall there is judged); the same office into the internet layer is medium."""
    moto, _, ec2 = live

    def group(layer, cidr):
        vpc = by_name(ec2, "vpc", f"131032-minato-{layer}-vpc")
        made = ec2.create_security_group(GroupName=f"vendor-{layer}", Description="vendor", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=made, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": cidr}]}])
    group("mynumber", "153.127.10.0/24")
    group("lgwan", "0.0.0.0/1")
    group("internet", "153.127.10.0/24")
    report = drift_of(moto)
    groups = {f.key[0]: (f.category, f.severity) for f in report.findings if f.kind == "security_group"}
    assert groups == {"vendor-mynumber": ("unmanaged", "critical"), "vendor-lgwan": ("unmanaged", "critical"),
                      "vendor-internet": ("unmanaged", "medium")}


def test_a_layer_tag_changed_or_removed_does_not_lower_what_is_found_in_a_layer_vpc(live):
    """The address plan anchors a VPC's layer (its primary CIDR cannot change): mynumber's VPC
    retagged Layer=internet before an internet gateway is attached, lgwan's with its Layer tag
    removed before an interface gets an Elastic IP, and a system account's mynumber VPC
    retagged likewise: each critical, as in the closed layer it is."""
    moto, _, ec2 = live
    mynumber = by_name(ec2, "vpc", MYNUMBER_VPC)
    ec2.create_tags(Resources=[mynumber], Tags=[{"Key": "Layer", "Value": "internet"}])
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=mynumber)
    lgwan = by_name(ec2, "vpc", "131032-minato-lgwan-vpc")
    ec2.delete_tags(Resources=[lgwan], Tags=[{"Key": "Layer"}])
    interface = ec2.create_network_interface(SubnetId=by_name(ec2, "subnet", "131032-minato-lgwan-workload-ap-northeast-1a"))
    address = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.associate_address(AllocationId=address, NetworkInterfaceId=interface["NetworkInterface"]["NetworkInterfaceId"])
    system = client(moto, "ec2", account=KYOTSU)
    kyotsu = by_name(system, "vpc", "131032-minato-mynumber-kyotsu-vpc")
    system.create_tags(Resources=[kyotsu], Tags=[{"Key": "Layer", "Value": "internet"}])
    other = system.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    system.attach_internet_gateway(InternetGatewayId=other, VpcId=kyotsu)
    report = drift_of(moto)
    found = {(f.kind, f.key[0]): (f.severity, f.layer) for f in report.findings if f.kind in ("igw", "public_ip")}
    assert found == {("igw", MYNUMBER_VPC): ("critical", "mynumber"),
                     ("igw", "131032-minato-mynumber-kyotsu-vpc"): ("critical", "mynumber"),
                     ("public_ip", interface["NetworkInterface"]["NetworkInterfaceId"]): ("critical", "lgwan")}
    # and the tags themselves are findings
    assert {f.key for f in report.findings if f.kind == "vpc"} == {
        (MYNUMBER_VPC,), ("131032-minato-lgwan-vpc",), ("131032-minato-mynumber-kyotsu-vpc",)}


def test_a_bucket_or_key_of_the_tenancys_nobody_declared_that_anyone_may_use(live):
    """Carrying the code (or named so) and readable by anyone: a policy letting in `*`, or a
    public-read ACL, is the data published, critical; a policy letting in `*` that the bucket's
    own block restricts is not public (medium, as any undeclared bucket); a key whose policy
    lets anyone use it, high."""
    moto, _, _ = live
    s3 = client(moto, "s3")

    def bucket(name, tagged=True):
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"})
        if tagged:
            s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [{"Key": "MunicipalityCode", "Value": "131032"}]})

    def anyone_reads(name):
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{name}/*"}]}))
    bucket("minato-juki-share")
    anyone_reads("minato-juki-share")
    bucket("131032-minato-export", tagged=False)
    s3.put_bucket_acl(Bucket="131032-minato-export", ACL="public-read")
    bucket("minato-restricted")
    anyone_reads("minato-restricted")
    s3.put_public_access_block(Bucket="minato-restricted", PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": False, "RestrictPublicBuckets": True})
    kms = client(moto, "kms")
    key = kms.create_key(Tags=[{"TagKey": "MunicipalityCode", "TagValue": "131032"},
                               {"TagKey": "Name", "TagValue": "vendor-key"}])["KeyMetadata"]["KeyId"]
    kms.put_key_policy(KeyId=key, PolicyName="default", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"}]}))
    report = drift_of(moto)
    found = {f.key[0]: (f.kind, f.severity) for f in report.findings if f.category == "unmanaged"}
    assert found == {"arn:aws:s3:::minato-juki-share": ("bucket", "critical"),
                     "arn:aws:s3:::131032-minato-export": ("bucket", "critical"),
                     "arn:aws:s3:::minato-restricted": ("bucket", "medium"),
                     "vendor-key": ("kms_key", "high")}


def test_an_endpoint_policy_reset_to_the_default_is_full_access_and_critical(live):
    """ModifyVpcEndpoint ResetPolicy puts back "the default policy", which "allows full access to
    the service" (served by tests/clouds/aws/moto_endpoint_reset.py: moto ignores it): mynumber's
    S3 gateway endpoint then reaches anyone's bucket, a way out for the layer's data."""
    moto, _, ec2 = live
    endpoint = next(e for e in ec2.describe_vpc_endpoints(Filters=[
        {"Name": "vpc-id", "Values": [by_name(ec2, "vpc", MYNUMBER_VPC)]}])["VpcEndpoints"]
        if e["ServiceName"].endswith(".s3"))
    ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"], ResetPolicy=True)
    report = drift_of(moto)
    assert [(f.kind, f.category, f.severity, f.details["field"]) for f in report.findings] == [
        ("endpoint", "changed", "critical", "policy")]
    assert report.findings[0].details["actual"][0][1] == ["*"]  # [effect, principals, ...]: anyone
