"""Public access to data (データの公開): a resource policy, ACL or IAM binding that lets anyone in.

A vendor can leave every network path closed and still publish the municipality's data
through the cloud's own APIs: a bucket policy allowing Principal "*", a public-read ACL, a
queue or key policy open to everyone, a role anyone may assume, a Lambda function anyone may
invoke, a machine image or layer shared with all accounts, a Google Cloud IAM binding or Cloud
Storage ACL to allUsers or allAuthenticatedUsers. Which AWS inputs hold a resource policy is
policies/rules/resource_policies.py, checked against the SDK. Each is refused in every layer:
the Government Cloud's business systems publish nothing through a resource policy (a public website belongs to the municipality's own CMS, not here).

"Public" is AWS's own definition for S3 Block Public Access (AWS SDK, PublicAccessBlock-
Configuration): a policy is public unless it limits access to a set of CIDRs with
aws:SourceIp, or grants only to a fixed principal, aws:SourceArn, aws:SourceVpc,
aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, a fixed
s3:x-amz-server-side-encryption-aws-kms-key-id or aws:userid. The organization and account
condition keys (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn,
aws:ResourceOrgID) fix the principal too and count the same way.
"""
from __future__ import annotations

import json
from collections.abc import Mapping

from network.openness import reaches_public
from policies.props import iam_bindings, is_false
from policies.registry import Finding, resource_rule
from policies.rules.resource_policies import JUDGED as POLICY_INPUTS  # type -> its resource policy input

#: condition keys that fix who may act (see the module docstring); aws:SourceIp counts when
#: none of its ranges is public
FIXING_KEYS = frozenset(k.lower() for k in (
    "aws:SourceArn", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceOwner", "aws:SourceAccount",
    "s3:x-amz-server-side-encryption-aws-kms-key-id", "aws:userid", "aws:PrincipalOrgID", "aws:PrincipalAccount",
    "aws:PrincipalArn", "aws:ResourceOrgID"))
#: S3 canned ACLs that grant to everyone or to every AWS account (pulumi_aws BucketAcl `acl`)
PUBLIC_ACLS = ("public-read", "public-read-write", "authenticated-read")
PUBLIC_GRANTEES = ("http://acs.amazonaws.com/groups/global/AllUsers",
                   "http://acs.amazonaws.com/groups/global/AuthenticatedUsers")
#: Google Cloud's members for everyone and for every Google account
PUBLIC_MEMBERS = ("allUsers", "allAuthenticatedUsers")
BLOCK = ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")
IAM_SUFFIXES = ("IAMMember", "IAMBinding", "IAMPolicy", "IamMember", "IamBinding", "IamPolicy")


def _listed(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _to_everyone(principal) -> bool:
    """Principal "*", {"AWS": "*"} (or a list holding "*")."""
    if isinstance(principal, Mapping):
        return any("*" in _listed(v) for k, v in principal.items() if k == "AWS")
    return "*" in _listed(principal)


def _fixed(condition) -> bool:
    """A condition that fixes who may act: one of FIXING_KEYS with no wildcard, or
    aws:SourceIp with no public range."""
    for operator, tests in (condition or {}).items():
        if not isinstance(tests, Mapping) or "ifexists" in operator.lower():
            continue  # ...IfExists passes when the key is absent: it fixes nothing
        for key, values in tests.items():
            values = [str(v) for v in _listed(values)]
            if key.lower() in FIXING_KEYS and values and not any("*" in v or "?" in v for v in values):
                return True
            if key.lower() == "aws:sourceip" and "not" not in operator.lower() and not reaches_public(values):
                return True
    return False


def _allows(document):
    """(name, statement) of each Allow statement: its Sid, or its position; a document that is
    not JSON is read as none (its own service refuses it)."""
    try:
        policy = json.loads(document) if isinstance(document, str) else dict(document or {})
    except (TypeError, ValueError):
        return
    for i, statement in enumerate(_listed(policy.get("Statement") or [])):
        if isinstance(statement, Mapping) and statement.get("Effect") == "Allow":
            yield str(statement.get("Sid") or f"statement {i + 1}"), statement


def public_statements(document) -> list[str]:
    """The Allow statements open to everyone (by name): to Principal "*" without a condition
    that fixes who, or to a web identity anyone can get a token for, its subject not pinned."""
    return [name for name, statement in _allows(document)
            if (_to_everyone(statement.get("Principal")) or "NotPrincipal" in statement)
            and not _fixed(statement.get("Condition")) or _open_federation(statement)]


#: identity providers that give anyone a token, and the claim a role's trust policy must pin:
#: GitHub Actions' subject (GitHub Docs, OIDC in AWS: "you must define at least one condition,
#: so that untrusted repositories can't request access tokens"; `token.actions.githubusercontent.com:sub`,
#: `repo:<org>/<repo>:...`), GitLab's, and the audience of Cognito, Google, Facebook and Amazon
#: logins (the application the token was issued to)
OPEN_PROVIDERS = {"token.actions.githubusercontent.com": "sub", "gitlab.com": "sub",
                  "cognito-identity.amazonaws.com": "aud", "accounts.google.com": "aud",
                  "graph.facebook.com": "app_id", "www.amazon.com": "app_id"}


def _open_federation(statement) -> bool:
    """A web-identity trust that any account of a public provider meets."""
    principal = statement.get("Principal")
    federated = principal.get("Federated") if isinstance(principal, Mapping) else None
    for provider in _listed(federated) if federated else ():
        host = str(provider).rsplit("oidc-provider/", 1)[-1]
        if host in OPEN_PROVIDERS and not _pinned(statement.get("Condition"), f"{host}:{OPEN_PROVIDERS[host]}"):
            return True
    return False


def _pinned(condition, key: str) -> bool:
    """A positive condition on `key` whose every value names someone (not "*", nor any
    repository: "repo:*")."""
    for operator, tests in (condition or {}).items():
        if not isinstance(tests, Mapping) or "ifexists" in operator.lower() or "not" in operator.lower():
            continue
        for name, values in tests.items():
            values = [str(v) for v in _listed(values)]
            if name.lower() == key.lower() and values and not any(
                    v.startswith(("*", "repo:*", "project_path:*")) for v in values):
                return True
    return False


#: condition keys that fix whose resources a statement reaches (an endpoint policy's other half)
RESOURCE_KEYS = frozenset(k.lower() for k in ("aws:ResourceAccount", "aws:ResourceOrgID", "aws:ResourceOrgPaths",
                                              "s3:ResourceAccount"))


def reaches_any_account(document) -> list[str]:
    """For a VPC endpoint's policy: the statements that let anyone (no principal fixed, nor
    aws:PrincipalIsAWSService) reach any account's resources (Resource "*" or an ARN wildcard,
    no resource-account condition). No policy at all is AWS's default, full access: the caller
    judges that."""
    found = []
    for name, statement in _allows(document):
        condition = statement.get("Condition") or {}
        services = str((condition.get("Bool") or {}).get("aws:PrincipalIsAWSService", "")).lower() == "true"
        anyone = (_to_everyone(statement.get("Principal")) or "Principal" not in statement) \
            and not _fixed(condition) and not services  # AWS's own services acting for the account's resources
        wide = any(str(r) in ("*", "arn:aws:s3:::*", "arn:aws:s3:::*/*") or ":*:" in str(r)
                   for r in _listed(statement.get("Resource", "*")))
        fixed_resources = any(k.lower() in RESOURCE_KEYS for tests in condition.values()
                              if isinstance(tests, Mapping) for k in tests)
        if anyone and wide and not fixed_resources:
            found.append(name)
    return found


def _iam_members(resource) -> list[str]:
    return [str(m) for b in iam_bindings(resource) for m in b.get("members") or [] if m in PUBLIC_MEMBERS]


#: Cloud Storage ACLs, the legacy access control beside IAM: an entity, a `ROLE:entity` pair or
#: a predefined ACL naming everyone (JSON API bucketAccessControls: entity "allUsers",
#: "allAuthenticatedUsers"; predefined ACLs publicRead, publicReadWrite, authenticatedRead)
GCS_ACLS = ("gcp:storage/bucketAccessControl:BucketAccessControl",
            "gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl",
            "gcp:storage/objectAccessControl:ObjectAccessControl", "gcp:storage/bucketACL:BucketACL",
            "gcp:storage/defaultObjectACL:DefaultObjectACL", "gcp:storage/objectACL:ObjectACL")
PUBLIC_PREDEFINED = ("publicRead", "publicReadWrite", "authenticatedRead")


def _gcs_acl_public(resource) -> list[str]:
    """What of a Cloud Storage ACL resource grants to everyone."""
    found = [f"entity {resource.get('entity')}"] if resource.get("entity") in PUBLIC_MEMBERS else []
    found += [f"role_entity {p}" for p in resource.get("roleEntities") or [] if str(p).split(":", 1)[-1]
              in PUBLIC_MEMBERS]
    return found + [f"{k} {resource.get(k)}" for k in ("predefinedAcl", "defaultAcl")
                    if str(resource.get(k) or "") in PUBLIC_PREDEFINED]


#: BigQuery's dataset ACL beside IAM: an entry's `special_group` ("`allAuthenticatedUsers`: All
#: authenticated BigQuery users") or `iam_member` ("For example: `allUsers`"), in a dataset's
#: `accesses` or one DatasetAccess resource
BIGQUERY_ACCESS = {"gcp:bigquery/dataset:Dataset": "accesses", "gcp:bigquery/datasetAccess:DatasetAccess": ""}


def _bigquery_public(resource) -> list[str]:
    field = BIGQUERY_ACCESS[resource.type]
    entries = (resource.get(field) or []) if field else [resource.props]
    return [f"{key} {entry.get(key)}" for entry in entries if isinstance(entry, Mapping)
            for key in ("specialGroup", "iamMember") if entry.get(key) in PUBLIC_MEMBERS]


def _is_iam(token: str) -> bool:
    return token.startswith("gcp:") and token.rsplit(":", 1)[-1].endswith(IAM_SUFFIXES)


def _applies(token: str) -> bool:
    return token in POLICY_INPUTS or token in OTHERS or token in GCS_ACLS or token in BIGQUERY_ACCESS or _is_iam(token)


#: database snapshots shared with every account: pulumi_aws shared_accounts "List of AWS Account
#: IDs to share the snapshot with. Use `all` to make the snapshot public."
RDS_SNAPSHOTS = ("aws:rds/snapshot:Snapshot", "aws:rds/clusterSnapshot:ClusterSnapshot",
                 "aws:rds/snapshotCopy:SnapshotCopy", "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy")
#: an SSM document (a runbook, with the commands and parameters run on the layers' servers)
#: shared publicly: "If you share a document publicly, you must specify All as the account ID"
#: (Systems Manager API, ModifyDocumentPermission; pulumi_aws permissions {type, account_ids})
SSM_DOCUMENT = "aws:ssm/document:Document"
#: a Lambda layer (code the layers' functions run) shared: "Use `*` to share with all AWS
#: accounts", unless organization_id narrows it to one organization (pulumi_aws)
LAYER_PERMISSION = "aws:lambda/layerVersionPermission:LayerVersionPermission"
#: a Google Cloud workload identity provider trusting an issuer anyone can get a token from: "If
#: unspecified, all valid authentication credential are accepted" (IAM API, attributeCondition);
#: GitHub and GitLab use one issuer for every organization
WIF_PROVIDER = "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider"
PUBLIC_ISSUERS = ("https://token.actions.githubusercontent.com", "https://gitlab.com")
OTHERS = ("aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketObjectv2:BucketObjectv2", "aws:s3/bucketObject:BucketObject",
          "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:lambda/permission:Permission",
          "aws:ec2/amiLaunchPermission:AmiLaunchPermission", "aws:lambda/functionUrl:FunctionUrl",
          LAYER_PERMISSION, *RDS_SNAPSHOTS, SSM_DOCUMENT, WIF_PROVIDER)


def _shared_with_all(resource) -> str | None:
    """What of a snapshot or document shares it with every AWS account, if anything does."""
    if resource.type in RDS_SNAPSHOTS and any(str(a).lower() == "all" for a in resource.get("sharedAccounts") or []):
        return "the snapshot is shared with every AWS account (shared_accounts: all)"
    permissions = resource.get("permissions") or {} if resource.type == SSM_DOCUMENT else {}
    if any(a.strip().lower() == "all" for a in str(permissions.get("accountIds") or permissions.get("account_ids")
                                                     or "").split(",")):
        return "the document is shared with every AWS account (permissions.account_ids: All)"
    return None


@resource_rule(id="GOV-DATA-004", family="data-protection", severity="critical",
               title_en="No resource policy, ACL or IAM binding opens data to everyone",
               title_ja="リソースポリシー・ACL・IAMバインディングでデータを誰にでも公開しない",
               rationale="Closed networks do not protect data the cloud's own API hands to anyone: a bucket, queue, "
                         "key, secret or other resource policy (or a role's trust policy) allowing Principal \"*\", a "
                         "public ACL, a function anyone may invoke, an image, Lambda layer, database snapshot or SSM "
                         "document shared with every account, or a Google Cloud "
                         "binding or Cloud Storage ACL to "
                         "allUsers or allAuthenticatedUsers publishes the municipality's data.",
               remediation="Name the principals (the account, role or service) or fix them with a condition "
                           "(aws:SourceVpce, aws:PrincipalOrgID, aws:SourceAccount); use a private ACL; keep Block "
                           "Public Access on; bind Google Cloud roles to groups or service accounts.",
               types=(*POLICY_INPUTS, *OTHERS, *GCS_ACLS, *BIGQUERY_ACCESS, "gcp:"))
def public_access(resource, ctx):
    token = resource.type
    if not _applies(token):
        return
    kind = token.rsplit(":", 1)[-1]
    if token in POLICY_INPUTS and resource.get(POLICY_INPUTS[token]):
        whom = "lets anyone assume the role" if token == "aws:iam/role:Role" else "allows everyone"
        for sid in public_statements(resource.get(POLICY_INPUTS[token])):
            yield Finding(f"{kind} {resource.name}: {sid} {whom} (Principal \"*\", or a web identity anyone can "
                          "get: GitHub Actions, Cognito, Google) without a condition that fixes who", resource.urn)
    if token.startswith("aws:s3/") and str(resource.get("acl") or "") in PUBLIC_ACLS:
        yield Finding(f"{kind} {resource.name}: acl {resource.get('acl')} grants to everyone", resource.urn)
    grants = (resource.get("accessControlPolicy") or {}).get("grants") or []
    if any((g.get("grantee") or {}).get("uri") in PUBLIC_GRANTEES for g in grants):
        yield Finding(f"{kind} {resource.name}: a grant to AllUsers or AuthenticatedUsers", resource.urn)
    if token.endswith(":BucketPublicAccessBlock"):
        lifted = [k for k in BLOCK if is_false(resource.get(k))]
        if lifted:
            yield Finding(f"{kind} {resource.name} lifts Block Public Access ({', '.join(lifted)}: false)",
                          resource.urn)
    if token == "aws:lambda/permission:Permission" and "*" in str(resource.get("principal") or "") and not any(
            resource.get(k) for k in ("sourceArn", "sourceAccount", "principalOrgId")):
        yield Finding(f"{kind} {resource.name}: anyone may invoke (principal \"*\" without source_arn, "
                      "source_account or principal_org_id)", resource.urn)
    if token == "aws:lambda/functionUrl:FunctionUrl" and str(resource.get("authorizationType") or "") == "NONE":
        yield Finding(f"{kind} {resource.name}: an HTTPS URL anyone on the internet may call (authorization_type "
                      "NONE; use AWS_IAM)", resource.urn)
    if token == LAYER_PERMISSION and str(resource.get("principal") or "") == "*" \
            and not resource.get("organizationId"):
        yield Finding(f"{kind} {resource.name}: the layer is shared with every AWS account (principal \"*\" "
                      "without organization_id)", resource.urn)
    if token == "aws:ec2/amiLaunchPermission:AmiLaunchPermission" and resource.get("group") == "all":
        yield Finding(f"{kind} {resource.name}: the image is shared with every AWS account (group: all)",
                      resource.urn)
    shared = _shared_with_all(resource) if token in (*RDS_SNAPSHOTS, SSM_DOCUMENT) else None
    if shared:
        yield Finding(f"{kind} {resource.name}: {shared}", resource.urn)
    if token in GCS_ACLS:
        for what in _gcs_acl_public(resource):
            yield Finding(f"{kind} {resource.name}: {what} grants to everyone (use IAM bindings to named "
                          "principals, and uniform bucket-level access)", resource.urn)
    issuer = str((resource.get("oidc") or {}).get("issuerUri") or "").rstrip("/") if token == WIF_PROVIDER else ""
    if issuer in PUBLIC_ISSUERS and not str(resource.get("attributeCondition") or "").strip():
        yield Finding(f"{kind} {resource.name}: any {issuer.split('//')[1]} pipeline's token is accepted (no "
                      "attribute_condition naming the municipality's organization or repository)", resource.urn)
    if token in BIGQUERY_ACCESS:
        for what in _bigquery_public(resource):
            yield Finding(f"{kind} {resource.name}: {what} opens the dataset to everyone (grant to groups or "
                          "service accounts)", resource.urn)
    if _is_iam(token):
        for member in sorted(set(_iam_members(resource))):
            yield Finding(f"{kind} {resource.name}: a binding to {member}", resource.urn)
