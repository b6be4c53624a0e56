"""Encryption at rest (保存データの暗号化) with customer-managed keys, and key rotation."""
from __future__ import annotations

from policies.props import arn_region, is_true, values
from policies.registry import Finding, resource_rule, stack_rule
from inventory.tokens import AWS, GCP

MAX_GCP_ROTATION_SECONDS = 90 * 24 * 3600


def _seconds(duration) -> int | None:
    text = str(duration or "")
    return int(float(text[:-1])) if text.endswith("s") and text[:-1].replace(".", "", 1).isdigit() else None


@resource_rule(id="GOV-ENC-001", family="encryption-at-rest", severity="high",
               title_en="EBS volumes, instances, launch templates and configurations are encrypted with a KMS key",
               title_ja="EBSボリューム・インスタンス・起動テンプレート・起動設定はKMSキーで暗号化",
               rationale="Block storage holds business data; the Government Cloud requires encryption at rest.",
               remediation="Set encrypted: true and kms_key_id to the layer's key (output kmsKeyArns).",
               types=(AWS.EBS_VOLUME, AWS.LAUNCH_TEMPLATE, AWS.INSTANCE, AWS.LAUNCH_CONFIGURATION,
                      AWS.SPOT_INSTANCE_REQUEST))
def ebs(resource, ctx):
    """A launch configuration's and a spot request's devices are an instance's (root_block_device,
    ebs_block_devices; "encrypted ... Defaults to `false`" in both SDK classes)."""
    if resource.type == AWS.EBS_VOLUME:
        if not resource.get("encrypted") or not resource.get("kmsKeyId") or aws_managed(resource.get("kmsKeyId")):
            yield Finding(f"volume {resource.name} is not encrypted with a customer-managed KMS key", resource.urn)
        return
    devices = list(resource.get("blockDeviceMappings") or [])
    ebs_devices = [d.get("ebs") or {} for d in devices] if resource.type.endswith("LaunchTemplate") else \
        [resource.get("rootBlockDevice") or {}] + list(resource.get("ebsBlockDevices") or [])
    for device in ebs_devices:
        if device and str(device.get("encrypted")).lower() != "true":
            yield Finding(f"{resource.name}: a block device is not encrypted", resource.urn)
        elif device and aws_managed(device.get("kmsKeyId")):
            yield Finding(f"{resource.name}: a block device uses the AWS-managed key {device.get('kmsKeyId')}, not "
                          "a customer-managed one", resource.urn)


@resource_rule(id="GOV-ENC-002", family="encryption-at-rest", severity="high",
               title_en="S3 encryption configurations use SSE-KMS with a customer key",
               title_ja="S3の暗号化設定はカスタマー管理キーによるSSE-KMS",
               rationale="SSE-S3 keys are not under the municipality's control; SSE-KMS with its own key is.",
               remediation="sse_algorithm: aws:kms with kms_master_key_id set to the layer key.",
               types=AWS.S3_BUCKET_SSES)
def s3_sse_kms(resource, ctx):
    if not customer_sse(resource.props):
        yield Finding(f"{resource.name} does not use SSE-KMS with a customer key", resource.urn)


#: Where each type keeps its default encryption: the configuration resources (V1 and the V2
#: alias) and the buckets' own inline blocks (Bucket: one, BucketV2: a list), as the SDK
#: names them (policies/data/encryption-inputs.json).
SSE_BLOCKS = {AWS.S3_BUCKET_SSE: "rules.applyServerSideEncryptionByDefault",
              AWS.S3_BUCKET_SSE_V2: "rules.applyServerSideEncryptionByDefault",
              AWS.S3_BUCKET: "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault",
              AWS.S3_BUCKET_V2: "serverSideEncryptionConfigurations.rules.applyServerSideEncryptionByDefaults"}


def customer_sse(props, block: str = "rules.applyServerSideEncryptionByDefault") -> bool:
    """Every default-encryption rule is SSE-KMS with a customer-managed key (and there is one)."""
    algorithms, keys = values(props, f"{block}.sseAlgorithm"), values(props, f"{block}.kmsMasterKeyId")
    return bool(algorithms) and None not in algorithms and \
        all(a in ("aws:kms", "aws:kms:dsse") for a in algorithms) and all(k and not aws_managed(k) for k in keys)


@stack_rule(id="GOV-ENC-003", family="encryption-at-rest", severity="high",
            title_en="Every S3 bucket has an SSE-KMS encryption configuration",
            title_ja="すべてのS3バケットにSSE-KMSの暗号化設定がある",
            rationale="A bucket without its own encryption configuration falls back to SSE-S3.",
            remediation="Add aws.s3.BucketServerSideEncryptionConfiguration for the bucket (SSE-KMS).",
            types=AWS.S3_BUCKETS)
def s3_bucket_encrypted(resources, ctx):
    """A bucket is configured by a configuration resource (either name) or by its own inline
    block with SSE-KMS and a customer key (the deprecated inline form is still accepted)."""
    configured = {getattr(ctx.target(r, "bucket"), "urn", None) for r in resources if r.type in AWS.S3_BUCKET_SSES}
    for bucket in (r for r in resources if r.type in AWS.S3_BUCKETS):
        if bucket.urn not in configured and not customer_sse(bucket.props, SSE_BLOCKS[bucket.type]):
            yield Finding(f"bucket {bucket.name} has no SSE-KMS configuration", bucket.urn)


RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance"


@resource_rule(id="GOV-ENC-004", family="encryption-at-rest", severity="high",
               title_en="Databases, file systems, logs, topics, queues and tables use a customer key",
               title_ja="DB・ファイルシステム・ログ・トピック・キュー・テーブルはカスタマー管理キーで暗号化",
               rationale="Managed services store business data; each must be encrypted with a key the "
                         "municipality controls.",
               remediation="Set the service's KMS key argument (kms_key_id, kms_master_key_id, ...) to a layer key.",
               types=(AWS.RDS_INSTANCE, AWS.RDS_CLUSTER, AWS.EFS_FILE_SYSTEM,
                      AWS.LOG_GROUP, AWS.SNS_TOPIC, AWS.SQS_QUEUE,
                      AWS.DYNAMODB_TABLE, RDS_CLUSTER_INSTANCE))
def managed_services(resource, ctx):
    t = resource.type
    yield from _performance_insights(resource)
    if t == RDS_CLUSTER_INSTANCE:
        return  # its storage is its cluster's, judged there
    if t == AWS.RDS_INSTANCE and resource.get("replicateSourceDb"):
        yield from _read_replica(resource)
        return
    if t in (AWS.RDS_INSTANCE, AWS.RDS_CLUSTER):
        ok = resource.get("storageEncrypted") is True and resource.get("kmsKeyId")
    elif t == AWS.EFS_FILE_SYSTEM:
        ok = resource.get("encrypted") is True and resource.get("kmsKeyId")
    elif t == AWS.LOG_GROUP:
        ok = resource.get("kmsKeyId")
    elif t in (AWS.SNS_TOPIC, AWS.SQS_QUEUE):
        ok = resource.get("kmsMasterKeyId")
    else:
        sse = resource.get("serverSideEncryption") or {}
        ok = sse.get("enabled") is True and sse.get("kmsKeyArn")
    key = (resource.get("serverSideEncryption") or {}).get("kmsKeyArn") if t == AWS.DYNAMODB_TABLE else \
        resource.get("kmsMasterKeyId") if t in (AWS.SNS_TOPIC, AWS.SQS_QUEUE) else resource.get("kmsKeyId")
    if ok and aws_managed(key):
        yield Finding(f"{t.split(':')[-1]} {resource.name} uses the AWS-managed key {key}, not a customer-managed "
                      "one", resource.urn)
    elif not ok and t == AWS.RDS_INSTANCE and resource.get("snapshotIdentifier"):
        # snapshot_identifier: "Whether or not to create this database from a snapshot"; the stack
        # shows nothing of that snapshot's key, so the instance is judged as declared (fail closed)
        yield Finding(f"Instance {resource.name} is created from snapshot {resource.get('snapshotIdentifier')} and "
                      "declares no customer-managed key: it is encrypted as that snapshot is, which the stack does "
                      "not show. Restore from a snapshot copied with a customer-managed key (aws.rds.SnapshotCopy "
                      "kms_key_id) and declare it here (storage_encrypted: true, kms_key_id)", resource.urn)
    elif not ok:
        yield Finding(f"{t.split(':')[-1]} {resource.name} is not encrypted with a customer-managed key", resource.urn)


def _performance_insights(resource):
    """Performance Insights keeps a database's load and its SQL statements (the resident data
    they name), encrypted with `performance_insights_kms_key_id`: "ARN for the KMS key to
    encrypt Performance Insights data" (pulumi_aws rds.Instance, rds.ClusterInstance,
    rds.Cluster); without one RDS uses the account's AWS-managed key, aws/rds."""
    if resource.type not in (AWS.RDS_INSTANCE, AWS.RDS_CLUSTER, RDS_CLUSTER_INSTANCE) or \
            not is_true(resource.get("performanceInsightsEnabled")):
        return
    key = resource.get("performanceInsightsKmsKeyId")
    if not key or aws_managed(key):
        yield Finding(f"{resource.type.split(':')[-1]} {resource.name} keeps Performance Insights (its load and SQL "
                      f"statements) under {key or 'the AWS-managed key aws/rds'}: set performance_insights_kms_key_id "
                      "to a layer key", resource.urn)


def _read_replica(resource):
    """A read replica is encrypted as its source is (pulumi-aws: storage_encrypted "Note that
    if you are creating a cross-region read replica this field is ignored"; replicate_source_db
    "if you are creating a cross-region replica of an encrypted database you will also need to
    specify a kms_key_id"): in the source's region it takes the source's key and is judged on
    the source; from another region it needs a key of its own. A key given must not be an
    AWS-managed one."""
    key = resource.get("kmsKeyId")
    source = arn_region(resource.get("replicateSourceDb"))  # an identifier (same region) names none
    here = resource.get("region") or (resource.provider_props or {}).get("region")
    if key and aws_managed(key):
        yield Finding(f"Instance {resource.name} (a read replica) uses the AWS-managed key {key}, not a "
                      "customer-managed one", resource.urn)
    elif not key and source and here and source != here:
        yield Finding(f"Instance {resource.name} is a read replica of a database in {source}: set kms_key_id "
                      "to a customer-managed key of its own region", resource.urn)


def aws_managed(key) -> bool:
    """An AWS-managed key named by its alias (alias/aws/<service>, or an alias ARN ending so), or
    an AWS-owned one named by the word some inputs take for it (Aurora DSQL's
    `"AWS_OWNED_KMS_KEY"`): AWS owns its policy and rotation, so it is not a customer-managed key."""
    text = str(key or "")
    return text.startswith("alias/aws/") or ":alias/aws/" in text or text.upper().startswith("AWS_OWNED")


#: Where each Google Cloud type GOV-ENC-005 judges names its key (pulumi_gcp: a zonal Disk's
#: DiskDiskEncryptionKeyArgs has kms_key_self_link, a RegionDisk's kms_key_name; an instance
#: template's disks each their own disk_encryption_key.kms_key_self_link).
GCP_CMEK_INPUTS = {GCP.DISK: "diskEncryptionKey.kmsKeySelfLink",
                 GCP.REGION_DISK: "diskEncryptionKey.kmsKeyName",
                 GCP.INSTANCE: "bootDisk.kmsKeySelfLink",
                 GCP.STORAGE_BUCKET: "encryption.defaultKmsKeyName",
                 GCP.SQL_INSTANCE: "encryptionKeyName"}
GCP_TEMPLATES = (GCP.INSTANCE_TEMPLATE, GCP.REGION_INSTANCE_TEMPLATE)


@resource_rule(id="GOV-ENC-005", family="encryption-at-rest", severity="high",
               title_en="Google Cloud disks, buckets and Cloud SQL use CMEK",
               title_ja="Google Cloudのディスク・バケット・Cloud SQLはCMEKで暗号化",
               rationale="Google-managed keys are not under the municipality's control.",
               remediation="Set disk_encryption_key.kms_key_self_link (disks; kms_key_name for regional disks), "
                           "boot_disk.kms_key_self_link (instances), disks[].disk_encryption_key.kms_key_self_link "
                           "(instance templates), encryption.default_kms_key_name (buckets) or encryption_key_name "
                           "(Cloud SQL) to the layer's crypto key.",
               types=tuple(GCP_CMEK_INPUTS) + GCP_TEMPLATES)
def gcp_cmek(resource, ctx):
    kind = resource.type.split(":")[-1]
    if resource.type in GCP_TEMPLATES:
        # a disk that names an existing disk (source) keeps that disk's key, judged on the disk
        for i, disk in enumerate(resource.get("disks") or []):
            if hasattr(disk, "get") and not disk.get("source") and \
                    not (disk.get("diskEncryptionKey") or {}).get("kmsKeySelfLink"):
                yield Finding(f"{kind} {resource.name}: disk {i} has no customer-managed encryption key "
                              "(disks[].disk_encryption_key.kms_key_self_link)", resource.urn)
        return
    if not all(values(resource.props, GCP_CMEK_INPUTS[resource.type])):
        yield Finding(f"{kind} {resource.name} has no customer-managed encryption key "
                      f"({GCP_CMEK_INPUTS[resource.type]})", resource.urn)


#: Keys that cannot rotate automatically, so GOV-ENC-006 does not ask them to. AWS: "You
#: cannot enable automatic rotation of asymmetric KMS keys, HMAC KMS keys, KMS keys with
#: imported key material, or KMS keys in a custom key store" (KMS API, EnableKeyRotation);
#: imported material is its own type (aws.kms.ExternalKey), not judged here. Google Cloud:
#: "Keys with purpose ENCRYPT_DECRYPT support automatic rotation. For other keys, this field
#: must be omitted" (Cloud KMS REST reference, CryptoKey.rotation_period).
AWS_ROTATING_SPEC = (None, "SYMMETRIC_DEFAULT")
GCP_ROTATING_PURPOSE = (None, "ENCRYPT_DECRYPT")


def rotates_automatically(resource) -> bool:
    """The key is of a kind its cloud rotates automatically (see above)."""
    if resource.type == AWS.KMS_KEY:
        return resource.get("customerMasterKeySpec", None) in AWS_ROTATING_SPEC and \
            resource.get("keySpec", None) in AWS_ROTATING_SPEC and \
            not resource.get("customKeyStoreId") and not resource.get("xksKeyId")
    return resource.get("purpose", None) in GCP_ROTATING_PURPOSE


@resource_rule(id="GOV-ENC-006", family="encryption-at-rest", severity="high",
               title_en="KMS keys rotate (AWS: on; Google Cloud: at most 90 days)",
               title_ja="KMSキーのローテーション（AWS: 有効、Google Cloud: 90日以内）",
               rationale="Rotation limits what one compromised key version exposes.",
               remediation="AWS: enable_key_rotation: true. Google Cloud: rotation_period ≤ 7776000s. "
                           "(Asymmetric and HMAC keys, keys in a custom key store and Google Cloud keys of a "
                           "purpose other than ENCRYPT_DECRYPT cannot rotate automatically and are not judged.)",
               types=(AWS.KMS_KEY, GCP.KMS_CRYPTO_KEY))
def rotation(resource, ctx):
    if not rotates_automatically(resource):
        return
    if resource.type == AWS.KMS_KEY:
        if resource.get("enableKeyRotation") is not True:
            yield Finding(f"key {resource.name} does not rotate", resource.urn)
    else:
        seconds = _seconds(resource.get("rotationPeriod"))
        if seconds is None or seconds > MAX_GCP_ROTATION_SECONDS:
            yield Finding(f"crypto key {resource.name} rotates every {resource.get('rotationPeriod') or 'never'} "
                          "(at most 90 days)", resource.urn)
