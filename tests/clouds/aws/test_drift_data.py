"""Tamperings of what protects the layers' data (issue 18, item 4), on moto: a flow-log
bucket's public access block lifted, a bucket moved onto another layer's key, a key
policy that lets another account in. Its own file so that CI's two workers share the AWS
drift tests (each builds 港区 in moto)."""
from __future__ import annotations

import json

import boto3
import pytest

from tests.clouds.aws.materialize import session
from tests.clouds.aws.test_drift_tampering import drift_of, external_id, live  # noqa: F401 - fixtures
from tests.clouds.aws.test_drift import INVENTORY


def _live_ids(ids, kind):
    """name -> live id (bucket name, key ARN) of the inventory's resources of a kind."""
    out = {}
    for r in INVENTORY["resources"]:
        name = (r["inputs"].get("tags") or {}).get("Name")
        if r["type"] == kind and r["urn"] in ids and name:
            out[name] = ids[r["urn"]]
    return out


def test_a_bucket_opened_a_bucket_on_another_key_and_a_key_shared(live):
    moto, ids, _ = live
    s3 = session().client("s3", endpoint_url=moto.url)
    kms = session().client("kms", endpoint_url=moto.url)
    buckets = {n: arn.split(":::", 1)[1] for n, arn in _live_ids(ids, "aws:s3/bucket:Bucket").items()}
    keys = _live_ids(ids, "aws:kms/key:Key")
    s3.delete_public_access_block(Bucket=buckets["131032-minato-mynumber-flowlogs"])
    s3.put_bucket_encryption(Bucket=buckets["131032-minato-lgwan-flowlogs"], ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms",
                                                          "KMSMasterKeyID": keys["131032-minato-internet-key"]}}]})
    key_id = keys["131032-minato-mynumber-key"].rsplit("/", 1)[-1]
    policy = json.loads(kms.get_key_policy(KeyId=key_id, PolicyName="default")["Policy"])
    policy["Statement"].append({"Sid": "Vendor", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
                                "Principal": {"AWS": "arn:aws:iam::999999999999:root"}})
    kms.put_key_policy(KeyId=key_id, PolicyName="default", Policy=json.dumps(policy))
    report = drift_of(moto)
    by = {(f.kind, f.key[0], f.details.get("field")): f for f in report.findings}
    opened = by[("bucket", "131032-minato-mynumber-flowlogs", "public_access_block")]
    assert (opened.category, opened.severity, opened.actual) == ("changed", "critical", [])
    moved = by[("bucket", "131032-minato-lgwan-flowlogs", "sse_key")]
    assert (moved.severity, moved.expected, moved.actual) == \
        ("high", "131032-minato-lgwan-key", "131032-minato-internet-key")
    shared = by[("kms_key", "131032-minato-mynumber-key", "principals")]
    assert shared.severity == "critical" and "AWS:arn:aws:iam::999999999999:root" in shared.actual
    assert len(report.findings) == 3 and report.drifted


def test_a_log_bucket_policy_that_no_longer_demands_tls_or_its_conditions_is_found(live):
    """Session 21's red team: the flow-log buckets' policies rewritten with the same principals
    (so who is let in did not change): one without its DenyInsecureTransport statement (plain
    HTTP accepted, GOV-TLS-001's requirement lifted), one whose delivery statement lost its
    aws:SourceAccount condition (any account's flow logs may be delivered into it)."""
    moto, ids, _ = live
    s3 = session().client("s3", endpoint_url=moto.url)
    buckets = {n: arn.split(":::", 1)[1] for n, arn in _live_ids(ids, "aws:s3/bucket:Bucket").items()}
    mynumber, lgwan = buckets["131032-minato-mynumber-flowlogs"], buckets["131032-minato-lgwan-flowlogs"]
    plain = json.loads(s3.get_bucket_policy(Bucket=mynumber)["Policy"])
    plain["Statement"] = [st for st in plain["Statement"] if st.get("Effect") != "Deny"]
    s3.put_bucket_policy(Bucket=mynumber, Policy=json.dumps(plain))
    loose = json.loads(s3.get_bucket_policy(Bucket=lgwan)["Policy"])
    for st in loose["Statement"]:
        if st.get("Effect") == "Allow":
            st["Condition"]["StringEquals"].pop("aws:SourceAccount")
    s3.put_bucket_policy(Bucket=lgwan, Policy=json.dumps(loose))
    report = drift_of(moto)
    by = {(f.key[0], f.details.get("field")): f for f in report.findings if f.kind == "bucket"}
    assert set(by) == {("131032-minato-mynumber-flowlogs", "tls_required"),
                       ("131032-minato-lgwan-flowlogs", "allow_terms")}
    tls = by[("131032-minato-mynumber-flowlogs", "tls_required")]
    assert (tls.category, tls.severity, tls.expected, tls.actual) == ("changed", "high", True, False)
    terms = by[("131032-minato-lgwan-flowlogs", "allow_terms")]
    assert terms.severity == "high" and "s3:PutObject if s3:x-amz-acl" in terms.actual
    assert "s3:PutObject if aws:SourceAccount,s3:x-amz-acl" in terms.expected and report.drifted


def test_an_endpoint_policy_opened_to_any_account_is_critical(live):
    """mynumber's S3 gateway endpoint allows its own account's principals to its own
    account's buckets; replaced by AWS's full-access default, the layer can copy its data
    to anyone's bucket through it."""
    moto, _, ec2 = live
    vpc = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["131032-minato-mynumber-vpc"]}])["Vpcs"][0]
    endpoint = next(e for e in ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [vpc["VpcId"]]}])[
        "VpcEndpoints"] if e["ServiceName"].endswith(".s3"))
    full = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*",
                                                    "Resource": "*"}]}
    ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"], PolicyDocument=json.dumps(full))
    report = drift_of(moto)
    opened = [f for f in report.findings if f.kind == "endpoint"]
    assert [(f.category, f.severity, f.details.get("field")) for f in opened] == [("changed", "critical", "policy")]
    assert opened[0].actual == [["Allow", ["*"], ["*"], ["*"], []]]


def test_a_policy_is_compared_on_what_it_allows_not_how_it_is_written():
    from clouds.aws.drift_forms import policy_form
    written = {"Version": "2012-10-17", "Statement": [
        {"Sid": "A", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::1:root"]}, "Action": ["s3:GetObject"],
         "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}
    rewritten = {"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "s3:GetObject",
                               "Resource": ["*"], "Condition": {"Bool": {"aws:SecureTransport": True}}}}
    assert policy_form(json.dumps(written)) == policy_form(rewritten)
    widened = dict(written, Statement=[dict(written["Statement"][0], Action=["s3:*"])])
    assert policy_form(widened) != policy_form(written)
    assert policy_form(None) is None and policy_form("{not json")[0] == "unreadable"


def test_a_security_group_admitting_another_source_is_compared_rule_by_rule(live):
    """mynumber's endpoint group admits HTTPS from its own block only; a rule from the
    internet layer's block (not open to the world, so openness alone missed it) is
    critical in a closed layer. A rule only removed is medium."""
    moto, _, ec2 = live
    groups = {next((t["Value"] for t in g.get("Tags", []) if t["Key"] == "Name"), g["GroupName"]): g
              for g in ec2.describe_security_groups()["SecurityGroups"]}
    mynumber = groups["131032-minato-mynumber-endpoints"]
    ec2.authorize_security_group_ingress(GroupId=mynumber["GroupId"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.13.24.0/22"}]}])
    lgwan = groups["131032-minato-lgwan-endpoints"]
    ec2.revoke_security_group_ingress(GroupId=lgwan["GroupId"], IpPermissions=lgwan["IpPermissions"])
    report = drift_of(moto)
    by = {(f.key[0], f.details.get("field")): f for f in report.findings if f.kind == "security_group"}
    added = by[("131032-minato-mynumber-endpoints", "ingress")]
    assert added.severity == "critical" and ["tcp", 443, 443, "10.13.24.0/22"] in added.actual
    assert by[("131032-minato-lgwan-endpoints", "ingress")].severity == "medium"
    assert len(by) == 2


def test_a_deployed_policy_naming_its_real_account_is_no_change(live, monkeypatch):
    """The offline plan can only write a stand-in id where the network account's key
    policies name "this account" (getCallerIdentity has no answer offline:
    clouds/aws/mocks.py); `pulumi up` writes the real id. Here the stand-in is made to
    differ from moto's account, as it does from a real one: the deployed policies are no
    change, a grant to another account still is (critical), and against a state export
    (real ids on both sides) nothing is translated."""
    import clouds.aws.mocks as mocks
    from drift.run import detect
    from tests.clouds.aws.materialize import EXTERNAL_ID
    from tests.clouds.aws.test_drift import MINATO
    moto, ids, _ = live
    real, stand_in = "123456789012", "111122223333"
    monkeypatch.setattr(mocks, "ACCOUNT_ID", stand_in)
    planned = json.loads(json.dumps(INVENTORY).replace(real, stand_in))  # the plan as that stand-in writes it

    def drift(desired="plan"):
        return detect(MINATO, planned, options={"session": session(), "endpoint_url": moto.url,
                                                "external_id": EXTERNAL_ID, "desired": desired})
    assert drift().findings == []
    from_state = drift("state")
    assert {(f.kind, f.details.get("field")) for f in from_state.findings} == {("kms_key", "principals"),
                                                                                ("endpoint", "policy")}
    kms = session().client("kms", endpoint_url=moto.url)
    key_id = _live_ids(ids, "aws:kms/key:Key")["131032-minato-mynumber-key"].rsplit("/", 1)[-1]
    policy = json.loads(kms.get_key_policy(KeyId=key_id, PolicyName="default")["Policy"])
    policy["Statement"].append({"Sid": "Vendor", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
                                "Principal": {"AWS": "arn:aws:iam::999999999999:root"}})
    kms.put_key_policy(KeyId=key_id, PolicyName="default", Policy=json.dumps(policy))
    (finding,) = drift().findings
    assert (finding.kind, finding.key, finding.severity, finding.details["field"]) == \
        ("kms_key", ("131032-minato-mynumber-key",), "critical", "principals")
    assert "AWS:arn:aws:iam::999999999999:root" in finding.actual


def test_an_endpoint_policy_is_read_in_the_plans_terms_for_its_own_account_only():
    from clouds.aws.drift_scanner import AwsScanner
    scanner = AwsScanner(None, "ap-northeast-1")
    form = [["Allow", ["*"], ["s3:*"], ["*"], [["StringEquals", "aws:PrincipalAccount", ["210987654321"]],
                                              ["StringEquals", "aws:ResourceAccount", ["999999999999"]]]]]
    assert scanner.as_planned(form, "210987654321") == form, "no stand-in: taken as read"
    scanner.plan_account = "123456789012"
    assert scanner.as_planned(form, "210987654321") == [
        ["Allow", ["*"], ["s3:*"], ["*"], [["StringEquals", "aws:PrincipalAccount", ["123456789012"]],
                                          ["StringEquals", "aws:ResourceAccount", ["999999999999"]]]]]
    assert scanner.as_planned(None, "210987654321") is None


def test_the_accounts_block_public_access_lifted_is_found_per_account(live):
    """S3 Block Public Access of the account is the backstop for every bucket a vendor adds
    without a block of its own. Lifted in the network account (one flag) and removed in a
    system account (all four): high, once per account, the declared buckets' own blocks
    untouched. Read through S3 Control, which puts the account in the host name; with an
    endpoint override the request still goes to the override (clouds/aws/sessions.py)."""
    moto, _, _ = live
    from clouds.aws.sessions import to_one_endpoint
    from network.declaration import load
    from tests.clouds.aws.materialize import in_account
    from tests.conftest import ROOT
    system = load(ROOT / "stacks" / "Pulumi.131032-minato.yaml").spec.system_accounts()[0]
    network = to_one_endpoint(session().client("s3control", endpoint_url=moto.url), moto.url)
    network.put_public_access_block(AccountId="123456789012", PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": False, "RestrictPublicBuckets": True})
    vendor = to_one_endpoint(in_account(system, moto.url).client("s3control", endpoint_url=moto.url), moto.url)
    vendor.delete_public_access_block(AccountId=system)
    report = drift_of(moto)
    blocks = {f.key: f for f in report.findings if f.kind == "s3_account_block"}
    assert set(blocks) == {("account", "network"), ("account", system)}
    assert {(f.category, f.severity) for f in blocks.values()} == {("changed", "high")}
    assert blocks[("account", "network")].actual == ["BlockPublicAcls", "IgnorePublicAcls", "RestrictPublicBuckets"]
    assert blocks[("account", system)].actual == []
    assert len(blocks[("account", system)].expected) == 4 and report.drifted
    assert not any(f.kind == "bucket" for f in report.findings)


def test_a_log_bucket_replicated_elsewhere_or_expired_early_is_found(live):
    """mynumber's flow logs copied to another account's bucket by a replication rule
    (critical: the layer's traffic records leave the tenancy), and lgwan's deleted after one
    day by a lifecycle rule (high). The stack declares neither: both read per bucket
    (GetBucketReplication, GetBucketLifecycleConfiguration)."""
    moto, ids, _ = live
    s3 = session().client("s3", endpoint_url=moto.url)
    buckets = {n: arn.split(":::", 1)[1] for n, arn in _live_ids(ids, "aws:s3/bucket:Bucket").items()}
    mynumber, lgwan = buckets["131032-minato-mynumber-flowlogs"], buckets["131032-minato-lgwan-flowlogs"]
    s3.put_bucket_versioning(Bucket=mynumber, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_replication(Bucket=mynumber, ReplicationConfiguration={
        "Role": "arn:aws:iam::123456789012:role/replication",
        "Rules": [{"ID": "copy", "Status": "Enabled", "Priority": 1, "Filter": {"Prefix": ""},
                   "DeleteMarkerReplication": {"Status": "Disabled"},
                   "Destination": {"Bucket": "arn:aws:s3:::vendor-archive-999988887777",
                                   "Account": "999988887777"}}]})
    s3.put_bucket_lifecycle_configuration(Bucket=lgwan, LifecycleConfiguration={"Rules": [
        {"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": ""}, "Expiration": {"Days": 1}}]})
    report = drift_of(moto)
    changed = {(f.key[0], f.details["field"]): f for f in report.findings if f.kind == "bucket"}
    copy = changed[("131032-minato-mynumber-flowlogs", "replication")]
    assert (copy.category, copy.severity, copy.actual) == ("changed", "critical", ["vendor-archive-999988887777"])
    expire = changed[("131032-minato-lgwan-flowlogs", "expiration_days")]
    assert (expire.severity, expire.expected, expire.actual) == ("high", None, 1)
    assert report.drifted


def test_replication_and_expiration_read_the_same_from_the_plan_and_from_the_api():
    """The plan's BucketReplicationConfig and lifecycle rules (pulumi-aws names) and the
    API's (GetBucketReplication, GetBucketLifecycleConfiguration) give the same values:
    enabled rules only, the destination by bucket name, the fewest days."""
    from clouds.aws.declared import expiration_days, replication_targets
    plan = [{"status": "Enabled", "destination": {"bucket": "arn:aws:s3:::archive-a"}},
            {"status": "Disabled", "destination": {"bucket": "arn:aws:s3:::archive-b"}}]
    api = [{"Status": "Enabled", "Destination": {"Bucket": "arn:aws:s3:::archive-a"}},
           {"Status": "Disabled", "Destination": {"Bucket": "arn:aws:s3:::archive-b"}}]
    assert replication_targets(plan, "status", "destination", "bucket") == \
        replication_targets(api, "Status", "Destination", "Bucket") == ["archive-a"]
    plan = [{"status": "Enabled", "expiration": {"days": 400}}, {"status": "Enabled", "expiration": {"days": 30}},
            {"status": "Disabled", "expiration": {"days": 1}}, {"status": "Enabled", "transitions": []}]
    api = [{"Status": "Enabled", "Expiration": {"Days": 400}}, {"Status": "Enabled", "Expiration": {"Days": 30}},
           {"Status": "Disabled", "Expiration": {"Days": 1}}]
    assert expiration_days(plan, "status", "expiration", "days") == \
        expiration_days(api, "Status", "Expiration", "Days") == 30
    assert expiration_days([], "Status", "Expiration", "Days") is None


def test_a_refused_bucket_read_is_an_error_not_an_open_bucket():
    """S3 answers "not configured" with its own error codes (NoSuchPublicAccessBlockConfiguration,
    NoSuchBucketPolicy, ...): those are read as none. AccessDenied is not: taken as "nothing
    blocked" it would report a lifted block, critical, for a scanner that lacks a permission."""
    import botocore.session
    from botocore.exceptions import ClientError
    from botocore.stub import Stubber

    from clouds.aws.drift_data import bucket_props
    from clouds.aws.drift_scanner import AwsScanner
    s3 = botocore.session.get_session().create_client("s3", region_name="ap-northeast-1", aws_access_key_id="x",
                                                      aws_secret_access_key="x")
    scanner = AwsScanner(boto3.Session(aws_access_key_id="x", aws_secret_access_key="x"), "ap-northeast-1")
    scanner.client = {"s3": s3}.get  # the stubbed client in place of the shared one
    with Stubber(s3) as stub:
        for operation, code in (("get_bucket_encryption", "ServerSideEncryptionConfigurationNotFoundError"),
                                ("get_public_access_block", "NoSuchPublicAccessBlockConfiguration"),
                                ("get_bucket_policy", "NoSuchBucketPolicy"),
                                ("get_bucket_replication", "ReplicationConfigurationNotFoundError"),
                                ("get_bucket_lifecycle_configuration", "NoSuchLifecycleConfiguration")):
            stub.add_client_error(operation, service_error_code=code, http_status_code=404)
        stub.add_response("get_bucket_versioning", {"Status": "Enabled"})
        stub.add_response("get_bucket_acl", {"Owner": {"ID": "owner"}, "Grants": [
            {"Grantee": {"Type": "CanonicalUser", "ID": "owner"}, "Permission": "FULL_CONTROL"}]})
        stub.add_response("get_bucket_notification_configuration", {})  # none: an empty configuration
        assert bucket_props(scanner, "logs", {}) == {
            "sse": None, "sse_key": None, "versioning": "Enabled", "public_access_block": [],
            "policy_principals": [], "replication": [], "expiration_days": None, "acl_grants": [],
            "notifications": [], "tls_required": False, "allow_terms": []}  # no policy: nothing demanded
    with Stubber(s3) as stub:
        stub.add_response("get_bucket_encryption", {"ServerSideEncryptionConfiguration": {"Rules": [
            {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "k"}}]}})
        stub.add_client_error("get_public_access_block", service_error_code="AccessDenied", http_status_code=403)
        with pytest.raises(ClientError, match="AccessDenied"):
            bucket_props(scanner, "logs", {})


def test_a_feature_the_region_does_not_offer_is_nothing_there_and_a_refusal_is_an_error():
    """A secondary region may lack a feature the primary has: EC2 answers UnsupportedOperation,
    and nothing of the feature can exist there. AccessDenied is still an error (exit 3)."""
    import botocore.session
    from botocore.exceptions import ClientError
    from botocore.stub import Stubber

    from clouds.aws.drift_exposure import client_vpn_endpoints, verified_access_endpoints
    from clouds.aws.drift_scanner import AwsScanner
    ec2 = botocore.session.get_session().create_client("ec2", region_name="ap-northeast-3", aws_access_key_id="x",
                                                       aws_secret_access_key="x")
    scanner = AwsScanner(boto3.Session(aws_access_key_id="x", aws_secret_access_key="x"), "ap-northeast-3")
    scanner.client = {"ec2": ec2}.get  # the stubbed client in place of the shared one
    scanner.subnet_vpcs, scanner.eni_vpcs = {}, {}
    with Stubber(ec2) as stub:
        stub.add_client_error("describe_verified_access_endpoints", service_error_code="UnsupportedOperation",
                              service_message="The functionality you requested is not available in this region.")
        assert verified_access_endpoints(scanner, {"vpc-1": "131032-minato-mynumber-vpc"}, {}) == []
        stub.add_client_error("describe_client_vpn_endpoints", service_error_code="UnauthorizedOperation",
                              http_status_code=403)
        with pytest.raises(ClientError, match="UnauthorizedOperation"):
            client_vpn_endpoints(scanner, {"vpc-1": "131032-minato-mynumber-vpc"}, {})


def test_acl_grants_name_everyone_but_the_owner():
    """GetBucketAcl as S3 answers it (boto3 BucketAcl.grants: Grantee Type/ID/URI, Permission)."""
    from clouds.aws.drift_forms import acl_grants
    owner = {"Type": "CanonicalUser", "ID": "own"}
    assert acl_grants({"Owner": {"ID": "own"}, "Grants": [{"Grantee": owner, "Permission": "FULL_CONTROL"}]}) == []
    assert acl_grants({"Owner": {"ID": "own"}, "Grants": [
        {"Grantee": owner, "Permission": "FULL_CONTROL"},
        {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"},
        {"Grantee": {"Type": "CanonicalUser", "ID": "other"}, "Permission": "WRITE"},
        {"Grantee": {"Type": "AmazonCustomerByEmail", "EmailAddress": "a@example.jp"}, "Permission": "READ"}]}) == \
        ["AllUsers READ", "a@example.jp READ", "other WRITE"]


@pytest.mark.parametrize("inputs, grants", [
    ({"acl": "private"}, []),
    ({"acl": "log-delivery-write"}, ["LogDelivery READ_ACP", "LogDelivery WRITE"]),
    ({"acl": "public-read"}, ["AllUsers READ"]),
    ({"acl": "aws-exec-read"}, None),  # EC2's own grantee id: not compared
    ({"accessControlPolicy": {"owner": {"id": "own"}, "grants": [
        {"grantee": {"type": "CanonicalUser", "id": "own"}, "permission": "FULL_CONTROL"},
        {"grantee": {"type": "Group", "uri": "http://acs.amazonaws.com/groups/s3/LogDelivery"},
         "permission": "WRITE"}]}}, ["LogDelivery WRITE"]),
])
def test_a_declared_bucket_acl_is_named_as_the_live_one(inputs, grants):
    """pulumi_aws BucketAcl: `acl` "Canned ACL to apply to the bucket. Valid values: `private`,
    `public-read`, `public-read-write`, `aws-exec-read`, `authenticated-read`,
    `bucket-owner-read`, `bucket-owner-full-control`, `log-delivery-write`", or
    access_control_policy grants (grantee type, id, uri; permission)."""
    from clouds.aws.drift_forms import CANNED_GRANTS, declared_acl_grants
    from inventory.view import Resource
    acl = Resource(type="aws:s3/bucketAcl:BucketAcl", name="acl", urn="urn:acl", props=inputs)
    assert declared_acl_grants(acl) == grants
    assert set(CANNED_GRANTS) | {"aws-exec-read"} == {"private", "public-read", "public-read-write", "aws-exec-read",
                                                       "authenticated-read", "bucket-owner-read",
                                                       "bucket-owner-full-control", "log-delivery-write"}


@pytest.mark.parametrize("inputs, on", [({}, ["support"]), ({"enableDnsHostnames": True}, ["hostnames", "support"]),
                                        ({"enableDnsSupport": False, "enableDnsHostnames": True}, ["hostnames"])])
def test_a_declared_vpcs_dns_attributes_take_the_providers_defaults(inputs, on):
    """pulumi_aws Vpc: enable_dns_support "Defaults to `true`", enable_dns_hostnames "Defaults to `false`"."""
    from clouds.aws.drift_forms import vpc_dns
    assert vpc_dns(inputs) == on


def test_a_key_policy_widened_for_the_same_principal_is_found(live):
    """Session 21's red team: mynumber's key policy keeps its principals, but every statement
    that was narrowed by a condition (the Log Router or Auto Scaling using the key only for
    this account's resources) now holds without it, and allows kms:* (ScheduleKeyDeletion
    included). Whom the policy lets in did not change; on what terms did: high. A statement
    for a new principal is the principals' finding alone (test above)."""
    moto, ids, _ = live
    kms = session().client("kms", endpoint_url=moto.url)
    key_id = _live_ids(ids, "aws:kms/key:Key")["131032-minato-mynumber-key"].rsplit("/", 1)[-1]
    policy = json.loads(kms.get_key_policy(KeyId=key_id, PolicyName="default")["Policy"])
    narrowed = [st for st in policy["Statement"] if st.get("Condition")]
    assert narrowed  # the stack's key policies narrow their service statements
    for st in narrowed:
        st["Action"] = "kms:*"
        del st["Condition"]
    kms.put_key_policy(KeyId=key_id, PolicyName="default", Policy=json.dumps(policy))
    (finding,) = [f for f in drift_of(moto).findings if f.kind == "kms_key"]
    assert (finding.category, finding.severity, finding.details["field"]) == ("changed", "high", "allow_terms")
    assert "kms:* if -" in finding.actual and not any(t.endswith(" if -") and t != "kms:* if -"
                                                     for t in finding.actual)
    assert any(not t.endswith(" if -") for t in finding.expected)
