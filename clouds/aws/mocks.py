"""What the mock runtime answers for AWS resources and invokes: realistic, deterministic ids
and ARNs derived from the resource's URN key. Nothing here decides what is built."""
from __future__ import annotations

import uuid

from inventory.tokens import AWS

ACCOUNT_ID = "123456789012"

#: AWS type token -> id prefix (ids are prefix + 17 hex digits, like AWS's).
AWS_ID_PREFIX = {
    AWS.VPC: "vpc-", AWS.SUBNET: "subnet-", AWS.ROUTE_TABLE: "rtb-",
    AWS.NETWORK_ACL: "acl-", AWS.DEFAULT_SECURITY_GROUP: "sg-",
    AWS.SECURITY_GROUP: "sg-", AWS.FLOW_LOG: "fl-",
    AWS.INTERNET_GATEWAY: "igw-", AWS.NAT_GATEWAY: "nat-",
    AWS.EIP: "eipalloc-", AWS.CUSTOMER_GATEWAY: "cgw-",
    AWS.VPN_CONNECTION: "vpn-", AWS.ROUTE_TABLE_ASSOCIATION: "rtbassoc-",
    AWS.VPC_PEERING: "pcx-", AWS.INSTANCE: "i-",
    AWS.EBS_VOLUME: "vol-", AWS.LAUNCH_TEMPLATE: "lt-",
    AWS.TRANSIT_GATEWAY: "tgw-",
    AWS.TGW_ROUTE_TABLE: "tgw-rtb-",
    AWS.TGW_VPC_ATTACHMENT: "tgw-attach-",
    AWS.DX_CONNECTION: "dxcon-",
    AWS.DX_TRANSIT_VIF: "dxvif-",
    AWS.VPC_ENDPOINT: "vpce-",
    AWS.RESOLVER_ENDPOINT: "rslvr-in-",
    AWS.RESOLVER_RULE: "rslvr-rr-",
    AWS.RESOLVER_RULE_ASSOCIATION: "rslvr-rrassoc-",
}
#: ARN templates by type: {region}, {account}, {id}, {name}.
AWS_ARN = {
    AWS.VPC: "arn:aws:ec2:{region}:{account}:vpc/{id}",
    AWS.SUBNET: "arn:aws:ec2:{region}:{account}:subnet/{id}",
    AWS.TRANSIT_GATEWAY: "arn:aws:ec2:{region}:{account}:transit-gateway/{id}",
    AWS.TGW_ROUTE_TABLE: "arn:aws:ec2:{region}:{account}:transit-gateway-route-table/{id}",
    AWS.KMS_KEY: "arn:aws:kms:{region}:{account}:key/{id}",
    AWS.KMS_ALIAS: "arn:aws:kms:{region}:{account}:{name}",
    AWS.S3_BUCKET: "arn:aws:s3:::{id}",
    AWS.DX_CONNECTION: "arn:aws:directconnect:{region}:{account}:dxcon/{id}",
    AWS.DX_TRANSIT_VIF: "arn:aws:directconnect:{region}:{account}:dxvif/{id}",
    AWS.VPN_CONNECTION: "arn:aws:ec2:{region}:{account}:vpn-connection/{id}",
    AWS.CUSTOMER_GATEWAY: "arn:aws:ec2:{region}:{account}:customer-gateway/{id}",
    # pulumi-aws ResourceShare.arn: "ARN of the resource share"
    AWS.RAM_SHARE: "arn:aws:ram:{region}:{account}:resource-share/{id}",
}


def resource(typ, name, inputs, key, region, project=None):
    prefix = AWS_ID_PREFIX.get(typ)
    if typ == AWS.KMS_KEY:
        rid = str(uuid.UUID(key[:32]))
        state = {"keyId": rid}
    elif typ == AWS.S3_BUCKET:
        rid = inputs.get("bucket") or (inputs.get("bucketPrefix", f"{name}-") + key[:12])
        state = {"bucket": rid, "bucketDomainName": f"{rid}.s3.amazonaws.com", "region": region}
    elif typ == AWS.DX_GATEWAY:
        rid = str(uuid.UUID(key[:32]))
        state = {"ownerAccountId": ACCOUNT_ID}
    elif typ == AWS.DX_GATEWAY_ASSOCIATION:
        rid = "ga-" + str(uuid.UUID(key[:32]))
        state = {"transitGatewayAttachmentId": "tgw-attach-" + key[32:49], "dxGatewayAssociationId": rid,
                 "associatedGatewayType": "transitGateway"}
    elif typ == AWS.VPN_CONNECTION:
        rid = "vpn-" + key[:17]
        state = {"transitGatewayAttachmentId": "tgw-attach-" + key[17:34],
                 "tunnel1Address": "198.51.100.10", "tunnel2Address": "198.51.100.11"}
    elif typ == AWS.KMS_ALIAS:
        rid = inputs.get("name", name)
        state = {}
    elif prefix:
        rid = prefix + key[:17]
        state = {}
    else:
        rid = f"{name}-{key[:8]}"
        state = {}
    if typ == AWS.VPC:
        state.update(defaultSecurityGroupId="sg-" + key[17:34], mainRouteTableId="rtb-" + key[17:34],
                     defaultNetworkAclId="acl-" + key[17:34], ownerId=ACCOUNT_ID)
    if "name" not in inputs:  # Pulumi's auto-naming: the logical name and seven random characters
        state["name"] = f"{name}-{key[:7]}"
    template = AWS_ARN.get(typ) or _arn_template(typ)
    state["arn"] = template.format(region=region, account=ACCOUNT_ID, id=rid,
                                   name=inputs.get("name", state.get("name")))
    if typ == "aws:lambda/function:Function":
        # "ARN to be used for invoking Lambda Function from API Gateway - to be used in
        # `apigateway.Integration`'s `uri`" (pulumi_aws Function.invoke_arn), in API Gateway's form
        state["invokeArn"] = f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{state['arn']}/invocations"
    return rid, {**inputs, **state}


def _arn_template(typ: str) -> str:
    """An ARN for a type the table leaves out, so that what names it (`lb.arn`, `function.name`)
    is known in an offline plan, as an existing resource's is in a preview: the service's own
    form for the load balancers and functions a vendor points things at, else
    `arn:aws:<module>:<region>:<account>:<type>/<id>`."""
    module, kind = typ.split(":")[1].split("/")[0], typ.rsplit(":", 1)[-1].lower()
    if module in ("lb", "alb"):
        return "arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/net/{name}/{id}"
    if module == "lambda" and kind == "function":
        return "arn:aws:lambda:{region}:{account}:function:{name}"
    return f"arn:aws:{module}:{{region}}:{{account}}:{kind}/{{id}}"


def call(token: str, args: dict, default_region: str, project: str | None = None) -> dict | None:
    if token == "aws:index/getCallerIdentity:getCallerIdentity":
        return {"accountId": ACCOUNT_ID, "arn": f"arn:aws:iam::{ACCOUNT_ID}:user/govcloud-plan",
                "id": ACCOUNT_ID, "userId": "AIDAGOVCLOUDPLAN"}
    if token == "aws:index/getRegion:getRegion":
        region = args.get("name") or args.get("region") or default_region
        return {"name": region, "region": region, "id": region}
    if token == "aws:directconnect/getLocation:getLocation":
        return _location(args.get("locationCode"), args.get("region") or default_region)
    if token == "aws:index/getPartition:getPartition":
        return {"partition": "aws", "dnsSuffix": "amazonaws.com", "id": "aws"}
    if token == "aws:ec2/getVpcEndpointService:getVpcEndpointService":
        return _endpoint_service(args.get("service"), args.get("serviceType"), args.get("region") or default_region)
    if token == "aws:ec2/getPrefixList:getPrefixList":
        return _prefix_list(args.get("name"), args.get("region") or default_region)
    return None


def _endpoint_service(service: str, kind: str, region: str) -> dict:
    """A regional AWS service as DescribeVpcEndpointServices describes it (all zones the
    plan uses; every service here takes endpoint policies in this answer, and `up` reads
    the real flag)."""
    from clouds.aws.catalog import ZONES
    name = f"com.amazonaws.{region}.{service}"
    return {"service": service, "serviceName": name, "serviceType": kind or "Interface", "id": name,
            "availabilityZones": list(ZONES.get(region, ())), "vpcEndpointPolicySupported": True,
            "privateDnsName": f"{service}.{region}.amazonaws.com" if kind == "Interface" else None,
            "owner": "amazon", "acceptanceRequired": False, "managesVpcEndpoints": False}


#: S3's prefix list in ap-northeast-1 as AWS once listed it (pl-61a54008, four CIDRs; a
#: public `describe-prefix-lists` dump): an offline plan assumes these, `up` reads the live list.
S3_PREFIX_LISTS = {"ap-northeast-1": ("pl-61a54008", ("52.219.0.0/20", "54.231.224.0/21", "52.219.16.0/22",
                                                      "52.219.68.0/22"))}


def _prefix_list(name: str, region: str) -> dict:
    list_id, cidrs = S3_PREFIX_LISTS.get(region, (f"pl-{region}", ("192.0.2.0/24",)))
    return {"name": name, "prefixListId": list_id, "id": list_id, "cidrBlocks": list(cidrs)}


def _location(code: str, region: str) -> dict:
    """DescribeLocations lists only the region's own locations: a code served by another
    region, or none, is not found, as the API would answer."""
    from clouds.aws.catalog import LINE_LOCATIONS
    site = LINE_LOCATIONS.get(code)
    if site is None or site.region != region:
        raise ValueError(f"no Direct Connect location {code!r} in region {region}")
    return {"locationCode": site.code, "locationName": site.facility, "region": region, "id": site.code,
            "availablePortSpeeds": ["1Gbps", "10Gbps", "100Gbps"], "availableMacsecPortSpeeds": ["10Gbps", "100Gbps"],
            "availableProviders": []}
