"""One non-compliant AWS resource for every (rule, type) a resource rule names that the rest
of the corpus does not break, so that every matcher entry is proven to match something
(issue 19, item 4: an entry that can never match passes everything; ECR's replication rules
were one). Mostly a compliant entry of aws_services.py without its key or flag; built with the
real SDK classes, every input within what the API accepts (test_corpus.py lists the pairs
whose only violation the API itself refuses)."""
import pulumi_aws as aws

from tests.policies.corpus import ROLE, SUBNETS

LB = "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"


def entries(key, opts, tags):
    """(name, the rules it must break, a function that builds it)."""
    forward = [{"type": "forward", "target_group_arn": LB.replace("loadbalancer/app", "targetgroup")}]
    return [
        ("m-template-plain-device", {"GOV-ENC-001"}, lambda n: aws.ec2.LaunchTemplate(n, block_device_mappings=[{
            "device_name": "/dev/xvda", "ebs": {"encrypted": "false", "volume_size": 30}}], tags=tags(n), opts=opts)),
        ("m-sse-aes256", {"GOV-ENC-002"}, lambda n: aws.s3.BucketServerSideEncryptionConfiguration(
            n, bucket="minato-app", rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}],
            opts=opts)),
        ("m-aurora-plain", {"GOV-ENC-004"}, lambda n: aws.rds.Cluster(
            n, engine="aurora-postgresql", storage_encrypted=False, master_username="app",
            manage_master_user_password=True, tags=tags(n), opts=opts)),
        ("m-table-aws-owned-key", {"GOV-ENC-004"}, lambda n: aws.dynamodb.Table(
            n, hash_key="id", attributes=[{"name": "id", "type": "S"}], billing_mode="PAY_PER_REQUEST", tags=tags(n),
            opts=opts)),
        ("m-warehouse-default-key", {"GOV-ENC-007"}, lambda n: aws.redshiftserverless.Namespace(
            n, namespace_name=n, tags=tags(n), opts=opts)),
        ("m-serverless-cache-default-key", {"GOV-ENC-007"}, lambda n: aws.elasticache.ServerlessCache(
            n, engine="valkey", subnet_ids=SUBNETS, tags=tags(n), opts=opts)),
        ("m-memorydb-default-key", {"GOV-ENC-007"}, lambda n: aws.memorydb.Cluster(
            n, acl_name="open-access", node_type="db.t4g.small", tags=tags(n), opts=opts)),
        ("m-lustre-default-key", {"GOV-ENC-007"}, lambda n: aws.fsx.LustreFileSystem(
            n, subnet_ids=SUBNETS[0], storage_capacity=1200, deployment_type="PERSISTENT_2",
            per_unit_storage_throughput=125, tags=tags(n), opts=opts)),
        ("m-windows-fs-default-key", {"GOV-ENC-007"}, lambda n: aws.fsx.WindowsFileSystem(
            n, subnet_ids=SUBNETS[:1], throughput_capacity=32, storage_capacity=32, active_directory_id="d-1234567890",
            tags=tags(n), opts=opts)),
        ("m-ontap-default-key", {"GOV-ENC-007"}, lambda n: aws.fsx.OntapFileSystem(
            n, deployment_type="MULTI_AZ_1", preferred_subnet_id=SUBNETS[0], storage_capacity=1024,
            subnet_ids=SUBNETS, throughput_capacity=128, tags=tags(n), opts=opts)),
        ("m-timeseries-default-key", {"GOV-ENC-007"}, lambda n: aws.timestreamwrite.Database(
            n, database_name=n, tags=tags(n), opts=opts)),
        ("m-notebook-default-key", {"GOV-ENC-007"}, lambda n: aws.sagemaker.NotebookInstance(
            n, instance_type="ml.t3.medium", role_arn=ROLE, tags=tags(n), opts=opts, direct_internet_access="Disabled",
            subnet_id=SUBNETS[0], security_groups=["sg-0123456789abcdef0"])),
        ("m-activity-aws-owned-key", {"GOV-ENC-007"}, lambda n: aws.sfn.Activity(
            n, encryption_configuration={"type": "AWS_OWNED_KEY"}, tags=tags(n), opts=opts)),
        # the customer's side of a BGP session may be a public ASN the customer owns; the rule
        # asks for a private one (AWS's own sides accept only private ASNs: exempted in the test)
        ("m-transit-vif-public-asn", {"GOV-LINE-003"}, lambda n: aws.directconnect.TransitVirtualInterface(
            n, connection_id="dxcon-fgabc123", dx_gateway_id="5f2e1b9a-0000-4000-8000-000000000001", name=n,
            vlan=4003, address_family="ipv4", bgp_asn=2516, tags=tags(n), opts=opts)),
        ("m-customer-gateway-public-asn", {"GOV-LINE-003"}, lambda n: aws.ec2.CustomerGateway(
            n, type="ipsec.1", bgp_asn="2516", ip_address="203.0.113.10", tags=tags(n), opts=opts)),
        # replication whose destination's key is in Virginia: the bucket is where its key is
        ("m-s3-replication-virginia", {"GOV-REG-003"}, lambda n: aws.s3.BucketReplicationConfig(
            n, role=ROLE, bucket="minato-app", rules=[{"id": "all", "status": "Enabled", "filter": {},
                                                       "delete_marker_replication": {"status": "Disabled"},
                                                       "source_selection_criteria": {
                                                           "sse_kms_encrypted_objects": {"status": "Enabled"}},
                                                       "destination": {
                "bucket": "arn:aws:s3:::minato-app-copy",
                "encryption_configuration": {
                    "replica_kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/"
                                          "1234abcd-12ab-34cd-56ef-1234567890ab"}}}], opts=opts)),
        ("m-replica-of-virginia-db", {"GOV-REG-003"}, lambda n: aws.rds.Instance(
            n, replicate_source_db="arn:aws:rds:us-east-1:111122223333:db:minato-src", instance_class="db.t3.micro",
            storage_encrypted=True, kms_key_id=key, skip_final_snapshot=True, tags=tags(n), opts=opts)),
        ("m-alb-listener-http", {"GOV-TLS-002"}, lambda n: aws.alb.Listener(
            n, load_balancer_arn=LB, port=80, protocol="HTTP", default_actions=forward, tags=tags(n), opts=opts)),
    ]
