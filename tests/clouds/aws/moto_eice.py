"""EC2 Instance Connect Endpoints for moto's server, which has none.

An Instance Connect Endpoint in a subnet lets anyone with the IAM permission open SSH or
RDP to the VPC's instances from the internet, through AWS, with no internet gateway and no
public address: the kind of "maintenance access" a vendor adds. Drift reads them with
DescribeInstanceConnectEndpoints; this keeps what CreateInstanceConnectEndpoint was given
and answers in the API's own shape (EC2 API Reference, Ec2InstanceConnectEndpoint:
`InstanceConnectEndpointId`, `InstanceConnectEndpointArn`, `State`, `VpcId`, `SubnetId`,
`AvailabilityZone`, `DnsName`, `PreserveClientIp`, `SecurityGroupIds`, `OwnerId`), with the
`vpc-id`, `subnet-id` and `state` filters. The state lives on the region's EC2 backend, so
moto's reset and the launcher's snapshots take it with the rest."""
from __future__ import annotations

import secrets

from moto.core.responses import ActionResult
from moto.ec2.responses import EC2Response

FILTERS = {"vpc-id": "VpcId", "subnet-id": "SubnetId", "state": "State",
           "instance-connect-endpoint-id": "InstanceConnectEndpointId"}


def _endpoints(backend) -> dict:
    return backend.__dict__.setdefault("instance_connect_endpoints", {})


def create_instance_connect_endpoint(self):
    subnet = self.ec2_backend.get_subnet(self._get_param("SubnetId"))
    endpoint_id = f"eice-{secrets.token_hex(9)[:17]}"
    endpoint = {
        "OwnerId": self.current_account, "InstanceConnectEndpointId": endpoint_id,
        "InstanceConnectEndpointArn": f"arn:aws:ec2:{self.region}:{self.current_account}:"
                                      f"instance-connect-endpoint/{endpoint_id}",
        "State": "create-complete", "StateMessage": "",
        "DnsName": f"{endpoint_id}.{secrets.token_hex(4)}.ec2-instance-connect-endpoint.{self.region}.amazonaws.com",
        "NetworkInterfaceIds": [], "VpcId": subnet.vpc_id, "AvailabilityZone": subnet.availability_zone,
        "SubnetId": subnet.id, "PreserveClientIp": bool(self._get_param("PreserveClientIp")),
        "SecurityGroupIds": list(self._get_param("SecurityGroupIds") or []), "Tags": []}
    _endpoints(self.ec2_backend)[endpoint_id] = endpoint
    return ActionResult({"InstanceConnectEndpoint": endpoint, "ClientToken": self._get_param("ClientToken") or ""})


def describe_instance_connect_endpoints(self):
    wanted = set(self._get_param("InstanceConnectEndpointIds") or [])
    filters = self._filters_from_querystring()
    found = [e for e in _endpoints(self.ec2_backend).values()
             if (not wanted or e["InstanceConnectEndpointId"] in wanted)
             and all(str(e.get(FILTERS.get(name, ""), "")) in values for name, values in filters.items())]
    return ActionResult({"InstanceConnectEndpoints": found})


def delete_instance_connect_endpoint(self):
    endpoint = _endpoints(self.ec2_backend).pop(self._get_param("InstanceConnectEndpointId"))
    return ActionResult({"InstanceConnectEndpoint": dict(endpoint, State="delete-complete")})


EC2Response.create_instance_connect_endpoint = create_instance_connect_endpoint
EC2Response.describe_instance_connect_endpoints = describe_instance_connect_endpoints
EC2Response.delete_instance_connect_endpoint = delete_instance_connect_endpoint
