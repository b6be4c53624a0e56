"""Drift against a real moto server on 127.0.0.1: the declared state of 港区 is created
with boto3; untouched it gives no drift; each tampering is found with the right category
and severity; the scanner cannot mutate."""
from __future__ import annotations

import datetime as dt
import functools
import json
import os

import pytest

from components.plan import record
from drift.readonly import ReadOnlyViolation, is_read_operation
from drift.run import detect
from network.declaration import loads
from tests.conftest import ROOT, SAMPLES
from tests.clouds.aws.materialize import EXTERNAL_ID, in_account, materialize, session

# 港区 with five of its eighteen systems (kept: the ends of its flows, and 住民記録 in A社's
# account): every kind of account and attachment, a third of the resources to create in moto
KEEP = ("kyotsu", "juki", "shinsei", "mugaika", "mail-gw")
TEXT = "\n".join(line for line in SAMPLES["minato"].read_text(encoding="utf-8").splitlines()
                 if "- {id: " not in line or any(f"- {{id: {k}," in line for k in KEEP)) + "\n"
MINATO = loads(TEXT, "stacks/Pulumi.131032-minato.yaml", "131032-minato")
INVENTORY = record(MINATO).as_dict()


@pytest.fixture(autouse=True)
def external_id(monkeypatch):
    """The external id drift assumes the system accounts' role with (CI sets it as a secret)."""
    monkeypatch.setenv("GOVCLOUD_EXTERNAL_ID", EXTERNAL_ID)


@pytest.fixture
def live(moto):
    # built once per server, then put back before each test (moto_launcher.py keeps a copy)
    ids = moto.prepared("131032-minato-five-systems", lambda: materialize(INVENTORY, moto.url))
    ec2 = session().client("ec2", endpoint_url=moto.url)  # the tests' own, writable client
    return moto, ids, ec2


def by_name(ec2, kind, name):
    describe = {"vpc": ("describe_vpcs", "Vpcs", "VpcId"), "subnet": ("describe_subnets", "Subnets", "SubnetId")}[kind]
    items = getattr(ec2, describe[0])(Filters=[{"Name": "tag:Name", "Values": [name]}])[describe[1]]
    return items[0][describe[2]]


def drift_of(moto, **kwargs):
    return detect(MINATO, INVENTORY, options={"session": session(), "endpoint_url": moto.url,
                                              "external_id": EXTERNAL_ID}, **kwargs)


def findings(report):
    return {(f.category, f.severity, f.kind) for f in report.findings}


def test_untouched_declared_state_has_no_drift(live):
    moto, _, _ = live
    report = drift_of(moto)
    assert report.findings == [], [f.message for f in report.findings]
    # everything declared is seen and everything read is declared: the EBS default encryption
    # of the secondary region included (declared per account since session 8)
    assert report.live == report.declared > 250


def test_internet_gateway_on_mynumber_is_critical(live):
    moto, _, ec2 = live
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=by_name(ec2, "vpc", "131032-minato-mynumber-vpc"))
    report = drift_of(moto)
    assert findings(report) == {("unmanaged", "critical", "igw")}
    assert report.findings[0].layer == "mynumber" and report.findings[0].ref == igw


def test_security_group_opened_to_the_world_is_critical(live):
    moto, _, ec2 = live
    vpc = by_name(ec2, "vpc", "131032-minato-lgwan-vpc")
    group = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                  {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]
    ec2.authorize_security_group_ingress(GroupId=group["GroupId"], IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    report = drift_of(moto)
    assert findings(report) == {("changed", "critical", "default_sg")}
    assert "ingress is 1, declared 0" in report.findings[0].message


def test_deleted_subnet_is_missing(live):
    moto, _, ec2 = live
    subnet = by_name(ec2, "subnet", "131032-minato-internet-workload-ap-northeast-1c")
    ec2.delete_subnet(SubnetId=subnet)
    report = drift_of(moto)
    assert ("missing", "high", "subnet") in findings(report)
    assert all(f.category == "missing" for f in report.findings)


def test_changed_transit_route_is_critical(live):
    moto, ids, ec2 = live
    table = next(ids[r["urn"]] for r in INVENTORY["resources"]
                 if r["type"] == "aws:ec2transitgateway/routeTable:RouteTable" and r["layer"] == "mynumber")
    attachment = next(ids[r["urn"]] for r in INVENTORY["resources"]
                      if r["type"] == "aws:ec2transitgateway/vpcAttachment:VpcAttachment"
                      and r["inputs"]["tags"]["Name"] == "131032-minato-tgw-attach-internet")
    # someone turns the blackhole for the internet layer's block into a route to it
    ec2.delete_transit_gateway_route(TransitGatewayRouteTableId=table, DestinationCidrBlock="10.13.24.0/22")
    ec2.create_transit_gateway_route(TransitGatewayRouteTableId=table, DestinationCidrBlock="10.13.24.0/22",
                                     TransitGatewayAttachmentId=attachment)
    report = drift_of(moto)
    assert findings(report) == {("changed", "critical", "tgw_route")}
    assert "target is '131032-minato-tgw-attach-internet', declared 'blackhole'" in report.findings[0].message
    from drift.report import as_json
    (out,) = json.loads(as_json([report]))["stacks"][0]["findings"]
    assert (out["expected"], out["actual"]) == ("blackhole", "131032-minato-tgw-attach-internet")


def test_peering_between_layers_is_critical(live):
    moto, _, ec2 = live
    ec2.create_vpc_peering_connection(VpcId=by_name(ec2, "vpc", "131032-minato-mynumber-vpc"),
                                      PeerVpcId=by_name(ec2, "vpc", "131032-minato-internet-vpc"))
    report = drift_of(moto)
    assert findings(report) == {("unmanaged", "critical", "peering")}
    finding = report.findings[0]
    assert "131032-minato-internet-vpc/131032-minato-mynumber-vpc between layers internet and mynumber" in \
        finding.message
    # attributed to both layers: the closed end names it, both are listed, SARIF points at both
    assert finding.layer == "mynumber" and finding.layers == ["internet", "mynumber"]
    from drift.report import as_json, sarif
    (out,) = json.loads(as_json([report]))["stacks"][0]["findings"]
    assert out["layers"] == ["internet", "mynumber"] and out["actual"] == {"layers": ["internet", "mynumber"]}
    assert out["expected"] is None
    lines = {("131032-minato", "mynumber"): 40, ("131032-minato", "internet"): 90}
    (result,) = json.loads(sarif([report], lines))["runs"][0]["results"]
    assert sorted(loc["physicalLocation"]["region"]["startLine"] for loc in result["locations"]) == [40, 90]


def test_removed_tag_is_found(live):
    moto, _, ec2 = live
    subnet = by_name(ec2, "subnet", "131032-minato-lgwan-workload-ap-northeast-1a")
    ec2.delete_tags(Resources=[subnet], Tags=[{"Key": "Layer"}])
    report = drift_of(moto)
    assert findings(report) == {("changed", "medium", "subnet")}
    assert "tags ['Layer'] changed or removed" in report.findings[0].message


def test_new_default_route_in_a_closed_layer_is_critical(live):
    moto, _, ec2 = live
    table = ec2.describe_route_tables(Filters=[{"Name": "tag:Name", "Values": ["131032-minato-mynumber-rt"]}])
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    vpc = by_name(ec2, "vpc", "131032-minato-mynumber-vpc")
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    ec2.create_route(RouteTableId=table["RouteTables"][0]["RouteTableId"], DestinationCidrBlock="0.0.0.0/0",
                     GatewayId=igw)
    report = drift_of(moto)
    assert ("unmanaged", "critical", "route") in findings(report)
    assert ("unmanaged", "critical", "igw") in findings(report)


def test_key_rotation_turned_off_is_high(live):
    moto, ids, _ = live
    kms = session().client("kms", endpoint_url=moto.url)
    key = next(ids[r["urn"]] for r in INVENTORY["resources"] if r["type"] == "aws:kms/key:Key")
    kms.disable_key_rotation(KeyId=key.rsplit("/", 1)[-1])
    assert findings(drift_of(moto)) == {("changed", "high", "kms_key")}


def test_the_scanner_cannot_mutate(live):
    moto, _, _ = live
    from clouds.aws.drift import AwsScanner
    scanner = AwsScanner(session(), "ap-northeast-1", moto.url)
    with pytest.raises(ReadOnlyViolation, match="ec2:CreateVpc refused"):
        scanner.client("ec2").create_vpc(CidrBlock="10.99.0.0/16")
    with pytest.raises(ReadOnlyViolation, match="s3:PutBucketVersioning refused"):
        scanner.client("s3").put_bucket_versioning(Bucket="x", VersioningConfiguration={"Status": "Suspended"})
    assert session().client("ec2", endpoint_url=moto.url).describe_vpcs(
        Filters=[{"Name": "cidr", "Values": ["10.99.0.0/16"]}])["Vpcs"] == []


def test_the_scanner_only_reads_and_the_iam_policy_covers_it_exactly(live):
    moto, _, ec2 = live
    from clouds.aws.drift import AwsScanner
    # a group that names a prefix list, so that the scanner reads the list's entries too
    plist = ec2.create_managed_prefix_list(PrefixListName="vendor", MaxEntries=2, AddressFamily="IPv4",
                                           Entries=[{"Cidr": "172.16.0.0/16"}])["PrefixList"]["PrefixListId"]
    group = ec2.create_security_group(GroupName="vendor", Description="vendor",
                                      VpcId=by_name(ec2, "vpc", "131032-minato-lgwan-vpc"))["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "PrefixListIds": [{"PrefixListId": plist}]}])
    # a forwarding rule on a layer VPC, so that the scanner reads the rules and endpoints too
    from tests.clouds.aws.test_drift_dns import forward
    forward(moto, ec2, "131032-minato-lgwan-vpc", "131032-minato-lgwan-workload", "vendor.example", ["172.21.9.53"])
    # an endpoint service, a mirror session, a Lattice association: what they lead to is read too
    from tests.clouds.aws.test_drift_reach import every_conditional_read
    every_conditional_read(moto, ec2, "lgwan")
    scanner = AwsScanner(session(), "ap-northeast-1", moto.url)
    scanner.scan("131032")
    called = {op for op in scanner.calls}
    assert all(is_read_operation(*op.split(":")) for op in called)
    policy = json.loads((ROOT / "drift" / "iam" / "aws-readonly-policy.json").read_text())
    statements = {s["Sid"]: s for s in policy["Statement"]}
    # Route 53 is global (its calls are not made in a domestic region): its own statement
    actions = set(statements["GovcloudDriftReadOnly"]["Action"]) | set(statements["GovcloudDriftPrivateZones"]["Action"])
    # API Gateway's GETs on the VPC links only (a GET of /apikeys would read API keys' values)
    actions |= set(statements["GovcloudDriftVpcLinks"]["Action"])
    # S3 lists the account's buckets wherever they are kept (a bucket abroad is a footprint)
    actions |= set(statements["GovcloudDriftBuckets"]["Action"])
    assert statements["GovcloudDriftVpcLinks"]["Resource"] == ["arn:aws:apigateway:*::/vpclinks"]
    from tests.clouds.aws.test_drift_readonly import IAM_NAMES, IAM_PREFIX  # IAM's names for the calls
    needed = {IAM_NAMES.get((svc, name), f"{IAM_PREFIX.get(svc, svc)}:{name}")
              for svc, name in (op.split(":") for op in called)}
    assert needed == actions
    # the policy allows exactly the regions a stack may declare, and drift reads each declared one
    from clouds.aws.catalog import REGIONS
    assert sorted(statements["GovcloudDriftReadOnly"]["Condition"]["StringEquals"]["aws:RequestedRegion"]) == \
        sorted(REGIONS)
    assert "Condition" not in statements["GovcloudDriftPrivateZones"]
    assert set(MINATO.spec.regions) <= set(REGIONS) and len(MINATO.spec.regions) == 2


def test_suppressions_and_their_expiry(live, tmp_path):
    moto, _, ec2 = live
    ec2.create_vpc_peering_connection(VpcId=by_name(ec2, "vpc", "131032-minato-mynumber-vpc"),
                                      PeerVpcId=by_name(ec2, "vpc", "131032-minato-lgwan-vpc"))
    from drift.ignore import load as load_ignore
    path = tmp_path / "maintenance.driftignore"  # not the default name: the expiry must name this one
    path.write_text("- kind: peering\n  stack: 131032-minato\n  reason: 移行作業中の一時接続 (change 42)\n"
                    "  expires: 2026-12-31\n", encoding="utf-8")
    entries = load_ignore(path)
    report = drift_of(moto, suppressions=entries, today=dt.date(2026, 11, 23))
    assert report.findings == [] and len(report.suppressed) == 1
    report = drift_of(moto, suppressions=entries, today=dt.date(2027, 1, 1))
    categories = {f.category for f in report.findings}
    assert categories == {"unmanaged", "expired-suppression"}
    expired = next(f for f in report.findings if f.category == "expired-suppression")
    assert expired.message.startswith(f"{path}:1: ") and "expired on 2026-12-31" in expired.message


def aws_env(moto=None, creds=True):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": "/nonexistent",
                "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_DEFAULT_REGION": "ap-northeast-1"})
    if creds:
        env.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"})
    return env


@functools.lru_cache(maxsize=1)
def drift_project() -> "os.PathLike":
    """A project whose 港区 is the one materialized (TEXT), for the console script; one per
    test process, so that its plan cache (.govcloud/cache) spares planning again."""
    import tempfile
    from pathlib import Path
    root = Path(tempfile.mkdtemp(prefix="drift-"))
    (root / "stacks").mkdir()
    for name in ("Pulumi.yaml", "govcloud.yaml"):
        (root / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    (root / "stacks" / "Pulumi.131032-minato.yaml").write_text(TEXT, encoding="utf-8")
    return root


def run_drift_cli(*args, env):
    import subprocess
    from tests.conftest import GOVCLOUD
    return subprocess.run([str(GOVCLOUD), "drift", *args], cwd=drift_project(), env={**env, "NO_COLOR": "1"},
                          capture_output=True, text=True, timeout=300)


def test_cli_exit_codes_and_formats(live, tmp_path):
    moto, _, ec2 = live
    ok = run_drift_cli("131032-minato", "--endpoint-url", moto.url, env=aws_env())
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "no drift in 1 stack(s)" in ok.stdout
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=by_name(ec2, "vpc", "131032-minato-mynumber-vpc"))
    # the desired side was planned once and kept: .govcloud/cache holds the stack's inventory
    assert list((drift_project() / ".govcloud" / "cache").rglob("*.json"))
    outputs = {}
    for fmt, cache in (("text", []), ("json", ["--no-cache"]), ("sarif", []), ("junit", [])):
        result = run_drift_cli("131032-minato", "--endpoint-url", moto.url, "--format", fmt, *cache, env=aws_env())
        assert result.returncode == 1, (fmt, result.stderr)
        assert igw in result.stdout
        outputs[fmt] = result.stdout
    sarif = json.loads(outputs["sarif"])
    (result,) = sarif["runs"][0]["results"]
    assert result["level"] == "error" and result["ruleId"] == "drift-unmanaged"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stacks/Pulumi.131032-minato.yaml"


def test_cli_without_credentials_or_endpoint_exits_3(moto, tmp_path):
    result = run_drift_cli("131032-minato", "--endpoint-url", moto.url, env=aws_env(creds=False))
    assert result.returncode == 3 and "no AWS credentials" in result.stderr
    from tests.clouds.aws.moto_server import free_port
    closed = f"http://127.0.0.1:{free_port()}"
    result = run_drift_cli("131032-minato", "--endpoint-url", closed, env={**aws_env(), "AWS_MAX_ATTEMPTS": "1"})
    assert result.returncode == 3 and "unreachable" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_bad_ignore_file_exits_2(moto, tmp_path):
    bad = tmp_path / "ignore.yaml"
    bad.write_text("- kind: peerin\n  reason: x\n  expires: 2026-13-01\n", encoding="utf-8")
    result = run_drift_cli("131032-minato", "--endpoint-url", moto.url, "--ignore", str(bad), env=aws_env())
    assert result.returncode == 2
    assert "ignore.yaml:1 [0].kind: 'peerin' is not one of" in result.stderr
    assert "did you mean 'peering'?" in result.stderr
    assert "ignore.yaml:3 [0].expires: '2026-13-01' is not a valid date (YYYY-MM-DD)" in result.stderr
    # a suppressions file named but not there is bad input too, not silently no suppressions
    missing = run_drift_cli("131032-minato", "--endpoint-url", moto.url, "--ignore", str(tmp_path / "nope.yaml"),
                            env=aws_env())
    assert missing.returncode == 2 and "nope.yaml: --ignore names a suppressions file that does not exist" in \
        missing.stderr
    assert "Traceback" not in missing.stderr


def test_state_export_as_the_desired_side(live, tmp_path):
    moto, ids, _ = live
    resources = [{"urn": r["urn"], "type": r["type"], "id": ids.get(r["urn"], r["id"]), "custom": r["custom"],
                  "parent": r["parent"], "provider": f"{r['provider']}::provider-id" if r["provider"] else None,
                  "inputs": r["inputs"], "outputs": {}, "propertyDependencies": r["dependencies"]}
                 for r in INVENTORY["resources"]]
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"version": 3, "deployment": {"resources": resources}}), encoding="utf-8")
    result = run_drift_cli("131032-minato", "--endpoint-url", moto.url, "--state", str(state), env=aws_env())
    assert result.returncode == 0, result.stdout + result.stderr
    state.write_text("{}", encoding="utf-8")
    result = run_drift_cli("131032-minato", "--endpoint-url", moto.url, "--state", str(state), env=aws_env())
    assert result.returncode == 2 and "pulumi stack export" in result.stderr


def test_pulumi_refresh_without_the_cli_exits_3(moto):
    env = {**aws_env(), "PATH": "/usr/bin:/bin"}
    result = run_drift_cli("131032-minato", "--endpoint-url", moto.url, "--pulumi-refresh", env=env)
    assert result.returncode == 3 and "--pulumi-refresh needs the Pulumi CLI" in result.stderr


def test_a_change_in_a_system_account_is_found_through_its_role(live):
    """moto keys its state by account: 住民記録's VPC is in A社's account 401234560012, read
    through the role drift assumes there; a route added there to the internet layer is found."""
    moto, _, _ = live
    vendor = in_account("401234560012", moto.url).client("ec2", endpoint_url=moto.url)
    vpc = by_name(vendor, "vpc", "131032-minato-mynumber-juki-vpc")
    table = vendor.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                  {"Name": "tag:Name", "Values": ["131032-minato-mynumber-juki-rt"]}])
    igw = vendor.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    vendor.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    vendor.create_route(RouteTableId=table["RouteTables"][0]["RouteTableId"], DestinationCidrBlock="0.0.0.0/0",
                        GatewayId=igw)
    report = drift_of(moto)
    assert {("unmanaged", "critical", "igw"), ("unmanaged", "critical", "route")} <= findings(report)
    assert all(f.layer == "mynumber" for f in report.findings)
    # the network account alone does not see it: the VPC is not there
    assert not session().client("ec2", endpoint_url=moto.url).describe_vpcs(
        Filters=[{"Name": "tag:Name", "Values": ["131032-minato-mynumber-juki-vpc"]}])["Vpcs"]


def test_without_the_external_id_drift_stops_before_reading(live, monkeypatch):
    moto, _, _ = live
    monkeypatch.delenv("GOVCLOUD_EXTERNAL_ID")
    result = run_drift_cli("131032-minato", "--endpoint-url", moto.url, env=aws_env())
    assert result.returncode == 3
    assert "set GOVCLOUD_EXTERNAL_ID" in result.stderr and "Traceback" not in result.stderr + result.stdout
    # one AWS would refuse (too short, a space) is said before any call, without echoing it
    for bad in ("Q", "vendor secret 42"):
        result = run_drift_cli("131032-minato", "--endpoint-url", moto.url,
                               env={**aws_env(), "GOVCLOUD_EXTERNAL_ID": bad})
        assert result.returncode == 3, result.stderr
        assert "GOVCLOUD_EXTERNAL_ID is not an external id AWS accepts" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout and bad not in result.stderr.replace(
            "GOVCLOUD_EXTERNAL_ID", "")


def test_each_test_starts_from_the_built_state(live):
    """The tests' own harness: a tampering is gone once the built state is put back
    (tests/clouds/aws/moto_launcher.py), so no test sees another's; the ids stay valid."""
    moto, ids, ec2 = live
    vpc = by_name(ec2, "vpc", "131032-minato-mynumber-vpc")
    ec2.attach_internet_gateway(InternetGatewayId=ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"],
                                VpcId=vpc)
    ec2.delete_subnet(SubnetId=by_name(ec2, "subnet", "131032-minato-mynumber-workload-ap-northeast-1a"))
    assert drift_of(moto).findings
    again = moto.prepared("131032-minato-five-systems", lambda: pytest.fail("built twice"))
    assert again == ids and by_name(ec2, "vpc", "131032-minato-mynumber-vpc") == vpc
    assert drift_of(moto).findings == []


def test_a_bucket_made_after_a_restore_is_gone_with_it(live):
    """S3 keeps bucket names account-wide beside its backends; a restore puts that back too,
    or the name stays taken and creating it again fails inside moto (a 500, a recursion)."""
    moto, _, _ = live
    s3 = session().client("s3", endpoint_url=moto.url)
    where = {"LocationConstraint": "ap-northeast-1"}
    s3.create_bucket(Bucket="131032-minato-made-after-restore", CreateBucketConfiguration=where)
    moto.prepared("131032-minato-five-systems", lambda: pytest.fail("built twice"))
    names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    assert "131032-minato-made-after-restore" not in names
    s3.create_bucket(Bucket="131032-minato-made-after-restore", CreateBucketConfiguration=where)
    moto.reset()
    s3.create_bucket(Bucket="131032-minato-made-after-restore", CreateBucketConfiguration=where)
