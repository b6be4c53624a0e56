"""AWS resources vendors' workloads add around the data services (session 19's held-out
probe, each a case Checkov also judges): container platforms and their secrets, launch
configurations and spot requests, the account's EBS default, file shares from the data
center, and the edges clients connect through (a GraphQL cache, DAX, Kafka Connect, an API's
custom domain, load balancer listeners that accept TLS 1.0), and paths out of Japan that name a
region in their own inputs (an ECR replication rule, a transit gateway peering, a log
destination), built with the real SDK classes."""
import json

import pulumi_aws as aws

from tests.policies.corpus import ACCOUNT, AMI, ROLE, SUBNETS

#: 港区's network account (its declaration's accounts.network), where the Osaka hub is
NETWORK_ACCOUNT = "401234560001"

GATEWAY = "arn:aws:storagegateway:ap-northeast-1:111122223333:gateway/sgw-12A3456B"
CERT = "arn:aws:acm:ap-northeast-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"


def entries(key, opts, tags):
    """(name, the rules it must break, a function that builds it)."""
    def eks(n, **more):
        return aws.eks.Cluster(n, role_arn=ROLE, vpc_config={"subnet_ids": SUBNETS, "endpoint_public_access": False,
                                                             "endpoint_private_access": True},
                               tags=tags(n), opts=opts, **more)

    def listener(n, protocol, **policy):
        lb = f"arn:aws:elasticloadbalancing:ap-northeast-1:{ACCOUNT}:loadbalancer/net/app/50dc6c495c0c9188"
        return aws.lb.Listener(n, load_balancer_arn=lb, port=443, protocol=protocol, certificate_arn=CERT, **policy,
                               default_actions=[{"type": "forward", "target_group_arn": lb.replace(
                                   "loadbalancer/net", "targetgroup")}], tags=tags(n), opts=opts)

    def aurora_instance(n, **insights):
        return aws.rds.ClusterInstance(n, cluster_identifier="minato-aurora", instance_class="db.r6g.large",
                                       engine="aurora-postgresql", performance_insights_enabled=True, **insights,
                                       tags=tags(n), opts=opts)

    def catalog(n, mode, passwords):
        return aws.glue.DataCatalogEncryptionSettings(n, opts=opts, data_catalog_encryption_settings={
            "encryption_at_rest": {"catalog_encryption_mode": mode, **({"sse_aws_kms_key_id": key} if passwords else {})},
            "connection_password_encryption": {"return_connection_password_encrypted": passwords,
                                               **({"aws_kms_key_id": key} if passwords else {})}})

    def glue_security(n, s3_mode):
        return aws.glue.SecurityConfiguration(n, opts=opts, encryption_configuration={
            "cloudwatch_encryption": {"cloudwatch_encryption_mode": "SSE-KMS", "kms_key_arn": key},
            "job_bookmarks_encryption": {"job_bookmarks_encryption_mode": "CSE-KMS", "kms_key_arn": key},
            "s3_encryption": {"s3_encryption_mode": s3_mode, **({"kms_key_arn": key} if s3_mode == "SSE-KMS" else {})}})

    def launch_configuration(n, encrypted):
        return aws.ec2.LaunchConfiguration(n, image_id=AMI, instance_type="t3.micro",
                                           root_block_device={"encrypted": encrypted, "volume_size": 30},
                                           ebs_block_devices=[{"device_name": "/dev/sdf", "encrypted": encrypted}],
                                           opts=opts)

    def spot(n, **root):
        return aws.ec2.SpotInstanceRequest(n, ami=AMI, instance_type="t3.micro", spot_price="0.01",
                                           root_block_device=root, tags=tags(n), opts=opts)

    def file_share(n, **more):
        return aws.storagegateway.NfsFileShare(n, client_lists=["10.20.0.0/16"], gateway_arn=GATEWAY,
                                               location_arn="arn:aws:s3:::minato-fileserver", role_arn=ROLE,
                                               tags=tags(n), opts=opts, **more)

    def api_cache(n, encrypted):
        return aws.appsync.ApiCache(n, api_id="minatoapi", api_caching_behavior="FULL_REQUEST_CACHING",
                                    type="SMALL", ttl=300, at_rest_encryption_enabled=encrypted,
                                    transit_encryption_enabled=encrypted, opts=opts)

    def task(n, transit):
        return aws.ecs.TaskDefinition(n, family=n, container_definitions=json.dumps([
            {"name": "app", "image": "app:1", "memory": 512, "essential": True}]), volumes=[
            {"name": "scratch"},
            {"name": "shared", "efs_volume_configuration": {"file_system_id": "fs-0123456789abcdef0",
                                                             "transit_encryption": transit}}], tags=tags(n), opts=opts)

    def connector(n, encryption):
        return aws.mskconnect.Connector(
            n, name=n, kafkaconnect_version="2.7.1", service_execution_role_arn=ROLE,
            connector_configuration={"connector.class": "io.confluent.connect.s3.S3SinkConnector", "tasks.max": "1"},
            capacity={"provisioned_capacity": {"worker_count": 1}},
            kafka_cluster={"apache_kafka_cluster": {"bootstrap_servers": "b-1.minato.kafka:9098", "vpc": {
                "security_groups": ["sg-0123456789abcdef0"], "subnets": SUBNETS}}},
            kafka_cluster_client_authentication={"authentication_type": "IAM"},
            kafka_cluster_encryption_in_transit={"encryption_type": encryption} if encryption else {},
            plugins=[{"custom_plugin": {"arn": "arn:aws:kafkaconnect:ap-northeast-1:111122223333:custom-plugin/s3/1",
                                        "revision": 1}}], tags=tags(n), opts=opts)

    def domain(n, **policy):
        return aws.apigateway.DomainName(n, domain_name=f"{n}.city.minato.lg.jp", regional_certificate_arn=CERT,
                                         endpoint_configuration={"types": "REGIONAL"}, tags=tags(n), opts=opts,
                                         **policy)

    def tgw_peering(n, region):
        return aws.ec2transitgateway.PeeringAttachment(n, transit_gateway_id="tgw-0123456789abcdef0",
                                                       peer_transit_gateway_id="tgw-0fedcba9876543210",
                                                       peer_account_id=NETWORK_ACCOUNT, peer_region=region, tags=tags(n),
                                                       opts=opts)

    def pipe(n, region):
        return aws.pipes.Pipe(n, role_arn=ROLE, source=f"arn:aws:sqs:ap-northeast-1:{ACCOUNT}:minato-intake",
                              target=f"arn:aws:sqs:{region}:{ACCOUNT}:minato-outbox", tags=tags(n), opts=opts)

    secrets = {"resources": ["secrets"], "provider": {"key_arn": key}}
    return [
        ("eks-secrets-key", set(), lambda n: eks(n, encryption_config=secrets)),
        ("eks-plain-secrets", {"GOV-ENC-007"}, lambda n: eks(n)),
        ("eks-aws-managed-key", {"GOV-ENC-007"}, lambda n: eks(n, encryption_config={
            "resources": ["secrets"], "provider": {"key_arn": "alias/aws/eks"}})),
        ("launch-configuration", set(), lambda n: launch_configuration(n, True)),
        ("launch-configuration-plain", {"GOV-ENC-001"}, lambda n: launch_configuration(n, False)),
        ("spot", set(), lambda n: spot(n, encrypted=True, kms_key_id=key)),
        ("spot-plain", {"GOV-ENC-001"}, lambda n: spot(n, volume_size=30)),
        ("ebs-default-off", {"GOV-ACCT-001"}, lambda n: aws.ebs.EncryptionByDefault(n, enabled=False, opts=opts)),
        ("file-share", set(), lambda n: file_share(n, kms_encrypted=True, kms_key_arn=key)),
        ("file-share-s3-key", {"GOV-ENC-007"}, lambda n: file_share(n)),
        ("smb-share", set(), lambda n: aws.storagegateway.SmbFileShare(
            n, gateway_arn=GATEWAY, location_arn="arn:aws:s3:::minato-fileserver", role_arn=ROLE,
            authentication="ActiveDirectory", kms_encrypted=True, kms_key_arn=key, tags=tags(n), opts=opts)),
        ("smb-share-key-off", {"GOV-ENC-007"}, lambda n: aws.storagegateway.SmbFileShare(
            n, gateway_arn=GATEWAY, location_arn="arn:aws:s3:::minato-fileserver", role_arn=ROLE,
            authentication="ActiveDirectory", kms_encrypted=False, tags=tags(n), opts=opts)),
        ("api-cache", set(), lambda n: api_cache(n, True)),
        ("api-cache-plain", {"GOV-ENC-007", "GOV-TLS-004"}, lambda n: api_cache(n, False)),
        ("task-efs-tls", set(), lambda n: task(n, "ENABLED")),
        ("task-efs-plain", {"GOV-TLS-004"}, lambda n: task(n, None)),
        ("kafka-connector-tls", set(), lambda n: connector(n, "TLS")),
        ("kafka-connector-plain", {"GOV-TLS-004"}, lambda n: connector(n, None)),
        ("api-domain-tls12", set(), lambda n: domain(n, security_policy="TLS_1_2")),
        ("api-domain-aws-default", set(), lambda n: domain(n)),
        ("api-domain-tls10", {"GOV-TLS-004"}, lambda n: domain(n, security_policy="TLS_1_0")),
        # paths the data takes out of Japan that name a region, not a provider's (GOV-REG-003)
        ("ecr-replication-us", {"GOV-REG-003"}, lambda n: aws.ecr.ReplicationConfiguration(
            n, replication_configuration={"rules": [{"destinations": [
                {"region": "ap-northeast-3", "registry_id": ACCOUNT}, {"region": "us-east-1", "registry_id": ACCOUNT}]}]},
            opts=opts)),
        ("tgw-peering-osaka", set(), lambda n: tgw_peering(n, "ap-northeast-3")),
        ("tgw-peering-oregon", {"GOV-REG-003"}, lambda n: tgw_peering(n, "us-west-2")),
        ("log-destination-us", {"GOV-REG-003"}, lambda n: aws.cloudwatch.LogDestination(
            n, name=n, role_arn=ROLE, target_arn=f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/siem", tags=tags(n),
            opts=opts)),
        ("pipe-to-tokyo-queue", set(), lambda n: pipe(n, "ap-northeast-1")),
        ("pipe-to-virginia-queue", {"GOV-REG-003"}, lambda n: pipe(n, "us-east-1")),
        # Performance Insights (a database's SQL statements) on the AWS-managed key, or a layer key
        ("aurora-insights-default-key", {"GOV-ENC-004"}, lambda n: aurora_instance(n)),
        ("aurora-insights-layer-key", set(), lambda n: aurora_instance(n, performance_insights_kms_key_id=key)),
        ("db-insights-aws-key", {"GOV-ENC-004"}, lambda n: aws.rds.Instance(
            n, engine="postgres", instance_class="db.t4g.medium", allocated_storage=20, username="app",
            manage_master_user_password=True, storage_encrypted=True, kms_key_id=key, skip_final_snapshot=True,
            performance_insights_enabled=True, performance_insights_kms_key_id="alias/aws/rds", tags=tags(n),
            opts=opts)),
        # the Glue Data Catalog and Glue jobs' output
        ("glue-catalog-encrypted", set(), lambda n: catalog(n, "SSE-KMS", True)),
        ("glue-catalog-plain", {"GOV-ENC-007"}, lambda n: catalog(n, "DISABLED", False)),
        ("glue-jobs-encrypted", set(), lambda n: glue_security(n, "SSE-KMS")),
        ("glue-jobs-s3-managed", {"GOV-ENC-007"}, lambda n: glue_security(n, "SSE-S3")),
        # TLS 1.0 and 1.1 accepted: the default policy, named or left out, and a TLS 1.3 policy from 1.0
        ("listener-policy-2016", {"GOV-TLS-002"}, lambda n: listener(n, "HTTPS",
                                                                     ssl_policy="ELBSecurityPolicy-2016-08")),
        ("listener-default-policy", {"GOV-TLS-002"}, lambda n: listener(n, "HTTPS")),
        ("listener-tls13-from-1-0", {"GOV-TLS-002"}, lambda n: listener(
            n, "TLS", ssl_policy="ELBSecurityPolicy-TLS13-1-0-2021-06")),
        ("listener-tls13-only", set(), lambda n: listener(n, "TLS", ssl_policy="ELBSecurityPolicy-TLS13-1-3-2021-06")),
        ("listener-fs-1-2", set(), lambda n: listener(n, "HTTPS", ssl_policy="ELBSecurityPolicy-FS-1-2-Res-2020-10")),
        ("log-destination-tokyo", set(), lambda n: aws.cloudwatch.LogDestination(
            n, name=n, role_arn=ROLE, target_arn=f"arn:aws:kinesis:ap-northeast-1:{ACCOUNT}:stream/siem",
            tags=tags(n), opts=opts)),
    ]
