"""GOV-DATA-004 reads a policy as AWS does for S3 Block Public Access: Allow to everyone is
public unless a condition fixes who (the corpus, tests/policies/corpus/*_public.py, runs whole
resources through the three paths)."""
from __future__ import annotations

import json

import pytest

from policies.rules.public_access import public_statements


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(principal="*", condition=None, sid="S", **more):
    statement = {"Sid": sid, "Effect": "Allow", "Principal": principal, "Action": "s3:GetObject", "Resource": "*"}
    if condition is not None:
        statement["Condition"] = condition
    statement.update(more)
    return statement


@pytest.mark.parametrize("statement, public", [
    (allow(), True),
    (allow({"AWS": "*"}), True),
    (allow({"AWS": ["arn:aws:iam::111122223333:root", "*"]}), True),
    (allow({"AWS": "arn:aws:iam::111122223333:root"}), False),
    (allow({"Service": "logging.s3.amazonaws.com"}), False),
    (allow(condition={"StringEquals": {"aws:SourceVpce": "vpce-1"}}), False),
    (allow(condition={"StringEquals": {"AWS:SOURCEACCOUNT": "111122223333"}}), False),  # keys are case-insensitive
    (allow(condition={"StringLike": {"aws:SourceVpce": "vpce-*"}}), True),  # a wildcard fixes nothing
    (allow(condition={"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}), True),  # absent key passes
    (allow(condition={"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}), False),
    (allow(condition={"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "198.51.100.0/24", "8.8.8.0/24"]}}), True),
    (allow(condition={"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}), True),
    (allow(condition={"Bool": {"aws:SecureTransport": "true"}}), True),
    ({"Sid": "N", "Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*",
      "Resource": "*"}, True),
    ({"Sid": "D", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}, False),
])
def test_what_is_public(statement, public):
    assert bool(public_statements(doc(statement))) is public


def test_statements_are_named_and_a_document_that_is_not_json_is_none():
    assert public_statements(doc(allow(sid="Open"), allow(principal={"AWS": "arn:aws:iam::1:root"}))) == ["Open"]
    assert public_statements(json.dumps({"Statement": {"Effect": "Allow", "Principal": "*"}})) == ["statement 1"]
    assert public_statements("not json") == [] and public_statements(None) == []


def test_an_endpoint_policy_is_open_when_anyone_reaches_any_accounts_resources():
    """GOV-ISO-007 reads a VPC endpoint's policy for the other half: whose resources."""
    from policies.rules.public_access import reaches_any_account
    own = {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}
    assert reaches_any_account(doc(allow(sid="Any", Resource="*"))) == ["Any"]
    assert reaches_any_account(doc(allow(sid="Wild", Resource="arn:aws:s3:::*/*"))) == ["Wild"]
    assert reaches_any_account(doc(allow(condition=own, Resource="*"))) == []  # the account's principals only
    assert reaches_any_account(doc(allow(condition={"StringEquals": {"aws:ResourceAccount": "1"}}, Resource="*"))) == []
    assert reaches_any_account(doc(allow(condition={"Bool": {"aws:PrincipalIsAWSService": "true"}}))) == []
    assert reaches_any_account(doc(allow(Resource=["arn:aws:s3:::amazonlinux-2-repos-ap-northeast-1/*"]))) == []
    assert reaches_any_account(doc({"Effect": "Allow", "Action": "*", "Resource": "*"})) == ["statement 1"]
    assert reaches_any_account("not json") == []
