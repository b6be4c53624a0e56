"""Drift makes one botocore client per service and region for the whole process and
signs each request as the account being read (clouds/aws/sessions.py): the accounts must
never see each other's resources, in one thread or several, and a request made outside
`signing_as` must fail before it is sent."""
from __future__ import annotations

import threading

import pytest

from clouds.aws.drift_scanner import AwsScanner
from clouds.aws.sessions import shared_client, signing_as
from tests.clouds.aws.materialize import in_account, session
from tests.clouds.aws.test_drift_tampering import live  # noqa: F401 - fixture

SYSTEM = "401234560012"  # A社's account in the five-system 港区 (test_drift.py)


def _vpc_names(scanner) -> set:
    return {t["Value"] for v in scanner._all("ec2", "describe_vpcs", "Vpcs") for t in v.get("Tags", [])
            if t["Key"] == "Name"}


def test_two_accounts_share_a_client_and_each_reads_only_its_own(live):
    moto, _, _ = live
    network = AwsScanner(session(), "ap-northeast-1", moto.url)
    system = AwsScanner(in_account(SYSTEM, moto.url), "ap-northeast-1", moto.url)
    assert network.client("ec2") is system.client("ec2")
    ours, theirs = _vpc_names(network), _vpc_names(system)
    assert "131032-minato-mynumber-vpc" in ours
    assert theirs and not theirs & ours, "the system account's VPCs are its own"
    assert network.calls["ec2:DescribeVpcs"] == 1 and system.calls["ec2:DescribeVpcs"] == 1


def test_threads_reading_different_accounts_at_once_do_not_mix(live):
    moto, _, _ = live
    scanners = {"network": AwsScanner(session(), "ap-northeast-1", moto.url),
                SYSTEM: AwsScanner(in_account(SYSTEM, moto.url), "ap-northeast-1", moto.url)}
    alone = {name: _vpc_names(s) for name, s in scanners.items()}
    seen: dict = {name: [] for name in scanners}

    def read(name):
        for _ in range(5):
            seen[name].append(_vpc_names(scanners[name]))

    threads = [threading.Thread(target=read, args=(name,)) for name in scanners]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name in scanners:
        assert seen[name] == [alone[name]] * 5


def test_a_request_outside_signing_as_fails_before_it_is_sent(live):
    moto, _, _ = live
    ec2 = shared_client("ec2", "ap-northeast-1", moto.url, None)
    sent = []
    ec2.meta.events.register("before-send.ec2.*", lambda request, **_: sent.append(request))
    with pytest.raises(RuntimeError, match="outside signing_as"):
        ec2.describe_vpcs()
    with signing_as(session().get_credentials()):
        assert ec2.describe_vpcs()["Vpcs"]
    assert len(sent) == 1


def test_drift_reads_the_accounts_and_regions_at_once_and_finds_what_it_finds_one_by_one(live, monkeypatch):
    """clouds/aws/drift.py READERS: every (account, region) scanner of the five-system 港区 in
    its own thread (each region's network account after its systems), and the items, their
    order and the call count are what reading them one after another gives."""
    import clouds.aws.drift as aws_drift
    from tests.clouds.aws.test_drift import MINATO, by_name, drift_of
    from tests.clouds.aws.materialize import EXTERNAL_ID
    moto, _, ec2 = live
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]  # something to find
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=by_name(ec2, "vpc", "131032-minato-mynumber-vpc"))
    options = {"session": session(), "endpoint_url": moto.url, "external_id": EXTERNAL_ID}
    threads: set = set()
    scan = AwsScanner.scan

    def noted(self, *args, **kwargs):
        threads.add(threading.current_thread().name)
        return scan(self, *args, **kwargs)
    monkeypatch.setattr(AwsScanner, "scan", noted)

    def read(readers):
        monkeypatch.setattr(aws_drift, "READERS", readers)
        threads.clear()
        items, calls = aws_drift.scan(MINATO, options)
        return [(i.kind, i.key, i.layer, i.props, i.ref) for i in items], calls, set(threads)

    at_once, one_by_one = read(8), read(1)
    assert at_once[:2] == one_by_one[:2]
    assert len(at_once[2]) > 1 and all(name.startswith("drift-read") for name in at_once[2])
    assert len(one_by_one[2]) == 1
    found = drift_of(moto).findings  # through detect, as `govcloud drift` runs it
    assert [(f.kind, f.severity) for f in found if f.kind == "igw"] == [("igw", "critical")]
