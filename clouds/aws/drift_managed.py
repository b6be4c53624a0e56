"""Managed services in a layer VPC that take a public address of their own (AWS side of drift;
called from clouds/aws/drift_public.py `answering_publicly`): ECS services whose tasks are
given public IPs, SageMaker notebook instances with SageMaker's own internet access, MSK
clusters with public brokers, Transfer Family servers made internet-facing with Elastic IPs,
and WorkSpaces directories whose desktops get the internet directly.

On AWS each of them shows as an interface with a public address (`public_ip`) or none at all
(a notebook's internet access is SageMaker's network, not the layer's), and moto makes no
interface for any of them: each is read from its own service, so a finding is the same on
moto and AWS. None is declared by the stack; in a layer VPC without a public address it is
the layer's business."""
from __future__ import annotations

from functools import lru_cache

from botocore.session import get_session

from clouds.aws.drift_data import unless_code
from drift.items import Item

#: DescribeServices takes "up to 10 services" per call (Amazon ECS API Reference)
SERVICES_PER_CALL = 10


def vpc_of(scanner, vpc: str | None, subnets) -> str | None:
    """The VPC of an answer's subnets, as the account's own subnets name it, or else the VPC
    the answer names: the subnets decide (moto names no VPC for some services, and a made-up
    one, vpc-123abc, for a Lambda function given security groups)."""
    return next((scanner.subnet_vpcs[s] for s in subnets or [] if s in scanner.subnet_vpcs), None) or vpc


def public_tasks(scanner, names: dict, layers: dict) -> list[Item]:
    """Every ECS service whose tasks take a public IP in a layer VPC: one ListClusters per
    account and region, one ListServices per cluster and one DescribeServices per ten services.
    AwsVpcConfiguration assignPublicIp: "Whether the task's elastic network interface receives
    a public IP address. The default value is DISABLED" (Amazon ECS API Reference)."""
    items = []
    for cluster in scanner._all("ecs", "list_clusters", "clusterArns"):
        arns = unless_code(lambda: scanner._all("ecs", "list_services", "serviceArns", cluster=cluster),
                           ("ClusterNotFoundException",), [])
        for start in range(0, len(arns), SERVICES_PER_CALL):
            answer = scanner._page("ecs", "describe_services", cluster=cluster,
                                   services=arns[start:start + SERVICES_PER_CALL])
            for service in answer.get("services") or []:
                network = (service.get("networkConfiguration") or {}).get("awsvpcConfiguration") or {}
                vpc = vpc_of(scanner, None, network.get("subnets"))
                if vpc in names and network.get("assignPublicIp") == "ENABLED" and service.get("status") == "ACTIVE":
                    name = f"{cluster.rsplit('/', 1)[-1]}/{service['serviceName']}"
                    items.append(Item("public_task", (names[vpc], name), layers.get(vpc),
                                      {"launch_type": service.get("launchType")}, service.get("serviceArn") or name))
    return items


def notebooks_online(scanner, names: dict, layers: dict) -> list[Item]:
    """Every SageMaker notebook instance in a layer subnet that keeps SageMaker's own internet
    access: one ListNotebookInstances per account and region (the list names no subnet) and one
    DescribeNotebookInstance per notebook. DirectInternetAccess: "If you set this to Disabled
    this notebook instance is able to access resources only in your VPC" (SageMaker API
    Reference, CreateNotebookInstance; Enabled is the default): an interface in the layer with a
    way to the internet beside it."""
    items = []
    for summary in scanner._all("sagemaker", "list_notebook_instances", "NotebookInstances"):
        name = summary["NotebookInstanceName"]
        notebook = unless_code(lambda: scanner._page("sagemaker", "describe_notebook_instance",
                                                     NotebookInstanceName=name), ("ValidationException",), {})
        vpc = scanner.subnet_vpcs.get(notebook.get("SubnetId"))
        if vpc in names and notebook.get("DirectInternetAccess", "Enabled") == "Enabled" \
                and notebook.get("NotebookInstanceStatus") not in ("Deleting", "Failed"):
            items.append(Item("notebook_internet", (names[vpc], name), layers.get(vpc), {},
                              notebook.get("NotebookInstanceArn") or name))
    return items


def public_streams(scanner, names: dict, layers: dict) -> list[Item]:
    """Every MSK cluster in a layer VPC whose brokers take public addresses (`public_db`, engine
    kafka): one ListClustersV2 per account and region. PublicAccess Type: "DISABLED means that
    public access is turned off. SERVICE_PROVIDED_EIPS means that public access is turned on"
    (Amazon MSK API Reference)."""
    items = []
    for cluster in scanner._all("kafka", "list_clusters_v2", "ClusterInfoList"):
        group = (cluster.get("Provisioned") or {}).get("BrokerNodeGroupInfo") or {}
        public = ((group.get("ConnectivityInfo") or {}).get("PublicAccess") or {}).get("Type") or "DISABLED"
        vpc = vpc_of(scanner, None, group.get("ClientSubnets"))
        if vpc in names and public != "DISABLED" and cluster.get("State") != "DELETING":
            items.append(Item("public_db", (names[vpc], cluster["ClusterName"]), layers.get(vpc), {"engine": "kafka"},
                              cluster.get("ClusterArn") or cluster["ClusterName"]))
    return items


def public_transfer_servers(scanner, names: dict, layers: dict) -> list[Item]:
    """Every Transfer Family server in a layer VPC made internet-facing: one ListServers per
    account and region, one DescribeServer per VPC server. EndpointDetails AddressAllocationIds:
    "A list of address allocation IDs that are required to attach an Elastic IP address to your
    server's endpoint ... This property can only be set when EndpointType is set to VPC" (AWS
    Transfer Family API Reference): SFTP or FTPS from the internet into the layer."""
    items = []
    for listed in scanner._all("transfer", "list_servers", "Servers"):
        if listed.get("EndpointType") != "VPC":
            continue
        server = unless_code(lambda: scanner._page("transfer", "describe_server", ServerId=listed["ServerId"]),
                             ("ResourceNotFoundException",), {}).get("Server") or {}
        details = server.get("EndpointDetails") or {}
        vpc = vpc_of(scanner, details.get("VpcId"), details.get("SubnetIds"))
        if vpc in names and details.get("AddressAllocationIds"):
            items.append(Item("public_transfer", (names[vpc], listed["ServerId"]), layers.get(vpc),
                              {"protocols": sorted(server.get("Protocols") or ["SFTP"])},
                              server.get("Arn") or listed["ServerId"]))
    return items


@lru_cache(maxsize=None)
def offered_in(service: str) -> frozenset:
    """The regions botocore's endpoint data (read from disk, no call) offers `service` in."""
    return frozenset(get_session().get_available_regions(service))


def desktops_online(scanner, names: dict, layers: dict) -> list[Item]:
    """Every WorkSpaces directory registered in a layer's subnets whose new WorkSpaces get the
    internet directly: one DescribeWorkspaceDirectories per account and region.
    WorkspaceCreationProperties EnableInternetAccess: "Indicates whether internet access is
    enabled for your WorkSpaces" (Amazon WorkSpaces API Reference): each desktop in the layer
    is given a public address. WorkSpaces is not offered in every region (not in Osaka,
    ap-northeast-3, by botocore's endpoint data): where it is not, there is nothing to read."""
    if scanner.region not in offered_in("workspaces"):
        return []
    items = []
    for directory in scanner._all("workspaces", "describe_workspace_directories", "Directories"):
        vpc = vpc_of(scanner, None, directory.get("SubnetIds"))
        online = (directory.get("WorkspaceCreationProperties") or {}).get("EnableInternetAccess")
        if vpc in names and online and directory.get("State") in ("REGISTERED", "REGISTERING"):
            items.append(Item("public_desktop", (names[vpc], directory["DirectoryId"]), layers.get(vpc),
                              {"directory": directory.get("DirectoryName")}, directory["DirectoryId"]))
    return items


def managed_in_public(scanner, names: dict, layers: dict) -> list[Item]:
    """Every read of this module for the layer VPCs `names` (id -> name)."""
    return (public_tasks(scanner, names, layers) + notebooks_online(scanner, names, layers) +
            public_streams(scanner, names, layers) + public_transfer_servers(scanner, names, layers) +
            desktops_online(scanner, names, layers))
