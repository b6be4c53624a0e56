"""Encryption in transit (通信の暗号化)."""
from __future__ import annotations

import json
import re

from policies.props import equals, is_true, not_false, values
from policies.registry import Finding, resource_rule, stack_rule
from policies.evaluate import UNKNOWN_IN_PREVIEW, unknown_in_preview
from inventory.tokens import AWS, GCP

POLICY = AWS.S3_BUCKET_POLICY


def denies_insecure_transport(policy_text) -> bool:
    try:
        policy = json.loads(policy_text) if isinstance(policy_text, str) else dict(policy_text)
    except (TypeError, ValueError):
        return False
    for statement in policy.get("Statement", []):
        condition = statement.get("Condition", {}).get("Bool", {})
        if statement.get("Effect") == "Deny" and str(condition.get("aws:SecureTransport")).lower() == "false":
            return True
    return False


@stack_rule(id="GOV-TLS-001", family="encryption-in-transit", severity="high",
            title_en="Every S3 bucket policy denies requests without TLS",
            title_ja="S3バケットポリシーはTLSなしのアクセスを拒否",
            rationale="Without the aws:SecureTransport condition a bucket answers plain HTTP.",
            remediation="Add a Deny statement for aws:SecureTransport = false to the bucket policy.",
            types=(*AWS.S3_BUCKETS, POLICY))
def tls_only_buckets(resources, ctx):
    protected, unchecked = set(), set()
    for policy in (r for r in resources if r.type == POLICY):
        bucket = getattr(ctx.target(policy, "bucket"), "urn", None)
        try:
            text = policy.props["policy"]
        except unknown_in_preview() as exc:
            # a policy built from the bucket's ARN is unknown until the bucket exists (the
            # project's own flow-log buckets, on a first preview): the policy and its bucket
            # cannot be checked yet; neither is a violation, and no other bucket is spared
            unchecked.add(bucket)
            yield Finding(f"{UNKNOWN_IN_PREVIEW}: {policy.name}: {exc.message} (its bucket is checked when the "
                          "policy is known)", policy.urn, unknown=True)
            continue
        if denies_insecure_transport(text):
            protected.add(bucket)
        else:
            yield Finding(f"bucket policy {policy.name} does not deny insecure transport", policy.urn)
    for bucket in (r for r in resources if r.type in AWS.S3_BUCKETS):
        if bucket.urn not in protected | unchecked:
            yield Finding(f"bucket {bucket.name} has no TLS-only policy", bucket.urn)


#: Elastic Load Balancing security policies that accept nothing older than TLS 1.2: the
#: TLS13-1-2/1-3, TLS-1-2 and FS-1-2 families, whose names carry the lowest version they accept
#: (Elastic Load Balancing, "Security policies for your Application Load Balancer"; the
#: TLS13-1-0, TLS13-1-1, TLS-1-1, FS-1-1, FS-2018-06, 2015-05 and 2016-08 policies accept TLS
#: 1.0 or 1.1). A listener given none has ELBSecurityPolicy-2016-08: "Other methods (for example,
#: the AWS CLI, AWS CloudFormation, and the AWS CDK) - The default security policy is
#: ELBSecurityPolicy-2016-08", and so has a Pulumi one.
MODERN_ELB_POLICY = re.compile(r"^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-")
DEFAULT_ELB_POLICY = "ELBSecurityPolicy-2016-08"


@resource_rule(id="GOV-TLS-002", family="encryption-in-transit", severity="high",
               title_en="Load balancer listeners use HTTPS or TLS, 1.2 or later",
               title_ja="ロードバランサーのリスナーはHTTPSまたはTLS（TLS 1.2以上）",
               rationale="Plain HTTP or TCP listeners carry resident data unencrypted, and a security policy that "
                         "accepts TLS 1.0 or 1.1 (the default one, ELBSecurityPolicy-2016-08, does) lets a client "
                         "negotiate a protocol the government's TLS guidelines no longer allow.",
               remediation="Use protocol HTTPS/TLS with a certificate and ssl_policy "
                           "ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS 1.2+ policy); an HTTP listener may "
                           "only redirect to HTTPS.",
               types=(AWS.LB_LISTENER, AWS.ALB_LISTENER))
def listeners(resource, ctx):
    protocol = str(resource.get("protocol") or "").upper()
    if protocol in ("HTTPS", "TLS"):
        policy = str(resource.get("sslPolicy") or "")
        if not MODERN_ELB_POLICY.match(policy):
            yield Finding(f"listener {resource.name} accepts TLS 1.0 and 1.1 (ssl_policy "
                          f"{policy or 'not set: ' + DEFAULT_ELB_POLICY})", resource.urn)
        return
    actions = resource.get("defaultActions") or []
    redirects = all(a.get("type") == "redirect" and str((a.get("redirect") or {}).get("protocol")).upper() == "HTTPS"
                    for a in actions) and actions
    if not (protocol == "HTTP" and redirects):
        yield Finding(f"listener {resource.name} uses {protocol or 'no protocol'}", resource.urn)


@stack_rule(id="GOV-TLS-003", family="encryption-in-transit", severity="high", enforcement="disabled",
            title_en="Dedicated lines carrying the mynumber layer are encrypted (MACsec or IPsec)",
            title_ja="マイナンバー利用事務系を運ぶ専用線は暗号化（MACsecまたはIPsec）",
            rationale="Some municipalities require link encryption on the line as well as TLS above it. Off by "
                      "default; enable it in the pack config, with `layers` to choose which layers it covers.",
            remediation="AWS: dedicated lines with macsec: true and macsecPhase: enforced (hosted lines cannot); "
                        "Google Cloud: HA VPN over "
                        "Cloud Interconnect (attachment encryption IPSEC).",
            needs_declaration=True, config_defaults={"layers": ["mynumber"]})
def line_encryption(resources, ctx):
    layers = set(ctx.config.get("layers") or [])
    if not layers & {r.layer for r in ctx.model.routing}:
        return
    for r in resources:
        if r.type == AWS.DX_CONNECTION:
            if not (r.get("requestMacsec") and r.get("encryptionMode") == "must_encrypt"):
                yield Finding(f"line {r.name} is not MACsec must_encrypt", r.urn, ctx.line_entry(r))
        elif r.type in (AWS.DX_CONFIRMATION, AWS.DX_HOSTED_TRANSIT_VIF_ACCEPTOR) and ctx.layer(r) in layers:
            yield Finding(f"hosted line {r.name} cannot carry MACsec", r.urn, ctx.line_entry(r))
        elif r.type == GCP.INTERCONNECT_ATTACHMENT and ctx.layer(r) in layers:
            if r.get("encryption") != "IPSEC":
                yield Finding(f"attachment {r.name} is not encrypted (IPSEC)", r.urn, ctx.line_entry(r))


MODERN_TLS = ("TLS_1_2", "TLS_1_3")
TLS_PROXIES = ("gcp:compute/targetHttpsProxy:TargetHttpsProxy", "gcp:compute/targetSSLProxy:TargetSSLProxy",
               "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy")
TLS10_SEARCH = "Policy-Min-TLS-1-0-2019-07"
SNS_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription"
DMS_ENDPOINT = "aws:dms/endpoint:Endpoint"
RDS_PROXY = "aws:rds/proxy:Proxy"
CLOUDFRONT = "aws:cloudfront/distribution:Distribution"
#: DMS endpoints whose connection is encrypted without an SSL mode: "S3, DynamoDB, Kinesis,
#: Neptune, and Elasticsearch ... do not have an SSL mode setting available" (Security Hub
#: DMS.9), OpenSearch with them; "An Amazon Redshift endpoint already uses an SSL connection"
#: (DMS User Guide, Using SSL with AWS DMS); Kafka's TLS is its own setting
#: (kafka_settings.security_protocol), not judged here
DMS_WITHOUT_SSL_MODE = ("dynamodb", "kinesis", "neptune", "elasticsearch", "opensearch", "redshift",
                        "redshift-serverless", "kafka", "s3")

#: (type, input path, is it acceptable, what to write, whether an absent input is acceptable:
#: the SDK's documented default). The docstrings are quoted in tests/policies/test_encryption_table.py.
_IN_TRANSIT = (
    (AWS.ELASTICACHE_REPLICATION_GROUP, "transitEncryptionEnabled", is_true,
     "transit_encryption_enabled: true", False),
    (AWS.OPENSEARCH_DOMAIN, "nodeToNodeEncryption.enabled", is_true,
     "node_to_node_encryption.enabled: true", False),
    (AWS.OPENSEARCH_DOMAIN, "domainEndpointOptions.enforceHttps", not_false,
     "domain_endpoint_options.enforce_https: true", True),
    (AWS.MEMORYDB_CLUSTER, "tlsEnabled", not_false, "tls_enabled: true", True),
    (AWS.ELASTICSEARCH_DOMAIN, "nodeToNodeEncryption.enabled", is_true,
     "node_to_node_encryption.enabled: true", False),
    (AWS.ELASTICSEARCH_DOMAIN, "domainEndpointOptions.enforceHttps", not_false,
     "domain_endpoint_options.enforce_https: true", True),
    (AWS.MSK_CLUSTER, "encryptionInfo.encryptionInTransit.clientBroker", equals("TLS"),
     "encryption_info.encryption_in_transit.client_broker: TLS", True),
    (AWS.MSK_CLUSTER, "encryptionInfo.encryptionInTransit.inCluster", not_false,
     "encryption_info.encryption_in_transit.in_cluster: true", True),
    (GCP.SQL_INSTANCE, "settings.ipConfiguration.sslMode", lambda v: str(v) in (
        "ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"), "settings.ip_configuration.ssl_mode: "
     "ENCRYPTED_ONLY (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED)", False),
    (GCP.REDIS_INSTANCE, "transitEncryptionMode", lambda v: str(v) == "SERVER_AUTHENTICATION",
     "transit_encryption_mode: SERVER_AUTHENTICATION", False),
    (GCP.REDIS_CLUSTER, "transitEncryptionMode", lambda v: str(v) == "TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION",
     "transit_encryption_mode: TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION", False),
    (GCP.MEMORYSTORE_INSTANCE, "transitEncryptionMode", lambda v: str(v) == "SERVER_AUTHENTICATION",
     "transit_encryption_mode: SERVER_AUTHENTICATION", False),
    (AWS.DAX_CLUSTER, "clusterEndpointEncryptionType", equals("TLS"), "cluster_endpoint_encryption_type: TLS",
     False),
    (AWS.APPSYNC_API_CACHE, "transitEncryptionEnabled", is_true, "transit_encryption_enabled: true", False),
    # a search domain's HTTPS endpoint: Policy-Min-TLS-1-0-2019-07 also accepts TLS 1.0 and 1.1
    (AWS.OPENSEARCH_DOMAIN, "domainEndpointOptions.tlsSecurityPolicy", lambda v: str(v) != TLS10_SEARCH,
     "domain_endpoint_options.tls_security_policy: Policy-Min-TLS-1-2-2019-07", True),
    (AWS.ELASTICSEARCH_DOMAIN, "domainEndpointOptions.tlsSecurityPolicy", lambda v: str(v) != TLS10_SEARCH,
     "domain_endpoint_options.tls_security_policy: Policy-Min-TLS-1-2-2019-07", True),
    # a connector to Kafka: "The default values is `PLAINTEXT`"
    (AWS.MSKCONNECT_CONNECTOR, "kafkaClusterEncryptionInTransit.encryptionType", equals("TLS"),
     "kafka_cluster_encryption_in_transit.encryption_type: TLS", False),
    # a REST API's custom domain: TLS_1_0 also accepts TLS 1.0 and 1.1 (AWS Config's
    # apigateway-domain-name-tls-check is NON_COMPLIANT on it); left out, AWS chooses
    (AWS.APIGW_DOMAIN_NAME, "securityPolicy", lambda v: str(v).upper() != "TLS_1_0",
     "security_policy: TLS_1_2 (or an enhanced SecurityPolicy_TLS13_...)", True),
    # a topic's subscriber on the web: "http – delivery of JSON-encoded message via HTTP POST"
    # (SNS API, Subscribe), each message in plain text across the internet
    (SNS_SUBSCRIPTION, "protocol", lambda v: str(v).lower() != "http",
     "protocol: https (http delivers every message in plain text)", True),
    # the load balancers' TLS: "Default value is `TLS_1_0`"
    (GCP.SSL_POLICY, "minTlsVersion", lambda v: str(v) in MODERN_TLS, "min_tls_version: TLS_1_2", False),
    (GCP.REGION_SSL_POLICY, "minTlsVersion", lambda v: str(v) in MODERN_TLS, "min_tls_version: TLS_1_2", False),
    # a proxy with no SSL policy has Google's default one: "equivalent to an SSL policy that uses the
    # COMPATIBLE profile and a minimum TLS version of TLS 1.0" (Cloud Load Balancing, SSL policies);
    # one with a policy is judged on that policy (above)
    *((proxy, "sslPolicy", bool, "ssl_policy: an SSL policy with min_tls_version TLS_1_2", False)
      for proxy in TLS_PROXIES),
    # a database proxy: "Enabling this setting enforces encrypted TLS connections to the proxy"
    # (off unless set; Security Hub RDS.43 "RDS DB proxies should require TLS encryption")
    (RDS_PROXY, "requireTls", is_true, "require_tls: true", False),
    # a CDN's viewers and origins: "One of `allow-all`, `https-only`, or `redirect-to-https`";
    # "One of `http-only`, `https-only`, or `match-viewer`"; an old minimum protocol
    *((CLOUDFRONT, f"{camel}.viewerProtocolPolicy", lambda v: str(v) != "allow-all",
       f"{snake}.viewer_protocol_policy: redirect-to-https or https-only", True)
      for camel, snake in (("defaultCacheBehavior", "default_cache_behavior"),
                           ("orderedCacheBehaviors", "ordered_cache_behaviors"))),
    (CLOUDFRONT, "origins.customOriginConfig.originProtocolPolicy", lambda v: str(v) != "http-only",
     "origins.custom_origin_config.origin_protocol_policy: https-only", True),
    (CLOUDFRONT, "viewerCertificate.minimumProtocolVersion", lambda v: str(v).startswith("TLSv1.2"),
     "viewer_certificate.minimum_protocol_version: TLSv1.2_2021 (or later)", True),
)
#: a database parameter that turns the engine's own TLS requirement off (RDS for PostgreSQL
#: rds.force_ssl, RDS for MySQL require_secure_transport), in an instance's or a cluster's group
PARAMETER_GROUPS = ("aws:rds/parameterGroup:ParameterGroup", "aws:rds/clusterParameterGroup:ClusterParameterGroup")
TLS_PARAMETERS = ("rds.force_ssl", "require_secure_transport")


@resource_rule(id="GOV-TLS-004", family="encryption-in-transit", severity="high",
               title_en="Caches, search domains, Kafka brokers, databases and their proxies, EFS volumes of tasks, "
                        "migration endpoints, notifications, CDNs and load balancers' TLS policies refuse "
                        "unencrypted or outdated connections",
               title_ja="キャッシュ・検索ドメイン・Kafkaブローカー・データベースとそのプロキシ・タスクのEFSボリューム・"
                        "移行エンドポイント・通知・CDN・ロードバランサのTLSポリシーは暗号化されていない接続や古いTLSを拒否",
               rationale="Resident data crosses the network between clients and these services, and between their "
                         "nodes; each must require TLS, not merely offer it, and not below TLS 1.2.",
               remediation="Set the input the finding names (ElastiCache transit encryption, OpenSearch node-to-node "
                           "and HTTPS, MSK TLS, Cloud SQL ssl_mode ENCRYPTED_ONLY, Memorystore SERVER_AUTHENTICATION, "
                           "DAX endpoint TLS, AppSync cache transit encryption, ECS EFS volumes transit_encryption "
                           "ENABLED, SSL policies min_tls_version TLS_1_2, an SSL policy on every HTTPS or "
                           "SSL proxy, DMS endpoints ssl_mode verify-full, SNS subscriptions https, RDS Proxy "
                           "require_tls, rds.force_ssl / require_secure_transport left on, CloudFront viewers and "
                           "origins over HTTPS with TLS 1.2).",
               types=tuple(dict.fromkeys(t for t, *_ in _IN_TRANSIT)) + (AWS.ELASTICACHE_CLUSTER,
                                                                          AWS.ECS_TASK_DEFINITION, DMS_ENDPOINT,
                                                                          *PARAMETER_GROUPS))
def services_in_transit(resource, ctx):
    if resource.type in PARAMETER_GROUPS:
        for p in resource.get("parameters") or []:
            if str(p.get("name")) in TLS_PARAMETERS and str(p.get("value")).strip().lower() in ("0", "off", "false"):
                yield Finding(f"{resource.type.split(':')[-1]} {resource.name}: {p.get('name')} {p.get('value')} "
                              "lets clients connect without TLS (set it to 1)", resource.urn)
        return
    if resource.type == AWS.ELASTICACHE_CLUSTER:
        yield from _cache_cluster(resource)
        return
    if resource.type == DMS_ENDPOINT:
        yield from _dms_endpoint(resource)
        return
    if resource.type == AWS.ECS_TASK_DEFINITION:
        yield from _task_efs_volumes(resource)
        return
    for token, path, ok, what, absent_ok in _IN_TRANSIT:
        if token != resource.type:
            continue
        found = [v for v in values(resource.props, path) if v is not None]
        if (not found and not absent_ok) or not all(ok(v) for v in found):
            yield Finding(f"{resource.type.split(':')[-1]} {resource.name}: {what}", resource.urn)


def _cache_cluster(resource):
    """An ElastiCache cluster (pulumi-aws elasticache.Cluster, transit_encryption_enabled:
    "Supported only with Memcached ... For Redis or Valkey transit encryption, use
    elasticache.ReplicationGroup instead"): a memcached one must turn it on; a standalone Redis
    or Valkey one cannot encrypt at all; a member of a replication group is judged on the group."""
    if resource.get("replicationGroupId"):
        return
    if str(resource.get("engine") or "").lower() == "memcached":
        if not is_true(resource.get("transitEncryptionEnabled")):
            yield Finding(f"Cluster {resource.name}: transit_encryption_enabled: true", resource.urn)
    else:
        yield Finding(f"Cluster {resource.name}: a standalone {resource.get('engine') or 'Redis'} cluster cannot "
                      "encrypt in transit; use elasticache.ReplicationGroup with transit_encryption_enabled: true",
                      resource.urn)


def _dms_endpoint(resource):
    """A DMS endpoint to a database: "The SSL mode used to connect to the endpoint. The default
    value is none" (DMS API, ModifyEndpoint), so the data migrated crosses in plain text unless
    ssl_mode says require, verify-ca or verify-full."""
    engine = str(resource.get("engineName") or "").lower()
    if engine in DMS_WITHOUT_SSL_MODE:
        return
    if str(resource.get("sslMode") or "none").lower() == "none":
        yield Finding(f"Endpoint {resource.name}: ssl_mode: verify-full (or require, verify-ca); the "
                      f"{engine or 'database'} connection is not encrypted (AWS's default is none)", resource.urn)


def _task_efs_volumes(resource):
    """Each EFS volume of an ECS task definition (pulumi-aws transit_encryption: "If this parameter
    is omitted, the default value of `DISABLED` is used"); its other volumes are not EFS."""
    for volume in resource.get("volumes") or []:
        efs = (volume or {}).get("efsVolumeConfiguration")
        if efs and str(efs.get("transitEncryption") or "").upper() != "ENABLED":
            yield Finding(f"TaskDefinition {resource.name}: EFS volume {volume.get('name')} needs "
                          "efs_volume_configuration.transit_encryption: ENABLED", resource.urn)
