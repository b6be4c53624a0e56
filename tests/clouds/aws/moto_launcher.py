"""Start moto's server with two transit-gateway bugs of moto 5 fixed, so that the tests
compare against what AWS returns:

1. a static route's attachment is stored as a dict, which the response serializer drops
   (AWS returns TransitGatewayAttachments as a list);
2. a default route table is created and every attachment associated with it even when the
   transit gateway has DefaultRouteTableAssociation=disable (AWS creates none).

and one thing moto does not model, AWS RAM sharing of a transit gateway: a route in a
system account may name the network account's gateway, as it does on AWS once the gateway is
shared with that account (moto otherwise drops the target of a gateway it cannot find in the
route's own account). Also: a deleted resource share shares nothing (AWS DeleteResourceShare:
"it only stops the sharing of those resources through this resource share"), so its
associations are not listed as ASSOCIATED, as moto otherwise keeps listing them. And a
Route 53 Resolver rule association without a name (optional on AWS) no longer breaks moto's
listing of associations, which sorts them by name.

Run as:  python tests/clouds/aws/moto_launcher.py -H 127.0.0.1 -p PORT
"""
import os
import sys

# moto copies its catalogue of public AMIs into every EC2 backend (one per account and region):
# 14 MB of state no drift read touches, which made every reset and restore take seconds
os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")

from moto.ec2.models import transit_gateway_attachments as attachments  # noqa: E402
from moto.ec2.models import transit_gateway_route_tables as tables  # noqa: E402
from moto.server import main  # noqa: E402

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
import moto_eice  # noqa: E402,F401  EC2 Instance Connect Endpoints (moto lacks them)
import moto_ebs_key  # noqa: E402,F401  the account's default EBS key (moto lacks the API)
import moto_snapshots  # noqa: E402,F401  DescribeSnapshots by owner and by who may restore (moto ignores both)
import moto_client_vpn  # noqa: E402,F401  Client VPN endpoints (moto lacks them)
import moto_verified_access  # noqa: E402,F401  Verified Access endpoints (moto lacks them)
import moto_lattice_gateways  # noqa: E402,F401  VPC Lattice resource gateways (moto lacks them)
import moto_function_urls  # noqa: E402,F401  Lambda's ListFunctionUrlConfigs (moto lacks it)
import moto_dms_subnets  # noqa: E402,F401  DMS subnet groups with their subnets and VPC (moto fakes them)
import moto_buckets  # noqa: E402,F401  ListBuckets' BucketRegion (moto leaves it out)
import moto_db_snapshots  # noqa: E402,F401  a database snapshot's VpcId (moto leaves it out)
import moto_endpoint_reset  # noqa: E402,F401  ModifyVpcEndpoint ResetPolicy (moto ignores it)
from moto.moto_api._internal import models as _api_models  # noqa: E402

_moto_reset = _api_models.MotoAPIBackend.reset


def _reset_all(self):
    """moto's /moto-api/reset, and the Direct Connect state kept beside moto's backends."""
    _moto_reset(self)
    moto_directconnect.reset()


_api_models.MotoAPIBackend.reset = _reset_all

from moto.ram import models as _ram_models  # noqa: E402

_ram_associations = _ram_models.ResourceAccessManagerBackend.get_resource_share_associations


def get_resource_share_associations(self, *args, **kwargs):
    """moto's answer without the associations of deleted shares (they share nothing on AWS)."""
    result = _ram_associations(self, *args, **kwargs)
    deleted = {share.arn for share in self.resource_shares if share.status == "DELETED"}
    result["resourceShareAssociations"] = [a for a in result["resourceShareAssociations"]
                                           if a["resourceShareArn"] not in deleted]
    return result


_ram_models.ResourceAccessManagerBackend.get_resource_share_associations = get_resource_share_associations

from moto.route53resolver import models as _resolver_models  # noqa: E402

_associate_rule = _resolver_models.Route53ResolverBackend.associate_resolver_rule


def associate_resolver_rule(self, resolver_rule_id, name, vpc_id):
    """moto sorts associations by name to list them; an unnamed one (AWS allows it) made that 500."""
    return _associate_rule(self, resolver_rule_id, name or "", vpc_id)


_resolver_models.Route53ResolverBackend.associate_resolver_rule = associate_resolver_rule

# A built state, kept and put back: the drift tests tamper with the same 港区 every time,
# and building it through the API costs seconds per test; putting back a copy costs a tenth.
import copy  # noqa: E402
import json as _json  # noqa: E402
from urllib.parse import parse_qs, urlparse  # noqa: E402

from moto.core.base_backend import BackendDict, backend_lock  # noqa: E402
from moto.moto_api._internal import urls as _api_urls  # noqa: E402

_SNAPSHOTS: dict = {}


def _structure():
    """Every service's accounts and regions as they are now: [(services, [(account, regions,
    [(region, backend)])])]."""
    return [(services, [(account, regions, list(dict.items(regions))) for account, regions in dict.items(services)])
            for services in list(BackendDict._instances)]


def _kept(structure) -> dict:
    """A deepcopy memo that keeps the containers and backends themselves: a copied model
    refers to the live backend object, as the original did."""
    memo = {}
    for services, accounts in structure:
        memo[id(services)] = services
        for _, regions, backends in accounts:
            memo[id(regions)] = regions
            for _, backend in backends:
                memo[id(backend)] = backend
    return memo


def snapshot(name: str) -> None:
    """Every backend's attributes, and every service's own (S3 keeps which account owns each
    bucket name on its BackendDict, `bucket_accounts`: left out, a bucket created after a
    restore stayed "taken" after the next one, and creating it again recursed in moto)."""
    with backend_lock:
        structure = _structure()
        backends = [b for _, accounts in structure for _, _, pairs in accounts for _, b in pairs]
        state = copy.deepcopy(([b.__dict__ for b in backends], [s.__dict__ for s, _ in structure],
                               moto_directconnect.GATEWAYS, moto_directconnect.ASSOCIATIONS,
                               moto_directconnect.INTERFACES), _kept(structure))
        _SNAPSHOTS[name] = (structure, backends, state)


def restore(name: str) -> None:
    structure, backends, state = _SNAPSHOTS[name]
    with backend_lock:
        for services in list(BackendDict._instances):
            dict.clear(services)
        BackendDict._instances[:] = [services for services, _ in structure]
        for services, accounts in structure:
            for account, regions, pairs in accounts:
                dict.__setitem__(services, account, regions)
                dict.clear(regions)
                for region, backend in pairs:
                    dict.__setitem__(regions, region, backend)
        dicts, services_dicts, gateways, associations, interfaces = copy.deepcopy(state, _kept(structure))
        for backend, attributes in zip(backends, dicts):
            backend.__dict__ = attributes
        for (services, _), attributes in zip(structure, services_dicts):
            services.__dict__.clear()
            services.__dict__.update(attributes)
        for store, kept in ((moto_directconnect.GATEWAYS, gateways), (moto_directconnect.ASSOCIATIONS, associations),
                            (moto_directconnect.INTERFACES, interfaces)):
            store.clear()
            store.update(kept)


def _state_response(request, full_url, headers):
    """POST /moto-api/govcloud-state?op=snapshot|restore&name=N"""
    query = parse_qs(urlparse(full_url).query)
    op, name = query.get("op", [""])[0], query.get("name", [""])[0]
    if request.method != "POST" or op not in ("snapshot", "restore") or not name:
        return 400, {}, _json.dumps({"Error": "POST ?op=snapshot|restore&name=N"})
    if op == "restore" and name not in _SNAPSHOTS:
        return 404, {}, _json.dumps({"Error": f"no snapshot {name}"})
    (snapshot if op == "snapshot" else restore)(name)
    return 200, {}, _json.dumps({"status": "ok"})


_api_urls.url_paths["{0}/moto-api/govcloud-state"] = _state_response

if __name__ == "__main__":
    main(sys.argv[1:])
