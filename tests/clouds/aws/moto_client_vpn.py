"""AWS Client VPN endpoints for moto's server, which has none.

A Client VPN endpoint associated with a subnet lets every user who can authenticate to it
(a certificate, a directory, a SAML provider) into that VPC from anywhere on the internet,
with their traffic leaving through interfaces in the subnet: no route, gateway or public
address in the VPC shows it. Drift reads them with DescribeClientVpnEndpoints; this keeps
what CreateClientVpnEndpoint and AssociateClientVpnTargetNetwork were given and answers in
the API's own shape (EC2 API Reference, ClientVpnEndpoint: `ClientVpnEndpointId`,
`Status.Code` pending-associate | available | deleting | deleted, `ClientCidrBlock`,
`DnsName`, `SplitTunnel`, `VpcId`, `SecurityGroupIds`, `TransportProtocol`, `VpnPort`,
`AssociatedTargetNetworks`), with the `endpoint-id` and `transport-protocol` filters. As on
AWS, an endpoint is `pending-associate` until a subnet is associated, and every subnet of one
endpoint must be in the same VPC. The state lives on the region's EC2 backend, so moto's
reset and the launcher's snapshots take it with the rest."""
from __future__ import annotations

import secrets

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.responses import EC2Response

FILTERS = {"endpoint-id": "ClientVpnEndpointId", "transport-protocol": "TransportProtocol"}


def _endpoints(backend) -> dict:
    return backend.__dict__.setdefault("client_vpn_endpoints", {})


def _endpoint(self) -> dict:
    endpoint_id = self._get_param("ClientVpnEndpointId")
    try:
        return _endpoints(self.ec2_backend)[endpoint_id]
    except KeyError:
        raise EC2ClientError("InvalidClientVpnEndpointId.NotFound",
                             f"The Client VPN endpoint ID '{endpoint_id}' does not exist") from None


def create_client_vpn_endpoint(self):
    endpoint_id = f"cvpn-endpoint-{secrets.token_hex(9)[:17]}"
    endpoint = {
        "ClientVpnEndpointId": endpoint_id, "Description": self._get_param("Description") or "",
        "Status": {"Code": "pending-associate", "Message": ""}, "CreationTime": "2026-01-01T00:00:00",
        "DnsName": f"*.{endpoint_id}.prod.clientvpn.{self.region}.amazonaws.com",
        "ClientCidrBlock": self._get_param("ClientCidrBlock"), "DnsServers": list(self._get_param("DnsServers") or []),
        "SplitTunnel": bool(self._get_param("SplitTunnel")), "VpnProtocol": "openvpn",
        "TransportProtocol": self._get_param("TransportProtocol") or "udp",
        "VpnPort": int(self._get_param("VpnPort") or 443),
        "ServerCertificateArn": self._get_param("ServerCertificateArn"),
        "SecurityGroupIds": list(self._get_param("SecurityGroupIds") or []),
        "VpcId": self._get_param("VpcId"), "AssociatedTargetNetworks": [], "Tags": []}
    _endpoints(self.ec2_backend)[endpoint_id] = endpoint
    return ActionResult({"ClientVpnEndpointId": endpoint_id, "Status": endpoint["Status"],
                         "DnsName": endpoint["DnsName"]})


def associate_client_vpn_target_network(self):
    endpoint = _endpoint(self)
    subnet = self.ec2_backend.get_subnet(self._get_param("SubnetId"))
    if endpoint["VpcId"] not in (None, subnet.vpc_id):
        raise EC2ClientError("InvalidParameterValue",
                             f"Subnet {subnet.id} is not in the Client VPN endpoint's VPC {endpoint['VpcId']}")
    endpoint["VpcId"] = subnet.vpc_id
    endpoint["AssociatedTargetNetworks"].append({"NetworkId": subnet.id, "NetworkType": "vpc"})
    endpoint["Status"] = {"Code": "available", "Message": ""}
    return ActionResult({"AssociationId": f"cvpn-assoc-{secrets.token_hex(9)[:17]}",
                         "Status": {"Code": "associating"}})


def describe_client_vpn_endpoints(self):
    wanted = set(self._get_param("ClientVpnEndpointIds") or [])
    filters = self._filters_from_querystring()
    found = [e for e in _endpoints(self.ec2_backend).values()
             if (not wanted or e["ClientVpnEndpointId"] in wanted)
             and all(str(e.get(FILTERS.get(name, ""), "")) in values for name, values in filters.items())]
    return ActionResult({"ClientVpnEndpoints": found})


def delete_client_vpn_endpoint(self):
    endpoint = _endpoint(self)
    del _endpoints(self.ec2_backend)[endpoint["ClientVpnEndpointId"]]
    return ActionResult({"Status": {"Code": "deleting"}})


EC2Response.create_client_vpn_endpoint = create_client_vpn_endpoint
EC2Response.associate_client_vpn_target_network = associate_client_vpn_target_network
EC2Response.describe_client_vpn_endpoints = describe_client_vpn_endpoints
EC2Response.delete_client_vpn_endpoint = delete_client_vpn_endpoint
