"""Mocks for Pulumi's mock runtime that behave like the clouds enough for references to
resolve: realistic, deterministic ids and ARNs (derived from the resource's URN), and
answers to the few invokes the program makes. Nothing here decides what is built."""
from __future__ import annotations

import hashlib
import uuid

import pulumi

ACCOUNT_ID = "123456789012"
GCP_PROJECT_NUMBER = "412345678901"

#: AWS type token -> id prefix (ids are prefix + 17 hex digits, like AWS's).
AWS_ID_PREFIX = {
    "aws:ec2/vpc:Vpc": "vpc-", "aws:ec2/subnet:Subnet": "subnet-", "aws:ec2/routeTable:RouteTable": "rtb-",
    "aws:ec2/networkAcl:NetworkAcl": "acl-", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg-",
    "aws:ec2/securityGroup:SecurityGroup": "sg-", "aws:ec2/flowLog:FlowLog": "fl-",
    "aws:ec2/internetGateway:InternetGateway": "igw-", "aws:ec2/natGateway:NatGateway": "nat-",
    "aws:ec2/eip:Eip": "eipalloc-", "aws:ec2/customerGateway:CustomerGateway": "cgw-",
    "aws:ec2/vpnConnection:VpnConnection": "vpn-", "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc-",
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "pcx-", "aws:ec2/instance:Instance": "i-",
    "aws:ebs/volume:Volume": "vol-", "aws:ec2/launchTemplate:LaunchTemplate": "lt-",
    "aws:ec2transitgateway/transitGateway:TransitGateway": "tgw-",
    "aws:ec2transitgateway/routeTable:RouteTable": "tgw-rtb-",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": "tgw-attach-",
    "aws:directconnect/connection:Connection": "dxcon-",
    "aws:directconnect/transitVirtualInterface:TransitVirtualInterface": "dxvif-",
}
#: ARN templates by type: {region}, {account}, {id}, {name}.
AWS_ARN = {
    "aws:ec2/vpc:Vpc": "arn:aws:ec2:{region}:{account}:vpc/{id}",
    "aws:ec2/subnet:Subnet": "arn:aws:ec2:{region}:{account}:subnet/{id}",
    "aws:ec2transitgateway/transitGateway:TransitGateway": "arn:aws:ec2:{region}:{account}:transit-gateway/{id}",
    "aws:ec2transitgateway/routeTable:RouteTable": "arn:aws:ec2:{region}:{account}:transit-gateway-route-table/{id}",
    "aws:kms/key:Key": "arn:aws:kms:{region}:{account}:key/{id}",
    "aws:kms/alias:Alias": "arn:aws:kms:{region}:{account}:{name}",
    "aws:s3/bucket:Bucket": "arn:aws:s3:::{id}",
    "aws:directconnect/connection:Connection": "arn:aws:directconnect:{region}:{account}:dxcon/{id}",
    "aws:directconnect/transitVirtualInterface:TransitVirtualInterface":
        "arn:aws:directconnect:{region}:{account}:dxvif/{id}",
    "aws:ec2/vpnConnection:VpnConnection": "arn:aws:ec2:{region}:{account}:vpn-connection/{id}",
    "aws:ec2/customerGateway:CustomerGateway": "arn:aws:ec2:{region}:{account}:customer-gateway/{id}",
}


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class CloudMocks(pulumi.runtime.Mocks):
    def __init__(self, region: str = "ap-northeast-1", project: str = "govcloud-project"):
        self.region = region
        self.project = project
        self.provider_regions: dict[str, str] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        typ, name, inputs = args.typ, args.name, dict(args.inputs)
        key = _digest(typ, name)
        if typ.startswith("pulumi:providers:"):
            if "region" in inputs:
                self.provider_regions[name] = inputs["region"]
            return f"{name}-provider-{key[:8]}", inputs
        region = self._region(args)
        if typ.startswith("aws:"):
            return self._aws(typ, name, inputs, key, region)
        if typ.startswith("gcp:"):
            return self._gcp(typ, name, inputs, key, region)
        if typ == "random:index/randomPassword:RandomPassword":
            length = int(inputs.get("length", 32))
            result = "".join(c for c in (key * 4) if c.isalnum())[:length]
            return f"none-{key[:8]}", {**inputs, "result": result, "bcryptHash": "$2a$10$" + key[:53]}
        if typ == "random:index/randomId:RandomId":
            size = int(inputs.get("byteLength", 8))
            hexed = (key * 4)[: size * 2]
            return hexed, {**inputs, "hex": hexed, "b64Std": hexed, "b64Url": hexed, "dec": str(int(hexed, 16))}
        return f"{name}-{key[:8]}", inputs

    def _region(self, args) -> str:
        """The resource's own region, else its provider's (a provider reference is
        `<urn>::<id>` and the URN ends with the provider's name), else the default."""
        if args.inputs.get("region"):
            return args.inputs["region"]
        if args.provider and args.provider.count("::") >= 2:
            return self.provider_regions.get(args.provider.split("::")[-2], self.region)
        return self.region

    def _aws(self, typ, name, inputs, key, region):
        prefix = AWS_ID_PREFIX.get(typ)
        if typ == "aws:kms/key:Key":
            rid = str(uuid.UUID(key[:32]))
            state = {"keyId": rid}
        elif typ == "aws:s3/bucket:Bucket":
            rid = inputs.get("bucket") or (inputs.get("bucketPrefix", f"{name}-") + key[:12])
            state = {"bucket": rid, "bucketDomainName": f"{rid}.s3.amazonaws.com", "region": region}
        elif typ == "aws:directconnect/gateway:Gateway":
            rid = str(uuid.UUID(key[:32]))
            state = {"ownerAccountId": ACCOUNT_ID}
        elif typ == "aws:directconnect/gatewayAssociation:GatewayAssociation":
            rid = "ga-" + str(uuid.UUID(key[:32]))
            state = {"transitGatewayAttachmentId": "tgw-attach-" + key[32:49], "dxGatewayAssociationId": rid,
                     "associatedGatewayType": "transitGateway"}
        elif typ == "aws:ec2/vpnConnection:VpnConnection":
            rid = "vpn-" + key[:17]
            state = {"transitGatewayAttachmentId": "tgw-attach-" + key[17:34],
                     "tunnel1Address": "198.51.100.10", "tunnel2Address": "198.51.100.11"}
        elif typ == "aws:kms/alias:Alias":
            rid = inputs.get("name", name)
            state = {}
        elif prefix:
            rid = prefix + key[:17]
            state = {}
        else:
            rid = f"{name}-{key[:8]}"
            state = {}
        if typ == "aws:ec2/vpc:Vpc":
            state.update(defaultSecurityGroupId="sg-" + key[17:34], mainRouteTableId="rtb-" + key[17:34],
                         defaultNetworkAclId="acl-" + key[17:34], ownerId=ACCOUNT_ID)
        template = AWS_ARN.get(typ)
        if template:
            state["arn"] = template.format(region=region, account=ACCOUNT_ID, id=rid, name=inputs.get("name", name))
        return rid, {**inputs, **state}

    def _gcp(self, typ, name, inputs, key, region):
        project = inputs.get("project") or self.project
        resource = typ.split(":")[-1][0].lower() + typ.split(":")[-1][1:]
        rid = f"projects/{project}/{resource}s/{inputs.get('name', name)}"
        state = {"selfLink": f"https://www.googleapis.com/compute/v1/{rid}", "project": project,
                 "numericId": str(int(key[:12], 16))}
        if typ == "gcp:kms/keyRing:KeyRing":
            rid = f"projects/{project}/locations/{inputs.get('location')}/keyRings/{inputs.get('name', name)}"
        if typ == "gcp:kms/cryptoKey:CryptoKey":
            rid = f"{inputs.get('keyRing')}/cryptoKeys/{inputs.get('name', name)}"
        if typ == "gcp:compute/interconnectAttachment:InterconnectAttachment":
            state["pairingKey"] = f"{key[:8]}-{key[8:12]}-{key[12:16]}/{region}/1"
            state["cloudRouterIpAddress"] = "169.254.10.1/29"
            state["customerRouterIpAddress"] = "169.254.10.2/29"
        if typ == "gcp:compute/haVpnGateway:HaVpnGateway":
            state["vpnInterfaces"] = [{"id": 0, "ipAddress": "35.0.0.1"}, {"id": 1, "ipAddress": "35.0.0.2"}]
        return rid, {**inputs, **state, "id": rid}

    def call(self, args: pulumi.runtime.MockCallArgs):
        token = args.token
        if token == "aws:index/getCallerIdentity:getCallerIdentity":
            return {"accountId": ACCOUNT_ID, "arn": f"arn:aws:iam::{ACCOUNT_ID}:user/govcloud-plan",
                    "id": ACCOUNT_ID, "userId": "AIDAGOVCLOUDPLAN"}, []
        if token == "aws:index/getRegion:getRegion":
            region = args.args.get("name") or args.args.get("region") or self.region
            return {"name": region, "region": region, "id": region}, []
        if token == "aws:index/getPartition:getPartition":
            return {"partition": "aws", "dnsSuffix": "amazonaws.com", "id": "aws"}, []
        if token == "gcp:organizations/getProject:getProject":
            project = args.args.get("projectId") or self.project
            return {"projectId": project, "number": GCP_PROJECT_NUMBER, "id": f"projects/{project}"}, []
        raise ValueError(f"no mock for invoke {token}")
