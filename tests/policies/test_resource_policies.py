"""Which AWS inputs hold a resource policy is the SDK's own (policies/rules/resource_policies.py):
every pulumi_aws type with an input named like a policy is judged by GOV-DATA-004 or set aside
with a reason, and each judged type is refused with a policy open to everyone and passed with
one naming an account, as the rule sees it."""
from __future__ import annotations

import json

import pytest

from inventory.view import Resource
from policies.encryption_inputs import camel, inputs_of, resource_modules
from policies.rules.public_access import public_access
from policies.rules.resource_policies import JUDGED, POLICY_NAME, SET_ASIDE
from tests.policies.test_encryption_table import documented

OPEN = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "Anyone", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*"}]})
NAMED = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "Vendor", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::131032000001:root"}, "Action": "*",
     "Resource": "*"}]})
TRUST_OPEN = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]})
TRUST_SERVICE = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}, "Action": "sts:AssumeRole",
     "Condition": {"StringEquals": {"aws:SourceAccount": "131032000001"}}}]})


@pytest.fixture(scope="module")
def sdk_policy_inputs() -> dict[str, list[str]]:
    """type -> its inputs named like a policy (camelCase), from the installed pulumi_aws."""
    found = {}
    for token, _module, text in resource_modules("pulumi_aws"):
        names = [camel(n) for n in inputs_of(text) if POLICY_NAME.match(n)]
        if names:
            found[token] = names
    return found


def test_every_type_with_a_policy_input_is_judged_or_set_aside(sdk_policy_inputs):
    unknown = sorted(set(sdk_policy_inputs) - set(JUDGED) - set(SET_ASIDE))
    assert not unknown, (f"pulumi_aws has types with a policy input GOV-DATA-004 does not know: {unknown}; judge "
                         "them in JUDGED or set them aside with a reason in policies/rules/resource_policies.py")
    assert not set(JUDGED) & set(SET_ASIDE)


def test_the_judged_input_is_the_type_s_own_and_nothing_stale_is_listed(sdk_policy_inputs):
    for token, name in JUDGED.items():
        assert name in sdk_policy_inputs.get(token, []), (token, name, sdk_policy_inputs.get(token))
    assert set(SET_ASIDE) <= set(sdk_policy_inputs)


def _findings(token: str, props: dict) -> list[str]:
    resource = Resource(token, "r", f"urn:pulumi:s::p::{token}::r", props)
    return [f.message for f in public_access(resource, None)]


@pytest.mark.parametrize("token", sorted(JUDGED))
def test_each_judged_type_refuses_everyone_and_passes_a_named_account(token):
    name = JUDGED[token]
    opened = _findings(token, {name: TRUST_OPEN if token == "aws:iam/role:Role" else OPEN})
    assert len(opened) == 1 and "Principal \"*\"" in opened[0]
    assert _findings(token, {name: TRUST_SERVICE if token == "aws:iam/role:Role" else NAMED}) == []


def test_a_role_anyone_may_assume_is_named_so_and_an_account_condition_fixes_it():
    token = "aws:iam/role:Role"
    assert "lets anyone assume the role" in _findings(token, {"assumeRolePolicy": TRUST_OPEN})[0]
    fixed = json.loads(TRUST_OPEN)
    fixed["Statement"][0]["Condition"] = {"StringEquals": {"aws:PrincipalAccount": "131032000001"}}
    assert _findings(token, {"assumeRolePolicy": json.dumps(fixed)}) == []
    # an external id is a shared string, not a principal: anyone who learns it may assume the role
    fixed["Statement"][0]["Condition"] = {"StringEquals": {"sts:ExternalId": "vendor-2026"}}
    assert _findings(token, {"assumeRolePolicy": json.dumps(fixed)})


def test_a_layer_shared_with_every_account_is_public_and_with_one_organization_is_not():
    token = "aws:lambda/layerVersionPermission:LayerVersionPermission"
    base = {"layerName": "l", "versionNumber": 1, "statementId": "s", "action": "lambda:GetLayerVersion"}
    assert "every AWS account" in _findings(token, {**base, "principal": "*"})[0]
    assert _findings(token, {**base, "principal": "*", "organizationId": "o-abc123"}) == []
    assert _findings(token, {**base, "principal": "131032000001"}) == []


@pytest.mark.parametrize("dotted, name, says", [
    ("pulumi_aws.lambda_.LayerVersionPermission", "principal", "Use `*` to share with all AWS accounts"),
    ("pulumi_aws.lambda_.LayerVersionPermission", "organization_id", "AWS Organization ID that should be able to "
                                                                     "use your Lambda Layer"),
    ("pulumi_aws.iam.Role", "assume_role_policy", "Policy that grants an entity permission to assume the role"),
    ("pulumi_aws.s3tables.TableBucketPolicy", "resource_policy", "resource-based policy document"),
    ("pulumi_aws.amp.ResourcePolicy", "policy_document", "other AWS accounts or services have to access"),
    ("pulumi_gcp.bigquery.DatasetAccess", "special_group", "`allAuthenticatedUsers`: All authenticated BigQuery users"),
    ("pulumi_gcp.bigquery.DatasetAccess", "iam_member", "For example: `allUsers`"),
])
def test_the_sdk_documents_what_the_rule_relies_on(dotted, name, says):
    assert says in documented(dotted, name)


GITHUB = "arn:aws:iam::131032000001:oidc-provider/token.actions.githubusercontent.com"


@pytest.mark.parametrize("condition, public", [
    (None, True),
    ({"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}, True),  # every token's
    ({"StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}}, True),
    ({"StringLike": {"token.actions.githubusercontent.com:sub": "*"}}, True),
    ({"StringNotLike": {"token.actions.githubusercontent.com:sub": "repo:evil/*"}}, True),
    ({"StringLike": {"token.actions.githubusercontent.com:sub": "repo:city-minato/infra:*"}}, False),
    ({"StringEquals": {"token.actions.githubusercontent.com:sub": ["repo:city-minato/infra:ref:refs/heads/main",
                                                                   "repo:city-minato/infra:environment:prod"]}}, False),
])
def test_a_role_any_github_repository_may_assume_is_public(condition, public):
    statement = {"Effect": "Allow", "Principal": {"Federated": GITHUB}, "Action": "sts:AssumeRoleWithWebIdentity"}
    if condition:
        statement["Condition"] = condition
    found = _findings("aws:iam/role:Role", {"assumeRolePolicy": json.dumps({"Statement": [statement]})})
    assert bool(found) is public


def test_a_cognito_identity_pool_role_needs_its_pool_as_audience():
    statement = {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                 "Action": "sts:AssumeRoleWithWebIdentity"}
    assert _findings("aws:iam/role:Role", {"assumeRolePolicy": json.dumps({"Statement": [statement]})})
    statement["Condition"] = {"StringEquals": {
        "cognito-identity.amazonaws.com:aud": "ap-northeast-1:12345678-1234-1234-1234-123456789012"}}
    assert _findings("aws:iam/role:Role", {"assumeRolePolicy": json.dumps({"Statement": [statement]})}) == []


@pytest.mark.parametrize("issuer, condition, public", [
    ("https://token.actions.githubusercontent.com", None, True),
    ("https://token.actions.githubusercontent.com/", "  ", True),
    ("https://gitlab.com", None, True),
    ("https://token.actions.githubusercontent.com", "assertion.repository_owner == 'city-itabashi'", False),
    ("https://sts.windows.net/tenant-id/", None, False),  # the municipality's own directory
])
def test_a_workload_identity_provider_for_a_shared_issuer_needs_a_condition(issuer, condition, public):
    props = {"oidc": {"issuerUri": issuer}, **({"attributeCondition": condition} if condition else {})}
    found = _findings("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", props)
    assert bool(found) is public
