"""`govcloud plan`: the recorded inventory as a tree by component, or as JSON."""
from __future__ import annotations

import json

import click

#: The properties worth a glance, by resource type (the JSON has all of them).
SHOWN = {
    "aws:ec2/vpc:Vpc": ("cidrBlock",),
    "aws:ec2/subnet:Subnet": ("cidrBlock", "availabilityZone", "mapPublicIpOnLaunch"),
    "aws:ec2/route:Route": ("destinationCidrBlock",),
    "aws:ec2transitgateway/route:Route": ("destinationCidrBlock", "blackhole"),
    "aws:ec2transitgateway/transitGateway:TransitGateway": ("amazonSideAsn", "defaultRouteTableAssociation",
                                                            "defaultRouteTablePropagation"),
    "aws:kms/key:Key": ("enableKeyRotation", "deletionWindowInDays"),
    "aws:directconnect/connection:Connection": ("location", "bandwidth", "requestMacsec"),
    "aws:directconnect/transitVirtualInterface:TransitVirtualInterface": ("vlan", "bgpAsn", "bgpAuthKey"),
    "aws:directconnect/gateway:Gateway": ("amazonSideAsn",),
    "aws:directconnect/gatewayAssociation:GatewayAssociation": ("allowedPrefixes",),
    "aws:ec2/vpnConnection:VpnConnection": ("tunnel1PresharedKey", "tunnel2PresharedKey"),
    "aws:ec2/customerGateway:CustomerGateway": ("ipAddress", "bgpAsn"),
    "aws:ec2/flowLog:FlowLog": ("trafficType", "logDestinationType"),
    "aws:ec2/networkAcl:NetworkAcl": (),
    "pulumi:providers:aws": ("region",),
}


def _short(resource: dict) -> str:
    token = resource["type"].split(":")[-1]
    return token if resource["type"].startswith("govcloud:") else f"{resource['type'].split(':')[0]}:{token}"


def _props(resource: dict) -> str:
    shown = []
    for key in SHOWN.get(resource["type"], ()):
        if key in resource["inputs"]:
            value = resource["inputs"][key]
            shown.append(f"{key}={','.join(map(str, value)) if isinstance(value, list) else value}")
    flags = [f for f, on in (("protect", resource["protect"]), ("retain", resource["retainOnDelete"]),
                             ("secret", bool(resource.get("secretInputs")))) if on]
    return " ".join(shown + [f"[{f}]" for f in flags])


#: what the tree's marks mean, in the order the legend gives them
LEGEND = (("(layer)", "the layer a resource serves; (shared): every layer"),
          ("[protect]", "Pulumi refuses to delete it"),
          ("[retain]", "left in the cloud when it leaves the stack"),
          ("[secret]", "an input Pulumi stores encrypted, never shown"))


def legend(text: str) -> str:
    """The legend of the marks the tree shows."""
    used = [(mark, what) for mark, what in LEGEND if (mark == "(layer)" and "(" in text) or mark in text]
    return "legend: " + "; ".join(f"{mark} {what}" for mark, what in used) if used else ""


def tree(inventory) -> str:
    children: dict = {}
    for r in inventory.resources:
        children.setdefault(r["parent"], []).append(r)
    lines: list[str] = []

    def walk(resource, prefix: str, last: bool, top: bool):
        branch = "" if top else ("└─ " if last else "├─ ")
        layer = f" ({resource['layer']})" if resource["layer"] else ""
        props = _props(resource)
        lines.append(f"{prefix}{branch}{_short(resource)} {resource['name']}{layer}" + (f"  {props}" if props else ""))
        kids = children.get(resource["urn"], [])
        for i, kid in enumerate(kids):
            walk(kid, prefix + ("" if top else ("   " if last else "│  ")), i == len(kids) - 1, False)

    roots = [r for r in inventory.resources if r["parent"] not in {x["urn"] for x in inventory.resources}]
    for root in roots:
        walk(root, "", True, True)
    return "\n".join(lines)


def summary(inventory) -> str:
    custom = inventory.custom()
    return (f"{len(custom)} resources in {len(inventory.resources) - len(custom)} components "
            f"({inventory.milliseconds:.0f} ms under the mock runtime; nothing was deployed)")


def run_plan(targets, stack: str, fmt: str) -> int:
    from scripts.targets import load_tenancy
    tenancy = load_tenancy(targets.one(stack))
    from components.plan import record
    from scripts import report as formats
    from pipeline.checks import StackReport, add_verdicts, verdicts_as_dicts
    inventory = record(tenancy)
    checked = add_verdicts(StackReport(tenancy.stack, tenancy.source.file), tenancy, inventory, {})
    if fmt == "json":
        data = inventory.as_dict()
        data["policy"] = verdicts_as_dicts(checked)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        drawn = tree(inventory)
        click.echo(drawn)
        click.echo(legend(drawn))
        click.echo(summary(inventory))
        failed = [v for v in checked.verdicts if v.status in ("fail", "unknown")]
        if failed:
            checked.summary = summary(inventory)
            click.echo(formats.text([checked]))
        else:
            click.echo(f"policies: all {sum(v.status == 'pass' for v in checked.verdicts)} enabled rules pass "
                       "(ポリシー違反なし)")
    return 1 if checked.blocking else 0
