"""Mission properties of the Google Cloud components, as functions over an inventory."""
from __future__ import annotations

import importlib
import inspect

from netaddr import IPNetwork

from clouds.gcp.catalog import PARTNER_ROUTER_ASN, REGIONS, TIERS
from network.model import build

CLOSED = {"mynumber", "lgwan"}
T = {
    "network": "gcp:compute/network:Network", "subnet": "gcp:compute/subnetwork:Subnetwork",
    "firewall": "gcp:compute/firewall:Firewall", "route": "gcp:compute/route:Route",
    "router": "gcp:compute/router:Router", "nat": "gcp:compute/routerNat:RouterNat",
    "address": "gcp:compute/address:Address", "instance": "gcp:compute/instance:Instance",
    "peering": "gcp:compute/networkPeering:NetworkPeering",
    "attachment": "gcp:compute/interconnectAttachment:InterconnectAttachment",
    "peer": "gcp:compute/routerPeer:RouterPeer", "policy": "gcp:compute/routerRoutePolicy:RouterRoutePolicy",
    "tunnel": "gcp:compute/vPNTunnel:VPNTunnel", "havpn": "gcp:compute/haVpnGateway:HaVpnGateway",
    "keyring": "gcp:kms/keyRing:KeyRing", "key": "gcp:kms/cryptoKey:CryptoKey",
    "orgpolicy": "gcp:orgpolicy/policy:Policy", "logbucket": "gcp:logging/projectBucketConfig:ProjectBucketConfig",
    "provider": "pulumi:providers:gcp",
}


def no_external_ip_or_nat_in_closed_layers(tenancy, inventory) -> list[str]:
    problems = [f"{r['type']} {r['name']}" for kind in ("nat", "address") for r in inventory.of_type(T[kind])
                if r["layer"] in CLOSED]
    for r in inventory.of_type(T["instance"]):
        if r["layer"] in CLOSED and any(n.get("accessConfigs") for n in r["inputs"].get("networkInterfaces", [])):
            problems.append(f"external IP on {r['name']}")
    for r in inventory.of_type(T["route"]):
        if r["layer"] in CLOSED and r["inputs"].get("destRange") == "0.0.0.0/0":
            problems.append(f"default route {r['name']}")
    for r in inventory.of_type(T["network"]):
        if r["inputs"].get("autoCreateSubnetworks") is not False or r["inputs"].get("deleteDefaultRoutesOnCreate") is not True:
            problems.append(f"{r['name']}: auto subnets or the default internet route kept")
    return problems


def deny_all_baseline_and_no_open_source(tenancy, inventory) -> list[str]:
    problems = []
    networks = {r["id"]: r["layer"] for r in inventory.of_type(T["network"])}
    for network_id, layer in networks.items():
        rules = [r["inputs"] for r in inventory.of_type(T["firewall"]) if r["inputs"]["network"] == network_id]
        for direction, key in (("INGRESS", "sourceRanges"), ("EGRESS", "destinationRanges")):
            if not any(r["direction"] == direction and r.get("denies") and r.get(key) == ["0.0.0.0/0"]
                       and r["priority"] == 65534 for r in rules):
                problems.append(f"{layer}: no deny-all {direction.lower()} baseline")
        for r in rules:
            if r.get("allows") and "0.0.0.0/0" in r.get("sourceRanges", []):
                problems.append(f"{layer}: allow rule {r['name']} from 0.0.0.0/0")
            if not r.get("logConfig"):
                problems.append(f"{layer}: rule {r['name']} does not log")
    return problems


def reachability_is_the_declared_flows(tenancy, inventory) -> list[str]:
    """Between layers, firewall allows, route imports and advertisements are the declared
    flows' prefixes and nothing else; no peering at all."""
    model = build(tenancy)
    problems = [f"peering {r['name']}" for r in inventory.of_type(T["peering"])]
    networks = {r["id"]: r["layer"] for r in inventory.of_type(T["network"])}
    for routing in model.routing:
        own = [IPNetwork(routing.cidr)] + [IPNetwork(p) for p in routing.onprem]
        flows = {r.prefix for r in routing.reach}
        for rule in inventory.of_type(T["firewall"]):
            i = rule["inputs"]
            if networks.get(i["network"]) != routing.layer or not i.get("allows"):
                continue
            for cidr in i.get("sourceRanges", []) + i.get("destinationRanges", []):
                net = IPNetwork(cidr)
                inside = any(net in o for o in own) or cidr in flows or cidr in ("0.0.0.0/0", "199.36.153.4/30")
                if not inside:
                    problems.append(f"{routing.layer}: firewall {i['name']} opens {cidr}")
                if cidr == "0.0.0.0/0" and not (routing.default_via_datacenter or routing.internet_gateway):
                    problems.append(f"{routing.layer}: firewall {i['name']} opens the internet")
        expected = set(routing.onprem) | flows | ({"0.0.0.0/0"} if routing.default_via_datacenter else set())
        for policy in inventory.of_type(T["policy"]):
            if policy["layer"] != routing.layer:
                continue
            accepted = {t["match"]["expression"].split("'")[1] for t in policy["inputs"]["terms"]
                        if t["actions"][0]["expression"] == "accept()"}
            if accepted != expected:
                problems.append(f"{routing.layer}: imports {sorted(accepted)} != {sorted(expected)}")
            if policy["inputs"]["terms"][-1]["actions"][0]["expression"] != "reject()":
                problems.append(f"{routing.layer}: import policy does not end in reject()")
        for r in inventory.of_type(T["router"]) + inventory.of_type(T["peer"]):
            if r["layer"] != routing.layer:
                continue
            ranges = (r["inputs"].get("bgp") or r["inputs"]).get("advertisedIpRanges")
            if ranges is not None and [x["range"] for x in ranges] != [routing.cidr]:
                problems.append(f"{routing.layer}: {r['name']} advertises {ranges}")
    return problems


def attachments_meet_the_tier(tenancy, inventory) -> list[str]:
    spec = tenancy.spec
    tier = TIERS[spec.connectivity.redundancy]
    problems = []
    for routing in build(tenancy).routing:
        atts = [r for r in inventory.of_type(T["attachment"]) if r["layer"] == routing.layer]
        if len(atts) != len(spec.connectivity.lines):
            problems.append(f"{routing.layer}: {len(atts)} attachments for {len(spec.connectivity.lines)} lines")
        by_region: dict = {}
        for a in atts:
            # partner attachments name their domain; dedicated ones take their interconnect's (labelled)
            domain = a["inputs"].get("edgeAvailabilityDomain") or f"AVAILABILITY_DOMAIN_{a['inputs']['labels']['edge-domain']}"
            by_region.setdefault(a["inputs"]["region"], set()).add(domain)
        good = [r for r, d in by_region.items() if len(d) >= (2 if tier.distinct_domains else 1)]
        if len(good) < tier.groups:
            problems.append(f"{routing.layer}: attachments {by_region} do not meet {tier.id}")
        # a partner attachment's router is on 16550, a dedicated one's on the cloud ASN, and each
        # region's attachments sit on one router per edge availability domain (99.99% topology)
        routers = {r["id"]: r for r in inventory.of_type(T["router"]) if r["layer"] == routing.layer}
        used: dict = {}
        for a in atts:
            router = routers.get(a["inputs"]["router"])
            want = PARTNER_ROUTER_ASN if a["inputs"]["type"] == "PARTNER" else spec.connectivity.cloud_asn
            if router is None:
                problems.append(f"attachment {a['name']} is on no Cloud Router of its layer")
            elif router["inputs"]["bgp"]["asn"] != want:
                problems.append(f"router {router['name']} of attachment {a['name']} is not on ASN {want}")
            used.setdefault(a["inputs"]["region"], set()).add(a["inputs"]["router"])
        if tier.distinct_domains and any(len(ids) < 2 for ids in used.values()):
            problems.append(f"{routing.layer}: a region's attachments share one Cloud Router: {used}")
    return problems


def vpn_and_bgp_secrets_are_secret(tenancy, inventory) -> list[str]:
    problems = []
    tunnels = inventory.of_type(T["tunnel"])
    expected = 2 * len(build(tenancy).routing) if tenancy.spec.connectivity.vpn_backup else 0
    if len(tunnels) != expected:
        problems.append(f"{len(tunnels)} tunnels, expected {expected}")
    for t in tunnels:
        if "sharedSecret" not in t["secretInputs"]:
            problems.append(f"{t['name']} shared secret is not secret")
    for p in inventory.of_type(T["peer"]):
        if "md5AuthenticationKey" in p["inputs"] and "md5AuthenticationKey.key" not in p["secretInputs"]:
            problems.append(f"{p['name']} MD5 key is not secret")
        if p["name"].endswith("-peer") and "-vpn-" in p["name"] and p["inputs"]["advertisedRoutePriority"] <= 100:
            problems.append(f"{p['name']}: VPN not at a lower priority than the Interconnect")
    return problems


def cmek_domestic_and_rotating(tenancy, inventory) -> list[str]:
    problems = []
    for ring in inventory.of_type(T["keyring"]):
        if ring["inputs"]["location"] not in REGIONS:
            problems.append(f"key ring in {ring['inputs']['location']}")
    keys = inventory.of_type(T["key"])
    if {k["layer"] for k in keys} != {layer.id for layer in tenancy.spec.enabled_layers}:
        problems.append("not one key per layer")
    for k in keys:
        if int(k["inputs"]["rotationPeriod"].rstrip("s")) > 90 * 24 * 3600 or not k["protect"]:
            problems.append(f"key {k['name']}: rotation over 90 days or not protected")
    for b in inventory.of_type(T["logbucket"]):
        if not b["inputs"].get("cmekSettings", {}).get("kmsKeyName") or b["inputs"]["location"] not in REGIONS:
            problems.append(f"log bucket {b['name']} without CMEK or abroad")
    return problems


def location_policy_present(tenancy, inventory) -> list[str]:
    policies = inventory.of_type(T["orgpolicy"])
    if not tenancy.spec.owns_project:
        return [] if not policies else ["location policy set on a project the declaration does not own"]
    wanted = ["in:asia-northeast1-locations", "in:asia-northeast2-locations"]
    ok = [p for p in policies if p["inputs"]["name"].endswith("/policies/gcp.resourceLocations")
          and p["inputs"]["spec"]["rules"][0]["values"]["allowedValues"] == wanted]
    return [] if len(ok) == 1 else [f"location policy missing or wrong: {[p['inputs'] for p in policies]}"]


def _labelable(resource_type: str) -> bool:
    package, module, name = resource_type.split(":")
    if package != "gcp":
        return False
    cls = getattr(importlib.import_module(f"pulumi_gcp.{module.split('/')[0]}"), name, None)
    return cls is not None and "labels" in inspect.signature(cls._internal_init).parameters


def labels_present(tenancy, inventory) -> list[str]:
    providers = {r["urn"]: r["inputs"].get("defaultLabels", {}) for r in inventory.of_type(T["provider"])}
    problems = []
    for r in inventory.custom():
        if not _labelable(r["type"]):
            continue
        labels = {**providers.get(r["provider"], {}), **(r["inputs"].get("labels") or {})}
        missing = {"municipality-code", "layer", "stack", "component"} - set(labels)
        if missing or labels.get("municipality-code") != tenancy.spec.municipality.code:
            problems.append(f"{r['name']} lacks {sorted(missing)}")
        if any(k != k.lower() or v != v.lower() for k, v in labels.items()):
            problems.append(f"{r['name']} has labels that are not lowercase")
    return problems


CHECKS = [no_external_ip_or_nat_in_closed_layers, deny_all_baseline_and_no_open_source, reachability_is_the_declared_flows,
          attachments_meet_the_tier, vpn_and_bgp_secrets_are_secret, cmek_domestic_and_rotating, location_policy_present,
          labels_present]
