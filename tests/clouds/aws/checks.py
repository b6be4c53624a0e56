"""The properties that carry the mission, as functions over a recorded inventory that
return the problems they find. Each test runs one on every sample (no problems) and on
a broken inventory (problems), so no check can pass by being unable to fail."""
from __future__ import annotations

import importlib
import inspect
import re

from clouds.aws.declaration import layer_ids, macsec_phase
from clouds.aws.routing import derive
from inventory.format import views
from network.catalog import LAYER_IDS
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
    """Two tables per layer; every association and propagation stays inside one layer; the
    layer table forwards only declared flows statically and blackholes the rest."""
    model = build(tenancy)
    problems = []
    tgw = inventory.of_type(T["tgw"])
    if len(tgw) != 1 or tgw[0]["inputs"].get("defaultRouteTableAssociation") != "disable" or \
            tgw[0]["inputs"].get("defaultRouteTablePropagation") != "disable":
        problems.append("transit gateway default association/propagation not disabled")
    routing = derive(model, views(inventory))
    expected = {r.layer for r in model.routing}
    if sorted(t.layer for t in routing.tables.values()) != sorted(2 * list(expected)):
        problems.append(f"not two tables per layer: {sorted(t.name for t in routing.tables.values())}")
    for table in routing.tables.values():
        for a in table.associated:
            if a.layer != table.layer:
                problems.append(f"{a.kind} attachment of {a.layer} associated with table {table.name}")
        for route in table.routes:
            if route.origin != "static" and route.target.layer != table.layer:
                problems.append(f"{route.target.kind} of {route.target.layer} propagated into table {table.name}")
            if route.origin == "static" and route.target is not None and route.target.kind != "vpc":
                problems.append(f"static route to the data center in {table.name}: {route.prefix}")
    for layer in model.routing:
        allowed = {x.prefix for x in layer.reach if not x.onprem}
        table = next((t for t in routing.tables.values() if t.layer == layer.layer
                      and any(a.kind == "vpc" for a in t.associated)), None)
        if table is None:
            problems.append(f"layer {layer.layer}: its VPC attachment has no table")
            continue
        forwarded = {r.prefix for r in table.routes if r.origin == "static" and r.target is not None}
        dropped = {r.prefix for r in table.routes if r.origin == "static" and r.target is None}
        if forwarded - allowed:
            problems.append(f"table {layer.layer} forwards undeclared {sorted(forwarded - allowed)}")
        reach = {x.prefix for x in layer.reach}
        if set(layer.blackholes) - reach - dropped:
            problems.append(f"table {layer.layer} does not blackhole {sorted(set(layer.blackholes) - reach - dropped)}")
    return problems


def dx_allowed_prefixes_are_the_layer_blocks(tenancy, inventory) -> list[str]:
    """One Direct Connect gateway per layer, allowing that layer's block only."""
    expected = {r.layer: [r.cidr] for r in build(tenancy).routing}
    found = {}
    by_urn = {v.urn: v for v in views(inventory)}
    for r in inventory.of_type(T["dxgw_assoc"]):
        gateway = by_urn[r["dependencies"]["dxGatewayId"][0]]
        found.setdefault(gateway.tagged_layer, []).append(sorted(r["inputs"].get("allowedPrefixes", [])))
    flat = {layer: v[0] for layer, v in found.items() if len(v) == 1}
    return [] if flat == expected and len(flat) == len(found) else [f"allowed prefixes {found} != {expected}"]


def lines_match_the_declaration(tenancy, inventory) -> list[str]:
    """Every line has one transit VIF per enabled layer, on that layer's VLAN and gateway,
    with the data center's ASN; connections as declared; MACsec in its phase."""
    problems = []
    spec = tenancy.spec
    layers = [layer.id for layer in spec.enabled_layers]
    by_urn = {v.urn: v for v in views(inventory)}
    vifs = {}
    for r in inventory.of_type(T["vif"]):
        gateway = by_urn[r["dependencies"]["dxGatewayId"][0]]
        vifs[(r["name"].rsplit("-", 2)[0], gateway.tagged_layer)] = r
    for line in spec.connectivity.lines:
        prefix = f"{spec.stack}-dx-{line.name}"
        for layer in layers:
            vif = vifs.get((prefix, layer))
            vlan = line.layer_vlan(LAYER_IDS.index(layer))
            if vif is None or vif["inputs"].get("vlan") != vlan or vif["inputs"].get("bgpAsn") != spec.data_center.asn:
                problems.append(f"line {line.name}: no {layer} VIF on VLAN {vlan} with the DC ASN")
        if line.type == "dedicated":
            con = next((r for r in inventory.of_type(T["dxcon"]) if r["name"] == prefix), None)
            phase = macsec_phase(line)
            if con is None or con["inputs"]["location"] != line.location:
                problems.append(f"line {line.name}: no connection at {line.location}")
            elif bool(con["inputs"].get("requestMacsec")) != bool(phase) or \
                    (con["inputs"].get("encryptionMode") == "must_encrypt") != (phase == "enforced"):
                problems.append(f"line {line.name}: MACsec not in phase {phase}")
        else:
            confirmed = {r["inputs"]["connectionId"] for r in inventory.of_type(T["dxconfirm"])}
            for layer, connection in layer_ids(line).items():
                if connection not in confirmed:
                    problems.append(f"hosted line {line.name}: {layer} connection {connection} not confirmed")
    if len(vifs) != len(spec.connectivity.lines) * len(layers):
        problems.append(f"{len(vifs)} VIFs for {len(spec.connectivity.lines)} lines × {len(layers)} layers")
    keyed = sum(1 for line in spec.connectivity.lines if macsec_phase(line) in ("associated", "enforced"))
    if len(inventory.of_type(T["macsec"])) != keyed:
        problems.append("MACsec key associations do not match the lines past phase requested")
    return problems


def keys_rotate_and_are_protected(tenancy, inventory) -> list[str]:
    problems = []
    keys = inventory.of_type(T["kms"])
    # the network account's layer keys (a system account's flow-log key is its own account's)
    layer_keys = [k["layer"] for k in keys if k["layer"] != "shared" and not k["name"].endswith("-flowlogs")]
    if sorted(layer_keys) != sorted(layer.id for layer in tenancy.spec.enabled_layers):
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
    wanted = len(tenancy.spec.data_center.vpn_peer_addresses) * len(tenancy.spec.enabled_layers) \
        if tenancy.spec.connectivity.vpn_backup else 0
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


#: AWS's tag rules ("Tag restrictions", the AWS-wide tag rules, as quoted in
#: clouds/aws/declaration.py): at most 50 tags, keys of 128 and values of 256 characters,
#: letters, digits, spaces and + - = . _ : / @ only, and no aws: prefix. Written here again,
#: from the documentation, so the check does not take the project's word for it.
TAG_RULES = {"tags": 50, "key": 128, "value": 256, "symbols": set("+-=._:/@ ")}


def tags_keep_aws_tag_rules(tenancy, inventory) -> list[str]:
    """Every planned tag, the provider's default tags included, as AWS accepts it (a
    line's carrier becomes its connections' Carrier tag: 'NTT東日本' is letters)."""
    providers = {r["urn"]: r["inputs"].get("defaultTags", {}).get("tags", {}) for r in inventory.of_type(T["provider"])}
    problems = []
    for r in inventory.custom():
        tags = {**providers.get(r["provider"], {}), **(r["inputs"].get("tags") or {})}
        if len(tags) > TAG_RULES["tags"]:
            problems.append(f"{r['name']}: {len(tags)} tags")
        for key, value in tags.items():
            for what, text, limit in (("key", key, TAG_RULES["key"]), ("value", str(value), TAG_RULES["value"])):
                bad = {c for c in text if not (c.isalnum() or c in TAG_RULES["symbols"])}
                if len(text) > limit or bad or text.lower().startswith("aws:"):
                    problems.append(f"{r['name']}: tag {what} {text[:40]!r}")
    return problems


#: pulumi-aws ram.PrincipalAssociation.principal: "Possible values are an AWS account ID, an AWS
#: Organizations Organization ARN, or an AWS Organizations Organization Unit ARN";
#: resource_share_arn (both association types): "ARN of the resource share" / "ARN of the RAM
#: Resource Share"; ResourceAssociation.resource_arn: "ARN of the resource to associate".
RAM_PRINCIPAL = re.compile(r"^(\d{12}|arn:aws:organizations::\d{12}:(organization/o-[a-z0-9]+|ou/o-[a-z0-9]+/ou-[a-z0-9-]+))$")
RAM_SHARE_ARN = re.compile(r"^arn:aws:ram:[a-z0-9-]+:\d{12}:resource-share/.+$")


def ram_associations_name_their_share(tenancy, inventory) -> list[str]:
    """Each RAM association names, by its ARN, a share of the stack (the one it depends on), and
    a principal or resource in the form pulumi-aws documents. An association without the share's
    ARN is a call AWS refuses, and one drift cannot tell apart from a share's."""
    shares = {r["urn"] for r in inventory.of_type("aws:ram/resourceShare:ResourceShare")}
    problems = []
    for kind, field, form in (("principalAssociation:PrincipalAssociation", "principal", RAM_PRINCIPAL),
                              ("resourceAssociation:ResourceAssociation", "resourceArn", re.compile(r"^arn:aws:"))):
        for r in inventory.of_type(f"aws:ram/{kind}"):
            arn, depends = r["inputs"].get("resourceShareArn"), r["dependencies"].get("resourceShareArn", [])
            if not (isinstance(arn, str) and RAM_SHARE_ARN.match(arn)) or not set(depends) & shares:
                problems.append(f"{r['name']}: resource_share_arn {arn!r} is not a share of the stack")
            if not form.match(str(r["inputs"].get(field))):
                problems.append(f"{r['name']}: {field} {r['inputs'].get(field)!r}")
    return problems


CHECKS = [no_internet_paths_in_closed_layers, transit_tables_isolate_layers, dx_allowed_prefixes_are_the_layer_blocks,
          lines_match_the_declaration, keys_rotate_and_are_protected, flow_logs_on_every_vpc, vpn_keys_are_secret,
          every_taggable_resource_is_tagged, tags_keep_aws_tag_rules, ram_associations_name_their_share]
