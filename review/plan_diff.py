"""The change review's plan part: what `pulumi up` would do to each resource, from the two
planned inventories (base and proposed, both recorded under the mock runtime), before any
engine runs. Per resource: create, update, replace or delete, with the properties that
changed and those that force a replacement on the provider. A replacement deletes the
resource and creates it again: traffic through it stops (停止を伴う変更).

Which inputs force a replacement is the provider's contract, taken from the bridged
Terraform providers' schemas (`ForceNew: true`), as pulumi-aws and pulumi-gcp replace on
exactly those:
- aws:ec2/vpc:Vpc — terraform-provider-aws internal/service/ec2/vpc_.go
- aws:ec2/subnet:Subnet — internal/service/ec2/vpc_subnet.go
- aws:ec2/route:Route — internal/service/ec2/vpc_route.go (targets are updated in place)
- aws:ec2transitgateway/route:Route — transitgateway_route.go (no update at all)
- aws:directconnect/transitVirtualInterface — directconnect/transit_virtual_interface.go
- aws:ec2/routeTable:RouteTable, aws:ec2/networkAcl:NetworkAcl, aws:ec2/securityGroup:
  SecurityGroup — vpcId (vpc_route_table.go, vpc_network_acl.go, vpc_security_group.go)
- aws:ec2transitgateway/vpcAttachment:VpcAttachment — transitGatewayId, vpcId
  (transitgateway_vpc_attachment.go; subnetIds are modified in place)
- gcp:compute/subnetwork:Subnetwork — name, network, region; ipCidrRange only when it
  shrinks (`ForceNewIfChange("ip_cidr_range", IsShrinkageIpCidr)`, terraform-provider-google
  resource_compute_subnetwork): an expansion is made in place.
A property not listed is treated as updatable.

A replacement gives the resource a new id, so it cascades: a resource whose ForceNew input
refers to a replaced one is replaced too (a VPC's new CIDR replaces its subnets, route
tables, NACLs, security groups and transit attachment). The mock runtime keeps ids stable,
so the cascade is computed here from the recorded dependencies.
"""
from __future__ import annotations

from netaddr import IPNetwork

REPLACE_ON_CHANGE = {
    "aws:ec2/vpc:Vpc": ("cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"),
    "aws:ec2/subnet:Subnet": ("availabilityZone", "availabilityZoneId", "cidrBlock", "ipv4IpamPoolId",
                              "ipv4NetmaskLength", "ipv6IpamPoolId", "ipv6Native", "ipv6NetmaskLength", "outpostArn",
                              "vpcId"),
    "aws:ec2/route:Route": ("routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock",
                            "destinationPrefixListId"),
    "aws:ec2transitgateway/route:Route": ("blackhole", "destinationCidrBlock", "transitGatewayAttachmentId",
                                          "transitGatewayRouteTableId"),
    "aws:directconnect/transitVirtualInterface:TransitVirtualInterface": (
        "addressFamily", "amazonAddress", "bgpAsn", "bgpAuthKey", "connectionId", "customerAddress", "dxGatewayId",
        "name", "vlan"),
    "aws:ec2/routeTable:RouteTable": ("vpcId",),
    "aws:ec2/networkAcl:NetworkAcl": ("vpcId",),
    "aws:ec2/securityGroup:SecurityGroup": ("vpcId", "name", "namePrefix"),
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": ("transitGatewayId", "vpcId"),
    "gcp:compute/subnetwork:Subnetwork": ("name", "network", "region"),
}
#: what a reviewer looks at first: filters between networks, and the line and VPN
FILTER_MARKS = ("networkAcl", "securityGroup", "firewall")
LINE_MARKS = ("directconnect/", "vpnConnection", "customerGateway", "interconnectAttachment", "vPNTunnel",
              "haVpnGateway", "externalVpnGateway", "routerPeer")


def compact(inventory: dict) -> dict[str, dict]:
    """urn -> {type, name, inputs, secrets} of every custom resource of a planned inventory."""
    return {r["urn"]: {"type": r["type"], "name": r["name"], "inputs": r["inputs"],
                       "secrets": list(r.get("secretInputs") or []), "dependencies": r.get("dependencies") or {}}
            for r in inventory["resources"] if r.get("custom")}


def _shrinks(old, new) -> bool:
    try:
        return IPNetwork(str(old)) not in IPNetwork(str(new))
    except (ValueError, TypeError):
        return True


def _forces(typ: str, changed: list[str], before: dict, after: dict) -> list[str]:
    forced = [p for p in changed if p in REPLACE_ON_CHANGE.get(typ, ())]
    if typ == "gcp:compute/subnetwork:Subnetwork" and "ipCidrRange" in changed \
            and _shrinks(before.get("ipCidrRange"), after.get("ipCidrRange")):
        forced.append("ipCidrRange")
    return forced


def category(typ: str) -> str:
    if any(mark in typ for mark in FILTER_MARKS):
        return "filter"
    if any(mark in typ for mark in LINE_MARKS):
        return "line"
    return "other"


def changes(base: dict[str, dict], head: dict[str, dict]) -> list[dict]:
    """One row per resource that changes, in the order: delete, replace, update, create.
    Secret values are compared but never shown: only the property's name is."""
    rows = []
    for urn in sorted(set(base) | set(head)):
        before, after = base.get(urn), head.get(urn)
        current = after or before
        row = {"type": current["type"], "name": current["name"], "category": category(current["type"])}
        if before is None:
            rows.append({**row, "op": "create", "properties": [], "forces": []})
        elif after is None:
            rows.append({**row, "op": "delete", "properties": [], "forces": []})
        else:
            keys = sorted(set(before["inputs"]) | set(after["inputs"]))
            changed = [k for k in keys if before["inputs"].get(k) != after["inputs"].get(k)]
            if changed:
                forces = _forces(current["type"], changed, before["inputs"], after["inputs"])
                rows.append({**row, "op": "replace" if forces else "update", "properties": changed,
                             "forces": forces})
    _cascade(rows, head)
    order = {"delete": 0, "replace": 1, "update": 2, "create": 3}
    return sorted(rows, key=lambda r: (order[r["op"]], r["type"], r["name"]))


def _cascade(rows: list[dict], head: dict[str, dict]) -> None:
    """Replace every resource whose ForceNew input depends on a replaced one, until none is
    left (a replaced VPC replaces its subnets, which replace nothing listed, and so on)."""
    by_name = {(r["type"], r["name"]): r for r in rows}
    replaced = {urn for urn, res in head.items() if by_name.get((res["type"], res["name"]), {}).get("op") == "replace"}
    changed = True
    while changed:
        changed = False
        for urn, res in head.items():
            if urn in replaced:
                continue
            causes = [f"{prop} ← {head[dep]['name']}" for prop in REPLACE_ON_CHANGE.get(res["type"], ())
                      for dep in res.get("dependencies", {}).get(prop, ()) if dep in replaced]
            if not causes:
                continue
            row = by_name.get((res["type"], res["name"]))
            if row is None:
                row = {"type": res["type"], "name": res["name"], "category": category(res["type"]),
                       "op": "replace", "properties": [], "forces": []}
                rows.append(row)
                by_name[(res["type"], res["name"])] = row
            if row["op"] == "create":
                continue
            row["op"] = "replace"
            row["forces"] = list(dict.fromkeys(row["forces"] + causes))
            replaced.add(urn)
            changed = True


def summary(rows: list[dict]) -> dict:
    counts = {op: sum(1 for r in rows if r["op"] == op) for op in ("create", "update", "replace", "delete")}
    return {"counts": counts,
            "disruptive": [r for r in rows if r["op"] == "replace"],
            "removed_lines": [r for r in rows if r["op"] == "delete" and r["category"] == "line"],
            "filters": [r for r in rows if r["category"] == "filter"]}
