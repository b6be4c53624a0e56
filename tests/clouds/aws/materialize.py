"""Create the declared state of a stack in an AWS endpoint (moto) with plain boto3, from
the plan inventory: what `pulumi up` would have built, for the resources drift compares."""
from __future__ import annotations

import boto3

from clouds.aws.declared import _bucket_props
from drift.desired import Declared
from inventory.tokens import AWS

VPC_ATTACHMENT = AWS.TGW_VPC_ATTACHMENT


def session() -> boto3.Session:
    return boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="ap-northeast-1")


def _tags(d: dict) -> list:
    return [{"Key": k, "Value": str(v)} for k, v in d.items()]


def materialize(inventory: dict, endpoint: str, region: str = "ap-northeast-1") -> dict:
    """Returns urn -> live id for what it created."""
    declared = Declared(inventory)
    s = session()
    ec2 = s.client("ec2", endpoint_url=endpoint, region_name=region)
    s3 = s.client("s3", endpoint_url=endpoint, region_name=region)
    kms = s.client("kms", endpoint_url=endpoint, region_name=region)
    ids: dict = {}

    def of(kind):
        return [r for r in declared.resources if r.type == kind]

    def ref(r, prop):
        target = declared.ref(r, prop)
        return ids.get(target.urn) if target else None

    def spec(resource_type, r):
        return [{"ResourceType": resource_type, "Tags": _tags(r.tags)}]

    for r in of(AWS.VPC):
        ids[r.urn] = ec2.create_vpc(CidrBlock=r.props["cidrBlock"], TagSpecifications=spec("vpc", r))["Vpc"]["VpcId"]
    for r in of(AWS.SUBNET):
        ids[r.urn] = ec2.create_subnet(VpcId=ref(r, "vpcId"), CidrBlock=r.props["cidrBlock"],
                                          AvailabilityZone=r.props["availabilityZone"],
                                          TagSpecifications=spec("subnet", r))["Subnet"]["SubnetId"]
    for r in of(AWS.ROUTE_TABLE):
        ids[r.urn] = ec2.create_route_table(VpcId=ref(r, "vpcId"),
                                               TagSpecifications=spec("route-table", r))["RouteTable"]["RouteTableId"]
    for r in of(AWS.NETWORK_ACL):
        acl = ec2.create_network_acl(VpcId=ref(r, "vpcId"), TagSpecifications=spec("network-acl", r))["NetworkAcl"]
        ids[r.urn] = acl["NetworkAclId"]
        for egress, key in ((False, "ingress"), (True, "egress")):
            for e in r.props.get(key) or []:
                kwargs = dict(NetworkAclId=acl["NetworkAclId"], RuleNumber=int(e["ruleNo"]), Protocol=str(e["protocol"]),
                              RuleAction=e["action"], Egress=egress, CidrBlock=e["cidrBlock"],
                              PortRange={"From": int(e.get("fromPort", 0)), "To": int(e.get("toPort", 0))})
                ec2.create_network_acl_entry(**kwargs)
    for r in of(AWS.DEFAULT_SECURITY_GROUP):
        group = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [ref(r, "vpcId")]},
                                                      {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]
        if group.get("IpPermissionsEgress"):
            ec2.revoke_security_group_egress(GroupId=group["GroupId"], IpPermissions=group["IpPermissionsEgress"])
        if group.get("IpPermissions"):
            ec2.revoke_security_group_ingress(GroupId=group["GroupId"], IpPermissions=group["IpPermissions"])
    for r in of(AWS.TRANSIT_GATEWAY):
        i = r.props
        ids[r.urn] = ec2.create_transit_gateway(
            Description=i.get("description", ""), TagSpecifications=spec("transit-gateway", r),
            Options={"AmazonSideAsn": int(i["amazonSideAsn"]), "DefaultRouteTableAssociation": "disable",
                     "DefaultRouteTablePropagation": "disable"})["TransitGateway"]["TransitGatewayId"]
        # moto keeps a default route table even when default association is disabled (AWS
        # has none); it stays empty and untagged (see tests/clouds/aws/moto_launcher.py)
        options = ec2.describe_transit_gateways(TransitGatewayIds=[ids[r.urn]])["TransitGateways"][0]["Options"]
        if options.get("AssociationDefaultRouteTableId"):
            ec2.delete_transit_gateway_route_table(TransitGatewayRouteTableId=options["AssociationDefaultRouteTableId"])
    for r in of(AWS.TGW_ROUTE_TABLE):
        ids[r.urn] = ec2.create_transit_gateway_route_table(
            TransitGatewayId=ref(r, "transitGatewayId"),
            TagSpecifications=spec("transit-gateway-route-table", r))["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
    for r in of(VPC_ATTACHMENT):
        subnets = [ids[u] for u in r.ref("subnetIds")]
        attachment = ec2.create_transit_gateway_vpc_attachment(
            TransitGatewayId=ref(r, "transitGatewayId"), VpcId=ref(r, "vpcId"), SubnetIds=subnets,
            TagSpecifications=spec("transit-gateway-attachment", r))["TransitGatewayVpcAttachment"]
        ids[r.urn] = attachment["TransitGatewayAttachmentId"]
        # moto 5 reads attachment tags from the wrong tag specification; tag it afterwards
        ec2.create_tags(Resources=[ids[r.urn]], Tags=_tags(r.tags))
    for r in of(AWS.TGW_ASSOCIATION):
        attachment = declared.ref(r, "transitGatewayAttachmentId")
        if attachment and attachment.type == VPC_ATTACHMENT:
            ec2.associate_transit_gateway_route_table(TransitGatewayRouteTableId=ref(r, "transitGatewayRouteTableId"),
                                                      TransitGatewayAttachmentId=ids[attachment.urn])
    for r in of(AWS.TGW_PROPAGATION):
        attachment = declared.ref(r, "transitGatewayAttachmentId")
        if attachment and attachment.type == VPC_ATTACHMENT:
            ec2.enable_transit_gateway_route_table_propagation(
                TransitGatewayRouteTableId=ref(r, "transitGatewayRouteTableId"),
                TransitGatewayAttachmentId=ids[attachment.urn])
    for r in of(AWS.TGW_ROUTE):
        attachment = declared.ref(r, "transitGatewayAttachmentId")
        kwargs = dict(DestinationCidrBlock=r.props["destinationCidrBlock"],
                      TransitGatewayRouteTableId=ref(r, "transitGatewayRouteTableId"))
        if r.props.get("blackhole"):
            ec2.create_transit_gateway_route(Blackhole=True, **kwargs)
        elif attachment and attachment.type == VPC_ATTACHMENT:
            ec2.create_transit_gateway_route(TransitGatewayAttachmentId=ids[attachment.urn], **kwargs)
    for r in of(AWS.ROUTE):
        ec2.create_route(RouteTableId=ref(r, "routeTableId"), DestinationCidrBlock=r.props["destinationCidrBlock"],
                         TransitGatewayId=ref(r, "transitGatewayId"))
    for r in of(AWS.KMS_KEY):
        key = kms.create_key(Description=r.props.get("description", ""),
                             Tags=[{"TagKey": k, "TagValue": v} for k, v in r.tags.items()])["KeyMetadata"]
        ids[r.urn] = key["Arn"]
        if r.props.get("enableKeyRotation"):
            kms.enable_key_rotation(KeyId=key["KeyId"])
    for r in of(AWS.S3_BUCKET):
        name = (r.props.get("bucketPrefix") or r.name).rstrip("-").lower()[:50] + "-x"
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": _tags(r.tags)})
        ids[r.urn] = f"arn:aws:s3:::{name}"
        props = _bucket_props(declared, r)
        if props["sse"]:
            s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [
                {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": props["sse"], "KMSMasterKeyID": "alias/x"}}]})
        if props["versioning"]:
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": props["versioning"]})
    for r in of(AWS.FLOW_LOG):
        bucket = declared.ref(r, "logDestination")
        ec2.create_flow_logs(ResourceIds=[ref(r, "vpcId")], ResourceType="VPC", TrafficType=r.props["trafficType"],
                             LogDestinationType="s3", LogDestination=ids[bucket.urn])
    if of(AWS.EBS_ENCRYPTION_BY_DEFAULT):
        ec2.enable_ebs_encryption_by_default()
    return ids
