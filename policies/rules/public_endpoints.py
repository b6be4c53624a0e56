"""What answers from the internet, type by type: the services a vendor adds that take a public
address or a public endpoint unless told otherwise. GOV-ISO-001 (policies/rules/isolation.py)
refuses each of them in a closed layer (mynumber, lgwan). No rule is registered here.

Each entry: the type, what makes it public (a test over the resource), what to write instead,
and the SDK docstring the test rests on (quoted in tests/policies/test_encryption_table.py).
"""
from __future__ import annotations

from typing import Callable, NamedTuple

from policies.props import is_true, not_false, values


class PublicWhen(NamedTuple):
    token: str
    public: Callable[[object], bool]
    instead: str


def _first(resource, path: str):
    found = [v for v in values(resource.props, path) if v is not None]
    return found[0] if found else None


def _any_true(path: str) -> Callable[[object], bool]:
    return lambda r: any(is_true(v) for v in values(r.props, path))


def _gke_nodes_public(resource) -> bool:
    return not is_true(_first(resource, "privateClusterConfig.enablePrivateNodes"))


def _gke_control_plane_public(resource) -> bool:
    """A GKE control plane answering from the internet: its IP endpoints ("Controls whether to
    allow direct IP access. Defaults to `true`") with the public one kept ("When `false`, either
    endpoint can be used"), or its DNS endpoint open to traffic from outside Google Cloud
    ("Controls whether user traffic is allowed over this endpoint"). Authorized networks narrow
    who may try; the endpoint is still on the internet."""
    ip_endpoints = not_false(_first(resource, "controlPlaneEndpointsConfig.ipEndpointsConfig.enabled"))
    public_ip = ip_endpoints and not is_true(_first(resource, "privateClusterConfig.enablePrivateEndpoint"))
    return public_ip or is_true(_first(resource, "controlPlaneEndpointsConfig.dnsEndpointConfig.allowExternalTraffic"))


PUBLIC_WHEN = (
    # an instance's public address, from what launches it
    PublicWhen("aws:ec2/launchConfiguration:LaunchConfiguration", _any_true("associatePublicIpAddress"),
               "associate_public_ip_address: false"),
    PublicWhen("aws:ec2/spotInstanceRequest:SpotInstanceRequest", _any_true("associatePublicIpAddress"),
               "associate_public_ip_address: false"),
    # "Whether the Amazon EKS public API server endpoint is enabled. Default is `true`."
    PublicWhen("aws:eks/cluster:Cluster", lambda r: not_false(_first(r, "vpcConfig.endpointPublicAccess")),
               "vpc_config.endpoint_public_access: false"),
    # databases and brokers that take a public address when asked
    PublicWhen("aws:rds/clusterInstance:ClusterInstance", _any_true("publiclyAccessible"), "publicly_accessible: false"),
    PublicWhen("aws:neptune/clusterInstance:ClusterInstance", _any_true("publiclyAccessible"),
               "publicly_accessible: false"),
    PublicWhen("aws:mq/broker:Broker", _any_true("publiclyAccessible"), "publicly_accessible: false"),
    # a DMS replication instance: "A value of true represents an instance with a public IP
    # address" (pulumi_aws), and "The default value is true" (DMS API, CreateReplicationInstance)
    PublicWhen("aws:dms/replicationInstance:ReplicationInstance", lambda r: not_false(r.get("publiclyAccessible")),
               "publicly_accessible: false"),
    # a search domain without vpc_options has a public endpoint
    PublicWhen("aws:opensearch/domain:Domain", lambda r: not r.get("vpcOptions"), "vpc_options (subnets of the layer)"),
    PublicWhen("aws:elasticsearch/domain:Domain", lambda r: not r.get("vpcOptions"),
               "vpc_options (subnets of the layer)"),
    # "Supported values: `Enabled` (Default) or `Disabled`"
    PublicWhen("aws:sagemaker/notebookInstance:NotebookInstance",
               lambda r: str(r.get("directInternetAccess") or "Enabled") != "Disabled",
               "direct_internet_access: Disabled"),
    PublicWhen("aws:msk/cluster:Cluster", lambda r: str(_first(
        r, "brokerNodeGroupInfo.connectivityInfo.publicAccess.type") or "DISABLED") != "DISABLED",
        "broker_node_group_info.connectivity_info.public_access.type: DISABLED"),
    # a file transfer server: "If you want to connect your SFTP server via public internet, set
    # `PUBLIC`. Defaults to `PUBLIC`."; a VPC one given Elastic IPs is internet-facing too
    # (address_allocation_ids: "required to attach an Elastic IP address to your SFTP server's endpoint")
    PublicWhen("aws:transfer/server:Server", lambda r: str(r.get("endpointType") or "PUBLIC").upper() == "PUBLIC"
               or any(values(r.props, "endpointDetails.addressAllocationIds")),
               "endpoint_type: VPC (with endpoint_details in the layer's subnets, without address_allocation_ids)"),
    # an App Runner service: "To make the service privately accessible, from only within an Amazon
    # VPC, set it to `false`" (public unless it says so)
    PublicWhen("aws:apprunner/service:Service", lambda r: not_false(_first(
        r, "networkConfiguration.ingressConfiguration.isPubliclyAccessible")),
        "network_configuration.ingress_configuration.is_publicly_accessible: false"),
    # an HTTP or WebSocket API has no private endpoint type (API Gateway Developer Guide, "Choose
    # between REST APIs and HTTP APIs": Private, HTTP API: No): "By default, clients can invoke the
    # API with the default `{api_id}.execute-api.{region}.amazonaws.com endpoint`"
    PublicWhen("aws:apigatewayv2/api:Api", lambda r: not is_true(r.get("disableExecuteApiEndpoint")),
               "a private REST API (apigateway.RestApi, endpoint_configuration.types: PRIVATE); an HTTP or "
               "WebSocket API cannot be private"),
    # "If unspecified, defaults to `EDGE`": an API on the internet unless PRIVATE
    PublicWhen("aws:apigateway/restApi:RestApi", lambda r: any(
        str(t).upper() != "PRIVATE" for t in values(r.props, "endpointConfiguration.types") or [None]),
        "endpoint_configuration.types: PRIVATE"),
    # Google Cloud: templates whose instances take an external address, serverless ingress
    # open to all ("Default value is `ALLOW_ALL`"; Cloud Run: "The default ingress paths and
    # ingress setting allow any resource on the internet to reach your Cloud Run service",
    # cloud.google.com/run/docs/securing/ingress),
    # GKE nodes with external addresses or a control plane on the internet, notebooks and
    # AlloyDB instances with a public IP
    PublicWhen("gcp:compute/instanceTemplate:InstanceTemplate", lambda r: any(
        n.get("accessConfigs") or n.get("ipv6AccessConfigs") for n in r.get("networkInterfaces") or []),
        "no access_configs or ipv6_access_configs"),
    PublicWhen("gcp:compute/regionInstanceTemplate:RegionInstanceTemplate", lambda r: any(
        n.get("accessConfigs") or n.get("ipv6AccessConfigs") for n in r.get("networkInterfaces") or []),
        "no access_configs or ipv6_access_configs"),
    PublicWhen("gcp:cloudrunv2/service:Service", lambda r: str(r.get("ingress") or "INGRESS_TRAFFIC_ALL") in (
        "INGRESS_TRAFFIC_ALL", "INGRESS_TRAFFIC_UNSPECIFIED"), "ingress: INGRESS_TRAFFIC_INTERNAL_ONLY"),
    PublicWhen("gcp:cloudfunctionsv2/function:Function",
               lambda r: str(_first(r, "serviceConfig.ingressSettings") or "ALLOW_ALL") == "ALLOW_ALL",
               "service_config.ingress_settings: ALLOW_INTERNAL_ONLY"),
    PublicWhen("gcp:container/cluster:Cluster", lambda r: _gke_nodes_public(r) or _gke_control_plane_public(r),
               "private_cluster_config.enable_private_nodes: true, and the control plane's public endpoint off "
               "(private_cluster_config.enable_private_endpoint: true, or control_plane_endpoints_config."
               "ip_endpoints_config.enabled: false; dns_endpoint_config.allow_external_traffic not true)"),
    PublicWhen("gcp:workbench/instance:Instance", lambda r: not is_true(_first(r, "gceSetup.disablePublicIp")),
               "gce_setup.disable_public_ip: true"),
    PublicWhen("gcp:alloydb/instance:Instance", _any_true("networkConfig.enablePublicIp"),
               "network_config.enable_public_ip: false"),
    # batch workers over the resident data: Dataproc "By default, clusters are not restricted to
    # internal IP addresses, and will have ephemeral external IP addresses"; a Dataflow job's
    # workers are private only when it says WORKER_IP_PRIVATE (as Checkov's CKV_GCP_94 asks)
    PublicWhen("gcp:dataproc/cluster:Cluster", lambda r: not is_true(_first(
        r, "clusterConfig.gceClusterConfig.internalIpOnly")), "cluster_config.gce_cluster_config.internal_ip_only: true"),
    PublicWhen("gcp:dataflow/job:Job", lambda r: str(r.get("ipConfiguration") or "") != "WORKER_IP_PRIVATE",
               "ip_configuration: WORKER_IP_PRIVATE"),
)
TYPES = tuple(entry.token for entry in PUBLIC_WHEN)


def public_findings(resource) -> list[str]:
    """What to write instead, for each way the resource answers from the internet."""
    return [entry.instead for entry in PUBLIC_WHEN if entry.token == resource.type and entry.public(resource)]
