"""The review package as one self-contained HTML page: inline CSS and SVG, no scripts, no
external requests; prints on A4 landscape."""
from __future__ import annotations

from html import escape

import clouds
from network.text import one_line
from review import svg, tables
from review.i18n import t
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


def _titled(titled_tables) -> str:
    """Tables under their own headings: (title, headers, rows) each."""
    return "".join(f"<h3>{escape(title)}</h3>" + _table(headers, rows) for title, headers, rows in titled_tables)


class Markup(str):
    """Already-escaped HTML."""


def _mark(css: str, text: str) -> Markup:
    """A coloured cell (a verdict, a tier)."""
    return Markup(f'<span class="{css}">{escape(text)}</span>')


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
    s.append(f"<section><h2>{t('overview', lang)}</h2>" + _table(*tables.overview(c, lang)))
    enabled = [l for l in c["layers"] if l["enabled"]]
    summary = (f"{t('datacenter', lang)} {o['dc_name']} — {t('lines', lang)} × {len(c['lines'])} "
               f"({t('redundancy', lang)}: {c['redundancy']['declared']}) — "
               + clouds.get(o["cloud"]).review_summary()
               + f" — {t('layers_count', lang)} × {len(enabled)}: " + ", ".join(f"{l['id']} {l['cidr']}" for l in enabled)
               + (f" — {t('vpn', lang)}" if o["vpn_backup"] else ""))
    s.append(f"<p><b>{t('topology', lang)}:</b> {escape(summary)}</p></section>")
    s.append(f"<section><h2>{t('diagram', lang)}</h2>{svg.render(c, lang)}</section>")
    accounts = tables.accounts(c, lang)
    if accounts[1]:
        s.append(f"<section><h2>{t('accounts', lang)}</h2>" + _table(*accounts) + "</section>")
    s.append(f"<section><h2>{t('address_plan', lang)}</h2>" + _table(*tables.address_plan(c, lang)) + "</section>")
    s.append(f"<section><h2>{t('routing', lang)}</h2>")
    s += [f"<p>{escape(p)}</p>" for p in tables.routing_paths(c, lang)]
    for layer_id, r in c["routing"].items():
        s.append(f"<h3>{escape(tables.layer_name(c, layer_id, lang))}</h3>"
                 + "".join(_table(*table) for table in tables.routes(r, lang)))
    s.append("</section>")
    s.append(f"<section><h2>{t('matrix', lang)}</h2>" + _table(*tables.matrix(c, lang, _mark))
             + _table(*tables.flows(c, lang)) + "</section>")
    s.append(f"<section><h2>{t('redundancy', lang)}</h2>" + _table(*tables.redundancy(c, lang, _mark))
             + _table(*line_table(c, lang)) + "</section>")
    if c["sessions"]:
        s.append(f"<section><h2>{t('sessions', lang)}</h2>" + _table(session_header(lang), session_rows(c, lang))
                 + "</section>")
    s.append(f"<section><h2>{t('encryption', lang)}</h2>" + _titled(tables.encryption(c, lang, _mark)) + "</section>")
    if c["obligations"]:
        s.append(f"<section><h2>{t('obligations', lang)}</h2>" + _table(*tables.obligations(c, lang)) + "</section>")
    if c["policy"]:
        s.append(f"<section><h2>{t('policy', lang)}</h2>" + _titled(tables.policy_groups(c, lang, _mark)) + "</section>")
    if c["inventory"]:
        s.append(f"<section><h2>{t('inventory', lang)}</h2>" + _table(*tables.inventory(c, lang)) + "</section>")
    title = f"{o['name']} {t('title', lang)}"
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>" + "\n".join(s) + "</body></html>\n")
