"""The properties that carry the mission, as functions over a recorded inventory that
return the problems they find. Each test runs one on every sample (no problems) and on
a broken inventory (problems), so no check can pass by being unable to fail."""
from __future__ import annotations

import importlib
import inspect

from network.model import build

CLOSED = {"mynumber", "lgwan"}
T = {
    "igw": "aws:ec2/internetGateway:InternetGateway", "nat": "aws:ec2/natGateway:NatGateway",
    "eip": "aws:ec2/eip:Eip", "subnet": "aws:ec2/subnet:Subnet", "vpc": "aws:ec2/vpc:Vpc",
    "route": "aws:ec2/route:Route", "tgw": "aws:ec2transitgateway/transitGateway:TransitGateway",
    "tgw_rt": "aws:ec2transitgateway/routeTable:RouteTable", "tgw_route": "aws:ec2transitgateway/route:Route",
    "tgw_assoc": "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    "tgw_prop": "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    "tgw_attach": "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    "dxgw_assoc": "aws:directconnect/gatewayAssociation:GatewayAssociation",
    "dxcon": "aws:directconnect/connection:Connection",
    "dxconfirm": "aws:directconnect/connectionConfirmation:ConnectionConfirmation",
    "vif": "aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
    "macsec": "aws:directconnect/macsecKeyAssociation:MacsecKeyAssociation",
    "kms": "aws:kms/key:Key", "bucket": "aws:s3/bucket:Bucket", "flowlog": "aws:ec2/flowLog:FlowLog",
    "vpn": "aws:ec2/vpnConnection:VpnConnection", "provider": "pulumi:providers:aws",
}


def ids(inventory, kind):
    return {r["id"]: r for r in inventory.of_type(T[kind])}


def no_internet_paths_in_closed_layers(tenancy, inventory) -> list[str]:
    problems = []
    for kind in ("igw", "nat", "eip"):
        for r in inventory.of_type(T[kind]):
            if r["layer"] in CLOSED:
                problems.append(f"{kind} {r['name']} in {r['layer']}")
    for r in inventory.of_type(T["subnet"]):
        if r["layer"] in CLOSED and r["inputs"].get("mapPublicIpOnLaunch") is not False:
            problems.append(f"public-IP subnet {r['name']}")
    for r in inventory.of_type(T["route"]):
        if r["layer"] in CLOSED and ("gatewayId" in r["inputs"] or "natGatewayId" in r["inputs"]):
            problems.append(f"route to an internet/NAT gateway {r['name']}")
    return problems


def transit_tables_isolate_layers(tenancy, inventory) -> list[str]:
    model = build(tenancy)
    problems = []
    tgw = inventory.of_type(T["tgw"])
    if len(tgw) != 1 or tgw[0]["inputs"].get("defaultRouteTableAssociation") != "disable" or \
            tgw[0]["inputs"].get("defaultRouteTablePropagation") != "disable":
        problems.append("transit gateway default association/propagation not disabled")
    tables = {r["id"]: r["name"].rsplit("-", 1)[-1] for r in inventory.of_type(T["tgw_rt"])}
    attachments = {r["id"]: r["layer"] for r in inventory.of_type(T["tgw_attach"])}
    for r in inventory.of_type(T["tgw_assoc"]):
        att, table = r["inputs"]["transitGatewayAttachmentId"], tables[r["inputs"]["transitGatewayRouteTableId"]]
        if att in attachments and attachments[att] != table:
            problems.append(f"attachment of {attachments[att]} associated with table {table}")
    for r in inventory.of_type(T["tgw_prop"]):
        att, table = r["inputs"]["transitGatewayAttachmentId"], tables[r["inputs"]["transitGatewayRouteTableId"]]
        if att in attachments and table != "onprem":
            problems.append(f"layer {attachments[att]} propagated into table {table}")
    for routing in model.routing:
        allowed = {x.prefix for x in routing.reach} | ({"0.0.0.0/0"} if routing.default_via_datacenter else set())
        routes = [r for r in inventory.of_type(T["tgw_route"])
                  if tables[r["inputs"]["transitGatewayRouteTableId"]] == routing.layer]
        forwarded = {r["inputs"]["destinationCidrBlock"] for r in routes if not r["inputs"].get("blackhole")}
        dropped = {r["inputs"]["destinationCidrBlock"] for r in routes if r["inputs"].get("blackhole")}
        if forwarded - allowed:
            problems.append(f"table {routing.layer} forwards undeclared {sorted(forwarded - allowed)}")
        if set(routing.blackholes) - allowed - dropped:
            problems.append(f"table {routing.layer} does not blackhole {sorted(set(routing.blackholes) - allowed - dropped)}")
    return problems


def dx_allowed_prefixes_are_the_layer_blocks(tenancy, inventory) -> list[str]:
    expected = sorted(r.cidr for r in build(tenancy).routing)
    found = [sorted(r["inputs"].get("allowedPrefixes", [])) for r in inventory.of_type(T["dxgw_assoc"])]
    return [] if found == [expected] else [f"allowed prefixes {found} != {expected}"]


def lines_match_the_declaration(tenancy, inventory) -> list[str]:
    problems = []
    lines = tenancy.spec.connectivity.lines
    dedicated = inventory.of_type(T["dxcon"])
    confirmed = {r["inputs"]["connectionId"] for r in inventory.of_type(T["dxconfirm"])}
    vifs = {r["inputs"]["vlan"]: r for r in inventory.of_type(T["vif"])}
    for line in lines:
        if line.type == "dedicated":
            con = next((r for r in inventory.of_type(T["dxcon"]) if r["inputs"]["name"].endswith(f"-{line.name}")), None)
            if con is None or con["inputs"]["location"] != line.location:
                problems.append(f"line {line.name}: no connection at {line.location}")
            elif line.macsec and not con["inputs"].get("requestMacsec"):
                problems.append(f"line {line.name}: MACsec not requested")
        elif line.connection_id not in confirmed:
            problems.append(f"hosted line {line.name}: {line.connection_id} not confirmed")
        vif = vifs.get(line.vlan)
        if vif is None or vif["inputs"]["bgpAsn"] != tenancy.spec.data_center.asn:
            problems.append(f"line {line.name}: no transit VIF on VLAN {line.vlan} with the DC ASN")
    if len(vifs) != len(lines) or len(dedicated) + len(confirmed) != len(lines):
        problems.append(f"{len(vifs)} VIFs / {len(dedicated) + len(confirmed)} connections for {len(lines)} lines")
    macsec_lines = sum(1 for line in lines if line.macsec)
    if len(inventory.of_type(T["macsec"])) != macsec_lines:
        problems.append("MACsec key associations do not match the MACsec lines")
    return problems


def keys_rotate_and_are_protected(tenancy, inventory) -> list[str]:
    problems = []
    keys = inventory.of_type(T["kms"])
    if {k["layer"] for k in keys} != {layer.id for layer in tenancy.spec.enabled_layers}:
        problems.append("not one key per enabled layer")
    for k in keys:
        if k["inputs"].get("enableKeyRotation") is not True or not k["protect"] or \
                k["inputs"].get("deletionWindowInDays") != 30:
            problems.append(f"key {k['name']}: rotation/protect/deletion window")
    for b in inventory.of_type(T["bucket"]):
        if not (b["protect"] and b["retainOnDelete"]):
            problems.append(f"log bucket {b['name']} not protected")
    return problems


def flow_logs_on_every_vpc(tenancy, inventory) -> list[str]:
    logged = {r["inputs"].get("vpcId") for r in inventory.of_type(T["flowlog"])
              if r["inputs"].get("trafficType") == "ALL"}
    return [f"no flow log on {r['name']}" for r in inventory.of_type(T["vpc"]) if r["id"] not in logged]


def vpn_keys_are_secret(tenancy, inventory) -> list[str]:
    problems = []
    vpns = inventory.of_type(T["vpn"])
    wanted = len(tenancy.spec.data_center.vpn_peer_addresses) if tenancy.spec.connectivity.vpn_backup else 0
    if len(vpns) != wanted:
        problems.append(f"{len(vpns)} VPN connections, {wanted} declared")
    for r in vpns:
        for key in ("tunnel1PresharedKey", "tunnel2PresharedKey"):
            if key not in r["secretInputs"] or r["inputs"].get(key) != "[secret]":
                problems.append(f"{r['name']}.{key} is not secret")
    for r in inventory.of_type(T["vif"]):
        if "bgpAuthKey" not in r["secretInputs"]:
            problems.append(f"{r['name']}.bgpAuthKey is not secret")
    return problems


def _taggable(resource_type: str) -> bool:
    """Whether the provider's own args class takes `tags` (not a hand-kept list)."""
    package, module, name = resource_type.split(":")
    if package != "aws":
        return False
    mod = importlib.import_module(f"pulumi_aws.{module.split('/')[0]}")
    cls = getattr(mod, name, None)
    return cls is not None and "tags" in inspect.signature(cls._internal_init).parameters


def every_taggable_resource_is_tagged(tenancy, inventory) -> list[str]:
    providers = {r["urn"]: r["inputs"].get("defaultTags", {}).get("tags", {}) for r in inventory.of_type(T["provider"])}
    problems = []
    for r in inventory.custom():
        if not _taggable(r["type"]):
            continue
        tags = {**providers.get(r["provider"], {}), **(r["inputs"].get("tags") or {})}
        missing = {"MunicipalityCode", "Layer", "Stack", "Component", "Name"} - set(tags)
        if missing or tags.get("MunicipalityCode") != tenancy.spec.municipality.code:
            problems.append(f"{r['name']} lacks {sorted(missing)}")
    return problems


CHECKS = [no_internet_paths_in_closed_layers, transit_tables_isolate_layers, dx_allowed_prefixes_are_the_layer_blocks,
          lines_match_the_declaration, keys_rotate_and_are_protected, flow_logs_on_every_vpc, vpn_keys_are_secret,
          every_taggable_resource_is_tagged]
