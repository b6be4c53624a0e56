"""What a layer VPC offers to others, or lets in, without a route to show it (AWS side of
drift; clouds/aws/drift_scanner.py calls `exposures`): its VPC endpoints (their policies,
private names, route tables and security groups), PrivateLink endpoint services whose
load balancer is in a layer VPC, Instance Connect, Client VPN and Verified Access endpoints,
traffic mirror sessions, VPC Lattice associations, and (clouds/aws/drift_public.py) what answers
from the internet inside the layer.

The stack declares none. A service lets every principal on its allow-list put an endpoint
in their own VPC and reach the load balancer's targets inside the layer, past the transit
gateway, the route tables and the network ACLs: a path in that no route shows."""
from __future__ import annotations

from clouds.aws.drift_forms import policy_form
from clouds.aws.drift_public import answering_publicly, load_balancers
from drift.items import OUTSIDE, Item, most_closed

def exposures(scanner, by_vpc: list, names: dict, layers: dict) -> list[Item]:
    """Every read of this module for the layer VPCs `names` (id -> name)."""
    return (vpc_endpoints(scanner, by_vpc, names, layers) + endpoint_services(scanner, names, layers) +
            connect_endpoints(scanner, by_vpc, names, layers) +
            client_vpn_endpoints(scanner, names, layers) + verified_access_endpoints(scanner, names, layers) +
            mirror_sessions(scanner, scanner.eni_vpcs, names, layers) +
            lattice_associations(scanner, names, layers) + resource_gateways(scanner, names, layers) +
            answering_publicly(scanner, names, layers))


def vpc_endpoints(scanner, by_vpc: list, names: dict, layers: dict) -> list[Item]:
    """One `endpoint` item per VPC endpoint of the layer VPCs, whoever made it: its policy in
    the plan's terms, private names, route tables and security groups by the names the
    tenancy gives them (the scanner's route tables and groups, read before). An endpoint to a
    service network or to a resource configuration (VpcEndpointType ServiceNetwork, Resource)
    names no service: it is keyed by the network's or the configuration's ARN."""
    return [Item("endpoint", (names.get(e["VpcId"]), e.get("ServiceName") or e.get("ServiceNetworkArn") or
                              e.get("ResourceConfigurationArn") or e["VpcEndpointId"]), layers.get(e["VpcId"]),
                 {"type": e.get("VpcEndpointType"), "private_dns": bool(e.get("PrivateDnsEnabled")),
                  "policy": scanner.as_planned(policy_form(e.get("PolicyDocument")),
                                               e.get("OwnerId") or scanner.vpc_owners.get(e["VpcId"])),
                  "route_tables": sorted(scanner.table_names.get(t, t) for t in e.get("RouteTableIds", [])),
                  "security_groups": sorted(scanner.group_names.get(g["GroupId"], g["GroupId"])
                                            for g in e.get("Groups", []))},
                 e["VpcEndpointId"])
            for e in scanner._all("ec2", "describe_vpc_endpoints", "VpcEndpoints", Filters=by_vpc)
            if str(e.get("State", "")).lower() not in ("deleted", "deleting", "rejected", "failed")]


#: how EC2 answers a feature it does not offer in a region ("The functionality you requested
#: is not available in this region"): nothing of it can exist there
NOT_OFFERED = ("UnsupportedOperation", "InvalidAction")


def _where_offered(scanner, operation: str, key: str, **kwargs) -> list:
    """Every entry of an EC2 list, or none where the region does not offer the feature (a
    secondary region may lack one the primary has). Any other refusal is raised."""
    from clouds.aws.drift_data import unless_code
    return unless_code(lambda: scanner._all("ec2", operation, key, **kwargs), NOT_OFFERED, [])


def endpoint_services(scanner, names: dict, layers: dict) -> list[Item]:
    """One `endpoint_service` item per service whose load balancer (network or gateway) is
    in one of `names`' VPCs: one DescribeVpcEndpointServiceConfigurations call; then, only
    when there is a service, its load balancers' VPCs (`load_balancers`) and each such
    service's allowed principals (DescribeVpcEndpointServicePermissions)."""
    services = [s for s in _where_offered(scanner, "describe_vpc_endpoint_service_configurations",
                                          "ServiceConfigurations")
                if str(s.get("ServiceState", "")).lower() not in ("deleted", "deleting", "failed")]
    if not services:
        return []
    vpc_of = {lb["LoadBalancerArn"]: lb.get("VpcId") for lb in load_balancers(scanner)}
    items = []
    for s in services:
        vpcs = {vpc_of.get(arn) for arn in (s.get("NetworkLoadBalancerArns") or []) +
                (s.get("GatewayLoadBalancerArns") or [])} & set(names)
        for vpc in sorted(vpcs):
            allowed = scanner._all("ec2", "describe_vpc_endpoint_service_permissions", "AllowedPrincipals",
                                   ServiceId=s["ServiceId"])
            items.append(Item("endpoint_service", (names[vpc], s["ServiceId"]), layers.get(vpc),
                              {"allowed": sorted(str(p.get("Principal")) for p in allowed),
                               "acceptance_required": bool(s.get("AcceptanceRequired"))}, s["ServiceId"]))
    return items


def mirror_sessions(scanner, eni_vpcs: dict, names: dict, layers: dict) -> list[Item]:
    """Traffic mirror sessions whose source is an interface in a layer VPC (one
    DescribeTrafficMirrorSessions; the targets only when there is one): a copy of every
    packet of that interface, sent to a target that may be anywhere, another account's
    load balancer included."""
    sessions = [s for s in _where_offered(scanner, "describe_traffic_mirror_sessions", "TrafficMirrorSessions")
                if s.get("NetworkInterfaceId") in eni_vpcs]
    if not sessions:
        return []
    targets = {t["TrafficMirrorTargetId"]: t for t in scanner._all(
        "ec2", "describe_traffic_mirror_targets", "TrafficMirrorTargets",
        TrafficMirrorTargetIds=sorted({s["TrafficMirrorTargetId"] for s in sessions}))}
    items = []
    for s in sessions:
        vpc, target = eni_vpcs[s["NetworkInterfaceId"]], targets.get(s["TrafficMirrorTargetId"], {})
        items.append(Item("mirror_session", (names.get(vpc, vpc), s["TrafficMirrorSessionId"]), layers.get(vpc), {
            "source": s["NetworkInterfaceId"],
            "target": target.get("NetworkInterfaceId") or target.get("NetworkLoadBalancerArn") or
            target.get("GatewayLoadBalancerEndpointId") or s["TrafficMirrorTargetId"],
            "target_owner": target.get("OwnerId")}, s["TrafficMirrorSessionId"]))
    return items


def lattice_associations(scanner, names: dict, layers: dict) -> list[Item]:
    """Layer VPCs associated with a VPC Lattice service network (one ListServiceNetworks,
    which lists the account's own and those shared with it; then each network's VPC
    associations): every client in the VPC reaches every service of that network, another
    account's included, with no route, peering or attachment to show it."""
    items = []
    for network in scanner._all("vpc-lattice", "list_service_networks", "items"):
        for a in scanner._all("vpc-lattice", "list_service_network_vpc_associations", "items",
                              serviceNetworkIdentifier=network["id"]):
            if a.get("vpcId") in names and str(a.get("status", "")).upper() not in ("DELETE_IN_PROGRESS",
                                                                                    "DELETE_FAILED", "CREATE_FAILED"):
                items.append(Item("lattice_association", (names[a["vpcId"]], network.get("name") or network["id"]),
                                  layers.get(a["vpcId"]), {"network": network.get("arn")}, a.get("id")))
    return items


def resource_gateways(scanner, names: dict, layers: dict) -> list[Item]:
    """VPC Lattice resource gateways in a layer VPC (one ListResourceGateways, the account's own
    and those shared with it): the way in for resource configurations (a database, an address
    range of the layer) that service networks and other accounts then reach from their own VPCs,
    past every route table and ACL of the layer."""
    return [Item("resource_gateway", (names[g["vpcIdentifier"]], g.get("name") or g["id"]),
                 layers.get(g["vpcIdentifier"]), {"subnets": sorted(g.get("subnetIds") or []),
                                                  "security_groups": sorted(g.get("securityGroupIds") or [])}, g["id"])
            for g in scanner._all("vpc-lattice", "list_resource_gateways", "items")
            if g.get("vpcIdentifier") in names and g.get("status") not in ("DELETE_IN_PROGRESS", "CREATE_FAILED")]


def connect_endpoints(scanner, by_vpc: list, names: dict, layers: dict) -> list[Item]:
    """EC2 Instance Connect Endpoints in a layer VPC (one DescribeInstanceConnectEndpoints):
    SSH or RDP to the VPC's instances from anywhere, for whoever holds the IAM permission,
    with no internet gateway and no public address to show for it."""
    items = []
    for e in _where_offered(scanner, "describe_instance_connect_endpoints", "InstanceConnectEndpoints",
                                Filters=by_vpc):
        if str(e.get("State", "")).startswith("delete") or e.get("VpcId") not in names:
            continue
        items.append(Item("connect_endpoint", (names[e["VpcId"]], e["InstanceConnectEndpointId"]),
                          layers.get(e["VpcId"]), {"subnet": e.get("SubnetId"),
                                                   "preserve_client_ip": bool(e.get("PreserveClientIp"))},
                          e["InstanceConnectEndpointId"]))
    return items


def client_vpn_endpoints(scanner, names: dict, layers: dict) -> list[Item]:
    """Client VPN endpoints associated with a layer VPC (one DescribeClientVpnEndpoints):
    everyone who can authenticate to the endpoint is inside the VPC from anywhere, their
    traffic leaving through interfaces in the associated subnets, with no gateway, route or
    public address to show it. (One attached to a transit gateway instead is a transit
    attachment of type client-vpn, read with the gateway's attachments.)"""
    items = []
    for e in _where_offered(scanner, "describe_client_vpn_endpoints", "ClientVpnEndpoints"):
        if (e.get("Status") or {}).get("Code") in ("deleting", "deleted") or e.get("VpcId") not in names:
            continue
        items.append(Item("client_vpn", (names[e["VpcId"]], e["ClientVpnEndpointId"]), layers.get(e["VpcId"]),
                          {"clients": e.get("ClientCidrBlock"), "split_tunnel": bool(e.get("SplitTunnel")),
                           "subnets": sorted(n.get("NetworkId") for n in e.get("AssociatedTargetNetworks") or []),
                           "status": (e.get("Status") or {}).get("Code")}, e["ClientVpnEndpointId"]))
    return items


def verified_access_endpoints(scanner, names: dict, layers: dict) -> list[Item]:
    """Verified Access endpoints reaching into a layer VPC (one DescribeVerifiedAccessEndpoints):
    an application inside the layer (through a load balancer, a network interface, an RDS
    database or a CIDR range, from the given subnets) published to users on the internet who
    pass a trust provider's check, with no VPN, route or public address to show it. The
    endpoint names subnets or an interface, not a VPC: placed by the layer VPCs' own."""
    items = []
    for e in _where_offered(scanner, "describe_verified_access_endpoints", "VerifiedAccessEndpoints"):
        if (e.get("Status") or {}).get("Code") in ("deleting", "deleted"):
            continue
        subnets = [s for name in ("LoadBalancerOptions", "CidrOptions", "RdsOptions")
                   for s in (e.get(name) or {}).get("SubnetIds") or []]
        eni = (e.get("NetworkInterfaceOptions") or {}).get("NetworkInterfaceId")
        vpcs = {scanner.subnet_vpcs.get(s) for s in subnets} | ({scanner.eni_vpcs.get(eni)} if eni else set())
        for vpc in sorted(v for v in vpcs if v in names):
            items.append(Item("verified_access", (names[vpc], e["VerifiedAccessEndpointId"]), layers.get(vpc),
                              {"type": e.get("EndpointType"), "domain": e.get("ApplicationDomain"),
                               "via": sorted(subnets) or [eni]}, e["VerifiedAccessEndpointId"]))
    return items


def bridges(scanner, enis, layers: dict) -> list[Item]:
    """An instance with interfaces in the VPCs of more than one layer (multi-VPC ENI
    attachment), or in a layer VPC and a VPC that is none of the tenancy's, routes between them
    itself, past every transit route table: one `bridge` item per such instance, named by the
    more closed layer and attributed to both ends. `enis` are the layer VPCs' interfaces; the
    other interfaces of the instances they are attached to are read only when there is one
    (one DescribeNetworkInterfaces by attachment.instance-id, 200 instances a call)."""
    by_instance: dict = {}
    for eni in enis:
        instance = (eni.get("Attachment") or {}).get("InstanceId")
        if instance and eni.get("VpcId") in layers:
            by_instance.setdefault(instance, set()).add(eni["VpcId"])
    ids = sorted(by_instance)
    for chunk in (ids[i:i + 200] for i in range(0, len(ids), 200)):
        for eni in scanner._all("ec2", "describe_network_interfaces", "NetworkInterfaces",
                                Filters=[{"Name": "attachment.instance-id", "Values": chunk}]):
            instance = (eni.get("Attachment") or {}).get("InstanceId")
            if instance in by_instance and eni.get("VpcId"):
                by_instance[instance].add(eni["VpcId"])
    items = []
    for instance, vpcs in sorted(by_instance.items()):
        ends = {layers.get(v) or OUTSIDE for v in vpcs}  # a VPC of no layer: the default VPC, an undeclared one
        if len(vpcs) > 1 and len(ends) > 1:
            items.append(Item("bridge", (instance,), most_closed(ends), {"layers": sorted(ends), "vpcs": sorted(
                scanner.vpc_names.get(v, v) for v in vpcs)}, instance))
    return items
