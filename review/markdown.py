"""The review package as Markdown for pull requests, with the diagram in Mermaid (GitHub
and GitLab render it)."""
from __future__ import annotations

import clouds
from network.text import one_line
from review import tables
from review.i18n import fill, t


def _cell(value) -> str:
    """A table cell: one line, a backslash and a pipe escaped, so the text cannot end the cell."""
    return one_line(value).replace("\\", "\\\\").replace("|", "\\|")


def _table(headers, rows) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def _titled(titled_tables) -> list[str]:
    """Tables under bold titles: (title, headers, rows) each."""
    out: list[str] = []
    for title, headers, rows in titled_tables:
        out += [f"**{title}**", ""] + _table(headers, rows)
    return out


def label(text) -> str:
    """User text inside a quoted Mermaid label: quotes, markup and '#' as Mermaid entity
    codes, so a name cannot close the label, inject markup or start an entity."""
    return "".join({'"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;"}.get(ch, ch) for ch in one_line(text))


def _id(text: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in text)


SESSION_KINDS = {"dx": "Direct Connect", "dedicated": "Dedicated Interconnect", "partner": "Partner Interconnect",
                 "vpn": "VPN"}


def line_table(c: dict, lang: str) -> tuple[list[str], list[list]]:
    """The lines table, the same in HTML and Markdown."""
    return ([t("lines", lang), t("location", lang), t("line_type", lang), t("bandwidth", lang), "VLAN",
             t("carrier", lang), t("device", lang), "MACsec"],
            [[ln["name"], f"{ln['location']} {_facility(ln, lang)}", t(f"line_{ln['type']}", lang), ln["bandwidth"],
              ln["vlan"], ln["carrier"] or "-", ln["device"] or "-", "✓" if ln["macsec"] else "-"]
             for ln in c["lines"]])


def _facility(line: dict, lang: str) -> str:
    """Where a line ends: the catalog's facility name (a proper name, as the provider writes
    it), or for a partner line the carrier's own facility in its metro, in the document's
    language."""
    if line["type"] == "partner":
        return fill("partner_facility", {"metro": t(f"metro_{line['metro']}", lang)}, lang)
    return line["facility"]


def session_header(lang: str) -> list[str]:
    return [t("session", lang), t("lines", lang), t("layer", lang), "VLAN", t("asn_cloud_dc", lang), t("md5", lang),
            t("bfd", lang), t("preference", lang), t("cloud_advertises", lang), t("dc_must_advertise", lang),
            t("note", lang)]


def session_rows(c: dict, lang: str) -> list[list]:
    """One row per BGP session (a Direct Connect VIF, an Interconnect attachment, a VPN tunnel)."""
    return [[SESSION_KINDS.get(s["kind"], s["kind"]), s["line"], s["layer"], s["vlan"] or "-",
             f"{s['cloud_asn']} / {s['dc_asn']}", t(s["md5"], lang), t(s["bfd"], lang), t(s["preference"], lang),
             ", ".join(s["cloud_advertises"]) or "-",
             ", ".join(s["datacenter_advertises"]) or "-", t(s["note"], lang) if s.get("note") else "-"]
            for s in c["sessions"]]


def mermaid(c: dict, lang: str) -> list[str]:
    o = c["overview"]
    out = ["```mermaid", "flowchart TB"]  # top to bottom: readable at GitHub's page width
    out.append(f'  DC["{t("datacenter", lang)}<br/>{label(o["dc_name"])}<br/>ASN {o["dc_asn"]}"]')
    nodes, edge, hub = clouds.get(o["cloud"]).review_mermaid(c, lang)
    out += nodes
    for ln in c["lines"]:
        text = f"{ln['name']}<br/>{ln['location']} {ln['bandwidth']}<br/>VLAN {ln['vlan']}"
        out.append(f'  DC ---|"{text}"| {edge}')
    if c["vpn_peers"]:
        out.append(f'  DC -.-|"{t("vpn", lang)}<br/>{", ".join(c["vpn_peers"])}"| {hub}')
    for layer in c["layers"]:
        node = f"L_{layer['id']}"
        if not layer["enabled"]:
            out.append(f'  {node}["{layer["id"]} {layer["ja"]}<br/>{layer["cidr"]}<br/>{t("reserved", lang)}"]:::reserved')
            continue
        out.append(f'  subgraph {node}["{layer["id"]} {layer["ja"]} {layer["cidr"]}"]')
        for sn in layer["subnets"]:
            out.append(f'    {_id(node + sn["cidr"])}["{t(sn["role"], lang)} {sn["zone"]}<br/>{sn["cidr"]}"]')
        for system in layer["systems"]:
            text = label(system["name"]) + (f"<br/>{system['cidr']}" if system["cidr"] else "") + \
                (f"<br/>{label(system['account'])}" if system.get("account") else "")
            out.append(f'    {_id(node + "_sys_" + system["id"])}(["{text}"])')
        out.append("  end")
        out.append(f"  {hub} --> {node}")
    through_dc = tables.through_datacenter(c)
    for i, f in enumerate(c["flows"], 1):
        text = f'({i}) {f["name"]} {f["protocol"]}/{",".join(f["ports"]) or "-"}'
        if through_dc:  # out over the line, back in through the data center's firewall
            out.append(f'  L_{f["from_layer"]} ==>|"{text}<br/>{t("flow_through_dc", lang)}"| DC')
            out.append(f'  DC ==>|"({i})"| L_{f["to_layer"]}')
        else:
            out.append(f'  L_{f["from_layer"]} ==>|"{text}"| L_{f["to_layer"]}')
    out.append("  classDef reserved stroke-dasharray: 5 5,color:#888")
    out.append("```")
    return out + [""]


def document_rows(c: dict, lang: str) -> tuple[list, list, list]:
    """(headers, the cover row, the change-history rows) of the document control section."""
    doc, o = c["document"], c["overview"]
    headers = [t("municipality", lang), t("doc_title", lang), t("doc_version", lang), t("doc_date", lang),
               t("doc_commit", lang), t("doc_tool", lang)]
    cover = [f"{o['prefecture'] or ''}{o['name']}（{o['code']}）", t("title", lang), str(doc["version"]), doc["date"],
             doc["commit"] or t("doc_not_git", lang), f"govcloud {doc['tool']}"]
    count = len(doc["history"])
    history = [[str(count - i), h["date"], h["commit"], h["author"], h["subject"]] for i, h in enumerate(doc["history"])]
    return headers, cover, history


def document(c: dict, lang: str) -> list[str]:
    """The cover: the document's facts, boxes for 作成 / 確認 / 承認, the change history."""
    if not c.get("document"):
        return []
    headers, cover, history = document_rows(c, lang)
    out = [f"## {t('document', lang)}"] + _table(headers, [cover])
    out += _table([t("author", lang), t("checker", lang), t("approver", lang)], [["　", "　", "　"]])
    out += [f"**{t('history', lang)}**", ""]
    out += _table([t("doc_version", lang), t("doc_date", lang), t("doc_commit", lang), t("doc_by", lang),
                   t("doc_subject", lang)], history) if history else [t("doc_no_history", lang), ""]
    return out


def render(c: dict, lang: str = "ja") -> str:
    o = c["overview"]
    out = [f"# {o['name']}（{o['code']}） {t('title', lang)}", "", f"> {t('generated', lang)} `{c['file']}`", ""]
    out += document(c, lang)
    out.append(f"## {t('overview', lang)}")
    out += _table(*tables.overview(c, lang))
    out.append(f"## {t('diagram', lang)}")
    out += mermaid(c, lang)
    accounts = tables.accounts(c, lang)
    if accounts[1]:
        out.append(f"## {t('accounts', lang)}")
        out += _table(*accounts)
    out.append(f"## {t('address_plan', lang)}")
    out += _table(*tables.address_plan(c, lang))
    out.append(f"## {t('routing', lang)}")
    out += [line for p in tables.routing_paths(c, lang) for line in (p, "")]
    for layer_id, rt in c["routing"].items():
        out.append(f"### {tables.layer_name(c, layer_id, lang)}")
        for table in tables.routes(rt, lang):
            out += _table(*table)
    out.append(f"## {t('matrix', lang)}")
    headers, rows, _ = tables.matrix(c, lang)
    out += _table(headers, rows) + _table(*tables.flows(c, lang))
    out.append(f"## {t('redundancy', lang)}")
    out += _table(*tables.redundancy(c, lang)) + _table(*line_table(c, lang))
    if c["sessions"]:
        out.append(f"## {t('sessions', lang)}")
        out += _table(session_header(lang), session_rows(c, lang))
    out.append(f"## {t('encryption', lang)}")
    out += _titled(tables.encryption(c, lang))
    if c["obligations"]:
        out.append(f"## {t('obligations', lang)}")
        out += _table(*tables.obligations(c, lang))
    if c["policy"]:
        out.append(f"## {t('policy', lang)}")
        out += _titled(tables.policy_groups(c, lang))
    if c["inventory"]:
        out.append(f"## {t('inventory', lang)}")
        out += _table(*tables.inventory(c, lang))
    return "\n".join(out)
