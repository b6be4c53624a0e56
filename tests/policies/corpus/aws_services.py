"""AWS managed data services vendors add (GOV-ENC-007, GOV-TLS-004): for each, a compliant
resource and the ways it goes wrong, built with the real SDK classes."""
import json

import pulumi
import pulumi_aws as aws
import pulumi_random as random

from tests.policies.corpus import ROLE, SUBNETS

SGS = ["sg-0a1b2c3d4e5f60001"]
BUS = "arn:aws:events:ap-northeast-1:111122223333:event-bus/minato-madoguchi"
CLUSTER = "arn:aws:rds:ap-northeast-1:111122223333:cluster:minato-juki"

#: a closed layer's search domains and notebooks stay inside the VPC (GOV-ISO-001)
VPC_ONLY = {"subnet_ids": ["subnet-0a1b2c3d4e5f60001"]}
NOTEBOOK_IN_VPC = dict(direct_internet_access="Disabled", subnet_id="subnet-0a1b2c3d4e5f60001",
                       security_groups=["sg-0123456789abcdef0"])

def entries(key, opts, tags):
    """(name, the rules it must break, a function that builds it)."""
    def redshift(n, **more):
        return aws.redshift.Cluster(n, cluster_identifier=n, node_type="ra3.xlplus", master_username="app",
                                    manage_master_password=True, tags=tags(n), opts=opts, **more)

    def cache(n, **more):
        return aws.elasticache.ReplicationGroup(n, description="窓口予約のセッション", node_type="cache.t4g.small",
                                                engine="valkey", subnet_group_name="lgwan", tags=tags(n), opts=opts,
                                                **more)

    def search(n, **more):
        return aws.opensearch.Domain(n, engine_version="OpenSearch_2.13", cluster_config={
            "instance_type": "t3.small.search"}, ebs_options={"ebs_enabled": True, "volume_size": 10},
            vpc_options=VPC_ONLY, tags=tags(n), opts=opts, **more)

    def kafka(n, **more):
        return aws.msk.Cluster(n, kafka_version="3.6.0", number_of_broker_nodes=2, broker_node_group_info={
            "instance_type": "kafka.t3.small", "client_subnets": SUBNETS, "security_groups": SGS},
            tags=tags(n), opts=opts, **more)

    def function(n, **more):
        return aws.lambda_.Function(n, role=ROLE, runtime="python3.12", handler="app.handler",
                                    s3_bucket="minato-artifacts", s3_key="app.zip", tags=tags(n), opts=opts,
                                    vpc_config={"subnet_ids": SUBNETS, "security_group_ids": ["sg-0123456789abcdef0"]},
                                    **more)

    env = {"variables": {"TABLE": "reservations"}}

    def tls_only(n, bucket):
        arn = f"arn:aws:s3:::{n}"
        aws.s3.BucketPolicy(f"{n}-tls", bucket=bucket.id, opts=opts, policy=json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                "Resource": [arn, f"{arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
        return bucket

    def bucket_v2(n, algorithm="aws:kms", with_key=True):
        default = {"sse_algorithm": algorithm, **({"kms_master_key_id": key} if with_key else {})}
        return tls_only(n, aws.s3.BucketV2(n, bucket=n, tags=tags(n), opts=opts, server_side_encryption_configurations=[
            {"rules": [{"apply_server_side_encryption_by_defaults": [default], "bucket_key_enabled": True}]}]))
    def mq(n, **more):
        password = random.RandomPassword(f"{n}-password", length=24, special=False, opts=opts).result
        return aws.mq.Broker(n, broker_name=n, engine_type="ActiveMQ", engine_version="5.18",
                             host_instance_type="mq.t3.micro", subnet_ids=SUBNETS[:1], security_groups=SGS,
                             users=[{"username": "app", "password": password}], tags=tags(n), opts=opts, **more)

    def legacy_search(n, **more):
        return aws.elasticsearch.Domain(n, elasticsearch_version="7.10", cluster_config={
            "instance_type": "t3.small.elasticsearch"}, ebs_options={"ebs_enabled": True, "volume_size": 10},
            vpc_options=VPC_ONLY, tags=tags(n), opts=opts, **more)

    def kms_key(n, **more):
        return aws.kms.Key(n, deletion_window_in_days=30, tags=tags(n),
                           opts=pulumi.ResourceOptions(provider=opts.provider, protect=True), **more)

    def elastic_docdb(n, **more):
        return aws.docdb.ElasticCluster(n, admin_user_name="app", auth_type="SECRET_ARN", shard_capacity=2,
                                        shard_count=1, subnet_ids=SUBNETS, tags=tags(n), opts=opts,
                                        admin_user_password=f"arn:aws:secretsmanager:ap-northeast-1:111122223333:"
                                                            f"secret:{n}-admin", **more)

    replica = dict(global_table_arn="arn:aws:dynamodb:ap-northeast-1:111122223333:table/reservations")
    snapshot = dict(source_snapshot_id="snap-0a1b2c3d4e5f60001", source_region="ap-northeast-1")
    image = dict(name="app-image", source_ami_id="ami-0a1b2c3d4e5f60001", source_ami_region="ap-northeast-1")
    return [
        # keys, queues, caches and stores that issue 19's held-out families name
        ("key-in-custom-key-store", set(), lambda n: kms_key(  # AWS cannot rotate it automatically
            n, custom_key_store_id="cks-1234567890abcdef0")),
        ("key-signing", set(), lambda n: kms_key(n, customer_master_key_spec="ECC_NIST_P256", key_usage="SIGN_VERIFY")),
        ("broker", set(), lambda n: mq(n, encryption_options={"use_aws_owned_key": False, "kms_key_id": key})),
        ("legacy-search", set(), lambda n: legacy_search(
            n, encrypt_at_rest={"enabled": True, "kms_key_id": key}, node_to_node_encryption={"enabled": True},
            domain_endpoint_options={"enforce_https": True, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"})),
        ("elastic-docdb", set(), lambda n: elastic_docdb(n, kms_key_id=key)),
        ("zfs", set(), lambda n: aws.fsx.OpenZfsFileSystem(n, deployment_type="SINGLE_AZ_1", subnet_ids=SUBNETS[:1],
                                                           storage_capacity=64, throughput_capacity=64,
                                                           kms_key_id=key, tags=tags(n), opts=opts)),
        ("table-replica", set(), lambda n: aws.dynamodb.TableReplica(n, **replica, kms_key_arn=key, tags=tags(n),
                                                                     opts=opts)),
        ("snapshot-copy", set(), lambda n: aws.ebs.SnapshotCopy(n, **snapshot, encrypted=True, kms_key_id=key,
                                                                tags=tags(n), opts=opts)),
        ("secret-replica-osaka", set(), lambda n: aws.secretsmanager.Secret(
            n, kms_key_id=key, replicas=[{"region": "ap-northeast-3", "kms_key_id": key}], tags=tags(n), opts=opts)),
        ("global-table", set(), lambda n: aws.dynamodb.GlobalTable(
            n, name=n, replicas=[{"region_name": "ap-northeast-1"}, {"region_name": "ap-northeast-3"}], opts=opts)),
        ("memcached", set(), lambda n: aws.elasticache.Cluster(n, engine="memcached", node_type="cache.t4g.small",
                                                               num_cache_nodes=1, transit_encryption_enabled=True,
                                                               tags=tags(n), opts=opts)),
        ("cache-read-replica", set(), lambda n: aws.elasticache.Cluster(n, replication_group_id="minato-sessions",
                                                                        tags=tags(n), opts=opts)),
        ("key-no-rotation", {"GOV-ENC-006"}, lambda n: kms_key(n)),
        ("memcached-plain", {"GOV-TLS-004"}, lambda n: aws.elasticache.Cluster(
            n, engine="memcached", node_type="cache.t4g.small", num_cache_nodes=1, tags=tags(n), opts=opts)),
        ("redis-standalone", {"GOV-TLS-004"}, lambda n: aws.elasticache.Cluster(
            n, engine="redis", node_type="cache.t4g.small", num_cache_nodes=1, tags=tags(n), opts=opts)),
        ("memorydb-plaintext", {"GOV-TLS-004"}, lambda n: aws.memorydb.Cluster(
            n, acl_name="open-access", node_type="db.t4g.small", kms_key_arn=key, tls_enabled=False, tags=tags(n),
            opts=opts)),
        ("secret-replica-abroad", {"GOV-REG-003"}, lambda n: aws.secretsmanager.Secret(
            n, kms_key_id=key, replicas=[{"region": "us-east-1", "kms_key_id": key}], tags=tags(n), opts=opts)),
        ("global-table-abroad", {"GOV-REG-003"}, lambda n: aws.dynamodb.GlobalTable(
            n, name=n, replicas=[{"region_name": "ap-northeast-1"}, {"region_name": "us-west-2"}], opts=opts)),
        ("instance-aws-key", {"GOV-ENC-001"}, lambda n: aws.ec2.Instance(
            n, ami="ami-0abcdef1234567890", instance_type="t3.micro", tags=tags(n), opts=opts,
            root_block_device={"encrypted": True, "kms_key_id": "alias/aws/ebs"})),
        ("broker-aws-owned-key", {"GOV-ENC-007"}, lambda n: mq(n)),
        ("broker-key-but-aws-owned", {"GOV-ENC-007"}, lambda n: mq(n, encryption_options={"kms_key_id": key})),
        ("legacy-search-plain", {"GOV-ENC-007", "GOV-TLS-004"}, lambda n: legacy_search(n)),
        ("elastic-docdb-default-key", {"GOV-ENC-007"}, lambda n: elastic_docdb(n)),
        ("zfs-aws-key", {"GOV-ENC-007"}, lambda n: aws.fsx.OpenZfsFileSystem(
            n, deployment_type="SINGLE_AZ_1", subnet_ids=SUBNETS[:1], storage_capacity=64, throughput_capacity=64,
            tags=tags(n), opts=opts)),
        ("table-replica-default-key", {"GOV-ENC-007"}, lambda n: aws.dynamodb.TableReplica(
            n, **replica, tags=tags(n), opts=opts)),
        ("snapshot-copy-unencrypted", {"GOV-ENC-007"}, lambda n: aws.ebs.SnapshotCopy(
            n, **snapshot, tags=tags(n), opts=opts)),
        ("ami-copy", set(), lambda n: aws.ec2.AmiCopy(n, **image, encrypted=True, kms_key_id=key, tags=tags(n),
                                                      opts=opts)),
        ("ami-copy-unencrypted", {"GOV-ENC-007"}, lambda n: aws.ec2.AmiCopy(n, **image, tags=tags(n), opts=opts)),
        ("ami-copy-default-key", {"GOV-ENC-007"}, lambda n: aws.ec2.AmiCopy(n, **image, encrypted=True, tags=tags(n),
                                                                          opts=opts)),
        ("redshift", set(), lambda n: redshift(n, encrypted="true", kms_key_id=key)),
        ("docdb", set(), lambda n: aws.docdb.Cluster(n, master_username="app", manage_master_user_password=True,
                                                    storage_encrypted=True, kms_key_id=key, tags=tags(n), opts=opts)),
        ("cache", set(), lambda n: cache(n, at_rest_encryption_enabled=True, kms_key_id=key,
                                         transit_encryption_enabled=True)),
        ("search", set(), lambda n: search(n, encrypt_at_rest={"enabled": True, "kms_key_id": key},
                                           node_to_node_encryption={"enabled": True},
                                           domain_endpoint_options={"enforce_https": True,
                                                                    "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"})),
        ("stream", set(), lambda n: aws.kinesis.Stream(n, shard_count=1, encryption_type="KMS", kms_key_id=key,
                                                       tags=tags(n), opts=opts)),
        ("secret", set(), lambda n: aws.secretsmanager.Secret(n, kms_key_id=key, tags=tags(n), opts=opts)),
        ("function-env", set(), lambda n: function(n, environment=env, kms_key_arn=key)),
        ("function-no-env", set(), lambda n: function(n)),
        ("parameter-plain-string", set(), lambda n: aws.ssm.Parameter(n, type="String", value="窓口",
                                                                      tags=tags(n), opts=opts)),
        ("vault", set(), lambda n: aws.backup.Vault(n, kms_key_arn=key, tags=tags(n), opts=opts)),
        ("registry", set(), lambda n: aws.ecr.Repository(n, encryption_configurations=[{
            "encryption_type": "KMS", "kms_key": key}], tags=tags(n), opts=opts)),
        ("trail", set(), lambda n: aws.cloudtrail.Trail(n, s3_bucket_name="minato-trail", kms_key_id=key,
                                                        tags=tags(n), opts=opts)),
        ("kafka", set(), lambda n: kafka(n, encryption_info={"encryption_at_rest_kms_key_arn": key})),
        ("event-bus", set(), lambda n: aws.cloudwatch.EventBus(n, name="minato-madoguchi", kms_key_identifier=key,
                                                               tags=tags(n), opts=opts)),
        ("event-archive", set(), lambda n: aws.cloudwatch.EventArchive(
            n, name="minato-madoguchi-archive", event_source_arn=BUS, kms_key_identifier=key, retention_days=30,
            opts=opts)),
        ("event-data-store", set(), lambda n: aws.cloudtrail.EventDataStore(
            n, name="minato-audit", kms_key_id=key, retention_period=2557, tags=tags(n), opts=opts)),
        ("table-bucket", set(), lambda n: aws.s3tables.TableBucket(
            n, name="minato-analytics", encryption_configuration={"sse_algorithm": "aws:kms", "kms_key_arn": key},
            tags=tags(n), opts=opts)),
        ("global-database", set(), lambda n: aws.rds.GlobalCluster(
            n, global_cluster_identifier="minato-juki-global", engine="aurora-postgresql", engine_version="16.4",
            storage_encrypted=True, tags=tags(n), opts=opts)),
        # made from an existing cluster: that cluster's encryption applies (GOV-ENC-004 judges it)
        ("global-database-from-cluster", set(), lambda n: aws.rds.GlobalCluster(
            n, global_cluster_identifier="minato-juki-global2", source_db_cluster_identifier=CLUSTER,
            force_destroy=True, tags=tags(n), opts=opts)),
        ("serverless-warehouse", set(), lambda n: aws.redshiftserverless.Namespace(
            n, namespace_name=n, kms_key_id=key, tags=tags(n), opts=opts)),
        ("serverless-cache", set(), lambda n: aws.elasticache.ServerlessCache(
            n, engine="valkey", kms_key_id=key, subnet_ids=SUBNETS, tags=tags(n), opts=opts)),
        ("memorydb", set(), lambda n: aws.memorydb.Cluster(n, acl_name="open-access", node_type="db.t4g.small",
                                                           kms_key_arn=key, tags=tags(n), opts=opts)),
        ("graph", set(), lambda n: aws.neptune.Cluster(n, storage_encrypted=True, kms_key_arn=key, tags=tags(n),
                                                       opts=opts)),
        ("lustre", set(), lambda n: aws.fsx.LustreFileSystem(n, subnet_ids=SUBNETS[0], storage_capacity=1200,
                                                             deployment_type="PERSISTENT_2", per_unit_storage_throughput=125,
                                                             kms_key_id=key, tags=tags(n), opts=opts)),
        ("windows-share", set(), lambda n: aws.fsx.WindowsFileSystem(
            n, subnet_ids=SUBNETS[:1], throughput_capacity=32, storage_capacity=32, active_directory_id="d-1234567890",
            kms_key_id=key, tags=tags(n), opts=opts)),
        ("ontap", set(), lambda n: aws.fsx.OntapFileSystem(
            n, deployment_type="MULTI_AZ_1", preferred_subnet_id=SUBNETS[0], storage_capacity=1024,
            subnet_ids=SUBNETS, throughput_capacity=128, kms_key_id=key, tags=tags(n), opts=opts)),
        ("timeseries", set(), lambda n: aws.timestreamwrite.Database(n, database_name=n, kms_key_id=key,
                                                                     tags=tags(n), opts=opts)),
        ("keyspace-table", set(), lambda n: aws.keyspaces.Table(
            n, keyspace_name="minato", table_name="reservations", schema_definition={
                "columns": [{"name": "id", "type": "text"}], "partition_keys": [{"name": "id"}]},
            encryption_specification={"type": "CUSTOMER_MANAGED_KMS_KEY", "kms_key_identifier": key},
            tags=tags(n), opts=opts)),
        ("notebook", set(), lambda n: aws.sagemaker.NotebookInstance(n, instance_type="ml.t3.medium", role_arn=ROLE,
                                                                     kms_key_id=key, tags=tags(n), opts=opts,
                                                                     **NOTEBOOK_IN_VPC)),
        ("bucket-v2-inline-kms", set(), lambda n: bucket_v2(n)),
        ("sse-v2", set(), lambda n: aws.s3.BucketServerSideEncryptionConfigurationV2(n, bucket="minato-app", rules=[{
            "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key}}],
            opts=opts)),
        # non-compliant
        ("bucket-v2-sse-s3", {"GOV-ENC-003"}, lambda n: bucket_v2(n, algorithm="AES256", with_key=False)),
        ("bucket-plain", {"GOV-ENC-003", "GOV-TLS-001"}, lambda n: aws.s3.Bucket(n, bucket=n, tags=tags(n), opts=opts)),
        ("sse-v2-aws-key", {"GOV-ENC-002"}, lambda n: aws.s3.BucketServerSideEncryptionConfigurationV2(
            n, bucket="minato-app", rules=[{"apply_server_side_encryption_by_default": {
                "sse_algorithm": "aws:kms", "kms_master_key_id": "alias/aws/s3"}}], opts=opts)),
        ("graph-plain", {"GOV-ENC-007"}, lambda n: aws.neptune.Cluster(n, tags=tags(n), opts=opts)),
        ("keyspace-table-aws-owned", {"GOV-ENC-007"}, lambda n: aws.keyspaces.Table(
            n, keyspace_name="minato", table_name="visits", schema_definition={
                "columns": [{"name": "id", "type": "text"}], "partition_keys": [{"name": "id"}]},
            tags=tags(n), opts=opts)),
        ("redshift-plain", {"GOV-ENC-007"}, lambda n: redshift(n)),
        ("docdb-aws-key", {"GOV-ENC-007"}, lambda n: aws.docdb.Cluster(
            n, master_username="app", manage_master_user_password=True, storage_encrypted=True,
            kms_key_id="alias/aws/rds", tags=tags(n), opts=opts)),
        ("cache-plain", {"GOV-ENC-007", "GOV-TLS-004"}, lambda n: cache(n)),
        ("search-at-rest-off", {"GOV-ENC-007", "GOV-TLS-004"}, lambda n: search(
            n, encrypt_at_rest={"enabled": False}, domain_endpoint_options={"enforce_https": False})),
        ("stream-plain", {"GOV-ENC-007"}, lambda n: aws.kinesis.Stream(n, shard_count=1, tags=tags(n), opts=opts)),
        ("secret-default-key", {"GOV-ENC-007"}, lambda n: aws.secretsmanager.Secret(n, tags=tags(n), opts=opts)),
        ("function-env-default-key", {"GOV-ENC-007"}, lambda n: function(n, environment=env)),
        ("parameter-secure-default-key", {"GOV-ENC-007"}, lambda n: aws.ssm.Parameter(
            n, type="SecureString", tags=tags(n), opts=opts)),  # the value is set out of band, never in code
        ("vault-default-key", {"GOV-ENC-007"}, lambda n: aws.backup.Vault(n, tags=tags(n), opts=opts)),
        ("registry-aes", {"GOV-ENC-007"}, lambda n: aws.ecr.Repository(n, tags=tags(n), opts=opts)),
        ("trail-plain", {"GOV-ENC-007"}, lambda n: aws.cloudtrail.Trail(n, s3_bucket_name="minato-trail",
                                                                        tags=tags(n), opts=opts)),
        ("kafka-plaintext", {"GOV-TLS-004"}, lambda n: kafka(n, encryption_info={
            "encryption_at_rest_kms_key_arn": key, "encryption_in_transit": {"client_broker": "TLS_PLAINTEXT"}})),
        ("kafka-default-key", {"GOV-ENC-007"}, lambda n: kafka(n)),  # at rest on aws/msk
        ("event-bus-default-key", {"GOV-ENC-007"}, lambda n: aws.cloudwatch.EventBus(
            n, name="minato-madoguchi2", tags=tags(n), opts=opts)),
        ("event-archive-default-key", {"GOV-ENC-007"}, lambda n: aws.cloudwatch.EventArchive(
            n, name="minato-madoguchi-archive2", event_source_arn=BUS, opts=opts)),
        ("event-data-store-default-key", {"GOV-ENC-007"}, lambda n: aws.cloudtrail.EventDataStore(
            n, name="minato-audit2", tags=tags(n), opts=opts)),
        ("table-bucket-default-encryption", {"GOV-ENC-007"}, lambda n: aws.s3tables.TableBucket(
            n, name="minato-analytics2", tags=tags(n), opts=opts)),  # SSE-S3, no key of the municipality's
        ("global-database-unencrypted", {"GOV-ENC-007"}, lambda n: aws.rds.GlobalCluster(
            n, global_cluster_identifier="minato-juki-global3", engine="aurora-postgresql", engine_version="16.4",
            tags=tags(n), opts=opts)),
    ]
