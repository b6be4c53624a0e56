"""The review's tables, built once for both documents: each function gives (headers, rows)
from the review content. A cell that the HTML colours (a verdict, a tier) goes through
`mark(css_class, text)`: the HTML wraps it in a span, the Markdown keeps the text."""
from __future__ import annotations

from review.i18n import fill, reason, t


def plain(_css: str, text: str) -> str:
    return text


def overview(c: dict, lang: str) -> tuple[list, list]:
    o = c["overview"]
    return ([t("municipality", lang), t("code", lang), t("cloud", lang), t("regions", lang), t("model", lang),
             t("address_space", lang), t("asn_cloud_dc", lang)],
            [[f"{o['prefecture'] or ''}{o['name']} ({o['romaji']})", o["code"], o["cloud"].upper(),
              ", ".join(f"{r['id']} {r['label']}" for r in o["regions"]), t(o["operating_model"], lang),
              o["address_space"],
              f"{o['cloud_asn']}" + (f" / TGW {o['transit_asn']}" if o["transit_asn"] else "") + f" / {o['dc_asn']}"]])


def accounts(c: dict, lang: str) -> tuple[list, list]:
    """Where everything runs: the network account, then each system's account (project),
    vendor, layer and block. Empty where the tenancy is one account."""
    network = c["overview"].get("network_account")
    if not network:
        return [], []
    cloud = c["overview"]["cloud"]
    rows = [[network, "-", "-", t(f"network_account_{cloud}", lang), "-"]]
    for layer in c["layers"]:
        if layer.get("network_block"):
            rows.append([network, "-", f"{layer['id']} {layer['ja']}", t(f"network_vpc_{cloud}", lang), layer["network_block"]])
        rows += [[s["account"] or "-", s["vendor"] or "-", f"{layer['id']} {layer['ja']}", f"{s['name']} ({s['id']})",
                  s["cidr"] or "-"] for s in layer["systems"]]
    return [t("account_col", lang), t("vendor", lang), t("layer", lang), t("systems", lang), t("cidr", lang)], rows


def address_plan(c: dict, lang: str) -> tuple[list, list]:
    rows = []
    for layer in c["layers"]:
        state = "" if layer["enabled"] else f" ({t('reserved', lang)})"
        rows.append([f"{layer['id']} {layer['ja']}{state}", "-", layer["cidr"], "", t("layer_block", lang)])
        rows += [[layer["id"], sn["zone"], sn["cidr"], sn["usable"], t(sn["role"], lang)] for sn in layer["subnets"]]
        rows += [[layer["id"], "-", system["cidr"], "", f"{t('systems', lang)}: {system['name']}"]
                 for system in layer["systems"] if system["cidr"]]
        rows += [[layer["id"], "DC", p, "", t("onprem", lang)] for p in layer["onprem"]]
    return [t("layer", lang), t("zone", lang), t("cidr", lang), t("usable", lang), t("purpose", lang)], rows


def route_row(prefix: str, via: str, why: str, arg: str | None = None) -> dict:
    """One route as the clouds give it (clouds/<id>/review.py `routing`): `via` and `why`
    are words of review/i18n.py, `arg` fills their {arg}."""
    return {"prefix": prefix, "via": via, "why": why, "arg": arg}


def layer_name(c: dict, layer_id: str, lang: str) -> str:
    layer = next(x for x in c["layers"] if x["id"] == layer_id)
    return f"{layer_id} {layer['ja'] if lang == 'ja' else layer['en']}"


def routing_paths(c: dict, lang: str) -> list[str]:
    """How one layer reaches another on this cloud, said once above the route tables."""
    return list(dict.fromkeys(t(r["path"], lang) for r in c["routing"].values()))


def through_datacenter(c: dict) -> bool:
    """Whether traffic between layers goes out over the lines and back through the data
    center (Google Cloud: no route joins the layers inside the cloud), not through a hub in
    the cloud (AWS: the transit gateway). The diagrams draw each flow along that path."""
    return any(r["path"] == "path_datacenter" for r in c["routing"].values())


def routes(r: dict, lang: str) -> list[tuple[list, list]]:
    """One layer's routes: in its VPC (network), in the transit hub where the cloud has one,
    and what each side advertises over BGP."""
    out = [([t("vpc_routes", lang), t("via", lang), t("reason", lang)],
            [[x["prefix"], reason(x, "via", lang), reason(x, "why", lang)] for x in r["vpc"]])]
    if r["transit"]:
        out.append(([t("transit_routes", lang), t("via", lang), t("reason", lang)],
                    [[x["prefix"], reason(x, "via", lang), reason(x, "why", lang)] for x in r["transit"]]))
    out.append(([t("bgp", lang), t("prefixes", lang)],
                [[t("cloud_advertises_to_dc", lang), ", ".join(r["advertised"])],
                 [t("dc_advertises_to_cloud", lang), ", ".join(r["accepted"]) or "-"]]))
    return out


def matrix(c: dict, lang: str, mark=plain) -> tuple[list, list, list]:
    """(headers, rows, row classes): never-allowed pairs are marked."""
    rows, classes = [], []
    for m in c["matrix"]:
        flows = "; ".join(f"{f['name']} {f['protocol']}/{','.join(f['ports']) or '-'}: {f['reason']}" for f in m["flows"])
        verdict = t("allowed", lang) if m["allowed"] else t("forbidden", lang)
        rows.append([m["from"], m["to"], mark("ng" if m["allowed"] else "ok", verdict), flows or "-"])
        classes.append("never" if m["never"] else "")
    return [t("from", lang), t("to", lang), t("result", lang), t("flows", lang)], rows, classes


def flows(c: dict, lang: str) -> tuple[list, list]:
    return ([t("flows", lang), t("from", lang), t("to", lang), t("ports", lang), t("reason", lang)],
            [[f["name"], f"{f['from_layer']} {f['from_system'] or ''} {f['from']}",
              f"{f['to_layer']} {f['to_system'] or ''} {f['to']}", f"{f['protocol']}/{','.join(f['ports']) or '-'}",
              f["reason"]] for f in c["flows"]])


def redundancy(c: dict, lang: str, mark=plain) -> tuple[list, list]:
    r = c["redundancy"]
    return ([t("declared", lang), t("achieved", lang), t("spof", lang), t("failover", lang)],
            [[f"{r['declared']} ({r['declared_text'][lang]})", mark("ok" if r["met"] else "ng", r["achieved"]),
              "; ".join(f"{x[lang]}: {x['what']}" for x in r["spof"]) or t("none", lang), r["failover"][lang]]])


#: the policy section's groups, in the order a reviewer reads them
POLICY_GROUPS = (("fail", ("fail",)), ("unknown", ("unknown",)), ("pass", ("pass",)),
                 ("not_applicable", ("not_applicable",)), ("disabled", ("disabled",)))


def _short(type_token: str) -> str:
    return type_token.rsplit(":", 1)[-1]


def _evidence(p: dict, lang: str) -> str:
    """The resource and the property behind a verdict: for a fault, each resource at fault
    and what the rule read on it; for a pass, how many resources were read, the first few
    with their properties; for 対象外 and a disabled rule, why."""
    if p["status"] in ("fail", "unknown"):
        if lang == "en":
            return "; ".join(f["message"] for f in p["faults"]) or "-"
        return "; ".join(fill("ev_fault", {"resource": f["resource"] or t("ev_declaration", lang),
                                           "props": ", ".join(f["properties"]) or "-"}, lang) for f in p["faults"])
    if p["status"] == "not_applicable":
        return t(p.get("why_not_applicable") or "na_no_resources", lang)
    if p["status"] == "disabled":
        return t("ev_disabled", lang)
    checked = p["checked"]
    if not checked["count"]:
        return t("ev_types_only", lang)
    examples = "; ".join(f"{e['name']}（{_short(e['type'])}: {', '.join(e['properties'])}）" if lang == "ja" else
                         f"{e['name']} ({_short(e['type'])}: {', '.join(e['properties'])})" for e in checked["examples"])
    more = checked["count"] - len(checked["examples"])
    return fill("ev_checked", {"n": checked["count"], "examples": examples}, lang) + (
        fill("ev_more", {"n": more}, lang) if more > 0 else "")


def policy_groups(c: dict, lang: str, mark=plain) -> list[tuple[str, list, list]]:
    """(title, headers, rows) per group: 不適合, 確認不可, 適合, 対象外, 無効 — never mixed."""
    out = []
    for status, members in POLICY_GROUPS:
        rows = [[p["rule"], p["title_ja"] if lang == "ja" else p["title_en"],
                 mark({"pass": "ok", "fail": "ng"}.get(p["status"], "muted"), t(p["status"], lang)),
                 _evidence(p, lang)] for p in c["policy"] if p["status"] in members]
        if rows:
            out.append((f"{t('group_' + status, lang)}（{len(rows)}）" if lang == "ja" else
                        f"{t('group_' + status, lang)} ({len(rows)})",
                        [t("rule", lang), t("rule_title", lang), t("result", lang), t("evidence", lang)], rows))
    return out


def inventory(c: dict, lang: str) -> tuple[list, list]:
    return ([t("component", lang), t("resources", lang), t("types", lang)],
            [[i["component"], i["resources"], ", ".join(f"{k} {v}" for k, v in i["types"].items())]
             for i in c["inventory"]])


def obligations(c: dict, lang: str) -> tuple[list, list]:
    """The data center's checklist: a box to tick and the item."""
    return (["✓", t("item", lang)], [["☐", fill(o["key"], o["args"], lang)] for o in c["obligations"]])


def _users(values: list[str], lang: str) -> str:
    return ", ".join(t(v, lang) if v.startswith("@") else v for v in values) or "-"


def _phase(value: str, lang: str) -> str:
    """A value, or the words for a placeholder ('@default', '@network')."""
    return t(value, lang) if value.startswith("@") else value


def encryption(c: dict, lang: str, mark=plain) -> list[tuple[str, list, list]]:
    """The 暗号化 section's tables: (title, headers, rows) each; the risks last, marked."""
    e = c["encryption"]
    out = [(t("keys", lang), [t("key", lang), t("account_col", lang), t("layer", lang), t("regions", lang),
                              t("rotation", lang), t("deletion_window", lang), t("key_users", lang)],
            [[k["name"], _phase(k["account"], lang), k["layer"] or "-", k["region"],
              mark("ok", fill("on_every", {"n": k["rotation_days"]}, lang)) if k["rotation"] else mark("ng", t("off", lang)),
              fill("days", {"n": k["deletion_days"]}, lang), _users(k["users"], lang)] for k in e["keys"]])]
    if e["account_defaults"]:
        out.append((t("account_defaults", lang), [t("account_col", lang), t("regions", lang), t("key", lang),
                                                  t("ebs_default", lang), t("rotation", lang), t("deletion_window", lang)],
                    [[_phase(d["account"], lang), ", ".join(d["regions"]), d["name"],
                      mark("ok", t("on", lang)) if d["ebs_default"] else mark("ng", t("off", lang)),
                      mark("ok", t("on", lang)) if d["rotation"] else mark("ng", t("off", lang)),
                      fill("days", {"n": d["deletion_days"]}, lang)] for d in e["account_defaults"]]))
    out.append((t("line_encryption", lang), [t("lines", lang), t("line_type", lang), t("carries", lang), "MACsec",
                                             t("ipsec", lang)],
                [[ln["name"], t(f"line_{ln['type']}", lang), ", ".join(ln["layers"]),
                  mark("ok" if ln["macsec"] == "enforced" else "muted", t(f"macsec_{ln['macsec']}", lang)),
                  t("on", lang) if ln["ipsec"] else t("macsec_none", lang)] for ln in e["lines"]]))
    if e["vpn"]:
        out.append((t("vpn_parameters", lang), ["VPN", t("layer", lang), t("ike", lang), t("phase1", lang),
                                                t("phase2", lang), t("psk", lang)],
                    [[v["name"], v["layer"] or "-", v["ike"], _phase(v["phase1"], lang), _phase(v["phase2"], lang),
                      t("psk_set", lang) if v["psk"] else "-"] for v in e["vpn"]]))
    out.append((t("risks", lang), [t("risks", lang)],
                [[mark("ng", risk_text(r, lang))] for r in e["risks"]] or [[t("no_risk", lang)]]))
    return out


def risk_text(r: dict, lang: str) -> str:
    state = fill(f"risk_{r['status']}", {"rule": r["rule"]}, lang)
    return fill("risk_line", {**r, "state": state}, lang)
