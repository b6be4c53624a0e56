"""The change review's words for what the plan will do: replacements that stop traffic
(停止を伴う変更), every resource change counted, the prefixes the data center must mirror,
filter changes, line and VPN removals, and resilience lost (new single points of failure,
a lower tier), flagged ⚠."""
from __future__ import annotations

#: how many resources of one kind of change are named; the rest are counted
SHOWN = 15

WORDS = {
    "disruptive": ("停止を伴う変更（置き換え：削除して作成）", "Changes that stop traffic (replacement: delete, then create)"),
    "forced_by": ("置き換えの理由：{props}（プロバイダが更新できない入力。「← X」は X の置き換えに伴うもの）",
                  "replaced because of: {props} (inputs the provider cannot update; '← X': X is replaced)"),
    "resources": ("リソースの変更（計画）", "Resource changes (plan)"),
    "counts": ("作成 {create}・更新 {update}・置き換え {replace}・削除 {delete}",
               "create {create}, update {update}, replace {replace}, delete {delete}"),
    "create": ("作成", "create"), "update": ("更新", "update"), "replace": ("置き換え", "replace"),
    "delete": ("削除", "delete"), "more": ("ほか{n}件", "and {n} more"),
    "prefixes": ("データセンターが合わせる広報の変更", "Advertisements the data center must mirror"),
    "dc_advertises": ("DCが広報する（クラウドが受け入れる）", "the DC advertises (the cloud accepts)"),
    "cloud_advertises": ("クラウドがDCへ広報する", "the cloud advertises to the DC"),
    "filters": ("フィルタ（NACL・セキュリティグループ・ファイアウォール）の変更", "Filter changes (NACLs, security groups, firewalls)"),
    "removals": ("専用線・VPNの削除", "Line and VPN removals"),
    "vpn_removed": ("VPNバックアップの廃止", "the VPN backup is removed"),
    "resilience": ("冗長性", "Resilience"),
    "new_spof": ("新しい単一障害点", "new single point of failure"),
    "downgrade": ("冗長化レベルの低下（{what}）：{was} → {now}", "tier downgrade ({what}): {was} → {now}"),
    "declared": ("宣言", "declared"), "achieved": ("実現", "achieved"),
}


def w(key: str, lang: str, **args) -> str:
    text = WORDS[key][0 if lang == "ja" else 1]
    for name, value in args.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def _short(typ: str) -> str:
    return typ.rsplit(":", 1)[-1]


def _row(r: dict, lang: str) -> str:
    props = f" ({', '.join(r['properties'])})" if r["properties"] else ""
    return f"- `{w(r['op'], lang)}` {_short(r['type'])} {r['name']}{props}"


def _listed(rows: list[dict], lang: str) -> list[str]:
    out = [_row(r, lang) for r in rows[:SHOWN]]
    if len(rows) > SHOWN:
        out.append(f"- … {w('more', lang, n=len(rows) - SHOWN)}")
    return out


def plan_sections(d: dict, lang: str) -> list[str]:
    out: list[str] = []
    plan = d.get("resources")
    if plan and plan["disruptive"]:
        out += [f"**⚠ {w('disruptive', lang)}** ({len(plan['disruptive'])})"]
        out += [f"- ⚠ {_short(r['type'])} {r['name']}: {w('forced_by', lang, props=', '.join(r['forces']))}"
                for r in plan["disruptive"]] + [""]
    if d.get("prefixes"):
        out.append(f"**{w('prefixes', lang)}** ({len(d['prefixes'])})")
        for p in d["prefixes"]:
            change = " ".join([f"+{x}" for x in p["added"]] + [f"−{x}" for x in p["removed"]])
            out.append(f"- {p['layer']}: {w(p['direction'], lang)} {change}")
        out.append("")
    if plan and plan["filters"]:
        out += [f"**{w('filters', lang)}** ({len(plan['filters'])})"] + _listed(plan["filters"], lang) + [""]
    resilience = d.get("resilience") or {}
    removals = (plan or {}).get("removed_lines", [])
    if removals or resilience.get("vpn_removed"):
        out.append(f"**⚠ {w('removals', lang)}** ({len(removals) + bool(resilience.get('vpn_removed'))})")
        out += (["- ⚠ " + w("vpn_removed", lang)] if resilience.get("vpn_removed") else [])
        out += [f"- ⚠ {_short(r['type'])} {r['name']}" for r in removals[:SHOWN]]
        if len(removals) > SHOWN:
            out.append(f"- … {w('more', lang, n=len(removals) - SHOWN)}")
        out.append("")
    flagged = [f"- ⚠ {w('new_spof', lang)}: {s['ja' if lang == 'ja' else 'en']} ({s['what']})"
               for s in resilience.get("new_spof", [])]
    flagged += ["- ⚠ " + w("downgrade", lang, what=w(g["what"], lang), was=g["was"], now=g["now"])
                for g in resilience.get("downgrades", [])]
    if flagged:
        out += [f"**⚠ {w('resilience', lang)}** ({len(flagged)})"] + flagged + [""]
    if plan and plan["rows"]:
        out.append(f"**{w('resources', lang)}**: " + w("counts", lang, **plan["counts"]))
        for op in ("delete", "replace", "update", "create"):
            out += _listed([r for r in plan["rows"] if r["op"] == op], lang)
        out.append("")
    return out
