"""AWS resources at the edges of the data (session 21's held-out probe): databases and stores
whose key input is not called kms_key (Aurora DSQL, Customer Profiles), migration endpoints and
notifications that send data in plain text, database snapshots and runbooks shared with every
account, and endpoints that answer from the internet though they sit in the VPC (a transfer
server given Elastic IPs, an HTTP API), built with the real SDK classes."""
import json

import pulumi_aws as aws

from tests.policies.corpus import ACCOUNT, SUBNETS

VPC = "vpc-0a1b2c3d4e5f60001"
TOPIC = f"arn:aws:sns:ap-northeast-1:{ACCOUNT}:minato-notices"


def entries(key, opts, tags):
    """(name, the rules it must break, a function that builds it)."""
    def dms(n, engine, **more):
        return aws.dms.Endpoint(n, endpoint_id=n[-60:], endpoint_type="source", engine_name=engine,
                                server_name="db.minato.internal", port=5432, database_name="juki", username="dms",
                                password="not-a-real-password-0", kms_key_arn=key, tags=tags(n), opts=opts, **more)

    def subscription(n, protocol, endpoint):
        return aws.sns.TopicSubscription(n, topic=TOPIC, protocol=protocol, endpoint=endpoint, opts=opts)

    def snapshot(n, cls, **more):
        return cls(n, tags=tags(n), opts=opts, **more)

    def document(n, accounts):
        return aws.ssm.Document(n, document_type="Command", tags=tags(n), opts=opts,
                                content=json.dumps({"schemaVersion": "2.2", "description": "patch", "mainSteps": []}),
                                permissions={"type": "Share", "account_ids": accounts})

    def group(n, *ranges):
        return aws.ec2.SecurityGroup(n, vpc_id=VPC, tags=tags(n), opts=opts, ingress=[{
            "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": list(ranges)}])

    def transfer(n, **details):
        return aws.transfer.Server(n, endpoint_type="VPC", tags=tags(n), opts=opts,
                                   endpoint_details={"vpc_id": VPC, "subnet_ids": SUBNETS, **details})

    return [
        # compliant
        ("dsql", set(), lambda n: aws.dsql.Cluster(n, kms_encryption_key=key, deletion_protection_enabled=True,
                                                    tags=tags(n), opts=opts)),
        ("profiles", set(), lambda n: aws.customerprofiles.Domain(n, domain_name=n[-60:], default_encryption_key=key,
                                                                  default_expiration_days=365, tags=tags(n),
                                                                  opts=opts)),
        ("dms-verify-full", set(), lambda n: dms(n, "postgres", ssl_mode="verify-full",
                                                 certificate_arn=f"arn:aws:dms:ap-northeast-1:{ACCOUNT}:cert:CA")),
        ("dms-dynamodb", set(), lambda n: aws.dms.Endpoint(n, endpoint_id=n[-60:], endpoint_type="target",
                                                           engine_name="dynamodb", service_access_role=f"arn:aws:iam"
                                                           f"::{ACCOUNT}:role/dms", tags=tags(n), opts=opts)),
        ("sns-https", set(), lambda n: subscription(n, "https", "https://notice.city.minato.tokyo.jp/sns")),
        ("snapshot-shared-named", set(), lambda n: snapshot(n, aws.rds.Snapshot, db_instance_identifier="juki",
                                                            db_snapshot_identifier=n[-60:],
                                                            shared_accounts=[ACCOUNT])),
        ("cluster-snapshot", set(), lambda n: snapshot(n, aws.rds.ClusterSnapshot, db_cluster_identifier="juki",
                                                       db_cluster_snapshot_identifier=n[-60:])),
        ("snapshot-copy", set(), lambda n: snapshot(
            n, aws.rds.SnapshotCopy, source_db_snapshot_identifier=f"arn:aws:rds:ap-northeast-1:{ACCOUNT}:snapshot:s",
            target_db_snapshot_identifier=n[-60:], kms_key_id=key)),
        ("cluster-snapshot-copy", set(), lambda n: snapshot(
            n, aws.rds.ClusterSnapshotCopy, target_db_cluster_snapshot_identifier=n[-60:], kms_key_id=key,
            source_db_cluster_snapshot_identifier=f"arn:aws:rds:ap-northeast-1:{ACCOUNT}:cluster-snapshot:s")),
        ("document-private", set(), lambda n: document(n, ACCOUNT)),
        ("transfer-inside", set(), lambda n: transfer(n, security_group_ids=["sg-0123456789abcdef0"])),
        ("mynumber-route-appliance-own", set(), lambda n: aws.ec2.Route(
            n, route_table_id="rtb-0a1b2c3d4e5f60001", destination_cidr_block="10.13.17.0/24",
            network_interface_id="eni-0a1b2c3d4e5f60001", opts=opts)),
        # lgwan's security groups and ACL rules: its own block, a declared flow (mynumber's kyotsu)
        ("sg-own-and-flow", set(), lambda n: group(n, "10.13.20.0/22", "10.13.16.0/26")),
        ("sg-one-host-of-a-flow", set(), lambda n: group(n, "10.13.16.10/32")),
        ("acl-rule-lgwan-own", set(), lambda n: aws.ec2.NetworkAclRule(
            n, network_acl_id="acl-0a1b2c3d4e5f60001", rule_number=90, egress=False, protocol="tcp", from_port=443,
            to_port=443, rule_action="allow", cidr_block="10.13.21.0/24", opts=opts)),
        ("http-api-no-default", set(), lambda n: aws.apigatewayv2.Api(n, protocol_type="HTTP",
                                                                      disable_execute_api_endpoint=True, tags=tags(n),
                                                                      opts=opts)),
        # non-compliant
        ("dsql-aws-owned", {"GOV-ENC-007"}, lambda n: aws.dsql.Cluster(n, kms_encryption_key="AWS_OWNED_KMS_KEY",
                                                                        tags=tags(n), opts=opts)),
        ("dsql-default", {"GOV-ENC-007"}, lambda n: aws.dsql.Cluster(n, tags=tags(n), opts=opts)),
        ("profiles-default", {"GOV-ENC-007"}, lambda n: aws.customerprofiles.Domain(
            n, domain_name=n[-60:], default_expiration_days=365, tags=tags(n), opts=opts)),
        ("dms-no-ssl", {"GOV-TLS-004"}, lambda n: dms(n, "oracle")),
        ("dms-ssl-none", {"GOV-TLS-004"}, lambda n: dms(n, "postgres", ssl_mode="none")),
        ("sns-http", {"GOV-TLS-004"}, lambda n: subscription(n, "http", "http://notice.example.jp/sns")),
        ("snapshot-public", {"GOV-DATA-004"}, lambda n: snapshot(n, aws.rds.Snapshot, db_instance_identifier="juki",
                                                                 db_snapshot_identifier=n[-60:],
                                                                 shared_accounts=["all"])),
        ("cluster-snapshot-public", {"GOV-DATA-004"}, lambda n: snapshot(
            n, aws.rds.ClusterSnapshot, db_cluster_identifier="juki", db_cluster_snapshot_identifier=n[-60:],
            shared_accounts=[ACCOUNT, "all"])),
        ("snapshot-copy-public", {"GOV-DATA-004"}, lambda n: snapshot(
            n, aws.rds.SnapshotCopy, source_db_snapshot_identifier=f"arn:aws:rds:ap-northeast-1:{ACCOUNT}:snapshot:s",
            target_db_snapshot_identifier=n[-60:], kms_key_id=key, shared_accounts=["all"])),
        ("cluster-snapshot-copy-public", {"GOV-DATA-004"}, lambda n: snapshot(
            n, aws.rds.ClusterSnapshotCopy, target_db_cluster_snapshot_identifier=n[-60:], kms_key_id=key,
            source_db_cluster_snapshot_identifier=f"arn:aws:rds:ap-northeast-1:{ACCOUNT}:cluster-snapshot:s",
            shared_accounts=["all"])),
        ("document-public", {"GOV-DATA-004"}, lambda n: document(n, "All")),
        ("transfer-elastic-ips", {"GOV-ISO-001"}, lambda n: transfer(n, address_allocation_ids=[
            "eipalloc-0123456789abcdef0", "eipalloc-0123456789abcdef1"])),
        # a mynumber route toward lgwan's block through a vendor's appliance (GOV-ISO-005)
        ("mynumber-route-appliance-to-lgwan", {"GOV-ISO-005"}, lambda n: aws.ec2.Route(
            n, route_table_id="rtb-0a1b2c3d4e5f60001", destination_cidr_block="10.13.20.0/24",
            network_interface_id="eni-0a1b2c3d4e5f60001", opts=opts)),
        # lgwan admitting mynumber's block beyond the declared flow, or the internet layer's
        ("sg-other-layer", {"GOV-ISO-005"}, lambda n: group(n, "10.13.20.0/22", "10.13.17.0/24")),
        ("sg-rule-other-layer", {"GOV-ISO-005"}, lambda n: aws.vpc.SecurityGroupIngressRule(
            n, security_group_id="sg-0a1b2c3d4e5f60001", cidr_ipv4="10.13.24.0/22", ip_protocol="-1", tags=tags(n),
            opts=opts)),
        ("acl-rule-lgwan-from-internet-layer", {"GOV-ISO-005"}, lambda n: aws.ec2.NetworkAclRule(
            n, network_acl_id="acl-0a1b2c3d4e5f60001", rule_number=91, egress=False, protocol="-1",
            rule_action="allow", cidr_block="10.13.24.0/22", opts=opts)),
        ("http-api", {"GOV-ISO-001"}, lambda n: aws.apigatewayv2.Api(n, protocol_type="HTTP", tags=tags(n),
                                                                     opts=opts)),
        ("websocket-api", {"GOV-ISO-001"}, lambda n: aws.apigatewayv2.Api(
            n, protocol_type="WEBSOCKET", route_selection_expression="$request.body.action", tags=tags(n), opts=opts)),
    ]
