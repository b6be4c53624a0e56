"""The change review (変更レビュー): what a change request adds, removes or alters in
addresses, routes, permitted flows, lines and policy verdicts, from two review contents
(base and proposed). Short enough for a pull-request comment."""
from __future__ import annotations

from review.i18n import reason, t

import clouds
from review import plan_diff
from review.diff_text import plan_sections

SECTIONS = ("addresses", "routes", "flows", "lines", "policy")
TITLES = {"addresses": ("アドレス", "Addresses"), "routes": ("経路", "Routes"), "flows": ("許可通信", "Permitted flows"),
          "lines": ("専用線", "Lines"), "policy": ("ポリシー判定", "Policy verdicts")}



def _keyed(items, key):
    return {key(i): i for i in items}


def _compare(before: dict, after: dict, describe) -> list[dict]:
    changes = []
    for k in sorted(set(before) | set(after), key=str):
        if k not in before:
            changes.append({"change": "added", "item": describe(k, after[k])})
        elif k not in after:
            changes.append({"change": "removed", "item": describe(k, before[k])})
        elif before[k] != after[k]:
            changes.append({"change": "changed", "item": describe(k, after[k]), "was": describe(k, before[k])})
    return changes


def _addresses(c: dict) -> dict:
    out = {("space",): c["overview"]["address_space"]}
    for layer in c["layers"]:
        out[("layer", layer["id"])] = f"{layer['cidr']}" + ("" if layer["enabled"] else " (reserved)")
        for s in layer["subnets"]:
            out[("subnet", layer["id"], s["role"], s["zone"])] = s["cidr"]
        for s in layer["systems"]:
            if s["cidr"]:
                out[("system", layer["id"], s["id"])] = s["cidr"]
        for p in layer["onprem"]:
            out[("onprem", layer["id"], p)] = p
    return out


def _routes(c: dict) -> dict:
    out = {}
    for layer, r in c["routing"].items():
        for x in r["vpc"]:
            out[("vpc", layer, x["prefix"])] = reason(x, "via", "en")
        for x in r["transit"]:
            out[("transit", layer, x["prefix"])] = reason(x, "via", "en")
        for p in r["accepted"]:
            out[("bgp-in", layer, p)] = "accepted"
    return out


def diff(base: dict | None, head: dict) -> dict:
    """What changes from `base` to `head`; a base of None is a new stack, whose whole design
    is an addition."""
    result = {"new_stack": base is None}
    if base is None:
        base = {"flows": [], "lines": [], "redundancy": {"declared": None}, "policy": []}
    new = result["new_stack"]
    result["addresses"] = _compare({} if new else _addresses(base), _addresses(head), lambda k, v: f"{' '.join(k)}: {v}")
    result["routes"] = _compare({} if new else _routes(base), _routes(head), lambda k, v: f"{k[0]} {k[1]} {k[2]} → {v}")
    flows_b, flows_h = _keyed(base["flows"], lambda f: f["name"]), _keyed(head["flows"], lambda f: f["name"])

    def flow_text(_, f):
        return (f"{f['name']}: {f['from_layer']} {f['from']} → {f['to_layer']} {f['to']} "
                f"{f['protocol']}/{','.join(f['ports']) or '-'} ({f['reason']})")
    result["flows"] = _compare(flows_b, flows_h, flow_text)
    pairs_before = {(f["from_layer"], f["to_layer"]) for f in base["flows"]}
    for change in result["flows"]:
        name = change["item"].split(":", 1)[0]
        f = flows_h.get(name)
        change["new_layer_pair"] = bool(change["change"] == "added" and f and
                                        (f["from_layer"], f["to_layer"]) not in pairs_before)
    lines_b = {} if new else {("tier",): base["redundancy"]["declared"], **{(ln["name"],): ln for ln in base["lines"]}}
    lines_h = {("tier",): head["redundancy"]["declared"], **{(ln["name"],): ln for ln in head["lines"]}}

    def line_text(k, v):
        if k == ("tier",):
            return f"redundancy tier {v}"
        return f"{v['name']}: {v['location']} {v['type']} {v['bandwidth']} VLAN {v['vlan']}" + (" MACsec" if v["macsec"] else "")
    result["lines"] = _compare(lines_b, lines_h, line_text)
    verdicts_b = {p["rule"]: p for p in base["policy"]}
    verdicts_h = {p["rule"]: p for p in head["policy"]}
    policy = []
    for rule, v in verdicts_h.items():
        was = verdicts_b.get(rule, {}).get("status")
        if new:
            policy.append({"change": "added", "item": f"{rule} {v['title_en']}: {v['status']}",
                           "introduces_violation": v["status"] == "fail" and v["enforcement"] == "mandatory",
                           "evidence": v["evidence"]})
        elif was != v["status"]:
            policy.append({"change": "changed", "item": f"{rule} {v['title_en']}: {was} → {v['status']}",
                           "introduces_violation": v["status"] == "fail" and v["enforcement"] == "mandatory",
                           "evidence": v["evidence"]})
    result["policy"] = policy
    result["introduces_mandatory_violation"] = any(p.get("introduces_violation") for p in policy)
    for change in result["flows"]:
        f = flows_h.get(change["item"].split(":", 1)[0])
        change["into_mynumber"] = bool(change["change"] == "added" and f and f["to_layer"] == "mynumber")
    result["prefixes"] = [] if new else _prefixes(base, head)
    result["resilience"] = _resilience(None if new else base, head)
    base_plan = {} if new else base.get("_plan")
    head_plan = head.get("_plan")
    rows = plan_diff.changes(base_plan, head_plan) if base_plan is not None and head_plan is not None else []
    result["resources"] = {"rows": rows, **plan_diff.summary(rows)} if head_plan is not None else None
    return result


def _prefixes(base: dict, head: dict) -> list[dict]:
    """Per layer, what the data center must change on its sessions: the prefixes it must
    start or stop advertising (accepted by the cloud) and those the cloud now advertises."""
    out = []
    for layer in sorted(set(base["routing"]) | set(head["routing"])):
        b, h = base["routing"].get(layer, {}), head["routing"].get(layer, {})
        for key, direction in (("accepted", "dc_advertises"), ("advertised", "cloud_advertises")):
            before, after = b.get(key, []), h.get(key, [])
            added = [p for p in after if p not in before]
            removed = [p for p in before if p not in after]
            if added or removed:
                out.append({"layer": layer, "direction": direction, "added": added, "removed": removed})
    return out


def _resilience(base: dict | None, head: dict) -> dict:
    """New single points of failure (⚠) and a lower tier, declared or achieved (⚠)."""
    def spofs(c):
        return {(s["kind"], s["what"]): s for s in (c or {}).get("redundancy", {}).get("spof", [])} if c else {}
    before, after = spofs(base), spofs(head)
    new_spof = [after[k] for k in after if k not in before] if base is not None else []
    order = list(clouds.get(head["overview"]["cloud"]).tiers)  # the catalog lists tiers lowest first
    downgrades = []
    if base is not None:
        for key in ("declared", "achieved"):
            was, now = base["redundancy"][key], head["redundancy"][key]
            if was in order and now in order and order.index(now) < order.index(was):
                downgrades.append({"what": key, "was": was, "now": now})
    vpn_removed = bool(base and base["overview"]["vpn_backup"] and not head["overview"]["vpn_backup"])
    return {"new_spof": new_spof, "downgrades": downgrades, "vpn_removed": vpn_removed}


def markdown(d: dict, stack: str, base_label: str, lang: str = "ja") -> str:
    marks = {"added": "+", "removed": "−", "changed": "~"}
    title = "変更レビュー" if lang == "ja" else "Change review"
    out = [f"### {title}: {stack} (base: `{base_label}`)", ""]
    if d.get("new_stack"):
        out += ["> **🆕 " + ("新規スタック：設計全体が追加です（base にこのスタックはありません）" if lang == "ja"
                             else "New stack: the whole design is an addition (the base has no such stack)") + "**", ""]
    extra = plan_sections(d, lang)
    if not any(d[s] for s in SECTIONS) and not extra:
        out.append("変更なし" if lang == "ja" else "No change.")
        return "\n".join(out) + "\n"
    if d["introduces_mandatory_violation"]:
        out += ["> **⛔ " + ("この変更は必須ポリシー違反を持ち込みます" if lang == "ja"
                            else "This change introduces a mandatory policy violation") + "**", ""]
    for section in SECTIONS:
        if not d[section]:
            continue
        ja, en = TITLES[section]
        out.append(f"**{ja if lang == 'ja' else en}** ({len(d[section])})")
        for c in d[section]:
            flag = ""
            if c.get("new_layer_pair"):
                flag = " ⚠ **" + ("新しい層間通信" if lang == "ja" else "new inter-layer flow") + "**"
            if c.get("into_mynumber"):
                flag += " ⚠ **" + ("マイナンバー利用事務系への新しい通信" if lang == "ja" else "new flow into mynumber") + "**"
            if c.get("introduces_violation"):
                flag = " ⛔"
            was = f" (was: {c['was']})" if c.get("was") else ""
            out.append(f"- `{marks[c['change']]}` {c['item']}{was}{flag}")
            for e in c.get("evidence", [])[:3]:
                out.append(f"  - {e}")
        out.append("")
    return "\n".join(out + extra)


__all__ = ["diff", "markdown", "t"]
