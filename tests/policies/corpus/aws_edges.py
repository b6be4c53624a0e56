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

    def proxy(n, **more):
        return aws.rds.Proxy(n, engine_family="POSTGRESQL", role_arn=f"arn:aws:iam::{ACCOUNT}:role/rds-proxy",
                             vpc_subnet_ids=SUBNETS, tags=tags(n), opts=opts, auths=[{
                                 "auth_scheme": "SECRETS", "iam_auth": "REQUIRED",
                                 "secret_arn": f"arn:aws:secretsmanager:ap-northeast-1:{ACCOUNT}:secret:juki-db"}], **more)

    def cdn(n, viewer="redirect-to-https", origin="https-only"):
        return aws.cloudfront.Distribution(
            n, enabled=True, tags=tags(n), opts=opts, restrictions={"geo_restriction": {"restriction_type": "none"}},
            origins=[{"domain_name": "www.city.minato.tokyo.jp", "origin_id": "cms", "custom_origin_config": {
                "http_port": 80, "https_port": 443, "origin_protocol_policy": origin,
                "origin_ssl_protocols": ["TLSv1.2"]}}],
            default_cache_behavior={"allowed_methods": ["GET", "HEAD"], "cached_methods": ["GET", "HEAD"],
                                    "target_origin_id": "cms", "viewer_protocol_policy": viewer,
                                    "cache_policy_id": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
            viewer_certificate={"acm_certificate_arn": f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/"
                                                       "12345678-1234-1234-1234-123456789012",
                                "ssl_support_method": "sni-only", "minimum_protocol_version": "TLSv1.2_2021"})

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
        # session 22's probe: a database proxy without TLS (off unless set), a parameter group
        # turning the engine's TLS requirement off, a CDN serving or fetching over plain HTTP (its
        # certificate in us-east-1 is CloudFront's rule, not a copy of data abroad)
        ("db-proxy-tls", set(), lambda n: proxy(n, require_tls=True)),
        ("db-proxy-plain", {"GOV-TLS-004"}, lambda n: proxy(n)),
        ("db-parameters-force-ssl", set(), lambda n: aws.rds.ParameterGroup(
            n, family="postgres16", parameters=[{"name": "rds.force_ssl", "value": "1"}], tags=tags(n), opts=opts)),
        ("db-parameters-ssl-off", {"GOV-TLS-004"}, lambda n: aws.rds.ParameterGroup(
            n, family="postgres16", parameters=[{"name": "rds.force_ssl", "value": "0"}], tags=tags(n), opts=opts)),
        ("cluster-parameters-secure", set(), lambda n: aws.rds.ClusterParameterGroup(
            n, family="aurora-mysql8.0", parameters=[{"name": "require_secure_transport", "value": "ON"}],
            tags=tags(n), opts=opts)),
        ("cluster-parameters-insecure", {"GOV-TLS-004"}, lambda n: aws.rds.ClusterParameterGroup(
            n, family="aurora-mysql8.0", parameters=[{"name": "require_secure_transport", "value": "OFF"}],
            tags=tags(n), opts=opts)),
        ("cdn-https", set(), lambda n: cdn(n)),
        ("cdn-viewers-http", {"GOV-TLS-004"}, lambda n: cdn(n, viewer="allow-all")),
        ("cdn-origin-http", {"GOV-TLS-004"}, lambda n: cdn(n, origin="http-only")),
    ]
