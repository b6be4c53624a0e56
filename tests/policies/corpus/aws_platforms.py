"""AWS resources vendors add around the data services (session 13's probe): defaults that
look encrypted but use AWS's key, build and analytics services with the layer's key, and a
delivery stream abroad, built with the real SDK classes."""
import json

import pulumi_aws as aws

from tests.policies.corpus import ROLE, SUBNETS

TOPIC = "arn:aws:sns:ap-northeast-1:111122223333:minato-events"
OSAKA_DB = "arn:aws:rds:ap-northeast-3:111122223333:db:minato-juki-db-osaka"


def entries(key, opts, tags):
    """(name, the rules it must break, a function that builds it)."""
    def desktop(n, **more):
        return aws.workspaces.Workspace(n, directory_id="d-956745ab12", bundle_id="wsb-bh8rsxt14",
                                        user_name="minato-staff01", tags=tags(n), opts=opts, **more)

    def replica(n, source, **more):
        return aws.rds.Instance(n, replicate_source_db=source, instance_class="db.t3.micro", skip_final_snapshot=True,
                                tags=tags(n), opts=opts, **more)

    ports: dict = {}  # the connections hosted connections are carved from, built first

    def port(n, location):
        return aws.directconnect.Connection(n, bandwidth="10Gbps", location=location, tags=tags(n), opts=opts)

    def hosted(n, parent):
        return aws.directconnect.HostedConnection(n, connection_id=parent.id, bandwidth="1Gbps",
                                                  owner_account_id="111122223333", vlan=4010, opts=opts)

    def firehose(n, **more):
        return aws.kinesis.FirehoseDeliveryStream(n, destination="extended_s3", extended_s3_configuration={
            "role_arn": ROLE, "bucket_arn": "arn:aws:s3:::minato-archive", "kms_key_arn": key}, tags=tags(n),
            opts=opts, **more)

    return [
        ("rds-default-key", {"GOV-ENC-004"}, lambda n: aws.rds.Instance(
            n, engine="postgres", instance_class="db.t3.micro", allocated_storage=20, storage_encrypted=True,
            username="app", manage_master_user_password=True, tags=tags(n), opts=opts)),
        ("efs-default-key", {"GOV-ENC-004"}, lambda n: aws.efs.FileSystem(n, encrypted=True, tags=tags(n), opts=opts)),
        ("queue-aws-alias", {"GOV-ENC-004"}, lambda n: aws.sqs.Queue(n, kms_master_key_id="alias/aws/sqs",
                                                                     tags=tags(n), opts=opts)),
        ("cache-at-rest-without-key", {"GOV-ENC-007"}, lambda n: aws.elasticache.ReplicationGroup(
            n, description="sessions", node_type="cache.t3.micro", at_rest_encryption_enabled=True,
            transit_encryption_enabled=True, tags=tags(n), opts=opts)),
        ("build", set(), lambda n: aws.codebuild.Project(
            n, service_role=ROLE, encryption_key=key, artifacts={"type": "NO_ARTIFACTS"},
            environment={"compute_type": "BUILD_GENERAL1_SMALL", "image": "aws/codebuild/standard:7.0",
                         "type": "LINUX_CONTAINER"},
            source={"type": "NO_SOURCE", "buildspec": "version: 0.2"}, tags=tags(n), opts=opts,
            vpc_config={"vpc_id": "vpc-0a1b2c3d4e5f60001", "subnets": SUBNETS,
                        "security_group_ids": ["sg-0123456789abcdef0"]})),
        ("athena", set(), lambda n: aws.athena.Workgroup(n, configuration={"result_configuration": {
            "encryption_configuration": {"encryption_option": "SSE_KMS", "kms_key_arn": key}}}, tags=tags(n),
            opts=opts)),
        ("logs-abroad", {"GOV-REG-001"}, lambda n: aws.cloudwatch.LogGroup(n, kms_key_id=key, region="us-west-2",
                                                                            tags=tags(n), opts=opts)),
        ("glue-catalog", set(), lambda n: aws.glue.DataCatalogEncryptionSettings(n, data_catalog_encryption_settings={
            "connection_password_encryption": {"return_connection_password_encrypted": True, "aws_kms_key_id": key},
            "encryption_at_rest": {"catalog_encryption_mode": "SSE-KMS", "sse_aws_kms_key_id": key}}, opts=opts)),
        ("dax", set(), lambda n: aws.dax.Cluster(n, cluster_name="dax1", iam_role_arn=ROLE, node_type="dax.t3.small",
                                                 replication_factor=1, server_side_encryption={"enabled": True},
                                                 cluster_endpoint_encryption_type="TLS", tags=tags(n), opts=opts)),
        # DAX takes AWS-owned keys only; without server_side_encryption it is not encrypted at rest
        ("dax-unencrypted", {"GOV-ENC-007"}, lambda n: aws.dax.Cluster(
            n, cluster_name="dax2", iam_role_arn=ROLE, node_type="dax.t3.small", replication_factor=1, tags=tags(n),
            cluster_endpoint_encryption_type="TLS", opts=opts)),
        # and its endpoint answers in plain text unless asked ("Default value is `NONE`")
        ("dax-plain-endpoint", {"GOV-TLS-004"}, lambda n: aws.dax.Cluster(
            n, cluster_name="dax3", iam_role_arn=ROLE, node_type="dax.t3.small", replication_factor=1, tags=tags(n),
            server_side_encryption={"enabled": True}, opts=opts)),
        ("search-serverless-key", set(), lambda n: aws.opensearch.ServerlessSecurityPolicy(
            n, name="enc", type="encryption", opts=opts, policy=json.dumps({
                "Rules": [{"Resource": ["collection/logs"], "ResourceType": "collection"}], "AWSOwnedKey": False,
                "KmsARN": "arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}))),
        ("firehose-abroad", {"GOV-REG-001"}, lambda n: aws.kinesis.FirehoseDeliveryStream(
            n, destination="extended_s3", region="eu-west-1", server_side_encryption={
                "enabled": True, "key_type": "CUSTOMER_MANAGED_CMK", "key_arn": key},
            extended_s3_configuration={"role_arn": ROLE, "bucket_arn": "arn:aws:s3:::minato-archive"},
            tags=tags(n), opts=opts)),
        ("snapshot-of-a-volume", set(), lambda n: aws.ebs.Snapshot(n, volume_id="vol-0123456789abcdef0",
                                                                   tags=tags(n), opts=opts)),
        # session 14's probe: services that keep data on AWS's key unless given one
        ("video-default-key", {"GOV-ENC-007"}, lambda n: aws.kinesis.VideoStream(
            n, data_retention_in_hours=24, tags=tags(n), opts=opts)),
        ("video", set(), lambda n: aws.kinesis.VideoStream(n, data_retention_in_hours=24, kms_key_id=key,
                                                           tags=tags(n), opts=opts)),
        ("workflow-aws-owned-key", {"GOV-ENC-007"}, lambda n: aws.sfn.StateMachine(
            n, role_arn=ROLE, definition="{}", tags=tags(n), opts=opts)),
        ("workflow-key-not-used", {"GOV-ENC-007"}, lambda n: aws.sfn.StateMachine(
            n, role_arn=ROLE, definition="{}", encryption_configuration={"type": "AWS_OWNED_KEY", "kms_key_id": key},
            tags=tags(n), opts=opts)),
        ("workflow", set(), lambda n: aws.sfn.StateMachine(n, role_arn=ROLE, definition="{}", encryption_configuration={
            "type": "CUSTOMER_MANAGED_KMS_KEY", "kms_key_id": key}, tags=tags(n), opts=opts)),
        ("activity", set(), lambda n: aws.sfn.Activity(n, encryption_configuration={
            "type": "CUSTOMER_MANAGED_KMS_KEY", "kms_key_id": key}, tags=tags(n), opts=opts)),
        ("traces-default", {"GOV-ENC-007"}, lambda n: aws.xray.EncryptionConfig(n, type="NONE", opts=opts)),
        ("traces", set(), lambda n: aws.xray.EncryptionConfig(n, type="KMS", key_id=key, opts=opts)),
        # session 15's probe: virtual desktops, a log stream written to directly, a migration's storage
        ("desktop", set(), lambda n: desktop(n, root_volume_encryption_enabled=True,
                                             user_volume_encryption_enabled=True, volume_encryption_key=key)),
        ("desktop-unencrypted", {"GOV-ENC-007"}, lambda n: desktop(n)),
        ("desktop-aws-key", {"GOV-ENC-007"}, lambda n: desktop(n, root_volume_encryption_enabled=True,
                                                               user_volume_encryption_enabled=True)),
        ("firehose-direct", set(), lambda n: firehose(n, server_side_encryption={
            "enabled": True, "key_type": "CUSTOMER_MANAGED_CMK", "key_arn": key})),
        ("firehose-direct-aws-owned", {"GOV-ENC-007"}, lambda n: firehose(n, server_side_encryption={"enabled": True})),
        ("firehose-direct-plain", {"GOV-ENC-007"}, lambda n: firehose(n)),
        ("firehose-from-stream", set(), lambda n: firehose(n, kinesis_source_configuration={
            "kinesis_stream_arn": "arn:aws:kinesis:ap-northeast-1:111122223333:stream/events", "role_arn": ROLE})),
        ("migration", set(), lambda n: aws.dms.ReplicationInstance(
            n, replication_instance_id=n, replication_instance_class="dms.t3.medium", kms_key_arn=key,
            publicly_accessible=False, tags=tags(n), opts=opts)),
        # read replicas take their source's encryption; from another region they need a key
        ("db-replica", set(), lambda n: replica(n, "minato-juki-db")),
        ("db-replica-osaka-source", {"GOV-ENC-004"}, lambda n: replica(n, OSAKA_DB)),
        ("db-replica-osaka-source-key", set(), lambda n: replica(n, OSAKA_DB, kms_key_id=key)),
        ("db-replica-aws-key", {"GOV-ENC-004"}, lambda n: replica(n, "minato-juki-db", kms_key_id="alias/aws/rds")),
        # what subscriptions, event targets and log subscription filters deliver goes where their ARN says
        ("subscription-osaka-queue", set(), lambda n: aws.sns.TopicSubscription(
            n, topic=TOPIC, protocol="sqs", endpoint="arn:aws:sqs:ap-northeast-3:111122223333:minato-dr", opts=opts)),
        ("subscription-us-queue", {"GOV-REG-003"}, lambda n: aws.sns.TopicSubscription(
            n, topic=TOPIC, protocol="sqs", endpoint="arn:aws:sqs:us-east-1:111122223333:vendor-intake", opts=opts)),
        ("subscription-email", set(), lambda n: aws.sns.TopicSubscription(
            n, topic=TOPIC, protocol="email", endpoint="joho@city.minato.example.jp", opts=opts)),
        ("event-target-us-bus", {"GOV-REG-003"}, lambda n: aws.cloudwatch.EventTarget(
            n, rule="minato-audit", role_arn=ROLE, arn="arn:aws:events:us-west-2:111122223333:event-bus/vendor",
            opts=opts)),
        ("event-target-queue", set(), lambda n: aws.cloudwatch.EventTarget(
            n, rule="minato-audit", arn="arn:aws:sqs:ap-northeast-1:111122223333:audit", opts=opts)),
        ("log-filter-eu-stream", {"GOV-REG-003"}, lambda n: aws.cloudwatch.LogSubscriptionFilter(
            n, log_group="/minato/app", filter_pattern="", role_arn=ROLE,
            destination_arn="arn:aws:kinesis:eu-west-1:111122223333:stream/siem", opts=opts)),
        ("log-filter-stream", set(), lambda n: aws.cloudwatch.LogSubscriptionFilter(
            n, log_group="/minato/app", filter_pattern="", role_arn=ROLE,
            destination_arn="arn:aws:kinesis:ap-northeast-1:111122223333:stream/siem", opts=opts)),
        # a hosted connection lands where the connection it is carved from does (GOV-REG-007)
        ("partner-port-singapore", {"GOV-REG-004"}, lambda n: ports.setdefault("sg", port(n, "EqSG2"))),
        ("hosted-on-singapore", {"GOV-REG-007"}, lambda n: hosted(n, ports["sg"])),
        ("partner-port-tokyo", set(), lambda n: ports.setdefault("tokyo", port(n, "EqTY2"))),
        ("hosted-on-tokyo", set(), lambda n: hosted(n, ports["tokyo"])),
        # what answers from the internet in a closed layer (GOV-ISO-001)
        ("lb-internal", set(), lambda n: aws.lb.LoadBalancer(n, internal=True, load_balancer_type="application",
                                                             subnets=SUBNETS, tags=tags(n), opts=opts)),
        ("lb-internet-facing", {"GOV-ISO-001"}, lambda n: aws.lb.LoadBalancer(
            n, load_balancer_type="network", subnets=SUBNETS, tags=tags(n), opts=opts)),
        ("db-public", {"GOV-ISO-001"}, lambda n: aws.rds.Instance(
            n, engine="postgres", instance_class="db.t3.micro", allocated_storage=20, storage_encrypted=True,
            kms_key_id=key, username="app", manage_master_user_password=True, publicly_accessible=True,
            tags=tags(n), opts=opts)),
        ("template-public-ip", {"GOV-ISO-001"}, lambda n: aws.ec2.LaunchTemplate(n, network_interfaces=[{
            "associate_public_ip_address": "true", "subnet_id": SUBNETS[0]}], tags=tags(n), opts=opts)),
        ("migration-public", {"GOV-ISO-001"}, lambda n: aws.dms.ReplicationInstance(
            n, replication_instance_id=n, replication_instance_class="dms.t3.medium", kms_key_arn=key,
            publicly_accessible=True, tags=tags(n), opts=opts)),
        ("migration-default-key", {"GOV-ENC-007"}, lambda n: aws.dms.ReplicationInstance(
            n, replication_instance_id=n, replication_instance_class="dms.t3.medium", publicly_accessible=False,
            tags=tags(n), opts=opts)),
    ]
