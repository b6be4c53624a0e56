"""Create the declared state of a stack in an AWS endpoint (moto) with plain boto3, from
the plan inventory: what `pulumi up` would have built, for the resources drift compares."""
from __future__ import annotations

import boto3

from clouds.aws.components.accounts import role_arn
from clouds.aws.declaration import DEPLOY_ROLE_DEFAULT
from clouds.aws.sessions import to_one_endpoint, with_credentials
from clouds.aws.declared import BLOCK_FLAGS, _bucket_props, account_of
from drift.desired import Declared
from inventory.tokens import AWS

VPC_ATTACHMENT = AWS.TGW_VPC_ATTACHMENT
EXTERNAL_ID = "govcloud-test-external-id"


def session() -> boto3.Session:
    return with_credentials({"AccessKeyId": "testing", "SecretAccessKey": "testing"}, "ap-northeast-1")


def _tags(d: dict) -> list:
    return [{"Key": k, "Value": str(v)} for k, v in d.items()]


def in_account(account: str, endpoint: str, external_id: str = EXTERNAL_ID) -> boto3.Session:
    """A session in a system account, as the network stack gets one: the deploy role
    assumed through STS (moto keys its state by the account of the role)."""
    creds = session().client("sts", endpoint_url=endpoint).assume_role(
        RoleArn=role_arn(account, DEPLOY_ROLE_DEFAULT), RoleSessionName="materialize",
        ExternalId=external_id)["Credentials"]
    return with_credentials(creds, "ap-northeast-1")


def materialize(inventory: dict, endpoint: str, region: str = "ap-northeast-1") -> dict:
    """Returns urn -> live id for what it created, each resource in the account of its
    provider, with the links the plan declares (each subnet's route table and network ACL).
    moto does not share a transit gateway through RAM: the gateway's attachments are created
    on its owner's side (which lists them, as AWS does), and a system account's routes name
    the network account's gateway (tests/clouds/aws/moto_launcher.py lets them, as RAM does)."""
    declared = Declared(inventory)
    ids: dict = {}
    clients: dict = {}

    def client(r, service):
        account, where = account_of(r), r.props.get("region") or region  # pulumi-aws 7: a resource's own region
        if (account, service, where) not in clients:
            s = session() if account == "network" else in_account(account, endpoint)
            clients[(account, service, where)] = to_one_endpoint(s.client(service, endpoint_url=endpoint,
                                                                          region_name=where), endpoint)
        return clients[(account, service, where)]

    def of(kind):
        return [r for r in declared.resources if r.type == kind]

    def ref(r, prop):
        target = declared.ref(r, prop)
        return ids.get(target.urn) if target else None

    def spec(resource_type, r):
        return [{"ResourceType": resource_type, "Tags": _tags(r.tags)}]

    dhcp: dict = {}  # the account and region's default DHCP option set
    for r in of(AWS.VPC):
        ec2 = client(r, 'ec2')
        ids[r.urn] = ec2.create_vpc(CidrBlock=r.props["cidrBlock"], TagSpecifications=spec("vpc", r))["Vpc"]["VpcId"]
        # AWS gives a new VPC the region's default DHCP option set (the VPC's own resolver,
        # AmazonProvidedDNS); moto gives it none ("default"): made as AWS does
        if id(ec2) not in dhcp:
            dhcp[id(ec2)] = ec2.create_dhcp_options(DhcpConfigurations=[
                {"Key": "domain-name", "Values": [f"{ec2.meta.region_name}.compute.internal"]},
                {"Key": "domain-name-servers", "Values": ["AmazonProvidedDNS"]}])["DhcpOptions"]["DhcpOptionsId"]
        ec2.associate_dhcp_options(DhcpOptionsId=dhcp[id(ec2)], VpcId=ids[r.urn])
        # the DNS attributes as declared (AWS's defaults: support on, hostnames off)
        for attribute, default in (("EnableDnsSupport", True), ("EnableDnsHostnames", False)):
            wanted = r.props.get(attribute[0].lower() + attribute[1:], default)
            if wanted != default:
                ec2.modify_vpc_attribute(VpcId=ids[r.urn], **{attribute: {"Value": bool(wanted)}})
    for r in of(AWS.SUBNET):
        ids[r.urn] = client(r, 'ec2').create_subnet(VpcId=ref(r, "vpcId"), CidrBlock=r.props["cidrBlock"],
                                          AvailabilityZone=r.props["availabilityZone"],
                                          TagSpecifications=spec("subnet", r))["Subnet"]["SubnetId"]
    for r in of(AWS.ROUTE_TABLE):
        ids[r.urn] = client(r, 'ec2').create_route_table(VpcId=ref(r, "vpcId"),
                                               TagSpecifications=spec("route-table", r))["RouteTable"]["RouteTableId"]
    for r in of(AWS.NETWORK_ACL):
        acl = client(r, 'ec2').create_network_acl(VpcId=ref(r, "vpcId"), TagSpecifications=spec("network-acl", r))["NetworkAcl"]
        ids[r.urn] = acl["NetworkAclId"]
        for egress, key in ((False, "ingress"), (True, "egress")):
            for e in r.props.get(key) or []:
                kwargs = dict(NetworkAclId=acl["NetworkAclId"], RuleNumber=int(e["ruleNo"]), Protocol=str(e["protocol"]),
                              RuleAction=e["action"], Egress=egress, CidrBlock=e["cidrBlock"],
                              PortRange={"From": int(e.get("fromPort", 0)), "To": int(e.get("toPort", 0))})
                client(r, 'ec2').create_network_acl_entry(**kwargs)
    for r in of(AWS.ROUTE_TABLE_ASSOCIATION):
        client(r, 'ec2').associate_route_table(RouteTableId=ref(r, "routeTableId"), SubnetId=ref(r, "subnetId"))
    for r in of(AWS.NETWORK_ACL):
        ec2 = client(r, 'ec2')
        subnets = [ids[u] for u in r.ref("subnetIds")]
        for acl in ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": subnets}])["NetworkAcls"]:
            for association in acl["Associations"]:
                if association["SubnetId"] in subnets:
                    ec2.replace_network_acl_association(AssociationId=association["NetworkAclAssociationId"],
                                                        NetworkAclId=ids[r.urn])
    for r in of(AWS.SECURITY_GROUP):
        ec2 = client(r, 'ec2')
        ids[r.urn] = ec2.create_security_group(
            GroupName=r.name, Description=r.props.get("description", r.name), VpcId=ref(r, "vpcId"),
            TagSpecifications=spec("security-group", r))["GroupId"]
        # as pulumi-aws does with inline rules: the declared ones, and AWS's default egress
        # rule removed when the declaration lists egress (an empty list: none)
        if r.props.get("ingress"):
            ec2.authorize_security_group_ingress(GroupId=ids[r.urn], IpPermissions=_permissions(r.props["ingress"]))
        if "egress" in r.props:
            ec2.revoke_security_group_egress(GroupId=ids[r.urn], IpPermissions=[
                {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
            if r.props["egress"]:
                ec2.authorize_security_group_egress(GroupId=ids[r.urn], IpPermissions=_permissions(r.props["egress"]))
    for r in of(AWS.VPC_ENDPOINT):
        kwargs = dict(VpcId=ref(r, "vpcId"), ServiceName=r.props["serviceName"],
                      VpcEndpointType=r.props.get("vpcEndpointType", "Gateway"), TagSpecifications=spec("vpc-endpoint", r))
        if r.ref("subnetIds"):
            kwargs.update(SubnetIds=[ids[u] for u in r.ref("subnetIds")],
                          SecurityGroupIds=[ids[u] for u in r.ref("securityGroupIds")])
        if r.ref("routeTableIds"):
            kwargs.update(RouteTableIds=[ids[u] for u in r.ref("routeTableIds")])
        if r.props.get("policy"):
            kwargs.update(PolicyDocument=r.props["policy"])
        if kwargs["VpcEndpointType"] == "Interface":  # the provider's default: false
            kwargs.update(PrivateDnsEnabled=bool(r.props.get("privateDnsEnabled", False)))
        ids[r.urn] = client(r, 'ec2').create_vpc_endpoint(**kwargs)["VpcEndpoint"]["VpcEndpointId"]
    for r in of(AWS.DEFAULT_SECURITY_GROUP):
        group = client(r, 'ec2').describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [ref(r, "vpcId")]},
                                                      {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]
        if group.get("IpPermissionsEgress"):
            client(r, 'ec2').revoke_security_group_egress(GroupId=group["GroupId"], IpPermissions=group["IpPermissionsEgress"])
        if group.get("IpPermissions"):
            client(r, 'ec2').revoke_security_group_ingress(GroupId=group["GroupId"], IpPermissions=group["IpPermissions"])
    for r in of(AWS.TRANSIT_GATEWAY):
        i = r.props
        ids[r.urn] = client(r, 'ec2').create_transit_gateway(
            Description=i.get("description", ""), TagSpecifications=spec("transit-gateway", r),
            Options={"AmazonSideAsn": int(i["amazonSideAsn"]), "DefaultRouteTableAssociation": "disable",
                     "DefaultRouteTablePropagation": "disable"})["TransitGateway"]["TransitGatewayId"]
        # moto keeps a default route table even when default association is disabled (AWS
        # has none); it stays empty and untagged (see tests/clouds/aws/moto_launcher.py)
        options = client(r, 'ec2').describe_transit_gateways(TransitGatewayIds=[ids[r.urn]])["TransitGateways"][0]["Options"]
        if options.get("AssociationDefaultRouteTableId"):
            client(r, 'ec2').delete_transit_gateway_route_table(TransitGatewayRouteTableId=options["AssociationDefaultRouteTableId"])
    for r in of(AWS.TGW_ROUTE_TABLE):
        ids[r.urn] = client(r, 'ec2').create_transit_gateway_route_table(
            TransitGatewayId=ref(r, "transitGatewayId"),
            TagSpecifications=spec("transit-gateway-route-table", r))["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
    for r in of(VPC_ATTACHMENT):
        subnets = [ids[u] for u in r.ref("subnetIds")]
        owner = declared.ref(r, "transitGatewayId")  # the gateway's account lists its attachments
        attachment = client(owner, 'ec2').create_transit_gateway_vpc_attachment(
            TransitGatewayId=ref(r, "transitGatewayId"), VpcId=ref(r, "vpcId"), SubnetIds=subnets,
            TagSpecifications=spec("transit-gateway-attachment", r))["TransitGatewayVpcAttachment"]
        ids[r.urn] = attachment["TransitGatewayAttachmentId"]
        # moto 5 reads attachment tags from the wrong tag specification; tag it afterwards
        client(owner, 'ec2').create_tags(Resources=[ids[r.urn]], Tags=_tags(r.tags))
    transit_links = []  # associations and propagations of VPN and Direct Connect attachments: made at the end
    for r in of(AWS.TGW_ASSOCIATION):
        attachment = declared.ref(r, "transitGatewayAttachmentId")
        if attachment and attachment.type == VPC_ATTACHMENT:
            client(r, 'ec2').associate_transit_gateway_route_table(TransitGatewayRouteTableId=ref(r, "transitGatewayRouteTableId"),
                                                      TransitGatewayAttachmentId=ids[attachment.urn])
        elif attachment:
            transit_links.append(r)
    for r in of(AWS.TGW_PROPAGATION):
        attachment = declared.ref(r, "transitGatewayAttachmentId")
        if attachment and attachment.type == VPC_ATTACHMENT:
            client(r, 'ec2').enable_transit_gateway_route_table_propagation(
                TransitGatewayRouteTableId=ref(r, "transitGatewayRouteTableId"),
                TransitGatewayAttachmentId=ids[attachment.urn])
        elif attachment:
            transit_links.append(r)
    for r in of(AWS.TGW_ROUTE):
        attachment = declared.ref(r, "transitGatewayAttachmentId")
        kwargs = dict(DestinationCidrBlock=r.props["destinationCidrBlock"],
                      TransitGatewayRouteTableId=ref(r, "transitGatewayRouteTableId"))
        if r.props.get("blackhole"):
            client(r, 'ec2').create_transit_gateway_route(Blackhole=True, **kwargs)
        elif attachment and attachment.type == VPC_ATTACHMENT:
            client(r, 'ec2').create_transit_gateway_route(TransitGatewayAttachmentId=ids[attachment.urn], **kwargs)
    for r in of(AWS.ROUTE):
        gateway = ref(r, "transitGatewayId")  # in a system account: the network account's, shared
        client(r, 'ec2').create_route(RouteTableId=ref(r, "routeTableId"),
                                      DestinationCidrBlock=r.props["destinationCidrBlock"], TransitGatewayId=gateway)
    for r in of(AWS.DX_CONNECTION):  # the line as AWS lists it once the partner has provisioned it
        i = r.props
        ids[r.urn] = client(r, 'directconnect').create_connection(
            location=i["location"], bandwidth=i["bandwidth"], connectionName=i["name"],
            requestMACSec=bool(i.get("requestMacsec")))["connectionId"]
    for r in of(AWS.DX_MACSEC_KEY):  # the CAK is a secret in the plan: a stand-in of its length
        client(r, 'directconnect').associate_mac_sec_key(connectionId=ref(r, "connectionId"),
                                                         ckn=str(r.props.get("ckn") or "0" * 64), cak="0" * 64)
    for r in of(AWS.DX_GATEWAY):  # served by tests/clouds/aws/moto_directconnect.py (moto lacks it)
        ids[r.urn] = client(r, 'directconnect').create_direct_connect_gateway(
            directConnectGatewayName=r.props["name"], amazonSideAsn=int(r.props["amazonSideAsn"])
        )["directConnectGateway"]["directConnectGatewayId"]
    for r in of(AWS.DX_GATEWAY_ASSOCIATION):
        client(r, 'directconnect').create_direct_connect_gateway_association(
            directConnectGatewayId=ref(r, "dxGatewayId"), gatewayId=ref(r, "associatedGatewayId"),
            addAllowedPrefixesToDirectConnectGateway=[{"cidr": c} for c in r.props.get("allowedPrefixes") or []])
    for r in of(AWS.DX_TRANSIT_VIF):
        i = r.props
        ids[r.urn] = client(r, 'directconnect').create_transit_virtual_interface(
            # a hosted line's connection is the carrier's, named by its id (confirmed, not created)
            connectionId=ref(r, "connectionId") or i["connectionId"], newTransitVirtualInterface={
                "virtualInterfaceName": i["name"], "vlan": int(i["vlan"]), "asn": int(i["bgpAsn"]),
                "mtu": int(i.get("mtu", 1500)), "addressFamily": i.get("addressFamily", "ipv4"),
                "directConnectGatewayId": ref(r, "dxGatewayId"), "authKey": "set-by-pulumi",
                "tags": [{"key": k, "value": str(v)} for k, v in r.tags.items()]})["virtualInterface"]["virtualInterfaceId"]
    for r in of(AWS.DX_HOSTED_TRANSIT_VIF_ACCEPTOR):  # the partner allocated it; the owner accepts it
        client(r, 'directconnect').confirm_transit_virtual_interface(
            virtualInterfaceId=r.props["virtualInterfaceId"], directConnectGatewayId=ref(r, "dxGatewayId"))
        ids[r.urn] = r.props["virtualInterfaceId"]
    for r in of(AWS.CUSTOMER_GATEWAY):
        ids[r.urn] = client(r, 'ec2').create_customer_gateway(
            Type=r.props.get("type", "ipsec.1"), IpAddress=r.props["ipAddress"], BgpAsn=int(r.props["bgpAsn"]),
            TagSpecifications=spec("customer-gateway", r))["CustomerGateway"]["CustomerGatewayId"]
    for r in of(AWS.VPN_CONNECTION):
        vpn = client(r, 'ec2').create_vpn_connection(Type=r.props.get("type", "ipsec.1"),
                                                     CustomerGatewayId=ref(r, "customerGatewayId"),
                                                     TransitGatewayId=ref(r, "transitGatewayId"),
                                                     Options=_vpn_options(r.props))["VpnConnection"]
        ids[r.urn] = vpn["VpnConnectionId"]
        client(r, 'ec2').create_tags(Resources=[ids[r.urn]], Tags=_tags(r.tags))
    for r in transit_links:  # the VPN's and the Direct Connect gateway's own transit attachments
        attachment = declared.ref(r, "transitGatewayAttachmentId")
        resource = ids.get(attachment.urn) if attachment.type == AWS.VPN_CONNECTION else \
            ids.get(declared.ref(attachment, "dxGatewayId").urn)
        ec2 = client(r, 'ec2')
        live = ec2.describe_transit_gateway_attachments(
            Filters=[{"Name": "resource-id", "Values": [resource]}])["TransitGatewayAttachments"][0]
        table = ref(r, "transitGatewayRouteTableId")
        if r.type == AWS.TGW_ASSOCIATION:
            ec2.associate_transit_gateway_route_table(TransitGatewayRouteTableId=table,
                                                      TransitGatewayAttachmentId=live["TransitGatewayAttachmentId"])
        else:
            ec2.enable_transit_gateway_route_table_propagation(
                TransitGatewayRouteTableId=table, TransitGatewayAttachmentId=live["TransitGatewayAttachmentId"])
    for r in of(AWS.KMS_KEY):
        key = client(r, 'kms').create_key(Description=r.props.get("description", ""),
                                          **({"Policy": r.props["policy"]} if r.props.get("policy") else {}),
                                          Tags=[{"TagKey": k, "TagValue": v} for k, v in r.tags.items()])["KeyMetadata"]
        ids[r.urn] = key["Arn"]
        if r.props.get("enableKeyRotation"):
            client(r, 'kms').enable_key_rotation(KeyId=key["KeyId"])
    for r in of(AWS.KMS_ALIAS):
        client(r, 'kms').create_alias(AliasName=r.props["name"], TargetKeyId=ref(r, "targetKeyId").rsplit("/", 1)[-1])
    for r in of(AWS.S3_BUCKET):
        name = (r.props.get("bucketPrefix") or r.name).rstrip("-").lower()[:50] + "-x"
        client(r, 's3').create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
        client(r, 's3').put_bucket_tagging(Bucket=name, Tagging={"TagSet": _tags(r.tags)})
        ids[r.urn] = f"arn:aws:s3:::{name}"
        props = _bucket_props(declared, r)
        if props["sse"]:
            key = next((k for k in of(AWS.KMS_KEY) if declared.name(k) == props["sse_key"]), None)
            client(r, 's3').put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [
                {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": props["sse"],
                                                        "KMSMasterKeyID": ids[key.urn] if key else "alias/x"}}]})
        if props["public_access_block"]:
            client(r, 's3').put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
                flag: flag in props["public_access_block"] for flag in BLOCK_FLAGS})
        if props["versioning"]:
            client(r, 's3').put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": props["versioning"]})
    for r in of(AWS.S3_BUCKET_POLICY):  # the plan's policy, on the bucket it names
        client(r, 's3').put_bucket_policy(Bucket=ref(r, "bucket").split(":::", 1)[1], Policy=r.props["policy"])
    for r in of(AWS.FLOW_LOG):
        bucket = declared.ref(r, "logDestination")
        client(r, 'ec2').create_flow_logs(ResourceIds=[ref(r, "vpcId")], ResourceType="VPC", TrafficType=r.props["trafficType"],
                             LogDestinationType="s3", LogDestination=ids[bucket.urn])
    for r in of(AWS.EBS_ENCRYPTION_BY_DEFAULT):
        client(r, 'ec2').enable_ebs_encryption_by_default()
    for r in of(AWS.S3_ACCOUNT_PUBLIC_ACCESS):
        client(r, 's3control').put_public_access_block(
            AccountId=client(r, 'sts').get_caller_identity()["Account"],
            PublicAccessBlockConfiguration={api: bool(r.props.get(flag)) for api, flag in BLOCK_FLAGS.items()})
    for r in of(AWS.EBS_DEFAULT_KEY):
        client(r, 'ec2').modify_ebs_default_kms_key_id(KmsKeyId=ref(r, "keyArn"))
    for r in of(AWS.RESOLVER_ENDPOINT):  # the layers' DNS forwarding, as declared
        ids[r.urn] = client(r, 'route53resolver').create_resolver_endpoint(
            CreatorRequestId=r.name, Name=r.props["name"], Direction=r.props["direction"],
            SecurityGroupIds=[ids[u] for u in r.ref("securityGroupIds")],
            IpAddresses=[{"SubnetId": ids[u]} for u in r.ref("ipAddresses")])["ResolverEndpoint"]["Id"]
    for r in of(AWS.RESOLVER_RULE):
        ids[r.urn] = client(r, 'route53resolver').create_resolver_rule(
            CreatorRequestId=r.name, Name=r.props["name"], RuleType=r.props["ruleType"],
            DomainName=r.props["domainName"], ResolverEndpointId=ref(r, "resolverEndpointId"),
            TargetIps=[{"Ip": t["ip"], "Port": int(t.get("port", 53))} for t in r.props["targetIps"]])["ResolverRule"]["Id"]
    for r in of(AWS.RESOLVER_RULE_ASSOCIATION):
        client(r, 'route53resolver').associate_resolver_rule(ResolverRuleId=ref(r, "resolverRuleId"),
                                                             VPCId=ref(r, "vpcId"))
    for r in of(AWS.RAM_SHARE):  # the transit gateway shared with the system accounts, as declared
        ram = client(r, 'ram')
        members = [m for m in declared.resources if declared.ref(m, "resourceShareArn") is r]
        arns = [_arn(client(m, 'ec2'), declared.ref(m, "resourceArn"), ids) for m in members
                if m.type == AWS.RAM_RESOURCE_ASSOCIATION]
        ids[r.urn] = ram.create_resource_share(
            name=r.props["name"], resourceArns=arns, allowExternalPrincipals=bool(r.props.get("allowExternalPrincipals")),
            principals=[m.props["principal"] for m in members if m.type == AWS.RAM_PRINCIPAL_ASSOCIATION],
            tags=[{"key": k, "value": str(v)} for k, v in r.tags.items()])["resourceShare"]["resourceShareArn"]
    return ids


def _arn(ec2, target, ids: dict) -> str:
    """The live ARN of a shared resource the plan names (the transit gateway, a subnet)."""
    if target.type == AWS.TRANSIT_GATEWAY:
        return ec2.describe_transit_gateways(TransitGatewayIds=[ids[target.urn]])["TransitGateways"][0]["TransitGatewayArn"]
    subnet = ec2.describe_subnets(SubnetIds=[ids[target.urn]])["Subnets"][0]
    return subnet["SubnetArn"]


def _vpn_options(i: dict) -> dict:
    """CreateVpnConnection's Options from the declared tunnel inputs (the pre-shared keys
    left out: the inventory holds them as secrets)."""
    from clouds.aws.declared import TUNNEL_SUITES
    request = {"IkeVersions": "IKEVersions"}
    tunnels = []
    for n in (1, 2):
        tunnel = {request.get(s, m): [{"Value": v} for v in i[f"tunnel{n}{s}"]]
                  for s, m in TUNNEL_SUITES.items() if i.get(f"tunnel{n}{s}")}
        if i.get(f"tunnel{n}InsideCidr"):
            tunnel["TunnelInsideCidr"] = i[f"tunnel{n}InsideCidr"]
        tunnels.append(tunnel)
    return {"StaticRoutesOnly": bool(i.get("staticRoutesOnly")), "TunnelOptions": tunnels}


def _permissions(rules: list) -> list:
    """pulumi-aws inline rules (CIDR sources) as EC2 IpPermissions."""
    out = []
    for rule in rules:
        permission = {"IpProtocol": str(rule["protocol"]),
                      "IpRanges": [{"CidrIp": c} for c in rule.get("cidrBlocks") or []],
                      "Ipv6Ranges": [{"CidrIpv6": c} for c in rule.get("ipv6CidrBlocks") or []]}
        if str(rule["protocol"]) not in ("-1", "all"):
            permission.update(FromPort=int(rule["fromPort"]), ToPort=int(rule["toPort"]))
        out.append(permission)
    return out
