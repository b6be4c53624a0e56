"""What moto 5 lacks of Direct Connect, added to its server the way AWS answers: Direct
Connect gateways, their associations with a transit gateway (allowed prefixes), and transit
virtual interfaces. Request and response members are those of the Direct Connect API
Reference (CreateDirectConnectGateway, DescribeDirectConnectGateways,
CreateDirectConnectGatewayAssociation, UpdateDirectConnectGatewayAssociation,
DescribeDirectConnectGatewayAssociations, CreateTransitVirtualInterface,
DescribeVirtualInterfaces, DeleteVirtualInterface); ids follow AWS's shapes (a gateway id
is a UUID, a VIF id `dxvif-…`). Gateways and associations are global to an account, as on
AWS; a VIF belongs to the region of its connection.

Imported by moto_launcher.py before the server starts; docs/drift.md says which reads are
served here and not by moto itself.

One moto behaviour is put right: moto gives a connection made with requestMACSec a MACsec
key of its own ("mock_ckn"); AWS associates none until AssociateMacSecKey is called
("After you create the connection, associate a MACsec key"), so the key count drift compares
starts from what the stack associates."""
from __future__ import annotations

import json
import uuid

from moto.core.responses import ActionResult
from moto.directconnect.responses import DirectConnectResponse

#: account -> {gateway id -> gateway}; account -> {association id -> association}
GATEWAYS: dict = {}
ASSOCIATIONS: dict = {}
#: (account, region) -> {vif id -> vif}
INTERFACES: dict = {}


def _body(self) -> dict:
    return json.loads(self.body or "{}")


def _error(message: str, code: str = "DirectConnectClientException"):
    from moto.core.exceptions import JsonRESTError
    return JsonRESTError(code, message)


def create_direct_connect_gateway(self):
    body = _body(self)
    gateway = {"directConnectGatewayId": str(uuid.uuid4()), "directConnectGatewayName": body["directConnectGatewayName"],
               "amazonSideAsn": int(body.get("amazonSideAsn", 64512)), "ownerAccount": self.current_account,
               "directConnectGatewayState": "available"}
    GATEWAYS.setdefault(self.current_account, {})[gateway["directConnectGatewayId"]] = gateway
    return ActionResult({"directConnectGateway": gateway})


def describe_direct_connect_gateways(self):
    wanted = _body(self).get("directConnectGatewayId")
    found = [g for g in GATEWAYS.get(self.current_account, {}).values()
             if wanted in (None, g["directConnectGatewayId"])]
    return ActionResult({"directConnectGateways": found})


def _association_of(account: str, association_id: str) -> dict:
    found = ASSOCIATIONS.get(account, {}).get(association_id)
    if found is None:
        raise _error(f"association {association_id} not found")
    return found


def create_direct_connect_gateway_association(self):
    body = _body(self)
    gateway_id = body["directConnectGatewayId"]
    if gateway_id not in GATEWAYS.get(self.current_account, {}):
        raise _error(f"Direct Connect gateway {gateway_id} not found")
    association = {"directConnectGatewayId": gateway_id, "directConnectGatewayOwnerAccount": self.current_account,
                   "associationState": "associated", "associationId": str(uuid.uuid4()),
                   "associatedGateway": {"id": body["gatewayId"], "type": "transitGateway",
                                         "ownerAccount": self.current_account, "region": self.region},
                   "allowedPrefixesToDirectConnectGateway": [
                       {"cidr": p["cidr"]} for p in body.get("addAllowedPrefixesToDirectConnectGateway", [])]}
    ASSOCIATIONS.setdefault(self.current_account, {})[association["associationId"]] = association
    _transit_attachment(self.current_account, self.region, body["gatewayId"], gateway_id)
    return ActionResult({"directConnectGatewayAssociation": association})


def _transit_attachment(account: str, region: str, transit_gateway_id: str, gateway_id: str) -> None:
    """Associating a Direct Connect gateway with a transit gateway creates, on AWS, a transit
    gateway attachment of type direct-connect-gateway whose resource is the gateway."""
    from moto.ec2.models import ec2_backends
    from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachment
    backend = ec2_backends[account][region]
    transit_gateway = backend.transit_gateways.get(transit_gateway_id)
    if transit_gateway is None:
        return  # a virtual private gateway, or a gateway of another region: no transit attachment here
    attachment = TransitGatewayAttachment(backend, resource_id=gateway_id, resource_type="direct-connect-gateway",
                                          transit_gateway=transit_gateway)
    backend.transit_gateway_attachments[attachment.id] = attachment


def update_direct_connect_gateway_association(self):
    body = _body(self)
    association = _association_of(self.current_account, body["associationId"])
    prefixes = [p["cidr"] for p in association["allowedPrefixesToDirectConnectGateway"]]
    removed = {p["cidr"] for p in body.get("removeAllowedPrefixesToDirectConnectGateway", [])}
    prefixes = [p for p in prefixes if p not in removed]
    prefixes += [p["cidr"] for p in body.get("addAllowedPrefixesToDirectConnectGateway", []) if p["cidr"] not in prefixes]
    association["allowedPrefixesToDirectConnectGateway"] = [{"cidr": p} for p in prefixes]
    return ActionResult({"directConnectGatewayAssociation": association})


def describe_direct_connect_gateway_associations(self):
    body = _body(self)
    found = [a for a in ASSOCIATIONS.get(self.current_account, {}).values()
             if body.get("directConnectGatewayId") in (None, a["directConnectGatewayId"])
             and body.get("associatedGatewayId") in (None, a["associatedGateway"]["id"])
             and body.get("associationId") in (None, a["associationId"])]
    return ActionResult({"directConnectGatewayAssociations": found})


def create_transit_virtual_interface(self):
    body = _body(self)
    new = body["newTransitVirtualInterface"]
    gateway = GATEWAYS.get(self.current_account, {}).get(new.get("directConnectGatewayId"))
    vif = {"ownerAccount": self.current_account, "virtualInterfaceId": f"dxvif-{uuid.uuid4().hex[:8]}",
           "connectionId": body["connectionId"], "virtualInterfaceType": "transit",
           "virtualInterfaceName": new["virtualInterfaceName"], "vlan": int(new["vlan"]), "asn": int(new["asn"]),
           "amazonSideAsn": gateway["amazonSideAsn"] if gateway else None, "addressFamily": new.get("addressFamily"),
           "virtualInterfaceState": "available", "mtu": int(new.get("mtu", 1500)),
           "directConnectGatewayId": new.get("directConnectGatewayId"), "region": self.region,
           "bgpPeers": [{"bgpPeerId": f"dxpeer-{uuid.uuid4().hex[:8]}", "asn": int(new["asn"]),
                         "addressFamily": new.get("addressFamily"), "bgpPeerState": "available", "bgpStatus": "up",
                         # AWS answers the key it holds: a VIF without one has none
                         **({"authKey": new["authKey"]} if new.get("authKey") else {})}],
           **({"authKey": new["authKey"]} if new.get("authKey") else {}),
           "tags": new.get("tags", [])}
    INTERFACES.setdefault((self.current_account, self.region), {})[vif["virtualInterfaceId"]] = vif
    return ActionResult({"virtualInterface": vif})


def describe_virtual_interfaces(self):
    """The account's own VIFs, and the hosted VIFs others own on its connections: the owner of
    a connection sees (and may delete) every VIF provisioned on it, each naming its
    `ownerAccount` ("The ID of the Amazon Web Services account that owns the virtual
    interface"), and downloads their router configuration once accepted (Direct Connect User
    Guide, "Accept a hosted virtual interface")."""
    body = _body(self)
    connections = set(self.directconnect_backend.connections)
    candidates = [v for (account, region), vifs in INTERFACES.items() if region == self.region
                  for v in vifs.values() if account == self.current_account or v["connectionId"] in connections]
    found = [v for v in candidates
             if body.get("connectionId") in (None, v["connectionId"])
             and body.get("virtualInterfaceId") in (None, v["virtualInterfaceId"])]
    return ActionResult({"virtualInterfaces": found})


def delete_virtual_interface(self):
    vif_id = _body(self)["virtualInterfaceId"]
    INTERFACES.get((self.current_account, self.region), {}).pop(vif_id, None)
    return ActionResult({"virtualInterfaceState": "deleted"})


def allocate_transit_virtual_interface(self):
    """AllocateTransitVirtualInterface: the partner of a hosted line provisions a transit VIF
    for the owner account, which sees it in state `confirming` until it accepts it."""
    body = _body(self)
    new, owner = body["newTransitVirtualInterfaceAllocation"], body["ownerAccount"]
    vif = {"ownerAccount": owner, "virtualInterfaceId": f"dxvif-{uuid.uuid4().hex[:8]}",
           "connectionId": body["connectionId"], "virtualInterfaceType": "transit",
           "virtualInterfaceName": new["virtualInterfaceName"], "vlan": int(new["vlan"]), "asn": int(new["asn"]),
           "addressFamily": new.get("addressFamily"), "virtualInterfaceState": "confirming",
           "mtu": int(new.get("mtu", 1500)), "region": self.region,
           "bgpPeers": [{"bgpPeerId": f"dxpeer-{uuid.uuid4().hex[:8]}", "asn": int(new["asn"]),
                         "addressFamily": new.get("addressFamily"), "bgpPeerState": "pending", "bgpStatus": "down",
                         **({"authKey": new["authKey"]} if new.get("authKey") else {})}],
           **({"authKey": new["authKey"]} if new.get("authKey") else {}), "tags": new.get("tags", [])}
    INTERFACES.setdefault((owner, self.region), {})[vif["virtualInterfaceId"]] = vif
    return ActionResult({"virtualInterface": vif})


def confirm_transit_virtual_interface(self):
    """ConfirmTransitVirtualInterface: the owner accepts a hosted VIF onto its gateway."""
    vif, body = _interface(self), _body(self)
    vif.update(directConnectGatewayId=body["directConnectGatewayId"], virtualInterfaceState="available")
    gateway = GATEWAYS.get(self.current_account, {}).get(body["directConnectGatewayId"])
    vif["amazonSideAsn"] = gateway["amazonSideAsn"] if gateway else None
    return ActionResult({"virtualInterfaceState": "available"})


def _interface(self) -> dict:
    vif = INTERFACES.get((self.current_account, self.region), {}).get(_body(self)["virtualInterfaceId"])
    if vif is None:
        raise _error("The virtual interface does not exist")
    return vif


def create_bgp_peer(self):
    """CreateBGPPeer: another session on the VIF (newBGPPeer: asn, authKey, addressFamily,
    amazonAddress, customerAddress)."""
    vif, new = _interface(self), _body(self).get("newBGPPeer") or {}
    vif["bgpPeers"].append({"bgpPeerId": f"dxpeer-{uuid.uuid4().hex[:8]}", "asn": int(new["asn"]),
                            "addressFamily": new.get("addressFamily"), "bgpPeerState": "pending", "bgpStatus": "down",
                            **({"authKey": new["authKey"]} if new.get("authKey") else {}),
                            **{k: new[k] for k in ("amazonAddress", "customerAddress") if new.get(k)}})
    return ActionResult({"virtualInterface": vif})


def delete_bgp_peer(self):
    """DeleteBGPPeer by bgpPeerId, or by asn and customerAddress. AWS refuses to delete a
    VIF's last peer."""
    vif, body = _interface(self), _body(self)
    keep = [p for p in vif["bgpPeers"] if not (p["bgpPeerId"] == body.get("bgpPeerId") or (
        "asn" in body and p["asn"] == int(body["asn"]) and p.get("customerAddress") == body.get("customerAddress")))]
    if not keep:
        raise _error("You cannot delete the last BGP peer from a virtual interface")
    vif["bgpPeers"] = keep
    return ActionResult({"virtualInterface": vif})


def _connection_without_keys(create):
    def create_connection(self, *args, **kwargs):
        connection = create(self, *args, **kwargs)
        connection.mac_sec_keys = []
        return connection
    return create_connection


def reset() -> None:
    for store in (GATEWAYS, ASSOCIATIONS, INTERFACES):
        store.clear()


for _handler in (create_direct_connect_gateway, describe_direct_connect_gateways,
                 create_direct_connect_gateway_association, update_direct_connect_gateway_association,
                 describe_direct_connect_gateway_associations, create_transit_virtual_interface,
                 describe_virtual_interfaces, delete_virtual_interface, create_bgp_peer, delete_bgp_peer,
                 allocate_transit_virtual_interface, confirm_transit_virtual_interface):
    setattr(DirectConnectResponse, _handler.__name__, _handler)

from moto.directconnect.models import DirectConnectBackend  # noqa: E402

DirectConnectBackend.create_connection = _connection_without_keys(DirectConnectBackend.create_connection)
