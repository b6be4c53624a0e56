"""ModifyVpcEndpoint's ResetPolicy for moto's server, which ignores it.

EC2 API Reference, ModifyVpcEndpoint, ResetPolicy: "(Gateway endpoint) Specify true to reset
the policy document to the default policy. The default policy allows full access to the
service." moto keeps that default as VPCEndPoint.DEFAULT_POLICY (what an endpoint made without
a policy gets); the reset puts it back, whatever else the request changes."""
from __future__ import annotations

import json

from moto.ec2.models.vpcs import VPCEndPoint
from moto.ec2.responses.vpcs import VPCs

_modify = VPCs.modify_vpc_endpoint


def modify_vpc_endpoint(self):
    answer = _modify(self)
    if str(self._get_param("ResetPolicy")).lower() == "true":
        endpoint = self.ec2_backend.describe_vpc_endpoints(vpc_end_point_ids=[self._get_param("VpcEndpointId")])[0]
        endpoint.policy_document = json.dumps(VPCEndPoint.DEFAULT_POLICY)
    return answer


VPCs.modify_vpc_endpoint = modify_vpc_endpoint
