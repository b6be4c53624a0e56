"""What protects the layers' data, read for drift (AWS): each of the tenancy's KMS keys
(state, rotation, policy, grants), each bucket (encryption, versioning, public access block,
policy, ACL, replication, lifecycle), each account's S3 Block Public Access and the
account's snapshots and images that anyone may use. Split from
clouds/aws/drift_reads.py; `scanner` is the account's AwsScanner (its guarded clients)."""
from __future__ import annotations

from clouds.aws.declared import BLOCK_FLAGS, expiration_days, replication_targets
from clouds.aws.drift_forms import acl_grants, bucket_policy_props, key_policy_props, notification_targets, tag_map
from drift.items import Item


def account_block(scanner, account: str) -> list[Item]:
    """The account's S3 Block Public Access (S3 Control GetPublicAccessBlock), the backstop
    for every bucket a vendor adds without its own block: global to the account, read
    from the primary region only. The network account is the credentials' own (the
    network stack's provider assumes no role): its id from sts:GetCallerIdentity. None
    set is nothing blocked; any other refusal is an error, not an open account."""
    if not scanner.global_reads:
        return []
    account_id = account if account != "network" else scanner.client("sts").get_caller_identity()["Account"]
    s3control = scanner.client("s3control")
    try:
        block = s3control.get_public_access_block(AccountId=account_id)["PublicAccessBlockConfiguration"]
    except s3control.exceptions.NoSuchPublicAccessBlockConfiguration:
        block = {}
    return [Item("s3_account_block", ("account", account), "shared",
                 {"public_access_block": sorted(flag for flag in BLOCK_FLAGS if block.get(flag))}, account_id)]


def public_copies(scanner) -> list[Item]:
    """Every EBS snapshot and AMI of the account that every AWS account may use, whatever its
    tags: a copy of a layer's disk anyone can restore. One DescribeSnapshots (OwnerIds self,
    RestorableByUserIds all: "snapshots you have shared publicly") and one DescribeImages
    (Owners self, ExecutableUsers all: "all (public AMIs)") per account and region. The
    stack declares none; one shared with a named account is not read (DescribeSnapshotAttribute
    per snapshot)."""
    found = [("snapshot", s["SnapshotId"], s.get("Tags"), s.get("VolumeId"))
             for s in scanner._all("ec2", "describe_snapshots", "Snapshots", OwnerIds=["self"],
                                   RestorableByUserIds=["all"])]
    found += [("image", i["ImageId"], i.get("Tags"), i.get("Name"))
              for i in scanner._all("ec2", "describe_images", "Images", Owners=["self"], ExecutableUsers=["all"])]
    items = []
    for kind, ref, tags, source in found:
        tags = tag_map(tags)
        items.append(Item("public_copy", (scanner.account_label, scanner.region, tags.get("Name") or ref),
                          tags.get("Layer") or "shared", {"type": kind, "from": source, "shared_with": "all"}, ref))
    return items


def key_props(scanner, arn: str) -> dict:
    """A key's state, rotation, who its policy allows, who its grants let use it from another
    account, and the other regions a multi-Region key has copies in (its primary's and its
    replicas': MultiRegionConfiguration, "the Region of the primary key and all of its replica
    keys", AWS KMS API Reference; the same DescribeKey, no call more)."""
    kms, key_id = scanner.client("kms"), arn.rsplit("/", 1)[-1]
    metadata = kms.describe_key(KeyId=key_id)["KeyMetadata"]
    state = metadata.get("KeyState")
    config = metadata.get("MultiRegionConfiguration") or {}
    copies = {str(k.get("Region")) for k in [config.get("PrimaryKey") or {}, *(config.get("ReplicaKeys") or [])]
              if k.get("Region")} - {scanner.region}
    # rotation can be read only from a key that is enabled or disabled
    rotation = kms.get_key_rotation_status(KeyId=key_id).get("KeyRotationEnabled") \
        if state in ("Enabled", "Disabled") else None
    policy = kms.get_key_policy(KeyId=key_id, PolicyName="default").get("Policy")
    try:
        grants = [g for page in kms.get_paginator("list_grants").paginate(KeyId=key_id)
                  for g in page.get("Grants", [])]
    except kms.exceptions.KMSInvalidStateException:  # a key whose state lists no grants: its state is the finding
        grants = []
    return {"state": state, "rotation": bool(rotation), **key_policy_props(policy),
            "grantees_elsewhere": grantees_elsewhere(grants, arn), "copies_in": sorted(copies)}


def bucket_props(scanner, bucket: str, keys: dict) -> dict:
    """A bucket's encryption (by the stack's name for its key, `keys`: ARN -> name),
    versioning, public access block, whom its policy and ACL let in, where its events go,
    where it is replicated to and after how many days it expires."""
    s3 = scanner.client("s3")
    rule = unless_code(lambda: s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"][
        "Rules"][0]["ApplyServerSideEncryptionByDefault"], ("ServerSideEncryptionConfigurationNotFoundError",), {})
    sse, key = rule.get("SSEAlgorithm"), rule.get("KMSMasterKeyID")
    # the key by the stack's name for it when it is one of the tenancy's, by ARN or id
    key_name = next((n for a, n in keys.items() if key and (a == key or a.endswith("/" + key))), key)
    block = unless_code(lambda: s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"],
                        ("NoSuchPublicAccessBlockConfiguration",), {})  # none: nothing blocked
    policy = unless_code(lambda: s3.get_bucket_policy(Bucket=bucket).get("Policy"),
                         ("NoSuchBucketPolicy",), None)  # none: nobody let in by a policy
    replication = unless_code(lambda: s3.get_bucket_replication(Bucket=bucket)[
        "ReplicationConfiguration"].get("Rules"), ("ReplicationConfigurationNotFoundError",), [])
    lifecycle = unless_code(lambda: s3.get_bucket_lifecycle_configuration(Bucket=bucket).get("Rules"),
                            ("NoSuchLifecycleConfiguration",), [])
    return {"sse": sse, "sse_key": key_name, "versioning": s3.get_bucket_versioning(Bucket=bucket).get("Status"),
            "acl_grants": acl_grants(s3.get_bucket_acl(Bucket=bucket)),
            # where the bucket's events (its objects' keys) are sent
            "notifications": notification_targets(s3.get_bucket_notification_configuration(Bucket=bucket)),
            "public_access_block": sorted(flag for flag in BLOCK_FLAGS if block.get(flag)),
            **bucket_policy_props(policy),  # whom it lets in, whether it demands TLS, on what terms
            # a copy of every object (the layer's flow logs) kept in someone else's bucket
            "replication": replication_targets(replication, "Status", "Destination", "Bucket"),
            # the logs deleted after so many days
            "expiration_days": expiration_days(lifecycle, "Status", "Expiration", "Days")}


def unless_code(read, codes, default):
    """What `read` answers, or `default` where AWS answers with one of `codes`: the error that
    means there is nothing to read (S3's "not configured", EC2's "not offered in this
    region"). Any other error, AccessDenied above all, is raised: a read that was refused is
    not a bucket without encryption, block or policy, nor a region without the feature."""
    from botocore.exceptions import ClientError
    try:
        return read()
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") not in codes:
            raise
        return default


def grantees_elsewhere(grants, key: str) -> list[str]:
    """Who the key's grants let use it from another account than the key's own (a grant is
    a permission beside the key policy: kms:ListGrants). Grants to the key's own account
    and to AWS services are what services make for the resources they encrypt (the
    declared policy lets only them create grants: kms:GrantIsForAWSResource); one to another
    account is a way for the layer's data to be read from outside."""
    own = key.split(":")[4] if key.startswith("arn:") else None
    out = set()
    for grant in grants:
        for principal in (grant.get("GranteePrincipal"), grant.get("RetiringPrincipal")):
            if not principal or principal.endswith(".amazonaws.com"):
                continue
            account = principal.split(":")[4] if principal.startswith("arn:") else principal
            if own is None or account != own:
                out.add(principal)
    return sorted(out)
