"""The review package as one self-contained HTML page: inline CSS and SVG, no scripts, no
external requests; prints on A4 landscape."""
from __future__ import annotations

from html import escape

import clouds
from review import svg
from review.i18n import t
from network.text import one_line
from review.markdown import document_rows, line_table, session_header, session_rows

CSS = """
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans CJK JP', 'IPAexGothic', 'Hiragino Sans', 'Meiryo', sans-serif; margin: 16px;
       color: #222; font-size: 13px; line-height: 1.5; max-width: 100%; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; border-bottom: 2px solid #1f4e9c; margin-top: 22px; }
h3 { font-size: 14px; margin: 12px 0 4px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; table-layout: auto; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; word-break: break-word; }
th { background: #eef2f8; }
.diagram { width: 100%; height: auto; border: 1px solid #ccc; }
.ok { color: #1e7b34; font-weight: bold; } .ng { color: #b3261e; font-weight: bold; } .muted { color: #757575; }
.never { background: #fde7e9; } .flow-new { background: #fff3cd; }
.note { color: #555; font-size: 12px; }
section { page-break-inside: avoid; }
.stamps { width: 60%; } .stamps td { height: 64px; width: 33%; }
"""


def _table(headers: list[str], rows: list[list], cls: list[str] | None = None) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        c = f' class="{cls[i]}"' if cls and cls[i] else ""
        body.append(f"<tr{c}>" + "".join(f"<td>{cell if isinstance(cell, Markup) else escape(one_line(cell))}</td>"
                                         for cell in row) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


class Markup(str):
    """Already-escaped HTML."""


def _status(status: str, lang: str) -> Markup:
    cls = {"pass": "ok", "fail": "ng"}.get(status, "muted")
    return Markup(f'<span class="{cls}">{escape(t(status, lang))}</span>')


def render(c: dict, lang: str = "ja") -> str:
    o = c["overview"]
    s = []
    s.append(f"<h1>{escape(one_line(o['name']))}（{escape(o['code'])}） {escape(t('title', lang))}</h1>")
    s.append(f'<p class="note">{escape(t("generated", lang))} <code>{escape(c["file"])}</code></p>')
    if c.get("document"):
        headers, cover, history = document_rows(c, lang)
        stamps = ('<table class="stamps"><thead><tr>' + "".join(f"<th>{escape(t(k, lang))}</th>" for k in
                  ("author", "checker", "approver")) + '</tr></thead><tbody><tr><td></td><td></td><td></td></tr>'
                  "</tbody></table>")
        changes = _table([t("doc_version", lang), t("doc_date", lang), t("doc_commit", lang), t("doc_by", lang),
                          t("doc_subject", lang)], history) if history else \
            f'<p class="note">{escape(t("doc_no_history", lang))}</p>'
        s.append(f'<section class="cover"><h2>{t("document", lang)}</h2>' + _table(headers, [cover]) + stamps
                 + f"<h3>{t('history', lang)}</h3>" + changes + "</section>")
    s.append(f"<section><h2>{t('overview', lang)}</h2>" + _table(
        [t("municipality", lang), t("code", lang), t("cloud", lang), t("regions", lang), t("model", lang),
         "addressSpace", "ASN (cloud / DC)"],
        [[f"{o['prefecture'] or ''}{o['name']} ({o['romaji']})", o["code"], o["cloud"].upper(),
          ", ".join(f"{r['id']} {r['label']}" for r in o["regions"]), t(o["operating_model"], lang), o["address_space"],
          f"{o['cloud_asn']}" + (f" / TGW {o['transit_asn']}" if o["transit_asn"] else "") + f" / {o['dc_asn']}"]]))
    enabled = [l for l in c["layers"] if l["enabled"]]
    summary = (f"{t('datacenter', lang)} {o['dc_name']} — {t('lines', lang)} × {len(c['lines'])} "
               f"({t('redundancy', lang)}: {c['redundancy']['declared']}) — "
               + clouds.get(o["cloud"]).review_summary()
               + f" — {len(enabled)} layers: " + ", ".join(f"{l['id']} {l['cidr']}" for l in enabled)
               + (f" — {t('vpn', lang)}" if o["vpn_backup"] else ""))
    s.append(f"<p><b>{t('topology', lang)}:</b> {escape(summary)}</p></section>")
    s.append(f"<section><h2>{t('diagram', lang)}</h2>{svg.render(c, lang)}</section>")
    rows, classes = [], []
    for layer in c["layers"]:
        state = "" if layer["enabled"] else f" ({t('reserved', lang)})"
        rows.append([f"{layer['id']} {layer['ja']}{state}", "-", layer["cidr"], "", "layer block"])
        for sn in layer["subnets"]:
            rows.append([layer["id"], sn["zone"], sn["cidr"], sn["usable"], t(sn["role"], lang)])
        for system in layer["systems"]:
            if system["cidr"]:
                rows.append([layer["id"], "-", system["cidr"], "", f"{t('systems', lang)}: {system['name']}"])
        for p in layer["onprem"]:
            rows.append([layer["id"], "DC", p, "", t("onprem", lang)])
    s.append(f"<section><h2>{t('address_plan', lang)}</h2>" + _table(
        [t("layer", lang), t("zone", lang), t("cidr", lang), t("usable", lang), t("purpose", lang)], rows) + "</section>")
    s.append(f"<section><h2>{t('routing', lang)}</h2>")
    for layer_id, r in c["routing"].items():
        s.append(f"<h3>{layer_id}</h3>")
        s.append(_table([t("vpc_routes", lang), t("via", lang), t("reason", lang)],
                        [[x["prefix"], x["via"], x["why"]] for x in r["vpc"]]))
        s.append(_table([t("transit_routes", lang), t("via", lang), t("reason", lang)],
                        [[x["prefix"], t("blackhole", lang) if x["target"] == "blackhole" else x["target"], x["why"]]
                         for x in r["transit"]]))
        s.append(_table([t("bgp", lang), "prefixes"], [[t("to_dc", lang), ", ".join(r["advertised"])],
                                                        [t("from_dc", lang), ", ".join(r["accepted"]) or "-"]]))
    s.append("</section>")
    rows, classes = [], []
    for m in c["matrix"]:
        flows = "; ".join(f"{f['name']} {f['protocol']}/{','.join(f['ports']) or '-'}: {f['reason']}" for f in m["flows"])
        verdict = t("allowed", lang) if m["allowed"] else t("forbidden", lang)
        rows.append([m["from"], m["to"], Markup(f'<span class="{"ok" if not m["allowed"] else "ng"}">{escape(verdict)}'
                                                "</span>"), flows or "-"])
        classes.append("never" if m["never"] else "")
    s.append(f"<section><h2>{t('matrix', lang)}</h2>" + _table(
        [t("from", lang), t("to", lang), t("result", lang), t("flows", lang)], rows, classes))
    s.append(_table([t("flows", lang), t("from", lang), t("to", lang), t("ports", lang), t("reason", lang)],
                    [[f["name"], f"{f['from_layer']} {f['from_system'] or ''} {f['from']}",
                      f"{f['to_layer']} {f['to_system'] or ''} {f['to']}", f"{f['protocol']}/{','.join(f['ports']) or '-'}",
                      f["reason"]] for f in c["flows"]]) + "</section>")
    r = c["redundancy"]
    s.append(f"<section><h2>{t('redundancy', lang)}</h2>" + _table(
        [t("declared", lang), t("achieved", lang), t("spof", lang), t("failover", lang)],
        [[f"{r['declared']} ({r['declared_text'][lang]})", Markup(
            f'<span class="{"ok" if r["met"] else "ng"}">{escape(r["achieved"])}</span>'),
          "; ".join(f"{x[lang]}: {x['what']}" for x in r["spof"]) or t("none", lang), r["failover"][lang]]]))
    s.append(_table(*line_table(c, lang)) + "</section>")
    if c["sessions"]:
        s.append(f"<section><h2>{t('sessions', lang)}</h2>" + _table(session_header(lang), session_rows(c, lang))
                 + "</section>")
    if c["policy"]:
        s.append(f"<section><h2>{t('policy', lang)}</h2>" + _table(
            [t("rule", lang), "", t("result", lang), t("evidence", lang)],
            [[p["rule"], p["title_ja"] if lang == "ja" else p["title_en"], _status(p["status"], lang),
              "; ".join(p["evidence"]) or "-"] for p in c["policy"]]) + "</section>")
    if c["inventory"]:
        s.append(f"<section><h2>{t('inventory', lang)}</h2>" + _table(
            [t("component", lang), t("resources", lang), t("types", lang)],
            [[i["component"], i["resources"], ", ".join(f"{k} {v}" for k, v in i["types"].items())]
             for i in c["inventory"]]) + "</section>")
    title = f"{o['name']} {t('title', lang)}"
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>" + "\n".join(s) + "</body></html>\n")
