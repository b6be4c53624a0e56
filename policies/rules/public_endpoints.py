"""What answers from the internet, type by type: the services a vendor adds that take a public
address or a public endpoint unless told otherwise. GOV-ISO-001 (policies/rules/isolation.py)
refuses each of them in a closed layer (mynumber, lgwan). No rule is registered here.

Each entry: the type, what makes it public (a test over the resource), what to write instead,
and the SDK docstring the test rests on (quoted in tests/policies/test_encryption_table.py).
"""
from __future__ import annotations

import re
from typing import Callable, NamedTuple

from policies.props import is_false, is_true, not_false, values


class PublicWhen(NamedTuple):
    token: str
    public: Callable[[object], bool]
    instead: str


def _first(resource, path: str):
    found = [v for v in values(resource.props, path) if v is not None]
    return found[0] if found else None


def _any_true(*paths: str) -> Callable[[object], bool]:
    """True when any value at any of `paths` is true."""
    return lambda r: any(is_true(v) for path in paths for v in values(r.props, path))


def _any_set(*paths: str) -> Callable[[object], bool]:
    """True when anything is set at any of `paths`."""
    return lambda r: any(v for path in paths for v in values(r.props, path))


def _none_at(path: str) -> Callable[[object], bool]:
    """True when nothing is set at `path` (a VPC's subnets left out)."""
    return lambda r: not _any_set(path)(r)


def external_interface(resource) -> bool:
    """A VM (or every VM of a template) with an external address: IPv4 access configs, or an
    external IPv6 range ("Access configurations, i.e. IPs via which this instance can be
    accessed via the Internet")."""
    return any(n.get("accessConfigs") or n.get("ipv6AccessConfigs") for n in resource.get("networkInterfaces") or [])


def _function_egress_through_vpc(resource) -> bool:
    """A 2nd gen function sending all its traffic through the layer's network: by a connector, or
    by Direct VPC."""
    connector = _first(resource, "serviceConfig.vpcConnector") and \
        str(_first(resource, "serviceConfig.vpcConnectorEgressSettings")) == "ALL_TRAFFIC"
    direct = _first(resource, "serviceConfig.directVpcNetworkInterfaces") and \
        str(_first(resource, "serviceConfig.directVpcEgress")) == "VPC_EGRESS_ALL_TRAFFIC"
    return bool(connector or direct)


def _gke_nodes_public(resource) -> bool:
    return not is_true(_first(resource, "privateClusterConfig.enablePrivateNodes"))


def _gke_control_plane_public(resource) -> bool:
    """A GKE control plane answering from the internet: its IP endpoints ("Controls whether to
    allow direct IP access. Defaults to `true`") with the public one kept ("When `false`, either
    endpoint can be used"), or its DNS endpoint open to traffic from outside Google Cloud
    ("Controls whether user traffic is allowed over this endpoint"). Authorized networks narrow
    who may try; the endpoint is still on the internet."""
    return _gke_public_ip_endpoint(resource) or is_true(_first(
        resource, "controlPlaneEndpointsConfig.dnsEndpointConfig.allowExternalTraffic"))


def _gke_public_ip_endpoint(resource) -> bool:
    ip_endpoints = not_false(_first(resource, "controlPlaneEndpointsConfig.ipEndpointsConfig.enabled"))
    return ip_endpoints and not is_true(_first(resource, "privateClusterConfig.enablePrivateEndpoint"))


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
    # databases and environments asked for a public address ("If `true`, the cluster can be
    # accessed from a public network", and the like); a Multi-AZ DB cluster: "If not specified,
    # defaults to `true` when `db_subnet_group_name` is not set or is `default`"
    PublicWhen("aws:rds/cluster:Cluster", lambda r: is_true(r.get("publiclyAccessible")) or (
        r.get("publiclyAccessible") is None and bool(r.get("dbClusterInstanceClass"))
        and str(r.get("dbSubnetGroupName") or "default") == "default"),
        "publicly_accessible: false (and db_subnet_group_name of the layer's subnets)"),
    PublicWhen("aws:rds/shardGroup:ShardGroup", _any_true("publiclyAccessible"), "publicly_accessible: false"),
    PublicWhen("aws:redshiftserverless/workgroup:Workgroup", _any_true("publiclyAccessible"),
               "publicly_accessible: false"),
    PublicWhen("aws:timestreaminfluxdb/dbInstance:DbInstance", _any_true("publiclyAccessible"),
               "publicly_accessible: false"),
    PublicWhen("aws:timestreaminfluxdb/dbCluster:DbCluster", _any_true("publiclyAccessible"),
               "publicly_accessible: false"),
    PublicWhen("aws:docdb/clusterInstance:ClusterInstance", _any_true("publiclyAccessible"),
               "publicly_accessible: false"),
    # a default VPC's subnet: "If the instance is launched into a default subnet in a default VPC,
    # the default is true" (Auto Scaling API, AssociatePublicIpAddress); public unless told not to
    PublicWhen("aws:ec2/defaultSubnet:DefaultSubnet", lambda r: not is_false(r.get("mapPublicIpOnLaunch")),
               "the layer's own subnets (map_public_ip_on_launch: false at least)"),
    PublicWhen("aws:m2/environment:Environment", _any_true("publiclyAccessible"), "publicly_accessible: false"),
    PublicWhen("aws:neptunegraph/graph:Graph", _any_true("publicConnectivity"), "public_connectivity: false"),
    # "Whether the instance profile is publicly accessible. Default is `true`."
    PublicWhen("aws:dms/instanceProfile:InstanceProfile", lambda r: not_false(r.get("publiclyAccessible")),
               "publicly_accessible: false"),
    # Fargate tasks given a public address ("Default `false`"), from a service, a task set, an
    # EventBridge rule or a schedule; a spot fleet's instances
    PublicWhen("aws:ecs/service:Service", _any_true("networkConfiguration.assignPublicIp"),
               "network_configuration.assign_public_ip: false"),
    PublicWhen("aws:ecs/taskSet:TaskSet", _any_true("networkConfiguration.assignPublicIp"),
               "network_configuration.assign_public_ip: false"),
    PublicWhen("aws:cloudwatch/eventTarget:EventTarget", _any_true("ecsTarget.networkConfiguration.assignPublicIp"),
               "ecs_target.network_configuration.assign_public_ip: false"),
    PublicWhen("aws:scheduler/schedule:Schedule", _any_true("target.ecsParameters.networkConfiguration.assignPublicIp"),
               "target.ecs_parameters.network_configuration.assign_public_ip: false"),
    PublicWhen("aws:ec2/spotFleetRequest:SpotFleetRequest", _any_true("launchSpecifications.associatePublicIpAddress"),
               "launch_specifications.associate_public_ip_address: false"),
    PublicWhen("aws:drs/replicationConfigurationTemplate:ReplicationConfigurationTemplate",
               _any_true("createPublicIp"), "create_public_ip: false"),
    # desktops and studios reaching the internet by themselves: SageMaker "The default value is
    # `PublicInternetOnly`"; AppStream and WorkSpaces when asked
    PublicWhen("aws:sagemaker/domain:Domain", lambda r: str(r.get("appNetworkAccessType") or "PublicInternetOnly")
               != "VpcOnly", "app_network_access_type: VpcOnly"),
    PublicWhen("aws:appstream/fleet:Fleet", _any_true("enableDefaultInternetAccess"),
               "enable_default_internet_access: false"),
    PublicWhen("aws:appstream/imageBuilder:ImageBuilder", _any_true("enableDefaultInternetAccess"),
               "enable_default_internet_access: false"),
    PublicWhen("aws:workspaces/directory:Directory", _any_true("workspaceCreationProperties.enableInternetAccess"),
               "workspace_creation_properties.enable_internet_access: false"),
    # a Managed Grafana workspace answers from the internet unless network_access_control names
    # the prefix lists and VPC endpoints that may reach it
    PublicWhen("aws:grafana/workspace:Workspace", lambda r: not r.get("networkAccessControl"),
               "network_access_control (the layer's VPC endpoints)"),
    # services that are on the internet by what they are: Lightsail runs outside the layer's
    # VPC on public addresses; an accelerator is a pair of anycast addresses on the internet
    PublicWhen("aws:lightsail/instance:Instance", lambda r: True, "an EC2 instance in the layer's subnets"),
    PublicWhen("aws:lightsail/containerService:ContainerService", lambda r: True,
               "ECS or App Runner with private ingress in the layer's VPC"),
    PublicWhen("aws:lightsail/lb:Lb", lambda r: True, "an internal load balancer (aws.lb.LoadBalancer, internal)"),
    PublicWhen("aws:lightsail/database:Database", _any_true("publiclyAccessible"), "publicly_accessible: false"),
    PublicWhen("aws:globalaccelerator/accelerator:Accelerator", lambda r: True,
               "an internal load balancer; an accelerator belongs to the internet layer"),
    # serverless code that reaches the internet from the provider's own network unless placed in
    # the layer's: a Lambda function "When you connect a function to a VPC, it can access
    # resources and the internet only through that VPC" (Lambda API, CreateFunction VpcConfig;
    # Security Hub Lambda.3), a CodeBuild project the same
    PublicWhen("aws:lambda/function:Function", _none_at("vpcConfig.subnetIds"),
               "vpc_config with the layer's subnets (outside a VPC a function reaches the internet directly)"),
    # an App Runner service's outbound traffic: "Set to DEFAULT for access to resources hosted on
    # public networks. Set to VPC to associate your service to a custom VPC" (App Runner API,
    # EgressConfiguration); DEFAULT unless set
    PublicWhen("aws:apprunner/service:Service", lambda r: str(_first(
        r, "networkConfiguration.egressConfiguration.egressType") or "DEFAULT") != "VPC",
        "network_configuration.egress_configuration.egress_type: VPC (with the layer's VPC connector)"),
    PublicWhen("aws:codebuild/project:Project", _none_at("vpcConfig.subnets"),
               "vpc_config with the layer's subnets (outside a VPC a build reaches the internet directly)"),
    # Google Cloud: templates whose instances take an external address, serverless ingress
    # open to all ("Default value is `ALLOW_ALL`"; Cloud Run: "The default ingress paths and
    # ingress setting allow any resource on the internet to reach your Cloud Run service",
    # cloud.google.com/run/docs/securing/ingress),
    # GKE nodes with external addresses or a control plane on the internet, notebooks and
    # AlloyDB instances with a public IP
    PublicWhen("gcp:compute/instanceTemplate:InstanceTemplate", external_interface,
               "no access_configs or ipv6_access_configs"),
    PublicWhen("gcp:compute/instanceFromTemplate:InstanceFromTemplate", external_interface,
               "no access_configs or ipv6_access_configs"),
    PublicWhen("gcp:compute/instanceFromMachineImage:InstanceFromMachineImage", external_interface,
               "no access_configs or ipv6_access_configs"),
    PublicWhen("gcp:compute/regionInstanceTemplate:RegionInstanceTemplate", external_interface,
               "no access_configs or ipv6_access_configs"),
    PublicWhen("gcp:cloudrunv2/service:Service", lambda r: str(r.get("ingress") or "INGRESS_TRAFFIC_ALL") in (
        "INGRESS_TRAFFIC_ALL", "INGRESS_TRAFFIC_UNSPECIFIED"), "ingress: INGRESS_TRAFFIC_INTERNAL_ONLY"),
    # and its egress: only ALL_TRAFFIC sends a service's traffic to the internet through the layer's
    # network ("Possible values are: `ALL_TRAFFIC`, `PRIVATE_RANGES_ONLY`"; Direct VPC egress "defaults
    # to VPC_EGRESS_PRIVATE_RANGES_ONLY"): otherwise it leaves from Google's own
    PublicWhen("gcp:cloudrunv2/service:Service", lambda r: str(_first(r, "template.vpcAccess.egress")) != "ALL_TRAFFIC",
               "template.vpc_access (a connector or network_interfaces of the layer) with egress: ALL_TRAFFIC"),
    PublicWhen("gcp:cloudrunv2/job:Job", lambda r: str(_first(r, "template.template.vpcAccess.egress")) !=
               "ALL_TRAFFIC", "template.template.vpc_access with egress: ALL_TRAFFIC"),
    PublicWhen("gcp:cloudfunctionsv2/function:Function", lambda r: not _function_egress_through_vpc(r),
               "service_config.vpc_connector with vpc_connector_egress_settings: ALL_TRAFFIC (or Direct VPC with "
               "direct_vpc_egress: VPC_EGRESS_ALL_TRAFFIC)"),
    PublicWhen("gcp:cloudfunctionsv2/function:Function",
               lambda r: str(_first(r, "serviceConfig.ingressSettings") or "ALLOW_ALL") == "ALLOW_ALL",
               "service_config.ingress_settings: ALLOW_INTERNAL_ONLY"),
    PublicWhen("gcp:backupdisasterrecovery/restoreWorkload:RestoreWorkload", _any_set(
        "computeInstanceRestoreProperties.networkInterfaces.accessConfigs",
        "computeInstanceRestoreProperties.networkInterfaces.ipv6AccessConfigs"),
        "compute_instance_restore_properties.network_interfaces without access_configs"),
    # a node pool may take its nodes out of the cluster's private setting ("Whether nodes have
    # internal IP addresses only")
    PublicWhen("gcp:container/nodePool:NodePool", lambda r: is_false(_first(r, "networkConfig.enablePrivateNodes")),
               "network_config.enable_private_nodes: true (or left to the cluster's)"),
    PublicWhen("gcp:dataflow/flexTemplateJob:FlexTemplateJob",
               lambda r: str(r.get("ipConfiguration") or "") != "WORKER_IP_PRIVATE",
               "ip_configuration: WORKER_IP_PRIVATE"),
    PublicWhen("gcp:workstations/workstationCluster:WorkstationCluster", lambda r: not is_true(_first(
        r, "privateClusterConfig.enablePrivateEndpoint")), "private_cluster_config.enable_private_endpoint: true"),
    PublicWhen("gcp:oracledatabase/goldengateDeployment:GoldengateDeployment", _any_true("properties.isPublic"),
               "properties.is_public: false"),
    PublicWhen("gcp:discoveryengine/widgetConfig:WidgetConfig", _any_true("accessSettings.allowPublicAccess"),
               "access_settings.allow_public_access: false"),
    PublicWhen("gcp:ces/app:App", _any_true("defaultChannelProfile.webWidgetConfig.securitySettings.enablePublicAccess"),
               "default_channel_profile.web_widget_config.security_settings.enable_public_access: false"),
    PublicWhen("gcp:ces/deployment:Deployment", _any_true("channelProfile.webWidgetConfig.securitySettings."
                                                          "enablePublicAccess"),
               "channel_profile.web_widget_config.security_settings.enable_public_access: false"),
    # a 1st gen function's connector: "Defaults to `PRIVATE_RANGES_ONLY`"
    PublicWhen("gcp:cloudfunctions/function:Function", lambda r: not (r.get("vpcConnector") and str(
        r.get("vpcConnectorEgressSettings")) == "ALL_TRAFFIC"),
        "vpc_connector with vpc_connector_egress_settings: ALL_TRAFFIC"),
    PublicWhen("gcp:cloudfunctions/function:Function", lambda r: str(r.get("ingressSettings") or "ALLOW_ALL")
               == "ALLOW_ALL", "ingress_settings: ALLOW_INTERNAL_ONLY"),
    PublicWhen("gcp:container/cluster:Cluster", lambda r: _gke_nodes_public(r) or _gke_control_plane_public(r),
               "private_cluster_config.enable_private_nodes: true, and the control plane's public endpoint off "
               "(private_cluster_config.enable_private_endpoint: true, or control_plane_endpoints_config."
               "ip_endpoints_config.enabled: false; dns_endpoint_config.allow_external_traffic not true)"),
    PublicWhen("gcp:workbench/instance:Instance", lambda r: not is_true(_first(r, "gceSetup.disablePublicIp")),
               "gce_setup.disable_public_ip: true"),
    PublicWhen("gcp:alloydb/instance:Instance", _any_true("networkConfig.enablePublicIp",
                                                          "networkConfig.enableOutboundPublicIp"),
               "network_config.enable_public_ip and enable_outbound_public_ip: false"),
    # workers and notebooks with public addresses: a Cloud Build private pool ("If true, workers
    # are created without any public address"), Cloud Workstations ("Whether instances have no
    # public IP address"), Data Fusion ("If set to true, all Data Fusion nodes will have private
    # IP addresses"), Colab runtimes, TPU VMs, Looker, a Vertex index's public endpoint
    PublicWhen("gcp:cloudbuild/workerPool:WorkerPool", lambda r: not is_true(_first(r, "workerConfig.noExternalIp")),
               "worker_config.no_external_ip: true"),
    PublicWhen("gcp:workstations/workstationConfig:WorkstationConfig", lambda r: not is_true(_first(
        r, "host.gceInstance.disablePublicIpAddresses")), "host.gce_instance.disable_public_ip_addresses: true"),
    PublicWhen("gcp:datafusion/instance:Instance", lambda r: not is_true(r.get("privateInstance")),
               "private_instance: true"),
    PublicWhen("gcp:colab/runtimeTemplate:RuntimeTemplate", _any_true("networkSpec.enableInternetAccess"),
               "network_spec.enable_internet_access: false"),
    PublicWhen("gcp:colab/notebookExecution:NotebookExecution",
               _any_true("customEnvironmentSpec.networkSpec.enableInternetAccess"),
               "custom_environment_spec.network_spec.enable_internet_access: false"),
    PublicWhen("gcp:tpu/v2Vm:V2Vm", _any_true("networkConfig.enableExternalIps", "networkConfigs.enableExternalIps"),
               "network_config.enable_external_ips: false"),
    PublicWhen("gcp:looker/instance:Instance", _any_true("publicIpEnabled"), "public_ip_enabled: false"),
    PublicWhen("gcp:vertex/aiIndexEndpoint:AiIndexEndpoint", _any_true("publicEndpointEnabled"),
               "public_endpoint_enabled: false"),
    # batch workers over the resident data: Dataproc "By default, clusters are not restricted to
    # internal IP addresses, and will have ephemeral external IP addresses"; a Dataflow job's
    # workers are private only when it says WORKER_IP_PRIVATE (as Checkov's CKV_GCP_94 asks)
    PublicWhen("gcp:dataproc/cluster:Cluster", lambda r: not is_true(_first(
        r, "clusterConfig.gceClusterConfig.internalIpOnly")), "cluster_config.gce_cluster_config.internal_ip_only: true"),
    PublicWhen("gcp:dataflow/job:Job", lambda r: str(r.get("ipConfiguration") or "") != "WORKER_IP_PRIVATE",
               "ip_configuration: WORKER_IP_PRIVATE"),
)
TYPES = tuple(entry.token for entry in PUBLIC_WHEN)

#: an input whose name says the resource takes a public address or reaches the internet (snake_case,
#: at any depth to three): tests/policies/test_public_endpoints.py reads every pulumi_aws and
#: pulumi_gcp resource and fails when a type with one is neither judged (here, or GOV-ISO-001's
#: own lists in policies/rules/isolation.py) nor set aside below
PUBLIC_INPUT = re.compile(
    r"^(?:publicly_accessible|is_publicly_accessible|associate_public_ip_address|assign_public_ip|"
    r"map_public_ip_on_launch|enable_public_ip|public_ip_enabled|enable_outbound_public_ip|enable_external_ips?|"
    r"no_external_ip|disable_public_ip(?:_addresses)?|enable_internet_access|enable_default_internet_access|"
    r"direct_internet_access|public_connectivity|create_public_ip|public_endpoint_enabled|endpoint_public_access|"
    r"ingress_settings|internal|internal_ip_only|app_network_access_type|enable_private_nodes|"
    r"enable_private_endpoint|private_instance|access_configs|ipv6_access_configs|public_access|"
    r"enable_public_access|allow_public_access|load_balancing_scheme|ip_configuration|ipv4_enabled|is_public)$")
SET_ASIDE = {
    "aws:imagebuilder/lifecyclePolicy:LifecyclePolicy": "is_public filters which images a rule keeps",
    "aws:lambda/eventSourceMapping:EventSourceMapping": "access_configs are a Kafka source's credentials",
    "gcp:composer/environment:Environment": "a Composer environment's endpoint and web server access: not judged "
                                            "(docs/policies.md)",
    "gcp:compute/backendService:BackendService": "a load balancer's back end: its forwarding rule is judged",
    "gcp:compute/regionBackendService:RegionBackendService": "a load balancer's back end: its forwarding rule is "
                                                             "judged",
    "gcp:compute/backendBucket:BackendBucket": "a load balancer's back end: its forwarding rule is judged",
    "gcp:compute/regionBackendBucket:RegionBackendBucket": "a load balancer's back end: its forwarding rule is judged",
    "gcp:compute/targetTCPProxy:TargetTCPProxy": "a load balancer's proxy: its forwarding rule is judged",
    "gcp:compute/regionTargetTcpProxy:RegionTargetTcpProxy": "a load balancer's proxy: its forwarding rule is judged",
    "gcp:networksecurity/authzPolicy:AuthzPolicy": "an authorization policy of a load balancer judged by its rule",
    "gcp:networkservices/authzExtension:AuthzExtension": "an extension of a load balancer judged by its rule",
    "gcp:networkservices/lbEdgeExtension:LbEdgeExtension": "an extension of a load balancer judged by its rule",
    "gcp:networkservices/lbRouteExtension:LbRouteExtension": "an extension of a load balancer judged by its rule",
    "gcp:networkservices/lbTrafficExtension:LbTrafficExtension": "an extension of a load balancer judged by its rule",
}


#: services with an allow-list of their own in front of an endpoint on the internet
ALLOW_LISTED = ("gcp:sql/databaseInstance:DatabaseInstance", "gcp:alloydb/instance:Instance", "aws:eks/cluster:Cluster",
                "gcp:container/cluster:Cluster")


def internet_ranges(resource) -> list[str] | None:
    """The ranges a service's own allow-list admits to its endpoint on the internet (a database's
    authorized networks, a cluster's control plane), for GOV-ISO-003; None without such an
    endpoint. EKS: "EKS defaults this to a list with `0.0.0.0/0`"; GKE without authorized
    networks takes any address at its public endpoint."""
    t = resource.type
    if t == "gcp:sql/databaseInstance:DatabaseInstance":
        ip = (resource.get("settings") or {}).get("ipConfiguration") or {}
        return None if is_false(ip.get("ipv4Enabled")) else [
            v for v in values(resource.props, "settings.ipConfiguration.authorizedNetworks.value") if v]
    if t == "gcp:alloydb/instance:Instance":
        return [v for v in values(resource.props, "networkConfig.authorizedExternalNetworks.cidrRange") if v] \
            if is_true(_first(resource, "networkConfig.enablePublicIp")) else None
    if t == "aws:eks/cluster:Cluster":
        return None if is_false(_first(resource, "vpcConfig.endpointPublicAccess")) else \
            [v for v in values(resource.props, "vpcConfig.publicAccessCidrs") if v] or ["0.0.0.0/0"]
    if t == "gcp:container/cluster:Cluster" and _gke_public_ip_endpoint(resource):  # the DNS one takes IAM only
        if not resource.get("masterAuthorizedNetworksConfig"):
            return ["0.0.0.0/0"]
        return [v for v in values(resource.props, "masterAuthorizedNetworksConfig.cidrBlocks.cidrBlock") if v]
    return None


def public_findings(resource) -> list[str]:
    """What to write instead, for each way the resource answers from the internet."""
    return [entry.instead for entry in PUBLIC_WHEN if entry.token == resource.type and entry.public(resource)]
