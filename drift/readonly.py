"""Read-only by construction.

AWS: every client drift makes comes from `read_only_client`, whose botocore `before-call`
hook refuses any operation that is not on an explicit allow-list of (service, operation)
pairs: the reads the scanner makes, and nothing else. A prefix such as "Get" is not enough:
sts:GetSessionToken or cognito-identity:GetId hand out credentials and start with it.
GCP: clients are wrapped so that only list/get/aggregated_list methods can be called, and
their HTTP session refuses every method but GET; the Cloud KMS and Cloud Logging lists go
through one such session (read_only_session).

The allow-list and drift/iam/aws-readonly-policy.json are the same list, one in botocore's
operation names and one in IAM's; a test holds them equal.
"""
from __future__ import annotations

#: service (botocore's name) -> the operations drift may call
READ_OPERATIONS = {
    "ec2": frozenset({
        "DescribeVpcs", "DescribeVpcAttribute", "DescribeSubnets", "DescribeRouteTables", "DescribeNetworkAcls",
        "DescribeSecurityGroups",
        "DescribeInternetGateways", "DescribeEgressOnlyInternetGateways", "DescribeNatGateways",
        "DescribeCarrierGateways",
        "DescribeVpnGateways", "DescribeVpcEndpoints", "DescribeVpcPeeringConnections", "DescribeFlowLogs",
        "DescribeNetworkInterfaces", "DescribeDhcpOptions", "DescribeTransitGateways",
        "DescribeTransitGatewayVpcAttachments", "DescribeTransitGatewayAttachments",
        "DescribeTransitGatewayRouteTables", "GetTransitGatewayRouteTableAssociations",
        "GetTransitGatewayRouteTablePropagations", "SearchTransitGatewayRoutes",
        "GetEbsEncryptionByDefault", "GetEbsDefaultKmsKeyId", "GetManagedPrefixListEntries",
        "DescribeVpcEndpointServiceConfigurations", "DescribeVpcEndpointServicePermissions",
        "DescribeTrafficMirrorSessions", "DescribeTrafficMirrorTargets", "DescribeInstanceConnectEndpoints",
        "DescribeClientVpnEndpoints", "DescribeVerifiedAccessEndpoints",
        "DescribeVpnConnections", "DescribeCustomerGateways",
        "DescribeSnapshots", "DescribeImages",  # the account's public ones only
        "DescribeRegions"}),  # --regions all
    "directconnect": frozenset({"DescribeConnections", "DescribeDirectConnectGateways",
                                "DescribeDirectConnectGatewayAssociations", "DescribeVirtualInterfaces"}),
    "elbv2": frozenset({"DescribeLoadBalancers", "DescribeTargetGroups", "DescribeTargetHealth"}),
    "elb": frozenset({"DescribeLoadBalancers"}),  # Classic Load Balancers (one IAM action for both)
    "kms": frozenset({"DescribeKey", "GetKeyRotationStatus", "GetKeyPolicy", "ListGrants", "ListAliases"}),
    "s3": frozenset({"GetBucketAcl", "GetBucketEncryption", "GetBucketVersioning", "GetBucketLocation",
                      "GetPublicAccessBlock", "GetBucketPolicy", "GetBucketReplication", "GetBucketLifecycleConfiguration",
                      "GetBucketNotificationConfiguration", "ListBuckets"}),
    "resourcegroupstaggingapi": frozenset({"GetResources"}),
    "ram": frozenset({"GetResourceShareAssociations"}),
    "eks": frozenset({"ListClusters", "DescribeCluster"}),
    "lambda": frozenset({"ListFunctions", "ListFunctionUrlConfigs", "GetPolicy"}),
    # API Gateway's VPC links (REST and HTTP APIs); IAM's name for both is apigateway:GET, on
    # the vpclinks resource only (its own statement in the policy: API keys are GETs too)
    "apigateway": frozenset({"GetVpcLinks"}),
    "apigatewayv2": frozenset({"GetVpcLinks"}),
    # RDS, Aurora, Neptune and DocumentDB: instances answering publicly; manual snapshots and whom
    # they are shared with
    "rds": frozenset({"DescribeDBInstances", "DescribeDBSnapshots", "DescribeDBClusterSnapshots",
                      "DescribeDBSnapshotAttributes", "DescribeDBClusterSnapshotAttributes"}),
    "redshift": frozenset({"DescribeClusters", "DescribeClusterSubnetGroups"}),
    "mq": frozenset({"ListBrokers", "DescribeBroker"}),
    "dms": frozenset({"DescribeReplicationInstances"}),
    # managed services that take public addresses of their own (clouds/aws/drift_managed.py)
    "ecs": frozenset({"ListClusters", "ListServices", "DescribeServices"}),
    "sagemaker": frozenset({"ListNotebookInstances", "DescribeNotebookInstance"}),
    "kafka": frozenset({"ListClustersV2"}),
    "transfer": frozenset({"ListServers", "DescribeServer"}),
    "workspaces": frozenset({"DescribeWorkspaceDirectories"}),
    "vpc-lattice": frozenset({"ListServiceNetworks", "ListServiceNetworkVpcAssociations", "ListResourceGateways"}),
    "route53": frozenset({"ListHostedZonesByVPC"}),  # global: its own statement in the policy
    "route53resolver": frozenset({"ListResolverRuleAssociations", "ListResolverRules", "ListResolverEndpoints",
                                  "ListResolverQueryLogConfigAssociations", "ListResolverQueryLogConfigs"}),
    # credentials for the system accounts, whose clients are guarded the same way
    "sts": frozenset({"AssumeRole", "GetCallerIdentity"}),  # the network account's own id
    "s3control": frozenset({"GetPublicAccessBlock"}),  # the account's Block Public Access
}
GCP_READ_METHODS = ("list", "get", "aggregated_list")


class ReadOnlyViolation(RuntimeError):
    """The scanner tried to change something."""


def is_read_operation(service: str, name: str) -> bool:
    return name in READ_OPERATIONS.get(service, frozenset())


def _refuse_writes(model, **_):
    service = model.service_model.service_name
    if not is_read_operation(service, model.name):
        raise ReadOnlyViolation(f"drift scanner is read-only: {service}:{model.name} refused")


def guard_boto_client(client):
    """Register the read-only hook on a boto3 client; returns the client."""
    client.meta.events.register("before-call.*.*", _refuse_writes)
    return client


def read_only_client(session, service: str, **kwargs):
    """The one way drift makes a boto3 client: guarded before its first call."""
    return guard_boto_client(session.client(service, **kwargs))


#: the reads Google Cloud makes with POST: Resource Manager's projects.getIamPolicy ("POST
#: .../v1/projects/{resource}:getIamPolicy", allowed under the cloud-platform.read-only scope)
GCP_READ_POSTS = (":getIamPolicy",)


def _a_read(method: str, url: str) -> bool:
    if method.upper() == "GET":
        return True
    return method.upper() == "POST" and url.split("?", 1)[0].endswith(GCP_READ_POSTS)


def read_only_session(session):
    """An HTTP session (google-auth's AuthorizedSession, a requests.Session) that refuses
    every method but GET, and POST but to the reads on GCP_READ_POSTS; returns the session."""
    if session is not None and not getattr(session, "_govcloud_read_only", False):
        original = session.request

        def request(method, url, *args, **kwargs):
            if not _a_read(method, url):
                raise ReadOnlyViolation(f"drift scanner is read-only: HTTP {method} {url} refused")
            return original(method, url, *args, **kwargs)

        session.request = request
        session._govcloud_read_only = True
    return session


class ReadOnlyGcpClient:
    """A google-cloud-compute client that exposes only its read methods."""

    def __init__(self, client):
        self._client = client
        read_only_session(getattr(getattr(client, "_transport", None), "_session", None))

    def __getattr__(self, name):
        if not name.startswith(GCP_READ_METHODS):
            raise ReadOnlyViolation(f"drift scanner is read-only: {type(self._client).__name__}.{name} refused")
        return getattr(self._client, name)
