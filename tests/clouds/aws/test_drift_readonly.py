"""Drift cannot write: every client it makes comes from one guarded factory, the guard allows
an explicit list of reads (the same list as the shipped IAM policy), and a read-looking name
that hands out credentials is refused. No server is needed: the guard refuses before a
request is built."""
from __future__ import annotations

import ast
import json

import boto3
import pytest

from drift.readonly import READ_OPERATIONS, ReadOnlyViolation, read_only_client
from tests.conftest import ROOT
from tests.architecture.imports import parse

#: IAM's name for an action where it differs from the API operation's
IAM_NAMES = {("s3", "GetBucketEncryption"): "s3:GetEncryptionConfiguration",
             # API Gateway authorizes by HTTP verb and resource path (GET /vpclinks, GET /v2/vpclinks)
             ("apigateway", "GetVpcLinks"): "apigateway:GET", ("apigatewayv2", "GetVpcLinks"): "apigateway:GET",
             ("s3", "GetPublicAccessBlock"): "s3:GetBucketPublicAccessBlock",
             ("s3", "GetBucketReplication"): "s3:GetReplicationConfiguration",
             ("s3", "GetBucketLifecycleConfiguration"): "s3:GetLifecycleConfiguration",
             # "with the s3:GetBucketNotification permission" (S3 API Reference)
             ("s3", "GetBucketNotificationConfiguration"): "s3:GetBucketNotification",
             # "To use this operation, you must have the s3:ListAllMyBuckets permission" (S3 API Reference, ListBuckets)
             ("s3", "ListBuckets"): "s3:ListAllMyBuckets",
             # S3 Control's GetPublicAccessBlock is the account's: IAM calls it so, under s3
             ("s3control", "GetPublicAccessBlock"): "s3:GetAccountPublicAccessBlock",
             # needs no permission (AWS STS API Reference) and cannot be denied: listed so that
             # the policy and the allow-list stay one list
             ("sts", "GetCallerIdentity"): "sts:GetCallerIdentity"}
IAM_PREFIX = {"resourcegroupstaggingapi": "tag", "elbv2": "elasticloadbalancing", "elb": "elasticloadbalancing"}
DRIFT_SOURCES = sorted([*ROOT.glob("drift/*.py"), *ROOT.glob("clouds/*/drift*.py")])


def offline_session():
    return boto3.Session(aws_access_key_id="x", aws_secret_access_key="x", region_name="ap-northeast-1")


def test_the_allow_list_is_the_iam_policy():
    policy = json.loads((ROOT / "drift" / "iam" / "aws-readonly-policy.json").read_text())
    actions = {a for statement in policy["Statement"] for a in statement["Action"]}
    allowed = {IAM_NAMES.get((service, op), f"{IAM_PREFIX.get(service, service)}:{op}")
               for service, ops in READ_OPERATIONS.items() for op in ops}
    assert allowed == actions


@pytest.mark.parametrize("service, operation, kwargs", [
    ("sts", "get_session_token", {}),
    ("cognito-identity", "get_id", {"IdentityPoolId": "ap-northeast-1:x"}),
    ("ec2", "get_password_data", {"InstanceId": "i-1"}),
    ("ec2", "create_vpc", {"CidrBlock": "10.0.0.0/16"}),
    ("kms", "get_parameters_for_import", {"KeyId": "k", "WrappingAlgorithm": "RSAES_OAEP_SHA_256",
                                          "WrappingKeySpec": "RSA_2048"}),
    ("s3", "get_object", {"Bucket": "b", "Key": "k"}),
])
def test_reads_off_the_list_are_refused_even_when_their_name_reads(service, operation, kwargs):
    client = read_only_client(offline_session(), service, endpoint_url="http://127.0.0.1:9")
    with pytest.raises(ReadOnlyViolation, match="refused"):
        getattr(client, operation)(**kwargs)


def _calls(tree):
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


def test_no_drift_code_makes_a_boto3_client_but_the_guarded_factory():
    """A plain `session.client(...)` anywhere in drift/ or clouds/*/drift.py would be
    unguarded; the only one allowed is the factory's own."""
    offenders = []
    for path in DRIFT_SOURCES:
        tree = parse(path.read_text(encoding="utf-8"))
        factory = next((n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "read_only_client"),
                       None)
        allowed = {id(c) for c in _calls(factory)} if factory else set()
        for call in _calls(tree):
            func = call.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            # the scanner's own cached `self.client(service)` goes through the factory itself, and
            # so does `scanner.client(service)` in the modules handed the scanner (drift_data.py)
            own = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                func.value.id in ("self", "scanner")
            if name in ("client", "resource") and not own and id(call) not in allowed:
                offenders.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert offenders == []
    assert len(DRIFT_SOURCES) >= 8
    # and the scanner's own method is the shared clients', which the factory makes
    scanner = parse((ROOT / "clouds" / "aws" / "drift_scanner.py").read_text(encoding="utf-8"))
    method = next(n for n in ast.walk(scanner) if isinstance(n, ast.FunctionDef) and n.name == "client")
    assert any(getattr(c.func, "id", "") == "shared_client" for c in _calls(method))
    sessions = parse((ROOT / "clouds" / "aws" / "sessions.py").read_text(encoding="utf-8"))
    shared = next(n for n in ast.walk(sessions) if isinstance(n, ast.FunctionDef) and n.name == "shared_client")
    assert any(getattr(c.func, "id", "") == "read_only_client" for c in _calls(shared))
    assert [c.lineno for c in _calls(sessions) if getattr(c.func, "attr", "") in ("client", "resource")] == []


def test_every_google_client_is_wrapped_read_only():
    """Each compute_v1 client class is only ever handed to the wrapper's factory."""
    tree = parse((ROOT / "clouds" / "gcp" / "drift.py").read_text(encoding="utf-8"))
    classes = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr.endswith("Client")
               and isinstance(n.value, ast.Name) and n.value.id == "compute_v1"]
    wrapped = {id(arg) for c in _calls(tree) if getattr(c.func, "id", "") == "make" for arg in c.args}
    assert classes and all(id(c) in wrapped for c in classes)
    make = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "make")
    assert any(getattr(c.func, "id", "") == "ReadOnlyGcpClient" for c in _calls(make))


@pytest.mark.parametrize(("given", "attempts"), [("", 10), ("1", 1), ("4", 4), ("0", 10), ("many", 10), ("-2", 10)])
def test_attempts_per_call_follow_aws_max_attempts_when_it_is_a_count(monkeypatch, given, attempts):
    from clouds.aws.drift_scanner import _attempts
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", given)
    assert _attempts() == attempts
