"""Pulumi type tokens, named once. Every module that asks "what kind of resource is this"
uses these names; tests/inventory/test_tokens.py proves each one against the provider SDK
that is installed, so a typo or a renamed resource fails a test instead of a rule.

A token is `<package>:<module>/<resource>:<Resource>`; a prefix ending in ':' (such as
`aws:rds/`) matches a whole module where a rule applies to all of it.
"""
from __future__ import annotations

STACK = "pulumi:pulumi:Stack"
PROVIDER_PREFIX = "pulumi:providers:"


def package(token: str) -> str:
    """The Pulumi package a token belongs to: 'aws', 'gcp', 'random'; for a provider
    resource (pulumi:providers:aws) the package it configures."""
    if token.startswith(PROVIDER_PREFIX):
        return token[len(PROVIDER_PREFIX):]
    return token.split(":", 1)[0]


def is_provider(token: str) -> bool:
    return token.startswith(PROVIDER_PREFIX)


def provider(pkg: str) -> str:
    return PROVIDER_PREFIX + pkg


class AWS:
    PROVIDER = "pulumi:providers:aws"
    # networking
    VPC = "aws:ec2/vpc:Vpc"
    SUBNET = "aws:ec2/subnet:Subnet"
    ROUTE_TABLE = "aws:ec2/routeTable:RouteTable"
    ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation"
    ROUTE = "aws:ec2/route:Route"
    NETWORK_ACL = "aws:ec2/networkAcl:NetworkAcl"
    DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
    SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup"
    SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule"
    SECURITY_GROUP_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
    FLOW_LOG = "aws:ec2/flowLog:FlowLog"
    INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway"
    INTERNET_GATEWAY_ATTACHMENT = "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment"
    EGRESS_ONLY_INTERNET_GATEWAY = "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway"
    NAT_GATEWAY = "aws:ec2/natGateway:NatGateway"
    EIP = "aws:ec2/eip:Eip"
    INSTANCE = "aws:ec2/instance:Instance"
    LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate"
    LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration"
    SPOT_INSTANCE_REQUEST = "aws:ec2/spotInstanceRequest:SpotInstanceRequest"
    VPC_PEERING = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection"
    CUSTOMER_GATEWAY = "aws:ec2/customerGateway:CustomerGateway"
    VPN_CONNECTION = "aws:ec2/vpnConnection:VpnConnection"
    # transit gateway
    TRANSIT_GATEWAY = "aws:ec2transitgateway/transitGateway:TransitGateway"
    TGW_ROUTE_TABLE = "aws:ec2transitgateway/routeTable:RouteTable"
    TGW_ROUTE = "aws:ec2transitgateway/route:Route"
    TGW_VPC_ATTACHMENT = "aws:ec2transitgateway/vpcAttachment:VpcAttachment"
    TGW_ASSOCIATION = "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation"
    TGW_PROPAGATION = "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation"
    # Direct Connect
    DX_CONNECTION = "aws:directconnect/connection:Connection"
    DX_CONFIRMATION = "aws:directconnect/connectionConfirmation:ConnectionConfirmation"
    DX_HOSTED_CONNECTION = "aws:directconnect/hostedConnection:HostedConnection"
    DX_GATEWAY = "aws:directconnect/gateway:Gateway"
    DX_GATEWAY_ASSOCIATION = "aws:directconnect/gatewayAssociation:GatewayAssociation"
    DX_TRANSIT_VIF = "aws:directconnect/transitVirtualInterface:TransitVirtualInterface"
    DX_PRIVATE_VIF = "aws:directconnect/privateVirtualInterface:PrivateVirtualInterface"
    DX_MACSEC_KEY = "aws:directconnect/macsecKeyAssociation:MacsecKeyAssociation"
    DX_HOSTED_TRANSIT_VIF_ACCEPTOR = \
        "aws:directconnect/hostedTransitVirtualInterfaceAcceptor:HostedTransitVirtualInterfaceAcceptor"
    # private access for the closed layers
    VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint"
    RESOLVER_ENDPOINT = "aws:route53/resolverEndpoint:ResolverEndpoint"
    RESOLVER_RULE = "aws:route53/resolverRule:ResolverRule"
    RESOLVER_RULE_ASSOCIATION = "aws:route53/resolverRuleAssociation:ResolverRuleAssociation"
    # accounts: the transit gateway shared with the system accounts
    RAM_SHARE = "aws:ram/resourceShare:ResourceShare"
    RAM_RESOURCE_ASSOCIATION = "aws:ram/resourceAssociation:ResourceAssociation"
    RAM_PRINCIPAL_ASSOCIATION = "aws:ram/principalAssociation:PrincipalAssociation"
    RAM_SHARE_ACCEPTER = "aws:ram/resourceShareAccepter:ResourceShareAccepter"
    TGW_VPC_ATTACHMENT_ACCEPTER = "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter"
    # keys, storage, logs
    KMS_KEY = "aws:kms/key:Key"
    KMS_ALIAS = "aws:kms/alias:Alias"
    S3_BUCKET = "aws:s3/bucket:Bucket"
    S3_BUCKET_SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
    S3_BUCKET_VERSIONING = "aws:s3/bucketVersioning:BucketVersioning"
    S3_BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy"
    S3_BUCKET_PUBLIC_ACCESS = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
    S3_ACCOUNT_PUBLIC_ACCESS = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"
    S3_BUCKET_ACLS = ("aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2")
    S3_REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig"
    S3_LIFECYCLES = ("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
                     "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
    #: pulumi-aws 7 keeps the V2 names as aliases of the same resources (deprecated, still
    #: accepted): a rule about buckets reads all of them.
    S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2"
    S3_BUCKET_SSE_V2 = ("aws:s3/bucketServerSideEncryptionConfigurationV2:"
                        "BucketServerSideEncryptionConfigurationV2")
    S3_BUCKET_VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2"
    S3_BUCKET_NOTIFICATION = "aws:s3/bucketNotification:BucketNotification"
    S3_BUCKETS = (S3_BUCKET, S3_BUCKET_V2)
    S3_BUCKET_SSES = (S3_BUCKET_SSE, S3_BUCKET_SSE_V2)
    S3_BUCKET_VERSIONINGS = (S3_BUCKET_VERSIONING, S3_BUCKET_VERSIONING_V2)
    EBS_VOLUME = "aws:ebs/volume:Volume"
    EBS_ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault"
    EBS_DEFAULT_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey"
    RDS_INSTANCE = "aws:rds/instance:Instance"
    RDS_CLUSTER = "aws:rds/cluster:Cluster"
    EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem"
    LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
    SNS_TOPIC = "aws:sns/topic:Topic"
    SQS_QUEUE = "aws:sqs/queue:Queue"
    DYNAMODB_TABLE = "aws:dynamodb/table:Table"
    ELASTICACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup"
    ELASTICACHE_CLUSTER = "aws:elasticache/cluster:Cluster"
    MEMORYDB_CLUSTER = "aws:memorydb/cluster:Cluster"
    OPENSEARCH_DOMAIN = "aws:opensearch/domain:Domain"
    ELASTICSEARCH_DOMAIN = "aws:elasticsearch/domain:Domain"
    MSK_CLUSTER = "aws:msk/cluster:Cluster"
    DAX_CLUSTER = "aws:dax/cluster:Cluster"
    APPSYNC_API_CACHE = "aws:appsync/apiCache:ApiCache"
    ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition"
    MSKCONNECT_CONNECTOR = "aws:mskconnect/connector:Connector"
    APIGW_DOMAIN_NAME = "aws:apigateway/domainName:DomainName"
    BACKUP_PLAN = "aws:backup/plan:Plan"
    SECRET = "aws:secretsmanager/secret:Secret"
    ECR_REPLICATION = "aws:ecr/replicationConfiguration:ReplicationConfiguration"
    LB_LISTENER = "aws:lb/listener:Listener"
    ALB_LISTENER = "aws:alb/listener:Listener"
    # module prefixes (a rule that covers a whole service)
    RDS_MODULE = "aws:rds/"


class GCP:
    PROVIDER = "pulumi:providers:gcp"
    NETWORK = "gcp:compute/network:Network"
    SUBNETWORK = "gcp:compute/subnetwork:Subnetwork"
    FIREWALL = "gcp:compute/firewall:Firewall"
    ROUTE = "gcp:compute/route:Route"
    ROUTER = "gcp:compute/router:Router"
    ROUTER_NAT = "gcp:compute/routerNat:RouterNat"
    ROUTER_INTERFACE = "gcp:compute/routerInterface:RouterInterface"
    ROUTER_PEER = "gcp:compute/routerPeer:RouterPeer"
    ROUTER_ROUTE_POLICY = "gcp:compute/routerRoutePolicy:RouterRoutePolicy"
    NETWORK_PEERING = "gcp:compute/networkPeering:NetworkPeering"
    ADDRESS = "gcp:compute/address:Address"
    INSTANCE = "gcp:compute/instance:Instance"
    DISK = "gcp:compute/disk:Disk"
    REGION_DISK = "gcp:compute/regionDisk:RegionDisk"
    INSTANCE_TEMPLATE = "gcp:compute/instanceTemplate:InstanceTemplate"
    REGION_INSTANCE_TEMPLATE = "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate"
    INTERCONNECT = "gcp:compute/interconnect:Interconnect"
    INTERCONNECT_ATTACHMENT = "gcp:compute/interconnectAttachment:InterconnectAttachment"
    HA_VPN_GATEWAY = "gcp:compute/haVpnGateway:HaVpnGateway"
    EXTERNAL_VPN_GATEWAY = "gcp:compute/externalVpnGateway:ExternalVpnGateway"
    VPN_TUNNEL = "gcp:compute/vPNTunnel:VPNTunnel"
    KMS_KEY_RING = "gcp:kms/keyRing:KeyRing"
    KMS_CRYPTO_KEY = "gcp:kms/cryptoKey:CryptoKey"
    LOGGING_BUCKET = "gcp:logging/projectBucketConfig:ProjectBucketConfig"
    LOGGING_SINK = "gcp:logging/projectSink:ProjectSink"
    STORAGE_BUCKET = "gcp:storage/bucket:Bucket"
    PUBSUB_TOPIC = "gcp:pubsub/topic:Topic"
    SECRET = "gcp:secretmanager/secret:Secret"
    REDIS_INSTANCE = "gcp:redis/instance:Instance"
    REDIS_CLUSTER = "gcp:redis/cluster:Cluster"
    MEMORYSTORE_INSTANCE = "gcp:memorystore/instance:Instance"
    BIGTABLE_INSTANCE = "gcp:bigtable/instance:Instance"
    SPANNER_INSTANCE = "gcp:spanner/instance:Instance"
    SPANNER_INSTANCE_CONFIG = "gcp:spanner/instanceConfig:InstanceConfig"
    SQL_INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance"
    SSL_POLICY = "gcp:compute/sSLPolicy:SSLPolicy"
    REGION_SSL_POLICY = "gcp:compute/regionSslPolicy:RegionSslPolicy"
    ORG_POLICY = "gcp:orgpolicy/policy:Policy"
    DNS_ZONE = "gcp:dns/managedZone:ManagedZone"
    DNS_RECORD_SET = "gcp:dns/recordSet:RecordSet"
    DNS_POLICY = "gcp:dns/policy:Policy"
    KMS_KEY_IAM_MEMBER = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember"
    # Shared VPC: the host project, the service projects, a system's subnets shared with its project
    SHARED_VPC_HOST = "gcp:compute/sharedVPCHostProject:SharedVPCHostProject"
    SHARED_VPC_SERVICE = "gcp:compute/sharedVPCServiceProject:SharedVPCServiceProject"
    SUBNETWORK_IAM_MEMBER = "gcp:compute/subnetworkIAMMember:SubnetworkIAMMember"


class RANDOM:
    PASSWORD = "random:index/randomPassword:RandomPassword"
    ID = "random:index/randomId:RandomId"


def names(namespace) -> dict[str, str]:
    """Constant name -> token of one namespace (AWS, GCP, RANDOM), for tests and docs."""
    return {k: v for k, v in vars(namespace).items() if k.isupper() and isinstance(v, str)}
