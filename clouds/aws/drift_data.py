"""What protects the layers' data, read for drift (AWS): each of the tenancy's KMS keys
(state, rotation, policy, grants), each bucket (encryption, versioning, public access block,
policy, ACL, replication, lifecycle), each account's S3 Block Public Access and the
account's snapshots and images that anyone may use. Split from
clouds/aws/drift_reads.py; `scanner` is the account's AwsScanner (its guarded clients)."""
from __future__ import annotations

from clouds.aws.declared import BLOCK_FLAGS, expiration_days, replication_targets
from clouds.aws.drift_forms import acl_grants, bucket_policy_props, key_policy_props, notification_targets, tag_map
from drift.items import Item, most_closed


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
    """Every EBS snapshot and AMI of the account that every AWS account may use, and every
    manual database snapshot (RDS, Aurora, DocumentDB, Neptune) that every account or another
    named account may restore, whatever its tags: a copy of a layer's disk or database outside
    the tenancy. One DescribeSnapshots (OwnerIds self, RestorableByUserIds all: "snapshots you
    have shared publicly") and one DescribeImages (Owners self, ExecutableUsers all: "all
    (public AMIs)") per account and region; one DescribeDBSnapshots and one
    DescribeDBClusterSnapshots (SnapshotType manual: "taken by my AWS account"; only a manual
    snapshot can be shared) and, per manual snapshot, its attributes ("restore": the accounts
    that may copy or restore it, `all` when public). An EBS snapshot shared with a named account
    is not read (DescribeSnapshotAttribute per snapshot, and backups make thousands)."""
    found = [("snapshot", s["SnapshotId"], s.get("Tags"), s.get("VolumeId"), "all", None)
             for s in scanner._all("ec2", "describe_snapshots", "Snapshots", OwnerIds=["self"],
                                   RestorableByUserIds=["all"])]
    found += [("image", i["ImageId"], i.get("Tags"), i.get("Name"), "all", None)
              for i in scanner._all("ec2", "describe_images", "Images", Owners=["self"], ExecutableUsers=["all"])]
    found += database_snapshots_shared(scanner)
    items = []
    for kind, ref, tags, source, shared_with, vpc in found:
        tags = tag_map(tags)
        # a database snapshot names the VPC its database ran in: the layer of that VPC, whatever the tags say
        layer = most_closed([x for x in (tags.get("Layer"), scanner.vpc_layers.get(vpc)) if x])
        items.append(Item("public_copy", (scanner.account_label, scanner.region, tags.get("Name") or ref),
                          layer or "shared", {"type": kind, "from": source, "shared_with": shared_with}, ref))
    return items


#: (kind, list operation, its list key, snapshot id field, source field, attributes operation,
#: its result key, its list key): RDS's instance snapshots and cluster snapshots
DB_SNAPSHOTS = (("db-snapshot", "describe_db_snapshots", "DBSnapshots", "DBSnapshotIdentifier", "DBInstanceIdentifier",
                 "describe_db_snapshot_attributes", "DBSnapshotAttributesResult", "DBSnapshotAttributes"),
                ("db-cluster-snapshot", "describe_db_cluster_snapshots", "DBClusterSnapshots",
                 "DBClusterSnapshotIdentifier", "DBClusterIdentifier", "describe_db_cluster_snapshot_attributes",
                 "DBClusterSnapshotAttributesResult", "DBClusterSnapshotAttributes"))


def database_snapshots_shared(scanner) -> list[tuple]:
    """(kind, id, tags, source, shared_with, VPC) of each manual database snapshot that another
    account may restore: `all` (public) or the account ids its `restore` attribute names
    (RDS API Reference, DescribeDBSnapshotAttributes: "all" when "the manual DB snapshot is
    public and can be copied or restored by all AWS accounts"). Accounts of the tenancy are
    left out after every account is read (clouds/aws/drift.py)."""
    out = []
    for kind, listing, key, id_field, source, attributes, result, entries in DB_SNAPSHOTS:
        for snapshot in scanner._all("rds", listing, key, SnapshotType="manual"):
            ident = snapshot[id_field]
            answer = unless_code(lambda: scanner._page("rds", attributes, **{id_field: ident}),
                                 ("DBSnapshotNotFound", "DBClusterSnapshotNotFoundFault"), {})
            restore = {v for a in (answer.get(result) or {}).get(entries) or []
                       if a.get("AttributeName") == "restore" for v in a.get("AttributeValues") or []}
            if restore:
                out.append((kind, ident, snapshot.get("TagList"), snapshot.get(source),
                            "all" if "all" in restore else sorted(restore), snapshot.get("VpcId")))
    return out


def buckets_kept(scanner) -> dict:
    """Every bucket of the account (S3 ARN) and the region it is kept in: one paginated
    ListBuckets. "BucketRegion indicates the Amazon Web Services region where the bucket is
    located. If the request contains at least one valid parameter, it is included in the
    response" (S3 API Reference, ListBuckets): MaxBuckets is given for that."""
    return {f"arn:aws:s3:::{b['Name']}": b.get("BucketRegion")
            for b in scanner._all("s3", "list_buckets", "Buckets", MaxBuckets=1000)}


def kept_in(scanner, arn: str, located: dict) -> str:
    """Where a bucket is kept: from ListBuckets, or (from an endpoint that leaves BucketRegion
    out) one GetBucketLocation; read in a region that does not list the account's buckets (not
    the primary), the region read."""
    if located.get(arn):
        return located[arn]
    if scanner.global_reads:
        return scanner.bucket_region(arn.split(":::", 1)[1])
    return scanner.region


def footprint(arn: str, where: str, tags: dict, account: str) -> Item:
    """Something carrying the municipality code (or named as the tenancy's) kept outside the
    declared regions: critical outside Japan (drift/severity.py)."""
    from clouds.aws.catalog import REGIONS
    return Item("footprint", (where, arn), tags.get("Layer"),
                {"region": where, "domestic": where in REGIONS, "account": account}, arn)


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
