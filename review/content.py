"""Everything the review shows, as plain data computed once from the tenancy, its network
model, its recorded inventory and the policy verdicts. HTML, Markdown and JSON render this;
none of them computes anything of its own."""
from __future__ import annotations

from collections import Counter, defaultdict

import clouds
from network.catalog import LAYER_BY_ID, format_bandwidth
from network.checks.lines import declared_sites
from network.model import NetworkModel
from review import encryption
from network.redundancy import achieved as achieved_tier, tier_met


def build(model: NetworkModel, inventory: dict | None, verdicts: list | None) -> dict:
    spec, plan = model.spec, model.plan
    cloud = clouds.get(spec.cloud)
    routes = cloud.review_routing(model)
    sessions = cloud.review_sessions(model, inventory) if inventory else []
    policy = [policy_row(v) for v in (verdicts or [])]
    return {
        "stack": spec.stack, "file": spec.file,
        "overview": {
            "code": spec.municipality.code, "name": spec.municipality.name, "romaji": spec.municipality.romaji,
            "prefecture": spec.municipality.prefecture, "cloud": spec.cloud,
            "regions": [{"id": r, "label": clouds.get(spec.cloud).regions[r]} for r in spec.regions],
            "built_regions": built_regions(inventory, list(spec.regions)),
            "operating_model": spec.operating_model, "address_space": spec.address_space,
            "tier": spec.connectivity.redundancy, "vpn_backup": spec.connectivity.vpn_backup,
            "cloud_asn": spec.connectivity.cloud_asn, "transit_asn": model.transit_asn,
            "dc_asn": spec.data_center.asn, "dc_name": spec.data_center.name,
            "network_account": spec.network_account,
        },
        "layers": [{
            "id": lp.layer, "ja": LAYER_BY_ID[lp.layer].ja, "en": LAYER_BY_ID[lp.layer].en, "enabled": lp.enabled,
            "cidr": lp.cidr,
            "subnets": [{"role": s.role, "zone": s.zone, "cidr": s.cidr, "usable": s.usable} for s in lp.subnets],
            "systems": [{"id": s.id, "name": s.name, "vendor": s.vendor, "account": s.account,
                         "cidr": plan.system(s.id).cidr if plan.system(s.id) else s.cidr}
                        for s in spec.layer(lp.layer).systems],
            "network_block": lp.services,
            "onprem": list(spec.data_center.prefixes_of(lp.layer)),
        } for lp in plan.layers],
        "lines": [{"name": ln.name, "location": ln.location, "facility": ln.site.facility, "metro": ln.site.metro,
                   "type": ln.type, "bandwidth": format_bandwidth(ln.bandwidth_mbps), "vlan": ln.vlan,
                   "carrier": ln.carrier, "device": ln.device, "macsec": ln.macsec, "edge_domain": ln.edge_domain}
                  for ln in spec.connectivity.lines],
        "vpn_peers": list(spec.data_center.vpn_peer_addresses) if spec.connectivity.vpn_backup else [],
        "flows": [{"name": f.name, "from_layer": f.source_layer, "from": f.source, "from_onprem": f.source_onprem,
                   "from_system": f.flow.source.system, "to_layer": f.destination_layer, "to": f.destination,
                   "to_onprem": f.destination_onprem, "to_system": f.flow.destination.system,
                   "protocol": f.flow.protocol,
                   "ports": [str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in f.flow.ports],
                   "reason": f.flow.reason} for f in model.flows],
        "routing": routes,
        "built": cloud.review_built(inventory),
        "sessions": sessions,
        "obligations": obligations(model, routes, sessions),
        "matrix": matrix(model),
        "redundancy": redundancy(model),
        "policy": policy,
        "encryption": encryption.section(cloud.review_encryption(model, inventory), policy),
        "inventory": inventory_summary(inventory),
    }


def policy_row(v: dict) -> dict:
    """One verdict as the review shows it: its findings as messages (evidence) and as the
    resource and properties at fault, and what the rule read when it passed."""
    return {"rule": v["rule"], "title_ja": v["title_ja"], "title_en": v["title_en"], "status": v["status"],
            "enforcement": v["enforcement"], "severity": v.get("severity"),
            "evidence": [f["message"] for f in v["findings"]],
            "faults": [{"resource": _resource_name(f.get("urn")), "properties": f.get("properties", []),
                        "message": f["message"]} for f in v["findings"]],
            "checked": v.get("checked", {"count": 0, "examples": []}),
            "why_not_applicable": v.get("why_not_applicable")}


def built_regions(inventory: dict | None, declared: list[str]) -> list[str]:
    """The declared regions in which the plan builds something: a resource's own region (or
    location, or zone), else its provider's region. The diagram draws only these."""
    if not inventory:
        return list(declared)
    by_urn = {r["urn"]: r for r in inventory["resources"]}
    found = set()
    for r in inventory["resources"]:
        if not r.get("custom") or r["type"].startswith("pulumi:providers:"):
            continue
        i = r.get("inputs") or {}
        where = i.get("region") or i.get("location") or (str(i.get("zone") or "")[:-2] or None)
        if where is None and r.get("provider") in by_urn:
            where = (by_urn[r["provider"]].get("inputs") or {}).get("region")
        if where:
            found.add(str(where).lower())
    return [region for region in declared if region in found]


def _resource_name(urn: str | None) -> str | None:
    """urn:pulumi:<stack>::<project>::<type>::<name> -> <name>."""
    return urn.rsplit("::", 1)[-1] if urn else None


def obligations(model: NetworkModel, routing: dict, sessions: list[dict]) -> list[dict]:
    """What the data center must configure for the design to hold, as a checklist: one
    item {key, args} each (words in review/i18n.py)."""
    vlans: dict = defaultdict(list)  # layer -> "line VLAN id": a VLAN id is the line's own
    for s in sessions:
        if s.get("vlan"):
            vlans[s["layer"]].append(f"{s['line']}: {s['vlan']}" if s.get("line") else str(s["vlan"]))
    items = [{"key": "ob_vrf", "args": {"layers": "; ".join(
        f"{r.layer}" + (f" (VLAN {', '.join(sorted(dict.fromkeys(vlans[r.layer])))})" if vlans[r.layer] else "")
        for r in model.routing)}}]
    items += [{"key": "ob_exact", "args": {"layer": layer, "prefixes": ", ".join(r["accepted"]) or "-"}}
              for layer, r in routing.items()]
    asns = defaultdict(set)
    for s in sessions:  # a partner attachment's session may end at the carrier's router, not the DC's
        asns[s["layer"]].add((s["cloud_asn"], s["kind"] == "partner"))
    for r in model.routing:
        for x in r.reach:
            if x.onprem or x.direction != "to" or routing[r.layer]["path"] != "path_datacenter":
                continue
            shared = asns[r.layer] & asns[x.via_layer]
            items.append({"key": "ob_leak", "args": {"flow": x.flow, "prefix": x.prefix, "from": x.via_layer,
                                                     "to": r.layer}})
            back = next((y.prefix for y in model.layer(x.via_layer).reach if y.flow == x.flow), None)
            if back:
                items.append({"key": "ob_leak", "args": {"flow": x.flow, "prefix": back, "from": r.layer,
                                                         "to": x.via_layer}})
            for partner, key in ((False, "ob_as_override"), (True, "ob_as_override_partner")):
                found = sorted({str(asn) for asn, is_partner in shared if is_partner == partner})
                if found:
                    items.append({"key": key, "args": {"layers": f"{r.layer}, {x.via_layer}", "asn": ", ".join(found)}})
    if any(s["kind"] != "vpn" for s in sessions):
        items.append({"key": "ob_bfd", "args": {}})
    if any(s["md5"] == "md5_set" for s in sessions):
        items.append({"key": "ob_md5", "args": {}})
    if any(s["kind"] == "vpn" for s in sessions):
        items.append({"key": "ob_vpn_preference", "args": {}})
    unique = []
    for item in items:
        if item not in unique:
            unique.append(item)
    return unique


def matrix(model: NetworkModel) -> list[dict]:
    enabled = [r.layer for r in model.routing]
    rows = []
    for src in enabled:
        for dst in enabled:
            if src == dst:
                continue
            flows = [f for f in model.flows if f.source_layer == src and f.destination_layer == dst]
            rows.append({"from": src, "to": dst, "allowed": bool(flows),
                         "never": src == "internet" and dst == "mynumber",
                         "flows": [{"name": f.name, "protocol": f.flow.protocol,
                                    "ports": [str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in f.flow.ports],
                                    "reason": f.flow.reason} for f in flows]})
    return rows


def redundancy(model: NetworkModel) -> dict:
    spec = model.spec
    lines = spec.connectivity.lines
    tiers = clouds.get(spec.cloud).tiers
    tier = tiers[spec.connectivity.redundancy]
    sites = declared_sites(spec)
    achieved = achieved_tier(sites, tiers) or next(iter(tiers))
    spof = []
    locations = Counter(ln.location for ln in lines)
    if len(locations) == 1:
        spof.append({"kind": "location", "what": next(iter(locations)),
                     "ja": "接続拠点が1か所のみ", "en": "one location only"})
    if len(locations) > 1:
        spof += [{"kind": "location_single", "what": location, "ja": "この接続拠点の回線とDC側ルータが1系統のみ（拠点内の冗長なし）",
                  "en": "one line and one DC router only at this location (no redundancy within it)"}
                 for location, count in sorted(locations.items()) if count == 1]
    metros = {ln.site.metro for ln in lines}
    if len(metros) == 1:
        spof.append({"kind": "metro", "what": next(iter(metros)), "ja": "都市圏が1つのみ（広域災害）",
                     "en": "one metro only (regional disaster)"})
    for kind, attr, ja, en in (("device", "device", "DC側ルータが1台のみ", "one data-center router only"),
                               ("carrier", "carrier", "通信事業者が1社のみ", "one carrier only")):
        values = [getattr(ln, attr) for ln in lines]
        if not all(values):
            spof.append({"kind": kind, "what": "?", "ja": f"{'DC側ルータ' if kind == 'device' else '通信事業者'}が"
                         "未記載（確認要）", "en": f"{'data-center routers' if kind == 'device' else 'carriers'} "
                         "not declared (check)"})
        elif len(set(values)) == 1:
            spof.append({"kind": kind, "what": values[0], "ja": ja, "en": en})
    if spec.connectivity.vpn_backup:
        failover = {"ja": "専用線が全断した場合、インターネットVPN（BGPの優先度を下げた経路）へ自動で切り替わる",
                    "en": "if every line is down, traffic fails over to the internet VPN (BGP at lower preference)"}
    else:
        failover = {"ja": "専用線間でのみ切り替わる。全断時の代替経路はない",
                    "en": "fails over between the lines only; no path remains if all lines are down"}
    return {"declared": tier.id, "declared_text": {"ja": tier.ja, "en": tier.en}, "achieved": achieved,
            "met": tier_met(sites, tier), "spof": spof, "failover": failover,
            "per_location": dict(sorted(locations.items()))}


def inventory_summary(inventory: dict | None) -> list[dict]:
    if not inventory:
        return []
    by_urn = {r["urn"]: r for r in inventory["resources"]}
    counts: dict = defaultdict(Counter)
    for r in inventory["resources"]:
        if not r["custom"]:
            continue
        parent = by_urn.get(r["parent"])
        while parent is not None and parent["custom"]:
            parent = by_urn.get(parent["parent"])
        component = parent["type"].split(":")[-1] if parent else "(top)"
        counts[component][r["type"].split(":")[-1]] += 1
    return [{"component": c, "resources": sum(types.values()), "types": dict(sorted(types.items()))}
            for c, types in sorted(counts.items())]
