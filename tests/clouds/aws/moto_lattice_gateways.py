"""VPC Lattice resource gateways for moto's server, which has none.

A resource gateway in a VPC's subnets is the way in for resource configurations (a database,
a domain name, an IP range inside the VPC) that a service network, or another account through
RAM, then reaches from its own VPCs, with no route, peering or attachment to show it. Drift
reads them with ListResourceGateways; this keeps what CreateResourceGateway was given and answers
in the API's own shape (VPC Lattice API Reference, `GET /resourcegateways`: `items[]` of
ResourceGatewaySummary `arn`, `id` (rgw- and 17 characters), `name`, `status`, `vpcIdentifier`,
`subnetIds`, `securityGroupIds`, `ipAddressType`, `createdAt`, `lastUpdatedAt`). The state lives
on the region's VPC Lattice backend, so moto's reset and the launcher's snapshots take it."""
from __future__ import annotations

import datetime as dt
import json
import secrets

from moto.vpclattice import urls
from moto.vpclattice.responses import VPCLatticeResponse


def _gateways(backend) -> dict:
    return backend.__dict__.setdefault("resource_gateways", {})


def create_resource_gateway(self) -> str:
    body = json.loads(self.body or "{}")
    gateway_id = f"rgw-{secrets.token_hex(9)[:17]}"
    now = dt.datetime.now(dt.timezone.utc).isoformat()
    gateway = {"id": gateway_id, "arn": f"arn:aws:vpc-lattice:{self.region}:{self.current_account}:resourcegateway/"
                                        f"{gateway_id}",
               "name": body["name"], "status": "ACTIVE", "vpcIdentifier": body["vpcIdentifier"],
               "subnetIds": list(body.get("subnetIds") or []), "securityGroupIds": list(body.get("securityGroupIds") or []),
               "ipAddressType": body.get("ipAddressType", "IPV4"), "createdAt": now, "lastUpdatedAt": now}
    _gateways(self.backend)[gateway_id] = gateway
    return json.dumps({k: gateway[k] for k in ("arn", "id", "name", "status", "subnetIds", "securityGroupIds",
                                               "ipAddressType")} | {"vpcIdentifier": gateway["vpcIdentifier"]})


def list_resource_gateways(self) -> str:
    return json.dumps({"items": list(_gateways(self.backend).values())})


VPCLatticeResponse.create_resource_gateway = create_resource_gateway
VPCLatticeResponse.list_resource_gateways = list_resource_gateways
urls.url_paths["{0}/resourcegateways$"] = VPCLatticeResponse.dispatch
