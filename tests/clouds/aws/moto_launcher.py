"""Start moto's server with two transit-gateway bugs of moto 5 fixed, so that the tests
compare against what AWS returns:

1. a static route's attachment is stored as a dict, which the response serializer drops
   (AWS returns TransitGatewayAttachments as a list);
2. a default route table is created and every attachment associated with it even when the
   transit gateway has DefaultRouteTableAssociation=disable (AWS creates none).

and one thing moto does not model, AWS RAM sharing of a transit gateway: a route in a
system account may name the network account's gateway, as it does on AWS once the gateway is
shared with that account (moto otherwise drops the target of a gateway it cannot find in the
route's own account).

Run as:  python tests/clouds/aws/moto_launcher.py -H 127.0.0.1 -p PORT
"""
import sys

from moto.ec2.models import transit_gateway_attachments as attachments
from moto.ec2.models import transit_gateway_route_tables as tables
from moto.server import main

_create_route = tables.TransitGatewayRouteTableBackend.create_transit_gateway_route


def create_transit_gateway_route(self, *args, **kwargs):
    route = _create_route(self, *args, **kwargs)
    if isinstance(route.get("transitGatewayAttachments"), dict):
        route["transitGatewayAttachments"] = [route["transitGatewayAttachments"]]
    return route


tables.TransitGatewayRouteTableBackend.create_transit_gateway_route = create_transit_gateway_route

_set_association = tables.TransitGatewayRouteTableBackend.set_route_table_association


def set_route_table_association(self, transit_gateway_attachment_id, transit_gateway_route_table_id):
    table = self.transit_gateways_route_tables[transit_gateway_route_table_id]
    gateway = self.transit_gateways.get(table.transit_gateway_id)
    automatic = gateway is not None and table.id == gateway.default_route_table.id
    if automatic and gateway.options.get("DefaultRouteTableAssociation") == "disable":
        return
    _set_association(self, transit_gateway_attachment_id, transit_gateway_route_table_id)


tables.TransitGatewayRouteTableBackend.set_route_table_association = set_route_table_association
from moto.ec2.models import ec2_backends  # noqa: E402
from moto.ec2.models import route_tables as vpc_routes  # noqa: E402

_create_vpc_route = vpc_routes.RouteBackend.create_route


def _shared_gateway(region: str, gateway_id: str):
    for account in list(ec2_backends):
        backend = ec2_backends[account].get(region) if region in ec2_backends[account] else None
        if backend is not None and gateway_id in backend.transit_gateways:
            return backend.transit_gateways[gateway_id]
    return None


def create_route(self, *args, **kwargs):
    route = _create_vpc_route(self, *args, **kwargs)
    gateway_id = kwargs.get("transit_gateway_id")
    if gateway_id and route.transit_gateway is None:
        route.transit_gateway = _shared_gateway(self.region_name, gateway_id)
    return route


vpc_routes.RouteBackend.create_route = create_route
assert attachments  # imported so that the backend classes are loaded before patching

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
import moto_directconnect  # noqa: E402  Direct Connect gateways, associations and VIFs (moto lacks them)
import moto_vpn  # noqa: E402,F401  a VPN connection's tunnel options (moto drops them)
from moto.moto_api._internal import models as _api_models  # noqa: E402

_moto_reset = _api_models.MotoAPIBackend.reset


def _reset_all(self):
    """moto's /moto-api/reset, and the Direct Connect state kept beside moto's backends."""
    _moto_reset(self)
    moto_directconnect.reset()


_api_models.MotoAPIBackend.reset = _reset_all

if __name__ == "__main__":
    main(sys.argv[1:])
