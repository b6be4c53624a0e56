"""AWS corpus, added to 港区 (minato). KEY is the lgwan layer's customer-managed key."""
import pulumi
import pulumi_aws as aws

from tests.policies.corpus import ACCOUNT, build_all
from tests.policies.corpus.aws_platforms import entries as platforms
from tests.policies.corpus.aws_services import entries as services
from tests.policies.corpus.aws_isolation import bridges, entries as isolation
from tests.policies.corpus.aws_matchers import entries as matchers
from tests.policies.corpus.aws_places import entries as places
from tests.policies.corpus.aws_public import entries as public
from tests.policies.corpus.aws_workloads import entries as workloads
from tests.policies.corpus.aws_edges import entries as edges
from tests.policies.corpus.aws_fronts import fronts
from tests.policies.corpus.aws_hidden import hidden
from tests.policies.corpus.aws_policies import entries as policies

STACK = "minato"
P = "131032-minato-corpus-"


def entries(component):
    """(name, the rules it must break, a function that builds it)."""
    key = component.parts["encryption"].key_arns["lgwan"]
    opts = pulumi.ResourceOptions(provider=component.parts["provider"])

    def tags(name):
        return {"Layer": "lgwan", "Component": "VendorAddition", "Name": name}

    foreign = aws.Provider(f"{P}provider-us", region="us-east-1", default_tags={"tags": {"MunicipalityCode": "131032"}})
    lb = "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
    cert = "arn:aws:acm:ap-northeast-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"
    forward = [{"type": "forward", "target_group_arn": lb.replace("loadbalancer/app", "targetgroup")}]
    table = dict(hash_key="id", attributes=[{"name": "id", "type": "S"}], billing_mode="PAY_PER_REQUEST",
                 stream_enabled=True, stream_view_type="NEW_AND_OLD_IMAGES")
    return [
        # compliant: one of every type an encryption, region or TLS rule names
        ("volume", set(), lambda n: aws.ebs.Volume(n, availability_zone="ap-northeast-1a", size=50, encrypted=True,
                                                   kms_key_id=key, tags=tags(n), opts=opts)),
        ("template", set(), lambda n: aws.ec2.LaunchTemplate(n, block_device_mappings=[{
            "device_name": "/dev/xvda", "ebs": {"encrypted": "true", "kms_key_id": key, "volume_size": 30}}],
            tags=tags(n), opts=opts)),
        ("instance", set(), lambda n: aws.ec2.Instance(n, ami="ami-0abcdef1234567890", instance_type="t3.micro",
                                                       root_block_device={"encrypted": True, "kms_key_id": key},
                                                       tags=tags(n), opts=opts)),
        ("rds", set(), lambda n: aws.rds.Instance(n, engine="postgres", instance_class="db.t3.micro",
                                                  allocated_storage=20, storage_encrypted=True, kms_key_id=key,
                                                  username="app", manage_master_user_password=True,
                                                  tags=tags(n), opts=opts)),
        ("aurora", set(), lambda n: aws.rds.Cluster(n, engine="aurora-postgresql", storage_encrypted=True,
                                                    kms_key_id=key, master_username="app",
                                                    manage_master_user_password=True, tags=tags(n), opts=opts)),
        ("efs", set(), lambda n: aws.efs.FileSystem(n, encrypted=True, kms_key_id=key, tags=tags(n), opts=opts)),
        ("logs", set(), lambda n: aws.cloudwatch.LogGroup(n, kms_key_id=key, retention_in_days=365, tags=tags(n),
                                                          opts=opts)),
        ("topic", set(), lambda n: aws.sns.Topic(n, kms_master_key_id=key, tags=tags(n), opts=opts)),
        ("queue", set(), lambda n: aws.sqs.Queue(n, kms_master_key_id=key, tags=tags(n), opts=opts)),
        ("table", set(), lambda n: aws.dynamodb.Table(n, **table, server_side_encryption={
            "enabled": True, "kms_key_arn": key}, replicas=[{"region_name": "ap-northeast-3"}], tags=tags(n),
            opts=opts)),
        ("backup", set(), lambda n: aws.backup.Plan(n, rules=[{
            "rule_name": "daily", "target_vault_name": "minato", "schedule": "cron(0 17 * * ? *)",
            "copy_actions": [{"destination_vault_arn": f"arn:aws:backup:ap-northeast-3:{ACCOUNT}:backup-vault:osaka"}]}],
            tags=tags(n), opts=opts)),
        ("ecr-replication", set(), lambda n: aws.ecr.ReplicationConfiguration(n, replication_configuration={
            "rules": [{"destinations": [{"region": "ap-northeast-3", "registry_id": ACCOUNT}]}]}, opts=opts)),
        ("s3-replication", set(), lambda n: aws.s3.BucketReplicationConfig(
            n, role=f"arn:aws:iam::{ACCOUNT}:role/replication", bucket="minato-app",
            rules=[{"id": "osaka", "status": "Enabled", "destination": {"bucket": "arn:aws:s3:::minato-app-osaka"}}],
            opts=opts)),
        ("listener", set(), lambda n: aws.lb.Listener(n, load_balancer_arn=lb, port=443, protocol="HTTPS",
                                                      ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                                                      certificate_arn=cert, default_actions=forward, tags=tags(n), opts=opts)),
        ("alb-listener", set(), lambda n: aws.alb.Listener(n, load_balancer_arn=lb, port=443, protocol="HTTPS",
                                                           ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                                                           certificate_arn=cert, default_actions=forward, tags=tags(n), opts=opts)),
        ("vif", set(), lambda n: aws.directconnect.PrivateVirtualInterface(
            n, connection_id="dxcon-fgabc123", name=n, vlan=4000, address_family="ipv4", bgp_asn=65012,
            vpn_gateway_id="vgw-0abc", tags=tags(n), opts=opts)),
        ("hosted", set(), lambda n: aws.directconnect.HostedConnection(
            n, connection_id="dxlag-fgabc123", bandwidth="1Gbps", owner_account_id=ACCOUNT, vlan=4001, opts=opts)),
        # non-compliant
        ("volume-plain", {"GOV-ENC-001"}, lambda n: aws.ebs.Volume(n, availability_zone="ap-northeast-1a", size=50,
                                                                   encrypted=False, tags=tags(n), opts=opts)),
        ("volume-aws-key", {"GOV-ENC-001"}, lambda n: aws.ebs.Volume(
            n, availability_zone="ap-northeast-1a", size=50, encrypted=True, kms_key_id="alias/aws/ebs",
            tags=tags(n), opts=opts)),
        ("rds-plain", {"GOV-ENC-004"}, lambda n: aws.rds.Instance(
            n, engine="postgres", instance_class="db.t3.micro", allocated_storage=20, storage_encrypted=False,
            username="app", manage_master_user_password=True, tags=tags(n), opts=opts)),
        ("topic-aws-key", {"GOV-ENC-004"}, lambda n: aws.sns.Topic(n, kms_master_key_id="alias/aws/sns",
                                                                   tags=tags(n), opts=opts)),
        ("queue-sqs-managed", {"GOV-ENC-004"}, lambda n: aws.sqs.Queue(n, sqs_managed_sse_enabled=True,
                                                                       tags=tags(n), opts=opts)),
        ("logs-plain", {"GOV-ENC-004"}, lambda n: aws.cloudwatch.LogGroup(n, retention_in_days=365, tags=tags(n),
                                                                          opts=opts)),
        ("volume-abroad", {"GOV-REG-001"}, lambda n: aws.ebs.Volume(
            n, availability_zone="us-east-1a", size=50, encrypted=True, kms_key_id=key, tags=tags(n),
            opts=pulumi.ResourceOptions(provider=foreign))),
        ("queue-region-input", {"GOV-REG-001"}, lambda n: aws.sqs.Queue(n, region="us-west-2", kms_master_key_id=key,
                                                                        tags=tags(n), opts=opts)),
        ("backup-abroad", {"GOV-REG-003"}, lambda n: aws.backup.Plan(n, rules=[{
            "rule_name": "daily", "target_vault_name": "minato", "schedule": "cron(0 17 * * ? *)",
            "copy_actions": [{"destination_vault_arn": f"arn:aws:backup:us-west-2:{ACCOUNT}:backup-vault:dr"}]}],
            tags=tags(n), opts=opts)),
        ("table-replica-abroad", {"GOV-REG-003"}, lambda n: aws.dynamodb.Table(n, **table, server_side_encryption={
            "enabled": True, "kms_key_arn": key}, replicas=[{"region_name": "us-east-1"}], tags=tags(n), opts=opts)),
        ("listener-http", {"GOV-TLS-002"}, lambda n: aws.lb.Listener(n, load_balancer_arn=lb, port=80,
                                                                     protocol="HTTP", default_actions=forward, tags=tags(n),
                                                                     opts=opts)),
        ("vif-public-asn", {"GOV-LINE-003"}, lambda n: aws.directconnect.PrivateVirtualInterface(
            n, connection_id="dxcon-fgabc123", name=n, vlan=4002, address_family="ipv4", bgp_asn=2516,
            vpn_gateway_id="vgw-0abc", tags=tags(n), opts=opts)),
        ("untagged", {"GOV-TAG-001"}, lambda n: aws.sqs.Queue(n, kms_master_key_id=key, opts=opts)),
    ] + services(key, opts, tags) + platforms(key, opts, tags) + workloads(key, opts, tags) \
        + matchers(key, opts, tags) + isolation(key, opts, tags) + public(key, opts, tags) \
        + places(key, opts, tags) + edges(key, opts, tags) + policies(key, opts, tags) \
        + bridges(component.parts["segments"].segments, key, opts, tags) \
        + fronts(component.parts["segments"].segments, key, opts, tags) \
        + hidden(component.parts["segments"].segments, key, opts, tags)


#: resource name -> the rules it must break, filled when the corpus is built
EXPECTED: dict = {}


def extra(model, component):
    build_all(EXPECTED, P, entries(component), "GOV-REG-001")
