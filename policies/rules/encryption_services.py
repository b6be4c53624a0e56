"""Encryption of the managed services vendors add (databases, caches, search, streams,
secrets, registries, trails, backups, analytics), judged by the key inputs the provider
SDK itself gives each type (policies/encryption_inputs.py, policies/data/encryption-inputs.json),
not by a list of argument names kept by hand.

A judged type is compliant when one of its key inputs names a customer-managed key (an
AWS-managed alias such as alias/aws/secretsmanager does not count), every element of a
list input included, and the flags its service needs besides the key hold. Types the
other encryption rules name (EBS, S3, RDS, EFS, logs, SNS, SQS, DynamoDB, disks, buckets,
Cloud SQL, instances, keys) are judged there; every other type of the table is listed in
docs/policies.md as recorded and not judged.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from policies.encryption_inputs import table
from policies.props import equals, is_false, is_true, values
from policies.registry import Finding, resource_rule, stack_rule
from policies.rules.encryption import aws_managed


@dataclass(frozen=True)
class Judged:
    """How ENC-007 judges a type: when a key is needed (None: always), key inputs besides
    the derived ones, and flags that must hold (path, test, what to write)."""

    when: Callable | None = None
    also: tuple[str, ...] = ()
    flags: tuple[tuple[str, Callable[[object], bool], str], ...] = ()
    why_when: str = ""
    #: False for a service that takes no customer-managed key at all (no key input in the SDK):
    #: only its flags are judged, so that its data is at least encrypted at rest
    key: bool = True


def _env_vars(resource) -> bool:
    return bool((resource.get("environment") or {}).get("variables"))


#: Not judged: the table's types that no rule names (listed in docs/policies.md).
#: The types judged here. Each docstring the conditions rest on is quoted in
#: tests/policies/test_encryption_table.py.
JUDGED: dict[str, Judged] = {
    # AWS: data stores and the data services around them
    "aws:redshift/cluster:Cluster": Judged(flags=(("encrypted", is_true, "encrypted: true"),)),
    "aws:redshiftserverless/namespace:Namespace": Judged(),
    "aws:docdb/cluster:Cluster": Judged(flags=(("storageEncrypted", is_true, "storage_encrypted: true"),)),
    "aws:neptune/cluster:Cluster": Judged(flags=(("storageEncrypted", is_true, "storage_encrypted: true"),)),
    "aws:elasticache/replicationGroup:ReplicationGroup": Judged(
        flags=(("atRestEncryptionEnabled", is_true, "at_rest_encryption_enabled: true"),)),
    "aws:elasticache/serverlessCache:ServerlessCache": Judged(),
    "aws:memorydb/cluster:Cluster": Judged(),
    "aws:opensearch/domain:Domain": Judged(flags=(("encryptAtRest.enabled", is_true, "encrypt_at_rest.enabled: true"),)),
    "aws:kinesis/stream:Stream": Judged(flags=(("encryptionType", equals("KMS"), "encryption_type: KMS"),)),
    "aws:secretsmanager/secret:Secret": Judged(),
    "aws:ssm/parameter:Parameter": Judged(when=lambda r: str(r.get("type")) == "SecureString",
                                          why_when="only a SecureString parameter is encrypted"),
    "aws:lambda/function:Function": Judged(when=_env_vars, why_when="only when it has environment variables"),
    "aws:backup/vault:Vault": Judged(),
    "aws:ecr/repository:Repository": Judged(flags=(("encryptionConfigurations.encryptionType", equals("KMS"),
                                                    "encryption_configurations: [{encryption_type: KMS}]"),)),
    "aws:cloudtrail/trail:Trail": Judged(),
    "aws:fsx/lustreFileSystem:LustreFileSystem": Judged(),
    "aws:fsx/windowsFileSystem:WindowsFileSystem": Judged(),
    "aws:fsx/ontapFileSystem:OntapFileSystem": Judged(),
    "aws:timestreamwrite/database:Database": Judged(),
    "aws:keyspaces/table:Table": Judged(),
    "aws:sagemaker/notebookInstance:NotebookInstance": Judged(),
    # the Glue Data Catalog (the tables' schemas, and the connections' passwords) and what Glue jobs write
    "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings": Judged(flags=(
        ("dataCatalogEncryptionSettings.encryptionAtRest.catalogEncryptionMode", lambda v: str(v).startswith("SSE-KMS"),
         "data_catalog_encryption_settings.encryption_at_rest.catalog_encryption_mode: SSE-KMS"),
        ("dataCatalogEncryptionSettings.connectionPasswordEncryption.returnConnectionPasswordEncrypted", is_true,
         "connection_password_encryption.return_connection_password_encrypted: true"))),
    "aws:glue/securityConfiguration:SecurityConfiguration": Judged(flags=(
        ("encryptionConfiguration.cloudwatchEncryption.cloudwatchEncryptionMode", equals("SSE-KMS"),
         "cloudwatch_encryption.cloudwatch_encryption_mode: SSE-KMS"),
        ("encryptionConfiguration.jobBookmarksEncryption.jobBookmarksEncryptionMode", equals("CSE-KMS"),
         "job_bookmarks_encryption.job_bookmarks_encryption_mode: CSE-KMS"),
        ("encryptionConfiguration.s3Encryption.s3EncryptionMode", equals("SSE-KMS"),
         "s3_encryption.s3_encryption_mode: SSE-KMS"))),
    "aws:fsx/openZfsFileSystem:OpenZfsFileSystem": Judged(),
    "aws:docdb/elasticCluster:ElasticCluster": Judged(),
    "aws:dynamodb/tableReplica:TableReplica": Judged(),
    "aws:elasticsearch/domain:Domain": Judged(flags=(("encryptAtRest.enabled", is_true,
                                                      "encrypt_at_rest.enabled: true"),)),
    "aws:mq/broker:Broker": Judged(flags=(("encryptionOptions.useAwsOwnedKey", is_false,
                                           "encryption_options.use_aws_owned_key: false"),)),
    "aws:ebs/snapshotCopy:SnapshotCopy": Judged(flags=(("encrypted", is_true, "encrypted: true"),)),
    # a copied machine image: its snapshots are copied unencrypted unless asked ("Defaults to `false`")
    "aws:ec2/amiCopy:AmiCopy": Judged(flags=(("encrypted", is_true, "encrypted: true"),)),
    # data kept by services around the applications: video (a counter's camera), the payloads
    # of each workflow execution, request traces; each defaults to an AWS-managed or -owned key
    "aws:kinesis/videoStream:VideoStream": Judged(),
    "aws:sfn/stateMachine:StateMachine": Judged(flags=(("encryptionConfiguration.type", equals(
        "CUSTOMER_MANAGED_KMS_KEY"), "encryption_configuration.type: CUSTOMER_MANAGED_KMS_KEY"),)),
    "aws:sfn/activity:Activity": Judged(flags=(("encryptionConfiguration.type", equals("CUSTOMER_MANAGED_KMS_KEY"),
                                                "encryption_configuration.type: CUSTOMER_MANAGED_KMS_KEY"),)),
    "aws:xray/encryptionConfig:EncryptionConfig": Judged(flags=(("type", equals("KMS"), "type: KMS"),)),
    # a municipality's virtual desktops (the LGWAN layer's terminals), the buffer of a log
    # stream written to directly, and the storage of a migration from the data center's databases
    "aws:workspaces/workspace:Workspace": Judged(flags=(
        ("rootVolumeEncryptionEnabled", is_true, "root_volume_encryption_enabled: true"),
        ("userVolumeEncryptionEnabled", is_true, "user_volume_encryption_enabled: true"))),
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": Judged(
        when=lambda r: not r.get("kinesisSourceConfiguration"),
        why_when="a stream written to directly: with a Kinesis stream as its source, server-side encryption is "
                 "not enabled on the delivery stream (pulumi_aws) and the source stream's key applies",
        flags=(("serverSideEncryption.enabled", is_true, "server_side_encryption.enabled: true"),
               ("serverSideEncryption.keyType", equals("CUSTOMER_MANAGED_CMK"),
                "server_side_encryption.key_type: CUSTOMER_MANAGED_CMK"))),
    "aws:dms/replicationInstance:ReplicationInstance": Judged(),
    # Kafka at rest: "If no key is specified, an AWS managed KMS ('aws/msk' managed service) key"
    # (in transit: GOV-TLS-004)
    "aws:msk/cluster:Cluster": Judged(),
    # the events a bus holds and an archive keeps: an AWS-owned key unless one is given
    "aws:cloudwatch/eventBus:EventBus": Judged(),
    "aws:cloudwatch/eventArchive:EventArchive": Judged(),
    # an Aurora global database made empty: "The default is `false` unless
    # `source_db_cluster_identifier` is specified and encrypted". It takes no key (each member
    # cluster has its own, GOV-ENC-004); made from a cluster, it is that cluster's encryption.
    "aws:rds/globalCluster:GlobalCluster": Judged(
        key=False, when=lambda r: not r.get("sourceDbClusterIdentifier"),
        why_when="only a global database not made from an existing cluster (that one's encryption applies, "
                 "judged on the cluster)",
        flags=(("storageEncrypted", is_true, "storage_encrypted: true"),)),
    # CloudTrail Lake's event store (the audit log kept as a queryable store: an AWS-owned key
    # unless kms_key_id) and S3 Tables' table bucket (SSE-S3 unless `aws:kms` with a key)
    "aws:cloudtrail/eventDataStore:EventDataStore": Judged(),
    # Aurora DSQL ("The ARN of the AWS KMS key that encrypts data in the DSQL Cluster, or
    # `"AWS_OWNED_KMS_KEY"`") and Customer Profiles, a store of residents' contact records ("The
    # default encryption key, which is an AWS managed key, is used when no specific type of
    # encryption key is specified")
    "aws:dsql/cluster:Cluster": Judged(),
    "aws:customerprofiles/domain:Domain": Judged(),
    "aws:s3tables/tableBucket:TableBucket": Judged(flags=(("encryptionConfiguration.sseAlgorithm", equals("AWS:KMS"),
                                                           "encryption_configuration.sse_algorithm: aws:kms"),)),
    # a cache in front of DynamoDB: AWS-owned keys only, and "Defaults to `false`" (encryption at rest)
    "aws:dax/cluster:Cluster": Judged(key=False, flags=(("serverSideEncryption.enabled", is_true,
                                                         "server_side_encryption.enabled: true"),)),
    # Kubernetes Secrets (the systems' credentials to the resident data): envelope-encrypted with
    # a customer-managed key only when encryption_config names one for `secrets`
    "aws:eks/cluster:Cluster": Judged(flags=(("encryptionConfig.resources", equals("SECRETS"),
                                              "encryption_config.resources: [secrets]"),)),
    # the data center's file server written into S3 through a Storage Gateway file share:
    # "`false` to use a key managed by Amazon S3. Defaults to `false`"
    "aws:storagegateway/nfsFileShare:NfsFileShare": Judged(flags=(("kmsEncrypted", is_true, "kms_encrypted: true"),)),
    "aws:storagegateway/smbFileShare:SmbFileShare": Judged(flags=(("kmsEncrypted", is_true, "kms_encrypted: true"),)),
    # a GraphQL API's cache: AWS-owned keys only, each flag fixed at creation (in transit: GOV-TLS-004)
    "aws:appsync/apiCache:ApiCache": Judged(key=False, flags=(("atRestEncryptionEnabled", is_true,
                                                               "at_rest_encryption_enabled: true"),)),
    # Google Cloud
    # GKE's Kubernetes Secrets: application-layer encryption is off (DECRYPTED) unless
    # database_encryption names a key; the node boot disk keys the table gives do not cover them
    "gcp:container/cluster:Cluster": Judged(also=("databaseEncryption.keyName",), flags=(
        ("databaseEncryption.state", equals("ENCRYPTED"), "database_encryption: {state: ENCRYPTED, key_name: ...}"),)),
    # batch and stream processing over the resident data: the workers' disks and the job's state
    "gcp:dataproc/cluster:Cluster": Judged(),
    "gcp:dataflow/job:Job": Judged(),
    # analysts' notebooks and ML datasets over the resident data: a notebook's disks are
    # "GMEK" unless disk_encryption says CMEK (with its key); a Vertex AI dataset and "all
    # sub-resources" are under Google's key without encryption_spec
    "gcp:workbench/instance:Instance": Judged(flags=(("gceSetup.bootDisk.diskEncryption", equals("CMEK"),
                                                      "gce_setup.boot_disk.disk_encryption: CMEK"),)),
    "gcp:vertex/aiDataset:AiDataset": Judged(),
    "gcp:bigquery/dataset:Dataset": Judged(),
    "gcp:pubsub/topic:Topic": Judged(),
    "gcp:spanner/database:Database": Judged(),
    "gcp:bigtable/instance:Instance": Judged(),
    "gcp:redis/instance:Instance": Judged(),
    "gcp:filestore/instance:Instance": Judged(),
    "gcp:artifactregistry/repository:Repository": Judged(),
    "gcp:alloydb/cluster:Cluster": Judged(),
    "gcp:logging/projectBucketConfig:ProjectBucketConfig": Judged(),
    "gcp:secretmanager/secret:Secret": Judged(
        also=("replication.userManaged.replicas.customerManagedEncryption.kmsKeyName",)),
    "gcp:secretmanager/regionalSecret:RegionalSecret": Judged(),
    "gcp:firestore/database:Database": Judged(),
    "gcp:redis/cluster:Cluster": Judged(),
    "gcp:memorystore/instance:Instance": Judged(),
    "gcp:managedkafka/cluster:Cluster": Judged(),
    # a Cloud Healthcare dataset (FHIR, DICOM, HL7v2 stores of a health-management system)
    "gcp:healthcare/dataset:Dataset": Judged(),
    # a database replicated by Datastream ("If left blank, data will be encrypted using an
    # internal Stream-specific encryption key provisioned through KMS") and NetApp file shares
    # (the storage pool's kms_config: "the CMEK policy to be used for volume encryption")
    "gcp:datastream/stream:Stream": Judged(),
    # a GKE backup: the cluster's Kubernetes resources, Secrets included ("used to encrypt the
    # \"config\" portion (the Kubernetes resources) of Backups created via this plan")
    "gcp:gkebackup/backupPlan:BackupPlan": Judged(),
    "gcp:netapp/storagePool:StoragePool": Judged(),
}


def key_paths(token: str) -> tuple[str, ...]:
    return tuple(table().get(token, ())) + JUDGED.get(token, Judged()).also


def customer_key(resource, token: str) -> bool:
    """One of the type's key inputs holds a customer-managed key in every element."""
    for path in key_paths(token):
        found = values(resource.props, path)
        if found and all(v and not aws_managed(v) for v in found):
            return True
    return False


@resource_rule(id="GOV-ENC-007", family="encryption-at-rest", severity="high",
               title_en="Managed data services use a customer-managed key (the SDK's key inputs, type by type)",
               title_ja="マネージドなデータサービスはカスタマー管理キーで暗号化（SDKのキー入力を型ごとに判定）",
               rationale="Caches, search domains, streams, secrets, registries, trails, backups and warehouses hold "
                         "resident data as much as databases do; the key must be one the municipality controls.",
               remediation="Set the service's key input (docs/policies.md, encryption table) to the layer's key, "
                           "with the service's encryption switched on.",
               types=tuple(JUDGED))
def managed_data_services(resource, ctx):
    judged = JUDGED[resource.type]
    if judged.when is not None and not judged.when(resource):
        return
    kind = resource.type.split(":")[-1]
    if judged.key and not customer_key(resource, resource.type):
        yield Finding(f"{kind} {resource.name} is not encrypted with a customer-managed key (set one of: "
                      f"{', '.join(key_paths(resource.type))})", resource.urn)
    for path, ok, what in judged.flags:
        found = values(resource.props, path)
        if not found or not all(ok(v) for v in found):
            yield Finding(f"{kind} {resource.name}: {path} must be set ({what})", resource.urn)


BIGQUERY_DATASET = "gcp:bigquery/dataset:Dataset"
BIGQUERY_TABLE = "gcp:bigquery/table:Table"


@stack_rule(id="GOV-ENC-008", family="encryption-at-rest", severity="high",
            title_en="BigQuery tables use a customer-managed key: their own, or their dataset's default",
            title_ja="BigQueryのテーブルはカスタマー管理キーで暗号化（テーブル自身またはデータセットの既定キー）",
            rationale="A table without its own key is encrypted with its dataset's default key (pulumi_gcp: "
                      "\"all newly-created partitioned tables in the dataset will have encryption key set to this "
                      "value, unless table creation request (or query) overrides the key\"); without either, with "
                      "Google's.",
            remediation="Set encryption_configuration.kms_key_name on the table, or "
                        "default_encryption_configuration.kms_key_name on its dataset in the stack.",
            types=(BIGQUERY_TABLE,))
def bigquery_tables(resources, ctx):
    """A table is judged with its dataset: by the dependency of its dataset_id (the dataset
    built in the stack), else by the dataset id and project it names."""
    datasets = [r for r in resources if r.type == BIGQUERY_DATASET]
    for bq in (r for r in resources if r.type == BIGQUERY_TABLE):
        if customer_key(bq, BIGQUERY_TABLE):
            continue
        dataset = ctx.target(bq, "datasetId") or next(
            (d for d in datasets if d.get("datasetId") == bq.get("datasetId")
             and (d.get("project") or None) in (bq.get("project") or None, None)), None)
        if dataset is not None and customer_key(dataset, BIGQUERY_DATASET):
            continue
        where = "its dataset has no default customer-managed key" if dataset is not None else \
            f"its dataset {bq.get('datasetId')} is not in the stack to give it one"
        yield Finding(f"table {bq.name} has no customer-managed key of its own and {where} "
                      "(encryption_configuration.kms_key_name)", bq.urn)
