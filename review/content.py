"""Everything the review shows, as plain data computed once from the tenancy, its network
model, its recorded inventory and the policy verdicts. HTML, Markdown and JSON render this;
none of them computes anything of its own."""
from __future__ import annotations

from collections import Counter, defaultdict

import clouds
from network.catalog import LAYER_BY_ID, format_bandwidth
from network.checks.lines import declared_sites
from network.model import NetworkModel
from network.redundancy import achieved as achieved_tier, tier_met


def build(model: NetworkModel, inventory: dict | None, verdicts: list | None) -> dict:
    spec, plan = model.spec, model.plan
    return {
        "stack": spec.stack, "file": spec.file,
        "overview": {
            "code": spec.municipality.code, "name": spec.municipality.name, "romaji": spec.municipality.romaji,
            "prefecture": spec.municipality.prefecture, "cloud": spec.cloud,
            "regions": [{"id": r, "label": clouds.get(spec.cloud).regions[r]} for r in spec.regions],
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
        "routing": routing(model),
        "sessions": clouds.get(spec.cloud).review_sessions(model, inventory) if inventory else [],
        "matrix": matrix(model),
        "redundancy": redundancy(model),
        "policy": [{"rule": v["rule"], "title_ja": v["title_ja"], "title_en": v["title_en"], "status": v["status"],
                    "enforcement": v["enforcement"], "evidence": [f["message"] for f in v["findings"]]}
                   for v in (verdicts or [])],
        "inventory": inventory_summary(inventory),
    }


def routing(model: NetworkModel) -> dict:
    layers = {}
    for r in model.routing:
        vpc = [{"prefix": p, "via": "transit", "why": "onprem"} for p in r.onprem]
        vpc += [{"prefix": x.prefix, "via": "transit", "why": f"flow {x.flow}"} for x in r.reach]
        if r.default_via_datacenter:
            vpc.append({"prefix": "0.0.0.0/0", "via": "transit", "why": "internet via DC"})
        if r.internet_gateway:
            vpc.append({"prefix": "0.0.0.0/0", "via": "internet-gateway", "why": "internet egress"})
        reach = {x.prefix for x in r.reach}
        transit = [{"prefix": x.prefix, "target": "dc (BGP)" if x.onprem else x.via_layer, "why": f"flow {x.flow}"}
                   for x in r.reach]
        transit += [{"prefix": p, "target": "blackhole", "why": "other layer"} for p in r.blackholes if p not in reach]
        if r.closed:
            transit.append({"prefix": "0.0.0.0/0", "target": "blackhole", "why": "closed layer"})
        if r.default_via_datacenter:
            transit.append({"prefix": "0.0.0.0/0", "target": "dc (BGP)", "why": "internet via DC"})
        transit += [{"prefix": p, "target": "dc (BGP)", "why": "onprem"} for p in r.onprem]
        accepted = list(r.onprem) + [x.prefix for x in r.reach] + (["0.0.0.0/0"] if r.default_via_datacenter else [])
        layers[r.layer] = {"vpc": vpc, "transit": transit, "advertised": [r.cidr], "accepted": list(dict.fromkeys(accepted))}
    return layers


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
