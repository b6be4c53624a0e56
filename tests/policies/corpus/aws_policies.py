"""AWS resource policies beyond the buckets, queues and keys (session 22's held-out probe): every
type policies/rules/resource_policies.py judges that the other corpus files do not build, once
naming the municipality's account (compliant) and once open to everyone (GOV-DATA-004), built
with the real SDK classes; a role anyone may assume, and a Lambda layer shared with every
account."""
import json

import pulumi_aws as aws

from tests.policies.corpus import ACCOUNT

REGION = "ap-northeast-1"
GITHUB = f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"


def _document(principal, action: str, resource: str = "*", condition=None) -> str:
    statement = {"Sid": "Access", "Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def _arn(service: str, rest: str) -> str:
    return f"arn:aws:{service}:{REGION}:{ACCOUNT}:{rest}"


#: short name -> (SDK class, its other required inputs, the policy input, an action it grants)
POLICIES = {
    "s3control-bucket": (aws.s3control.BucketPolicy, {"bucket": f"arn:aws:s3-outposts:{REGION}:{ACCOUNT}:outpost/"
                                                                "op-01ac5d28a6a232904/bucket/juki"},
                         "policy", "s3-outposts:GetObject"),
    "object-lambda-ap": (aws.s3control.ObjectLambdaAccessPointPolicy, {"name": "juki-redacted"}, "policy",
                         "s3-object-lambda:GetObject"),
    "access-grants": (aws.s3control.AccessGrantsInstanceResourcePolicy, {}, "policy", "s3:ListAccessGrants"),
    "s3-files": (aws.s3.FilesFileSystemPolicy, {"file_system_id": "fs-0123456789abcdef0"}, "policy",
                 "s3files:ClientMount"),
    "vector-bucket": (aws.s3.VectorsVectorBucketPolicy, {"vector_bucket_arn": _arn("s3vectors", "bucket/minato")},
                      "policy", "s3vectors:QueryVectors"),
    "table-bucket": (aws.s3tables.TableBucketPolicy, {"table_bucket_arn": _arn("s3tables", "bucket/minato")},
                     "resource_policy", "s3tables:GetTableData"),
    "table": (aws.s3tables.TablePolicy, {"table_bucket_arn": _arn("s3tables", "bucket/minato"),
                                         "namespace": "juki", "name": "residents"}, "resource_policy",
              "s3tables:GetTableData"),
    "ecr-public": (aws.ecrpublic.RepositoryPolicy, {"repository_name": "minato-tools"}, "policy",
                   "ecr-public:PutImage"),
    "glacier-lock": (aws.glacier.VaultLock, {"vault_name": "minato-archive", "complete_lock": False}, "policy",
                     "glacier:InitiateJob"),
    "ingest": (aws.opensearchingest.ResourcePolicy, {"resource_arn": _arn("osis", "pipeline/minato")}, "policy",
               "osis:Ingest"),
    "cloudsearch": (aws.cloudsearch.DomainServiceAccessPolicy, {"domain_name": "minato-docs"}, "access_policy",
                    "cloudsearch:search"),
    "log-resource": (aws.cloudwatch.LogResourcePolicy, {"policy_name": "minato-delivery"}, "policy_document",
                     "logs:PutLogEvents"),
    "log-destination": (aws.cloudwatch.LogDestinationPolicy, {"destination_name": "minato-audit"},
                        "access_policy", "logs:PutSubscriptionFilter"),
    "lambda-resource": (aws.lambda_.ResourcePolicy, {"resource_arn": _arn("lambda", "function:juki-api")}, "policy",
                        "lambda:InvokeFunction"),
    "dsql": (aws.dsql.ClusterPolicy, {"identifier": "abcdefghijklmnopqrstuvwxyz"}, "policy", "dsql:DbConnect"),
    "msk": (aws.msk.ClusterPolicy, {"cluster_arn": _arn("kafka", "cluster/minato/abcd1234-ab12-cd34-ef56-"
                                                                 "abcdef123456-1")}, "policy", "kafka:CreateVpcConnection"),
    "redshift": (aws.redshift.ResourcePolicy, {"resource_arn": _arn("redshift", "datashare:abcd/juki")}, "policy",
                 "redshift:AssociateDataShareConsumer"),
    "redshift-serverless": (aws.redshiftserverless.ResourcePolicy, {
        "resource_arn": _arn("redshift-serverless", "snapshot/abcd1234")}, "policy", "redshift-serverless:RestoreFromSnapshot"),
    "codeartifact-domain": (aws.codeartifact.DomainPermissions, {"domain": "minato"}, "policy_document",
                            "codeartifact:GetAuthorizationToken"),
    "codeartifact-repository": (aws.codeartifact.RepositoryPermissionsPolicy, {"domain": "minato",
                                                                               "repository": "internal"},
                                "policy_document", "codeartifact:ReadFromRepository"),
    "codebuild": (aws.codebuild.ResourcePolicy, {"resource_arn": _arn("codebuild", "project/juki-build")}, "policy",
                  "codebuild:BatchGetBuilds"),
    "mediastore": (aws.mediastore.ContainerPolicy, {"container_name": "minato_media"}, "policy",
                   "mediastore:GetObject"),
    "firewall": (aws.networkfirewall.ResourcePolicy, {"resource_arn": _arn("network-firewall",
                                                                           "firewall-policy/minato")}, "policy",
                 "network-firewall:AssociateFirewallPolicy"),
    "oam-sink": (aws.oam.SinkPolicy, {"sink_identifier": _arn("oam", "sink/abcd1234")}, "policy", "oam:CreateLink"),
    "private-ca": (aws.acmpca.Policy, {"resource_arn": _arn("acm-pca", "certificate-authority/abcd1234")}, "policy",
                   "acm-pca:IssueCertificate"),
    "prometheus": (aws.amp.ResourcePolicy, {"workspace_id": "ws-abcd1234"}, "policy_document",
                   "aps:RemoteWrite"),
    "agentcore": (aws.bedrock.AgentcoreResourcePolicy, {"resource_arn": _arn("bedrock-agentcore", "runtime/r")},
                  "policy", "bedrock-agentcore:InvokeAgentRuntime"),
    "sms": (aws.pinpoint.Smsvoicev2ResourcePolicy, {"resource_arn": _arn("sms-voice", "phone-number/p")}, "policy",
            "sms-voice:SendTextMessage"),
    "model-packages": (aws.sagemaker.ModelPackageGroupPolicy, {"model_package_group_name": "juki"},
                       "resource_policy", "sagemaker:DescribeModelPackage"),
    "schemas": (aws.schemas.RegistryPolicy, {"registry_name": "minato-events"}, "policy", "schemas:DescribeSchema"),
    "ses-identity": (aws.ses.IdentityPolicy, {"identity": "city.minato.tokyo.jp", "name": "send"}, "policy",
                     "ses:SendEmail"),
    "sesv2-identity": (aws.sesv2.EmailIdentityPolicy, {"email_identity": "city.minato.tokyo.jp",
                                                       "policy_name": "send"}, "policy", "ses:SendEmail"),
    "lattice-resource": (aws.vpclattice.ResourcePolicy, {"resource_arn": _arn("vpc-lattice",
                                                                              "servicenetwork/sn-0123456789abcdef0")},
                         "policy", "vpc-lattice:CreateServiceNetworkVpcAssociation"),
    "xray": (aws.xray.ResourcePolicy, {"policy_name": "minato-traces"}, "policy_document", "xray:PutTraceSegments"),
}


def entries(key, opts, tags):
    """(name, the rules it must break, a function that builds it)."""
    account = {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}

    def policy(cls, inputs, field, document):
        return lambda n: cls(n, **inputs, **{field: document}, opts=opts)

    found = []
    for short, (cls, inputs, field, action) in POLICIES.items():
        found.append((f"policy-{short}", set(), policy(cls, inputs, field, _document(account, action))))
        found.append((f"policy-{short}-public", {"GOV-DATA-004"}, policy(cls, inputs, field, _document("*", action))))
    trust = {"Service": "vpc-flow-logs.amazonaws.com"}
    same_account = {"StringEquals": {"aws:SourceAccount": ACCOUNT}}

    def replica(n, document):
        return aws.kms.ReplicaKey(n, primary_key_arn=_arn("kms", "key/mrk-1234abcd12ab34cd56ef1234567890ab").replace(
            REGION, "ap-northeast-3"), policy=document, tags=tags(n), opts=opts)

    def layer(n, **more):
        return aws.lambda_.LayerVersionPermission(n, layer_name=_arn("lambda", "layer:juki-common"), version_number=3,
                                                  statement_id="share", action="lambda:GetLayerVersion", opts=opts,
                                                  **more)
    return found + [
        ("role-flow-logs", set(), lambda n: aws.iam.Role(n, assume_role_policy=_document(
            trust, "sts:AssumeRole", condition=same_account), tags=tags(n), opts=opts)),
        ("role-anyone", {"GOV-DATA-004"}, lambda n: aws.iam.Role(n, assume_role_policy=_document(
            {"AWS": "*"}, "sts:AssumeRole"), tags=tags(n), opts=opts)),
        ("role-anyone-in-the-org", set(), lambda n: aws.iam.Role(n, assume_role_policy=_document(
            {"AWS": "*"}, "sts:AssumeRole", condition={"StringEquals": {"aws:PrincipalOrgID": "o-abcdef1234"}}),
            tags=tags(n), opts=opts)),
        # a CI pipeline's role: any GitHub repository may assume it unless the subject is pinned
        ("role-github-any-repository", {"GOV-DATA-004"}, lambda n: aws.iam.Role(n, assume_role_policy=_document(
            {"Federated": GITHUB}, "sts:AssumeRoleWithWebIdentity", condition={"StringEquals": {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}), tags=tags(n), opts=opts)),
        ("role-github-one-repository", set(), lambda n: aws.iam.Role(n, assume_role_policy=_document(
            {"Federated": GITHUB}, "sts:AssumeRoleWithWebIdentity", condition={
                "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                "StringLike": {
                    "token.actions.githubusercontent.com:sub": "repo:city-minato/juki-infra:ref:refs/heads/*"}}),
            tags=tags(n), opts=opts)),
        ("replica-key", set(), lambda n: replica(n, _document(account, "kms:*"))),
        ("replica-key-public", {"GOV-DATA-004"}, lambda n: replica(n, _document("*", "kms:Decrypt"))),
        ("external-key", set(), lambda n: aws.kms.ExternalKey(n, policy=_document(account, "kms:*"), tags=tags(n),
                                                              opts=opts)),
        ("external-key-public", {"GOV-DATA-004"}, lambda n: aws.kms.ExternalKey(
            n, policy=_document("*", "kms:Decrypt"), tags=tags(n), opts=opts)),
        ("replica-external-key", set(), lambda n: aws.kms.ReplicaExternalKey(
            n, primary_key_arn=_arn("kms", "key/mrk-00aa"), policy=_document(account, "kms:*"), tags=tags(n),
            opts=opts)),
        ("replica-external-key-public", {"GOV-DATA-004"}, lambda n: aws.kms.ReplicaExternalKey(
            n, primary_key_arn=_arn("kms", "key/mrk-00bb"), policy=_document("*", "kms:Decrypt"), tags=tags(n),
            opts=opts)),
        ("layer-to-the-organization", set(), lambda n: layer(n, principal="*", organization_id="o-abcdef1234")),
        ("layer-to-everyone", {"GOV-DATA-004"}, lambda n: layer(n, principal="*")),
    ]
