"""AWS Verified Access endpoints for moto's server, which has none.

A Verified Access endpoint publishes an application inside a VPC (a load balancer, a network
interface, an RDS database, or a CIDR range, through the given subnets) to users on the
internet who pass the trust provider's check, with no VPN, route or public address in the
VPC to show it. Drift reads them with DescribeVerifiedAccessEndpoints; this keeps what
CreateVerifiedAccessEndpoint was given and answers in the API's own shape (EC2 API
Reference, VerifiedAccessEndpoint: `VerifiedAccessEndpointId`, `VerifiedAccessGroupId`,
`EndpointType` load-balancer | network-interface | rds | cidr, `AttachmentType`,
`LoadBalancerOptions.SubnetIds`, `NetworkInterfaceOptions.NetworkInterfaceId`,
`CidrOptions.SubnetIds`, `RdsOptions.SubnetIds`, `SecurityGroupIds`, `Status.Code` pending |
active | updating | deleting | deleted). The state lives on the region's EC2 backend, so
moto's reset and the launcher's snapshots take it with the rest."""
from __future__ import annotations

import secrets

from moto.core.responses import ActionResult
from moto.ec2.responses import EC2Response

OPTIONS = ("LoadBalancerOptions", "NetworkInterfaceOptions", "CidrOptions", "RdsOptions")


def _endpoints(backend) -> dict:
    return backend.__dict__.setdefault("verified_access_endpoints", {})


def create_verified_access_endpoint(self):
    endpoint_id = f"vae-{secrets.token_hex(9)[:17]}"
    endpoint = {
        "VerifiedAccessInstanceId": f"vai-{secrets.token_hex(9)[:17]}",
        "VerifiedAccessGroupId": self._get_param("VerifiedAccessGroupId"), "VerifiedAccessEndpointId": endpoint_id,
        "ApplicationDomain": self._get_param("ApplicationDomain") or "", "EndpointType": self._get_param("EndpointType"),
        "AttachmentType": self._get_param("AttachmentType"), "EndpointDomain": f"{endpoint_id}.prod.verified-access.aws",
        "SecurityGroupIds": list(self._get_param("SecurityGroupIds") or []),
        "Status": {"Code": "active", "Message": ""}, "Description": self._get_param("Description") or "",
        "CreationTime": "2026-01-01T00:00:00", "Tags": [],
        **{name: self._get_param(name) for name in OPTIONS if self._get_param(name)}}
    _endpoints(self.ec2_backend)[endpoint_id] = endpoint
    return ActionResult({"VerifiedAccessEndpoint": endpoint})


def describe_verified_access_endpoints(self):
    wanted = set(self._get_param("VerifiedAccessEndpointIds") or [])
    found = [e for e in _endpoints(self.ec2_backend).values() if not wanted or e["VerifiedAccessEndpointId"] in wanted]
    return ActionResult({"VerifiedAccessEndpoints": found})


def delete_verified_access_endpoint(self):
    endpoint = _endpoints(self.ec2_backend).pop(self._get_param("VerifiedAccessEndpointId"))
    return ActionResult({"VerifiedAccessEndpoint": dict(endpoint, Status={"Code": "deleting", "Message": ""})})


EC2Response.create_verified_access_endpoint = create_verified_access_endpoint
EC2Response.describe_verified_access_endpoints = describe_verified_access_endpoints
EC2Response.delete_verified_access_endpoint = delete_verified_access_endpoint
