"""AWS resources that publish data through the cloud's own API (GOV-DATA-004; session 19's
held-out probe): for each resource policy the rule reads, one open to everyone and one fixed
to the account (or by a condition), plus ACLs, Block Public Access, Lambda permissions and
machine images; built with the real SDK classes."""
import json

import pulumi
import pulumi_aws as aws

from tests.policies.corpus import ACCOUNT

ROOT = f"arn:aws:iam::{ACCOUNT}:root"
REGION = "ap-northeast-1"


def policy(action: str, resource: str, principal="*", condition=None) -> str:
    statement = {"Sid": "Share", "Effect": "Allow", "Principal": principal if principal == "*" else {"AWS": principal},
                 "Action": action, "Resource": resource}
    if condition:
        statement["Condition"] = condition
    # and TLS only, as every policy of the stack says (GOV-TLS-001 for a bucket's)
    tls = {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": resource,
           "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement, tls]})


#: (class, its policy input, its other required inputs, an action and a resource for the policy)
POLICIES = {
    "bucket-policy": (aws.s3.BucketPolicy, "policy", {"bucket": "minato-app"}, "s3:GetObject",
                      "arn:aws:s3:::minato-app/*"),
    "access-point-policy": (aws.s3control.AccessPointPolicy, "policy", {
        "access_point_arn": f"arn:aws:s3:{REGION}:{ACCOUNT}:accesspoint/minato-app"}, "s3:GetObject",
        f"arn:aws:s3:{REGION}:{ACCOUNT}:accesspoint/minato-app/object/*"),
    "queue-policy": (aws.sqs.QueuePolicy, "policy", {"queue_url": f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/q"},
                     "sqs:ReceiveMessage", f"arn:aws:sqs:{REGION}:{ACCOUNT}:q"),
    "topic-policy": (aws.sns.TopicPolicy, "policy", {"arn": f"arn:aws:sns:{REGION}:{ACCOUNT}:t"}, "sns:Subscribe",
                     f"arn:aws:sns:{REGION}:{ACCOUNT}:t"),
    "repository-policy": (aws.ecr.RepositoryPolicy, "policy", {"repository": "app"}, "ecr:BatchGetImage", None),
    "registry-policy": (aws.ecr.RegistryPolicy, "policy", {}, "ecr:ReplicateImage",
                        f"arn:aws:ecr:{REGION}:{ACCOUNT}:repository/*"),
    "secret-policy": (aws.secretsmanager.SecretPolicy, "policy", {
        "secret_arn": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:app-AbCdEf"}, "secretsmanager:GetSecretValue",
        "*"),
    "key-policy": (aws.kms.KeyPolicy, "policy", {"key_id": "1234abcd-12ab-34cd-56ef-1234567890ab"}, "kms:Decrypt", "*"),
    "file-system-policy": (aws.efs.FileSystemPolicy, "policy", {"file_system_id": "fs-0123456789abcdef0"},
                           "elasticfilesystem:ClientMount",
                           f"arn:aws:elasticfilesystem:{REGION}:{ACCOUNT}:file-system/fs-0123456789abcdef0"),
    "search-policy": (aws.opensearch.DomainPolicy, "access_policies", {"domain_name": "minato-search"}, "es:ESHttpGet",
                      f"arn:aws:es:{REGION}:{ACCOUNT}:domain/minato-search/*"),
    "legacy-search-policy": (aws.elasticsearch.DomainPolicy, "access_policies", {"domain_name": "minato-legacy"},
                             "es:ESHttpGet", f"arn:aws:es:{REGION}:{ACCOUNT}:domain/minato-legacy/*"),
    "backup-vault-policy": (aws.backup.VaultPolicy, "policy", {"backup_vault_name": "minato"},
                            "backup:CopyIntoBackupVault", "*"),
    "event-bus-policy": (aws.cloudwatch.EventBusPolicy, "policy", {}, "events:PutEvents",
                         f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/default"),
    "archive-vault": (aws.glacier.Vault, "access_policy", {}, "glacier:InitiateJob",
                      f"arn:aws:glacier:{REGION}:{ACCOUNT}:vaults/archive"),
    # resource policies on a table, a stream and the Glue Data Catalog (session 20)
    "table-policy": (aws.dynamodb.ResourcePolicy, "policy", {
        "resource_arn": f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/minato-app"}, "dynamodb:GetItem",
        f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/minato-app"),
    "stream-policy": (aws.kinesis.ResourcePolicy, "policy", {
        "resource_arn": f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/minato-events"}, "kinesis:GetRecords",
        f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/minato-events"),
    "catalog-policy": (aws.glue.ResourcePolicy, "policy", {}, "glue:GetTable", f"arn:aws:glue:{REGION}:{ACCOUNT}:*"),
}


def entries(key, opts, tags):
    """(name, the rules it must break, a function that builds it)."""
    def with_policy(n, which, **who):
        cls, field, required, action, resource = POLICIES[which]
        more = {"tags": tags(n)} if cls is aws.glacier.Vault else {}
        return cls(n, **required, **more, **{field: policy(action, resource or "*", **who)}, opts=opts)

    out = []
    for which in POLICIES:
        out.append((f"pub-{which}-everyone", {"GOV-DATA-004"}, lambda n, w=which: with_policy(n, w)))
        out.append((f"pub-{which}-account", set(), lambda n, w=which: with_policy(n, w, principal=ROOT)))
    return out + [
        # Principal "*" fixed by a condition is not public (AWS's meaning of "public")
        ("pub-queue-policy-endpoint-only", set(), lambda n: with_policy(
            n, "queue-policy", condition={"StringEquals": {"aws:SourceVpce": "vpce-0123456789abcdef0"}})),
        ("pub-queue-policy-org", set(), lambda n: with_policy(
            n, "queue-policy", condition={"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})),
        ("pub-queue-policy-any-org", {"GOV-DATA-004"}, lambda n: with_policy(
            n, "queue-policy", condition={"StringLike": {"aws:PrincipalOrgID": "o-*"}})),
        ("pub-topic-policy-office-ips", set(), lambda n: with_policy(
            n, "topic-policy", condition={"IpAddress": {"aws:SourceIp": ["10.20.0.0/16"]}})),
        ("pub-topic-policy-internet-ips", {"GOV-DATA-004"}, lambda n: with_policy(
            n, "topic-policy", condition={"IpAddress": {"aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"]}})),
        ("pub-queue-everyone-inline", {"GOV-DATA-004"}, lambda n: aws.sqs.Queue(
            n, kms_master_key_id=key, tags=tags(n), opts=opts,
            policy=policy("sqs:SendMessage", f"arn:aws:sqs:{REGION}:{ACCOUNT}:{n}"))),
        ("pub-secret-everyone-inline", {"GOV-DATA-004"}, lambda n: aws.secretsmanager.Secret(
            n, kms_key_id=key, tags=tags(n), opts=opts, policy=policy("secretsmanager:GetSecretValue", "*"))),
        ("pub-topic-everyone-inline", {"GOV-DATA-004"}, lambda n: aws.sns.Topic(
            n, kms_master_key_id=key, tags=tags(n), opts=opts,
            policy=policy("sns:Subscribe", f"arn:aws:sns:{REGION}:{ACCOUNT}:{n}"))),
        ("pub-key-everyone-inline", {"GOV-DATA-004"}, lambda n: aws.kms.Key(
            n, enable_key_rotation=True, deletion_window_in_days=30, tags=tags(n),
            opts=pulumi.ResourceOptions(provider=opts.provider, protect=True), policy=policy("kms:Decrypt", "*"))),
        ("pub-search-everyone-inline", {"GOV-DATA-004"}, lambda n: aws.opensearch.Domain(
            n, engine_version="OpenSearch_2.13", encrypt_at_rest={"enabled": True, "kms_key_id": key},
            node_to_node_encryption={"enabled": True}, vpc_options={"subnet_ids": ["subnet-0a1b2c3d4e5f60001"]},
            tags=tags(n), opts=opts, access_policies=policy("es:*", f"arn:aws:es:{REGION}:{ACCOUNT}:domain/{n}/*"))),
        ("pub-legacy-search-everyone-inline", {"GOV-DATA-004"}, lambda n: aws.elasticsearch.Domain(
            n, elasticsearch_version="7.10", encrypt_at_rest={"enabled": True, "kms_key_id": key},
            node_to_node_encryption={"enabled": True}, vpc_options={"subnet_ids": ["subnet-0a1b2c3d4e5f60001"]},
            tags=tags(n), opts=opts, access_policies=policy("es:*", f"arn:aws:es:{REGION}:{ACCOUNT}:domain/{n}/*"))),
        ("pub-access-point-everyone-inline", {"GOV-DATA-004"}, lambda n: aws.s3.AccessPoint(
            n, bucket="minato-app", tags=tags(n), opts=opts,
            policy=policy("s3:GetObject", f"arn:aws:s3:{REGION}:{ACCOUNT}:accesspoint/{n}/object/*"))),
        ("pub-access-point", set(), lambda n: aws.s3.AccessPoint(n, bucket="minato-app", tags=tags(n), opts=opts)),
        # a bucket published by its own inputs (and, made alone, without its encryption and TLS policy)
        ("pub-bucket-public-read", {"GOV-DATA-004", "GOV-ENC-003", "GOV-TLS-001"}, lambda n: aws.s3.Bucket(
            n, bucket=n, acl="public-read", tags=tags(n), opts=opts)),
        ("pub-bucket-v2-everyone", {"GOV-DATA-004", "GOV-ENC-003", "GOV-TLS-001"}, lambda n: aws.s3.BucketV2(
            n, bucket=n, tags=tags(n), opts=opts, policy=policy("s3:GetObject", f"arn:aws:s3:::{n}/*"))),
        ("pub-object-v1-public-read", {"GOV-DATA-004"}, lambda n: aws.s3.BucketObject(
            n, bucket="minato-app", key="notice-v1.pdf", acl="public-read", kms_key_id=key,
            server_side_encryption="aws:kms", tags=tags(n), opts=opts)),
        ("pub-object-v1-private", set(), lambda n: aws.s3.BucketObject(
            n, bucket="minato-app", key="notice-v1.pdf", kms_key_id=key, server_side_encryption="aws:kms",
            tags=tags(n), opts=opts)),
        ("pub-acl-public-read", {"GOV-DATA-004"}, lambda n: aws.s3.BucketAcl(n, bucket="minato-app",
                                                                             acl="public-read", opts=opts)),
        ("pub-acl-private", set(), lambda n: aws.s3.BucketAcl(n, bucket="minato-app", acl="private", opts=opts)),
        ("pub-acl-grant-all-users", {"GOV-DATA-004"}, lambda n: aws.s3.BucketAcl(
            n, bucket="minato-app", opts=opts, access_control_policy={
                "owner": {"id": "0123456789abcdef"}, "grants": [{"permission": "READ", "grantee": {
                    "type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}}]})),
        ("pub-object-public-read", {"GOV-DATA-004"}, lambda n: aws.s3.BucketObjectv2(
            n, bucket="minato-app", key="notice.pdf", acl="public-read", kms_key_id=key,
            server_side_encryption="aws:kms", tags=tags(n), opts=opts)),
        ("pub-object-private", set(), lambda n: aws.s3.BucketObjectv2(
            n, bucket="minato-app", key="notice.pdf", kms_key_id=key, server_side_encryption="aws:kms",
            tags=tags(n), opts=opts)),
        ("pub-block-lifted", {"GOV-DATA-004"}, lambda n: aws.s3.BucketPublicAccessBlock(
            n, bucket="minato-app", block_public_acls=True, block_public_policy=False, ignore_public_acls=True,
            restrict_public_buckets=False, opts=opts)),
        ("pub-invoke-anyone", {"GOV-DATA-004"}, lambda n: aws.lambda_.Permission(
            n, action="lambda:InvokeFunction", function="minato-api", principal="*", opts=opts)),
        ("pub-invoke-from-bucket", set(), lambda n: aws.lambda_.Permission(
            n, action="lambda:InvokeFunction", function="minato-api", principal="s3.amazonaws.com",
            source_arn="arn:aws:s3:::minato-app", source_account=ACCOUNT, opts=opts)),
        ("pub-function-url-open", {"GOV-DATA-004"}, lambda n: aws.lambda_.FunctionUrl(
            n, function_name="minato-api", authorization_type="NONE", opts=opts)),
        ("pub-function-url-iam", set(), lambda n: aws.lambda_.FunctionUrl(
            n, function_name="minato-api", authorization_type="AWS_IAM", opts=opts)),
        ("pub-image-to-all", {"GOV-DATA-004"}, lambda n: aws.ec2.AmiLaunchPermission(
            n, image_id="ami-0abcdef1234567890", group="all", opts=opts)),
        ("pub-image-to-account", set(), lambda n: aws.ec2.AmiLaunchPermission(
            n, image_id="ami-0abcdef1234567890", account_id=ACCOUNT, opts=opts)),
    ]
