"""The declared side: Items from an inventory (`govcloud plan`'s, or one made from a
`pulumi stack export`). References between resources go through the recorded property
dependencies, so they work whether ids are the mocks' or the cloud's."""
from __future__ import annotations

import json
from pathlib import Path

from drift.items import Item

MUNICIPALITY_TAG = "MunicipalityCode"


class Declared:
    def __init__(self, inventory: dict):
        self.inventory = inventory
        self.resources = [r for r in inventory["resources"] if r["custom"]]
        self.by_urn = {r["urn"]: r for r in inventory["resources"]}
        providers = [r for r in inventory["resources"] if r["type"].startswith("pulumi:providers:")]
        defaults = {}
        for p in providers:
            tags = (p["inputs"].get("defaultTags") or {})
            defaults[p["urn"]] = tags.get("tags", {}) if isinstance(tags, dict) else {}
        self.default_tags = defaults
        self._default_labels = {p["urn"]: p["inputs"].get("defaultLabels") or {} for p in providers}

    def default_labels(self, r: dict) -> dict:
        return dict(self._default_labels.get(r.get("provider"), {}))

    def tags(self, r: dict) -> dict:
        return {**self.default_tags.get(r.get("provider"), {}), **(r["inputs"].get("tags") or {})}

    def name(self, r: dict | None) -> str | None:
        if r is None:
            return None
        if r["type"].startswith("gcp:"):
            return r["inputs"].get("name") or r["name"]
        return (r["inputs"].get("tags") or {}).get("Name") or r["name"]

    def ref(self, r: dict, prop: str) -> dict | None:
        for urn in r.get("dependencies", {}).get(prop, ()):
            if urn in self.by_urn:
                return self.by_urn[urn]
        return None

    def items(self) -> list[Item]:
        out: list[Item] = []
        for r in self.resources:
            out.extend(self._items(r))
        return out

    def _items(self, r: dict):
        t, i, layer = r["type"], r["inputs"], r.get("layer")
        name = self.name(r)
        managed_tags = {k: v for k, v in self.tags(r).items()}
        if t == "aws:ec2/vpc:Vpc":
            yield Item("vpc", (name,), layer, {"cidr": i["cidrBlock"], "tags": managed_tags}, r["urn"])
        elif t == "aws:ec2/subnet:Subnet":
            yield Item("subnet", (name,), layer, {"cidr": i["cidrBlock"], "zone": i.get("availabilityZone"),
                                                  "public_ip": bool(i.get("mapPublicIpOnLaunch")),
                                                  "tags": managed_tags}, r["urn"])
        elif t == "aws:ec2/routeTable:RouteTable":
            yield Item("route_table", (name,), layer, {"tags": managed_tags}, r["urn"])
        elif t == "aws:ec2/route:Route":
            table = self.name(self.ref(r, "routeTableId"))
            target = "transit-gateway" if i.get("transitGatewayId") else "internet-gateway" if i.get("gatewayId") \
                else "nat-gateway" if i.get("natGatewayId") else "other"
            yield Item("route", (table, i["destinationCidrBlock"]), layer, {"target": target}, r["urn"])
        elif t == "aws:ec2/internetGateway:InternetGateway":
            yield Item("igw", (self.name(self.ref(r, "vpcId")),), layer, {}, r["urn"])
        elif t == "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
            yield Item("default_sg", (self.name(self.ref(r, "vpcId")),), layer,
                       {"ingress": len(i.get("ingress") or []), "egress": len(i.get("egress") or [])}, r["urn"])
        elif t == "aws:ec2/networkAcl:NetworkAcl":
            entries = sorted(_nacl_entry(e, False) for e in i.get("ingress") or []) + \
                sorted(_nacl_entry(e, True) for e in i.get("egress") or [])
            yield Item("nacl", (name,), layer, {"entries": entries}, r["urn"])
        elif t == "aws:ec2/flowLog:FlowLog":
            yield Item("flow_log", (self.name(self.ref(r, "vpcId")),), layer,
                       {"traffic": i.get("trafficType"), "destination_type": i.get("logDestinationType")}, r["urn"])
        elif t == "aws:ec2transitgateway/transitGateway:TransitGateway":
            yield Item("tgw", (name,), layer, {"asn": int(i.get("amazonSideAsn", 64512)),
                                               "default_association": i.get("defaultRouteTableAssociation"),
                                               "default_propagation": i.get("defaultRouteTablePropagation")}, r["urn"])
        elif t == "aws:ec2transitgateway/routeTable:RouteTable":
            yield Item("tgw_route_table", (name,), layer, {"tags": managed_tags}, r["urn"])
        elif t == "aws:ec2transitgateway/vpcAttachment:VpcAttachment":
            yield Item("tgw_attachment", (name,), layer, {"vpc": self.name(self.ref(r, "vpcId"))}, r["urn"])
        elif t == "aws:ec2transitgateway/route:Route":
            table = self.name(self.ref(r, "transitGatewayRouteTableId"))
            attachment = self.ref(r, "transitGatewayAttachmentId")
            if not i.get("blackhole") and (attachment is None or
                                           attachment["type"] != "aws:ec2transitgateway/vpcAttachment:VpcAttachment"):
                return  # routes to the Direct Connect gateway / VPN: not compared yet (docs/drift.md)
            target = "blackhole" if i.get("blackhole") else self.name(attachment)
            yield Item("tgw_route", (table, i["destinationCidrBlock"]), layer, {"target": target}, r["urn"])
        elif t in ("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
                   "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation"):
            attachment = self.ref(r, "transitGatewayAttachmentId")
            if attachment is None or attachment["type"] != "aws:ec2transitgateway/vpcAttachment:VpcAttachment":
                return  # Direct Connect and VPN attachments are not compared yet (docs/drift.md)
            kind = "tgw_association" if t.endswith("Association") else "tgw_propagation"
            yield Item(kind, (self.name(self.ref(r, "transitGatewayRouteTableId")), self.name(attachment)), layer,
                       {}, r["urn"])
        elif t == "aws:kms/key:Key":
            yield Item("kms_key", (name,), layer, {"rotation": bool(i.get("enableKeyRotation"))}, r["urn"])
        elif t == "aws:s3/bucket:Bucket":
            yield Item("bucket", (name,), layer, self._bucket_props(r), r["urn"])
        elif t == "aws:ebs/encryptionByDefault:EncryptionByDefault":
            yield Item("ebs_default", ("account",), layer, {"enabled": bool(i.get("enabled"))}, r["urn"])
        elif t.startswith("gcp:"):
            yield from _gcp_items(self, r)

    def _bucket_props(self, bucket: dict) -> dict:
        props = {"sse": None, "versioning": None}
        for r in self.resources:
            if self.ref(r, "bucket") is not bucket:
                continue
            if r["type"].endswith("BucketServerSideEncryptionConfiguration"):
                rule = (r["inputs"].get("rules") or [{}])[0].get("applyServerSideEncryptionByDefault", {})
                props["sse"] = rule.get("sseAlgorithm")
            elif r["type"].endswith("BucketVersioning"):
                props["versioning"] = (r["inputs"].get("versioningConfiguration") or {}).get("status")
        return props


def _nacl_entry(e: dict, egress: bool) -> tuple:
    return (egress, int(e["ruleNo"]), e["action"], str(e["protocol"]), e["cidrBlock"],
            int(e.get("fromPort", 0)), int(e.get("toPort", 0)))


def _gcp_items(declared: Declared, r: dict):
    t, i, layer, name = r["type"], r["inputs"], r.get("layer"), declared.name(r)
    if t == "gcp:compute/network:Network":
        yield Item("network", (name,), layer, {"auto_subnets": bool(i.get("autoCreateSubnetworks"))}, r["urn"])
    elif t == "gcp:compute/subnetwork:Subnetwork":
        yield Item("g_subnet", (name,), layer, {"cidr": i["ipCidrRange"], "region": i["region"],
                                                "private_google_access": bool(i.get("privateIpGoogleAccess")),
                                                "flow_logs": bool(i.get("logConfig"))}, r["urn"])
    elif t == "gcp:compute/firewall:Firewall":
        yield Item("firewall", (name,), layer, firewall_props(i), r["urn"])
    elif t == "gcp:compute/route:Route":
        yield Item("g_route", (name,), layer, {"dest": i.get("destRange"), "next_hop": i.get("nextHopGateway")},
                   r["urn"])
    elif t == "gcp:compute/router:Router":
        yield Item("router", (name,), layer, {"asn": (i.get("bgp") or {}).get("asn")}, r["urn"])
    elif t == "gcp:compute/routerNat:RouterNat":
        yield Item("g_nat", (name,), layer, {}, r["urn"])
    elif t == "gcp:compute/interconnectAttachment:InterconnectAttachment":
        labels = {**declared.default_labels(r), **(i.get("labels") or {})}
        yield Item("attachment", (name,), layer, {"type": i.get("type"), "region": i.get("region"), "tags": labels},
                   r["urn"])


def firewall_props(i: dict) -> dict:
    """Firewall properties in one normal form for both sides (API JSON uses the same names)."""
    def rules(entries):
        return sorted((e.get("protocol") or e.get("IPProtocol"), tuple(sorted(e.get("ports") or []))) for e in entries or [])
    return {"direction": i.get("direction", "INGRESS"), "priority": int(i.get("priority", 1000)),
            "sources": sorted(i.get("sourceRanges") or []), "destinations": sorted(i.get("destinationRanges") or []),
            "allows": rules(i.get("allows") or i.get("allowed")), "denies": rules(i.get("denies") or i.get("denied")),
            "logging": bool(i.get("logConfig") and (i["logConfig"].get("enable", True)))}


def from_state_export(path: Path) -> dict:
    """An inventory from `pulumi stack export` JSON (deployment.resources)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    resources = (data.get("deployment") or {}).get("resources")
    if not isinstance(resources, list):
        raise ValueError("not a `pulumi stack export` file: no deployment.resources list")
    out = []
    for r in resources:
        if r.get("type") == "pulumi:pulumi:Stack":
            continue
        inputs = r.get("inputs") or {}
        tags = inputs.get("tags") if isinstance(inputs.get("tags"), dict) else {}
        labels = inputs.get("labels") if isinstance(inputs.get("labels"), dict) else {}
        out.append({"urn": r["urn"], "type": r["type"], "name": r["urn"].rsplit("::", 1)[-1],
                    "parent": r.get("parent"), "custom": bool(r.get("custom")),
                    "provider": (r.get("provider") or "").rsplit("::", 1)[0] or None, "id": r.get("id"),
                    "layer": tags.get("Layer") or labels.get("layer"), "protect": bool(r.get("protect")),
                    "retainOnDelete": bool(r.get("retainOnDelete")), "inputs": inputs, "secretInputs": [],
                    "additionalSecretOutputs": r.get("additionalSecretOutputs") or [],
                    "dependencies": r.get("propertyDependencies") or {}})
    stack = next((r["urn"].split("::")[0].rsplit(":", 1)[-1] for r in resources), "")
    return {"format": "govcloud-inventory/1", "stack": stack, "cloud": "", "resources": out}
