"""The encryption table is the SDKs' own (issue 19, item 1): derived again from the
installed pulumi_aws and pulumi_gcp, it must equal the checked-in table, so a provider
version that adds an encryptable type fails here until the table is regenerated and the
type judged or set aside. Each condition and flag GOV-ENC-007 and GOV-TLS-004 rest on is
quoted from the SDK's docstring."""
from __future__ import annotations

import importlib
import inspect
import json
import keyword
import re

import pytest

from policies import encryption_inputs as inputs
from policies.registry import all_rules
from policies.props import values
from policies.rules.encryption_services import JUDGED, key_paths

#: the families issue 19 names, each with the key input the SDK gives it
NAMED = {
    "aws:redshift/cluster:Cluster": "kmsKeyId",
    "aws:docdb/cluster:Cluster": "kmsKeyId",
    "aws:elasticache/replicationGroup:ReplicationGroup": "kmsKeyId",
    "aws:opensearch/domain:Domain": "encryptAtRest.kmsKeyId",
    "aws:kinesis/stream:Stream": "kmsKeyId",
    "aws:secretsmanager/secret:Secret": "kmsKeyId",
    "aws:lambda/function:Function": "kmsKeyArn",
    "aws:backup/vault:Vault": "kmsKeyArn",
    "aws:ecr/repository:Repository": "encryptionConfigurations.kmsKey",
    "aws:cloudtrail/trail:Trail": "kmsKeyId",
    "aws:msk/cluster:Cluster": "encryptionInfo.encryptionAtRestKmsKeyArn",
    "gcp:bigquery/dataset:Dataset": "defaultEncryptionConfiguration.kmsKeyName",
    "gcp:pubsub/topic:Topic": "kmsKeyName",
    "gcp:sql/databaseInstance:DatabaseInstance": "encryptionKeyName",
    # aliased and versioned types
    "aws:s3/bucketV2:BucketV2": "serverSideEncryptionConfigurations.rules.applyServerSideEncryptionByDefaults"
                                ".kmsMasterKeyId",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
        "rules.applyServerSideEncryptionByDefault.kmsMasterKeyId",
    "gcp:compute/disk:Disk": "diskEncryptionKey.kmsKeySelfLink",
}


@pytest.fixture(scope="module")
def derived():
    return inputs.derive_all()


def test_the_checked_in_table_is_what_the_installed_sdks_give(derived):
    checked_in = {token: list(paths) for token, paths in inputs.table().items()}
    added = sorted(set(derived) - set(checked_in))
    assert not added, (f"the installed SDKs have encryptable types the table does not know: {added}; run "
                       "`python -m policies.encryption_inputs > policies/data/encryption-inputs.json` and judge them "
                       "in policies/rules/encryption_services.py (or leave them recorded, not judged)")
    assert derived == checked_in


def test_the_issue_s_families_and_the_aliased_types_are_in_the_table(derived):
    for token, path in NAMED.items():
        assert path in derived.get(token, []), (token, derived.get(token))


def test_every_judged_type_is_a_type_of_the_table_and_rules_name_it():
    enc7 = next(r for r in all_rules() if r.id == "GOV-ENC-007")
    for token, judged in JUDGED.items():
        # a type judged without a key has no key input: if a new SDK gives it one, judge the key
        assert (token in inputs.table()) is judged.key, token
        assert enc7.applies_to(token)
    assert key_paths("gcp:secretmanager/secret:Secret")[-1].startswith("replication.userManaged.replicas")


def test_a_key_for_something_else_is_not_taken_for_the_data_key(derived):
    # the Redshift master password's secret, Lambda's code-signing source, a replica's key
    assert derived["aws:redshift/cluster:Cluster"] == ["kmsKeyId"]
    assert "sourceKmsKeyArn" not in derived["aws:lambda/function:Function"]
    assert all("replica" not in p for p in derived["aws:dynamodb/table:Table"])


def documented(dotted: str, name: str) -> str:
    """What the SDK class `dotted` (pulumi_aws.rds.Proxy) says of its input `name`, one line."""
    module, cls = dotted.rsplit(".", 1)
    return _param_doc(getattr(importlib.import_module(module), cls), name)


def _param_doc(cls, name: str) -> str:
    source = inspect.getsource(cls)
    match = re.search(rf":param [^\n]*? {name}: (.*?)(?=\n\s*:param |\n\s*\"\"\")", source, re.S)
    assert match, f"{cls.__name__} documents no {name}"
    return " ".join(match.group(1).split())


#: (SDK class, input, what its docstring says that the rules rely on)
DOCSTRINGS = [
    ("pulumi_aws.lambda_.Function", "kms_key_arn", "used to encrypt environment variables"),
    ("pulumi_aws.ssm.Parameter", "key_id", "for encrypting a SecureString"),
    ("pulumi_aws.kinesis.Stream", "encryption_type", "The default value is `NONE`"),
    ("pulumi_aws.docdb.Cluster", "storage_encrypted", "The default is `false`"),
    ("pulumi_aws.neptune.Cluster", "storage_encrypted", "The default is `false` if not specified"),
    ("pulumi_aws.redshift.Cluster", "encrypted", "the data in the cluster is encrypted at rest"),
    ("pulumi_aws.elasticache.ReplicationGroup", "at_rest_encryption_enabled", "Whether to enable encryption at rest"),
    ("pulumi_aws.elasticache.ReplicationGroup", "transit_encryption_enabled", "Whether to enable encryption in transit"),
    ("pulumi_aws.secretsmanager.Secret", "kms_key_id", "defaults to using the AWS account's default KMS key"),
    ("pulumi_aws.opensearch.DomainNodeToNodeEncryptionArgs", "enabled", "this defaults to `false`"),
    ("pulumi_aws.opensearch.DomainDomainEndpointOptionsArgs", "enforce_https", "Defaults to `true`"),
    ("pulumi_aws.opensearch.DomainEncryptAtRestArgs", "kms_key_id", "defaults to using the `aws/es` service KMS key"),
    ("pulumi_aws.msk.ClusterEncryptionInfoEncryptionInTransitArgs", "client_broker", "Default value is `TLS`"),
    ("pulumi_aws.msk.ClusterEncryptionInfoEncryptionInTransitArgs", "in_cluster", "Default value: `true`"),
    ("pulumi_aws.ecr.RepositoryEncryptionConfigurationArgs", "encryption_type", "Defaults to `AES256`"),
    ("pulumi_gcp.redis.Instance", "transit_encryption_mode", "Default value is `DISABLED`"),
    ("pulumi_gcp.sql.DatabaseInstanceSettingsIpConfigurationArgs", "ssl_mode", "`ENCRYPTED_ONLY`"),
    ("pulumi_aws.mq.BrokerEncryptionOptionsArgs", "use_aws_owned_key", "Defaults to `true`"),
    ("pulumi_aws.mq.BrokerEncryptionOptionsArgs", "kms_key_id", "Requires setting `use_aws_owned_key` to `false`"),
    ("pulumi_aws.elasticsearch.DomainEncryptAtRestArgs", "enabled", "this defaults to `false`"),
    ("pulumi_aws.elasticsearch.DomainNodeToNodeEncryptionArgs", "enabled", "this defaults to `false`"),
    ("pulumi_aws.elasticsearch.DomainDomainEndpointOptionsArgs", "enforce_https", "Defaults to `true`"),
    ("pulumi_aws.dynamodb.TableReplica", "kms_key_arn", "different from the default KMS-managed DynamoDB key"),
    ("pulumi_aws.docdb.ElasticCluster", "kms_key_id", "If not specified, the default encryption key"),
    ("pulumi_aws.fsx.OpenZfsFileSystem", "kms_key_id", "Defaults to an AWS managed KMS Key"),
    ("pulumi_aws.ebs.SnapshotCopy", "encrypted", "Whether the snapshot is encrypted"),
    ("pulumi_aws.ec2.AmiCopy", "encrypted", "Whether the destination snapshots of the copied image should be "
                                            "encrypted. Defaults to `false`"),
    ("pulumi_aws.ec2.AmiCopy", "kms_key_id", "If not specified, then the default AWS KMS Key will be used"),
    ("pulumi_aws.kinesis.VideoStream", "kms_key_id", "the default, Kinesis Video-managed key (`aws/kinesisvideo`)"),
    ("pulumi_aws.sfn.StateMachineEncryptionConfigurationArgs", "type", "`AWS_OWNED_KEY`, `CUSTOMER_MANAGED_KMS_KEY`"),
    ("pulumi_aws.sfn.ActivityEncryptionConfigurationArgs", "type", "`AWS_KMS_KEY`, `CUSTOMER_MANAGED_KMS_KEY`"),
    ("pulumi_aws.xray.EncryptionConfig", "type", "Set to `NONE` for default encryption"),
    ("pulumi_aws.workspaces.Workspace", "volume_encryption_key", "used to encrypt data stored on your WorkSpace"),
    ("pulumi_aws.workspaces.Workspace", "root_volume_encryption_enabled", "data stored on the root volume is encrypted"),
    ("pulumi_aws.workspaces.Workspace", "user_volume_encryption_enabled", "data stored on the user volume is encrypted"),
    ("pulumi_aws.kinesis.FirehoseDeliveryStreamServerSideEncryptionArgs", "enabled", "Default is `false`"),
    ("pulumi_aws.kinesis.FirehoseDeliveryStreamServerSideEncryptionArgs", "key_type", "Default is `AWS_OWNED_CMK`"),
    # the SDK puts this note of the class after its last parameter, version_id
    ("pulumi_aws.kinesis.FirehoseDeliveryStream", "version_id",
     "Server-side encryption should not be enabled when a kinesis stream is configured as the source"),
    ("pulumi_aws.dms.ReplicationInstance", "kms_key_arn", "AWS DMS will use your default encryption key"),
    ("pulumi_aws.rds.Instance", "storage_encrypted", "if you are creating a cross-region read replica this field is "
                                                     "ignored"),
    ("pulumi_aws.rds.Instance", "replicate_source_db", "cross-region replica of an encrypted database you will also "
                                                       "need to specify a `kms_key_id`"),
    ("pulumi_aws.kms.Key", "custom_key_store_id", "Custom Key Store"),
    ("pulumi_gcp.kms.CryptoKey", "purpose", 'Default value is "ENCRYPT_DECRYPT"'),
    ("pulumi_gcp.firestore.Database", "cmek_config", "If not present, the database is secured by the default "
                                                     "Google encryption key"),
    ("pulumi_gcp.firestore.Database", "location_id", "The location of the database"),
    ("pulumi_gcp.redis.Cluster", "transit_encryption_mode", "Default value is `TRANSIT_ENCRYPTION_MODE_DISABLED`"),
    ("pulumi_gcp.memorystore.Instance", "transit_encryption_mode", "SERVER_AUTHENTICATION"),
    ("pulumi_gcp.compute.RegionDiskDiskEncryptionKeyArgs", "kms_key_name", "stored in Google Cloud KMS"),
    ("pulumi_aws.elasticache.Cluster", "transit_encryption_enabled", "use `elasticache.ReplicationGroup` instead"),
    ("pulumi_aws.elasticache.Cluster", "replication_group_id", "added to the specified replication group"),
    ("pulumi_aws.memorydb.Cluster", "tls_enabled", "Defaults to `true`"),
    ("pulumi_aws.msk.ClusterEncryptionInfoArgs", "encryption_at_rest_kms_key_arn",
     "If no key is specified, an AWS managed KMS ('aws/msk' managed service) key will be used"),
    ("pulumi_aws.cloudwatch.EventBus", "kms_key_identifier", "if you choose to use a customer managed key to encrypt "
                                                             "events on this event bus"),
    ("pulumi_aws.cloudwatch.EventArchive", "kms_key_identifier", "if you choose to use a customer managed key to "
                                                                 "encrypt this archive"),
    ("pulumi_aws.rds.GlobalCluster", "storage_encrypted", "The default is `false` unless "
                                                          "`source_db_cluster_identifier` is specified and encrypted"),
    ("pulumi_aws.dax.ClusterServerSideEncryptionArgs", "enabled", "Whether to enable encryption at rest. "
                                                                  "Defaults to `false`"),
    ("pulumi_aws.cloudtrail.EventDataStore", "kms_key_id", "Specifies the AWS KMS key ID to use to encrypt the "
                                                         "events delivered by CloudTrail"),
    ("pulumi_aws.s3tables.TableBucketEncryptionConfigurationArgs", "sse_algorithm", "One of `aws:kms` or `AES256`"),
    ("pulumi_aws.s3tables.TableBucketEncryptionConfigurationArgs", "kms_key_arn",
     "ARN of a KMS Key to be used with `aws:kms` `sse_algorithm`"),
    ("pulumi_gcp.healthcare.DatasetEncryptionSpecArgs", "kms_key_name",
     "If empty, the default Google encryption key will be used to secure this dataset"),
    ("pulumi_gcp.bigquery.Dataset", "default_encryption_configuration",
     "unless table creation request (or query) overrides the key"),
    # session 19's held-out probe: workloads around the data services
    ("pulumi_aws.ec2.LaunchConfigurationRootBlockDeviceArgs", "encrypted", "Defaults to `false`"),
    ("pulumi_aws.ec2.LaunchConfigurationEbsBlockDeviceArgs", "encrypted", "Defaults to `false`"),
    ("pulumi_aws.ec2.SpotInstanceRequestRootBlockDeviceArgs", "encrypted", "Defaults to `false`"),
    ("pulumi_aws.ebs.EncryptionByDefault", "enabled", "Whether or not default EBS encryption is enabled"),
    ("pulumi_aws.eks.ClusterEncryptionConfigArgs", "resources", "Valid values: `secrets`"),
    ("pulumi_aws.eks.ClusterEncryptionConfigProviderArgs", "key_arn", "ARN of the KMS customer master key (CMK)"),
    ("pulumi_aws.storagegateway.NfsFileShare", "kms_encrypted", "`false` to use a key managed by Amazon S3. "
                                                                "Defaults to `false`"),
    ("pulumi_aws.storagegateway.NfsFileShare", "kms_key_arn", "can only be set when `kms_encrypted` is true"),
    ("pulumi_aws.storagegateway.SmbFileShare", "kms_encrypted", "`false` to use a key managed by Amazon S3. "
                                                                "Defaults to `false`"),
    ("pulumi_aws.appsync.ApiCache", "at_rest_encryption_enabled", "At-rest encryption flag for cache"),
    ("pulumi_aws.appsync.ApiCache", "transit_encryption_enabled", "Transit encryption flag when connecting to cache"),
    ("pulumi_aws.dax.Cluster", "cluster_endpoint_encryption_type", "Default value is `NONE`"),
    ("pulumi_aws.ecs.TaskDefinitionVolumeEfsVolumeConfigurationArgs", "transit_encryption",
     "If this parameter is omitted, the default value of `DISABLED` is used"),
    ("pulumi_aws.mskconnect.ConnectorKafkaClusterEncryptionInTransitArgs", "encryption_type",
     "The default values is `PLAINTEXT`"),
    ("pulumi_aws.apigateway.DomainName", "security_policy", "TLS version + cipher suite for this DomainName"),
    ("pulumi_gcp.compute.SSLPolicy", "min_tls_version", "Default value is `TLS_1_0`"),
    ("pulumi_gcp.compute.RegionSslPolicy", "min_tls_version", "Default value is `TLS_1_0`"),
    ("pulumi_gcp.compute.TargetHttpsProxy", "ssl_policy", "will not have any SSL policy configured"),
    ("pulumi_gcp.compute.RegionTargetHttpsProxy", "ssl_policy", "will not have any SSL policy configured"),
    ("pulumi_gcp.compute.TargetSSLProxy", "ssl_policy", "A reference to the SslPolicy resource"),
    ("pulumi_aws.lb.Listener", "ssl_policy", "Default is `ELBSecurityPolicy-2016-08`"),
    ("pulumi_aws.glue.DataCatalogEncryptionSettingsDataCatalogEncryptionSettingsEncryptionAtRestArgs",
     "catalog_encryption_mode", "Valid values: `DISABLED`, `SSE-KMS`, `SSE-KMS-WITH-SERVICE-ROLE`"),
    ("pulumi_aws.glue.DataCatalogEncryptionSettingsDataCatalogEncryptionSettingsConnectionPasswordEncryptionArgs",
     "return_connection_password_encrypted", "passwords remain encrypted"),
    ("pulumi_aws.glue.SecurityConfigurationEncryptionConfigurationCloudwatchEncryptionArgs",
     "cloudwatch_encryption_mode", "Default value: `DISABLED`"),
    ("pulumi_aws.glue.SecurityConfigurationEncryptionConfigurationJobBookmarksEncryptionArgs",
     "job_bookmarks_encryption_mode", "Default value: `DISABLED`"),
    ("pulumi_aws.glue.SecurityConfigurationEncryptionConfigurationS3EncryptionArgs", "s3_encryption_mode",
     "Default value: `DISABLED`"),
    ("pulumi_aws.rds.ClusterInstance", "performance_insights_kms_key_id", "ARN for the KMS key to encrypt Performance "
                                                                          "Insights data"),
    ("pulumi_gcp.container.ClusterDatabaseEncryptionArgs", "state", "`ENCRYPTED` or `DECRYPTED`"),
    ("pulumi_gcp.container.ClusterDatabaseEncryptionArgs", "key_name", "the key to use to encrypt/decrypt secrets"),
    ("pulumi_gcp.dataproc.ClusterClusterConfigArgs", "encryption_config", "The Customer managed encryption keys "
                                                                          "settings for the cluster"),
    ("pulumi_gcp.dataflow.Job", "kms_key_name", "The name for the Cloud KMS key for the job"),
    ("pulumi_gcp.workbench.InstanceGceSetupBootDiskArgs", "disk_encryption", "Disk encryption method used on the boot "
                                                                             "and data disks, defaults to GMEK"),
    ("pulumi_gcp.workbench.InstanceGceSetupBootDiskArgs", "kms_key", "only applicable if disk_encryption is CMEK"),
    ("pulumi_gcp.vertex.AiDataset", "encryption_spec", "this Dataset and all sub-resources of this Dataset will be "
                                                       "secured by this key"),
    # where a copy of the data goes (GOV-REG-002, GOV-REG-003)
    ("pulumi_gcp.secretmanager.SecretReplicationArgs", "auto", "automatically be replicated without any restrictions"),
    ("pulumi_aws.secretsmanager.SecretReplicaArgs", "region", "Region for replicating the secret"),
    ("pulumi_aws.dynamodb.GlobalTableReplicaArgs", "region_name", "AWS region name of replica"),
    # what answers from the internet in a closed layer (GOV-ISO-001)
    ("pulumi_aws.lb.LoadBalancer", "internal", "If true, the LB will be internal. Defaults to `false`"),
    ("pulumi_aws.rds.Instance", "publicly_accessible", "Bool to control if instance is publicly accessible"),
    ("pulumi_aws.dms.ReplicationInstance", "publicly_accessible", "A value of true represents an instance with a "
                                                                  "public IP address"),
    ("pulumi_gcp.compute.ForwardingRule", "load_balancing_scheme", "Default value is `EXTERNAL`"),
    # policies/rules/public_endpoints.py: what answers from the internet unless told otherwise
    ("pulumi_aws.ec2.LaunchConfiguration", "associate_public_ip_address", "Associate a public IP address"),
    # GOV-DATA-004: a function URL without authentication
    ("pulumi_aws.lambda_.FunctionUrl", "authorization_type", "Valid values are `AWS_IAM` and `NONE`"),
    ("pulumi_aws.ec2.SpotInstanceRequest", "associate_public_ip_address", "associate a public IP address"),
    ("pulumi_aws.eks.ClusterVpcConfigArgs", "endpoint_public_access", "public API server endpoint is enabled. "
                                                                      "Default is `true`"),
    ("pulumi_aws.rds.ClusterInstance", "publicly_accessible", "Bool to control if instance is publicly accessible"),
    ("pulumi_aws.neptune.ClusterInstance", "publicly_accessible", "Bool to control if instance is publicly "
                                                                  "accessible"),
    ("pulumi_aws.mq.Broker", "publicly_accessible", "connections from applications outside of the VPC"),
    ("pulumi_aws.opensearch.Domain", "vpc_options", "Configuration block for VPC related options"),
    ("pulumi_aws.sagemaker.NotebookInstance", "direct_internet_access", "`Enabled` (Default) or `Disabled`"),
    ("pulumi_aws.msk.ClusterBrokerNodeGroupInfoConnectivityInfoPublicAccessArgs", "type",
     "Valid values: `DISABLED`, `SERVICE_PROVIDED_EIPS`"),
    ("pulumi_aws.apigateway.RestApiEndpointConfigurationArgs", "types", "If unspecified, defaults to `EDGE`"),
    ("pulumi_aws.transfer.Server", "endpoint_type", "Defaults to `PUBLIC`"),
    ("pulumi_aws.apprunner.ServiceNetworkConfigurationIngressConfigurationArgs", "is_publicly_accessible",
     "To make the service privately accessible, from only within an Amazon VPC, set it to `false`"),
    ("pulumi_gcp.compute.InstanceTemplateNetworkInterfaceArgs", "access_configs",
     "Omit to ensure that the instance is not accessible from the Internet"),
    ("pulumi_gcp.cloudrunv2.Service", "ingress", "`INGRESS_TRAFFIC_ALL`, `INGRESS_TRAFFIC_INTERNAL_ONLY`"),
    ("pulumi_gcp.cloudfunctionsv2.FunctionServiceConfigArgs", "ingress_settings", "Default value is `ALLOW_ALL`"),
    ("pulumi_gcp.container.ClusterPrivateClusterConfigArgs", "enable_private_nodes",
     "nodes only have RFC 1918 private addresses"),
    ("pulumi_gcp.container.Cluster", "resource_labels", "The GCE resource labels"),
    ("pulumi_gcp.workbench.InstanceGceSetupArgs", "disable_public_ip", "If true, no external IP will be assigned"),
    ("pulumi_gcp.alloydb.InstanceNetworkConfigArgs", "enable_public_ip", "Enabling public ip for the instance"),
    ("pulumi_gcp.dataproc.ClusterClusterConfigGceClusterConfigArgs", "internal_ip_only",
     "By default, clusters are not restricted to internal IP addresses"),
    ("pulumi_gcp.dataflow.Job", "ip_configuration", "Options are `\"WORKER_IP_PUBLIC\"` or `\"WORKER_IP_PRIVATE\"`"),
    ("pulumi_aws.elasticsearch.DomainDomainEndpointOptionsArgs", "tls_security_policy",
     "Valid values: `Policy-Min-TLS-1-0-2019-07`, `Policy-Min-TLS-1-2-2019-07`"),
    ("pulumi_gcp.compute.ForwardingRule", "load_balancing_scheme", "PSC (private service connection) regional"),
    ("pulumi_aws.sns.TopicSubscription", "endpoint", "Endpoint to send data to"),
    ("pulumi_aws.cloudwatch.EventTarget", "arn", "ARN of the target"),
    ("pulumi_aws.cloudwatch.LogSubscriptionFilter", "destination_arn", "ARN of the destination to deliver matching "
                                                                       "log events to"),
    ("pulumi_gcp.logging.ProjectSink", "destination", "logging.googleapis.com/projects/[PROJECT_ID]/locations/global/"
                                                      "buckets/[BUCKET_ID]"),
    # session 21's held-out probe (tests/policies/corpus/aws_edges.py)
    ("pulumi_aws.dsql.Cluster", "kms_encryption_key", 'encrypts data in the DSQL Cluster, or `"AWS_OWNED_KMS_KEY"`'),
    ("pulumi_aws.customerprofiles.Domain", "default_encryption_key", "The default encryption key, which is an AWS "
                                                                     "managed key, is used when no specific type"),
    *((f"pulumi_aws.rds.{cls}", "shared_accounts", "Use `all` to make the snapshot public")
      for cls in ("Snapshot", "ClusterSnapshot", "SnapshotCopy", "ClusterSnapshotCopy")),
    ("pulumi_aws.dms.Endpoint", "ssl_mode", "Valid values are `none`, `require`, `verify-ca`, `verify-full`"),
    ("pulumi_gcp.datastream.Stream", "customer_managed_encryption_key", "If left blank, data will be encrypted using "
                                                                        "an internal Stream-specific encryption key"),
    ("pulumi_gcp.netapp.StoragePool", "kms_config", "Specifies the CMEK policy to be used for volume encryption"),
    ("pulumi_gcp.gkebackup.BackupPlanBackupConfigArgs", "encryption_key", 'encrypt the "config" portion (the '
                                                                          'Kubernetes resources) of Backups'),
    ("pulumi_aws.dms.Endpoint", "engine_name", "`dynamodb`, `elasticsearch`, `kafka`, `kinesis`"),
    ("pulumi_aws.sns.TopicSubscription", "protocol", "Protocols `email`, `email-json`, `http` and `https` are also "
                                                     "valid"),
    ("pulumi_aws.apigatewayv2.Api", "disable_execute_api_endpoint", "By default, clients can invoke the API with the "
                                                                    "default `{api_id}.execute-api.{region}"),
    ("pulumi_aws.rds.Proxy", "require_tls", "Enabling this setting enforces encrypted TLS connections to the proxy"),
    ("pulumi_aws.cloudfront.DistributionDefaultCacheBehaviorArgs", "viewer_protocol_policy",
     "One of `allow-all`, `https-only`, or `redirect-to-https`"),
    ("pulumi_aws.cloudfront.DistributionOriginCustomOriginConfigArgs", "origin_protocol_policy",
     "One of `http-only`, `https-only`, or `match-viewer`"),
    ("pulumi_aws.cloudfront.DistributionViewerCertificateArgs", "acm_certificate_arn",
     "The ACM certificate must be in US-EAST-1"),
    ("pulumi_gcp.container.ClusterPrivateClusterConfigArgs", "enable_private_endpoint", "When `false`, either "
                                                                                       "endpoint can be used"),
    ("pulumi_gcp.container.ClusterControlPlaneEndpointsConfigIpEndpointsConfigArgs", "enabled",
     "Controls whether to allow direct IP access. Defaults to `true`."),
    ("pulumi_gcp.container.ClusterControlPlaneEndpointsConfigDnsEndpointConfigArgs", "allow_external_traffic",
     "Controls whether user traffic is allowed over this endpoint"),
    ("pulumi_aws.transfer.ServerEndpointDetailsArgs", "address_allocation_ids", "required to attach an Elastic IP "
                                                                                "address to your SFTP server's "
                                                                                "endpoint"),
]


@pytest.mark.parametrize("dotted, name, says", DOCSTRINGS, ids=[f"{d.rsplit('.', 1)[-1]}.{n}" for d, n, _ in DOCSTRINGS])
def test_the_sdk_documents_what_the_rules_rely_on(dotted, name, says):
    assert says in documented(dotted, name)


def test_values_reads_through_lists_and_reports_every_element():
    props = {"a": [{"k": "x"}, {"k": None}, {}], "b": {"c": {"d": "y"}}, "e": []}
    assert values(props, "a.k") == ["x", None, None]
    assert values(props, "b.c.d") == ["y"]
    assert values(props, "e.k") == []
    assert values(props, "missing.k") == [None]


def test_the_table_file_records_the_sdk_versions_it_came_from():
    data = json.loads(inputs.TABLE.read_text(encoding="utf-8"))
    assert set(data["derivedFrom"]) == {"pulumi-aws", "pulumi-gcp"}
    assert len(data["types"]) > 300  # every encryptable type of both SDKs, not a hand-picked few


def test_the_taggable_table_is_what_the_installed_sdks_give():
    from policies import taggable
    assert taggable.derive_all() == taggable.table()


def _takes_tags_by_import(resource_type: str):
    """What GOV-TAG-001 asked before the table: import the SDK module, read the signature."""
    package, module, name = resource_type.split(":")
    module = module.split("/")[0]
    module += "_" if keyword.iskeyword(module) else ""  # aws:lambda/... is pulumi_aws.lambda_ (the
    # import-based check missed it: Lambda functions went untagged-unchecked)
    cls = getattr(importlib.import_module(f"pulumi_{package}.{module}"), name, None)
    key = "tags" if package == "aws" else "labels"
    return key if cls is not None and key in inspect.signature(cls._internal_init).parameters else None


def test_the_taggable_table_answers_as_the_sdk_classes_do():
    from policies.taggable import table
    from tests.conftest import inventory_of
    types = {r["type"] for stack in ("minato", "setagaya", "itabashi") for r in inventory_of(stack).as_dict()["resources"]
             if r["type"].startswith(("aws:", "gcp:"))} | set(JUDGED)
    assert len(types) > 80
    assert {t: table().get(t) for t in types} == {t: _takes_tags_by_import(t) for t in types}


def test_docs_list_every_judged_type_with_what_it_needs():
    """docs/policies.md names each type GOV-ENC-007 judges, those without a key input too."""
    from policies.docgen import render
    doc = render()
    for token, judged in JUDGED.items():
        row = next((line for line in doc.splitlines() if line.startswith(f"| `{token}` |")), None)
        assert row is not None, token
        assert all(what in row for _, _, what in judged.flags), row
