"""The network diagram as inline SVG. The layout is computed, not drawn by hand: columns
for the data center, the lines, the cloud edge and the three layers; every text gets its
own row, so nothing overlaps; the layers are separate boxes with a gap between them, and
each permitted flow is its own numbered arrow in a lane to the right of the layers."""
from __future__ import annotations

from html import escape

import clouds
from network.text import one_line
from review.i18n import t
from review.tables import through_datacenter

ROW = 18
FONT = 12  # the smallest text: 12 px prints at 9 pt when the diagram is drawn at its own width
PAD = 10
#: estimated width of one half-width character at FONT (Noto Sans CJK JP; a Japanese
#: character counts two), kept generous so that an estimate never undershoots
UNIT = 7.0
COLORS = {"mynumber": ("#fde7e9", "#b3261e"), "lgwan": ("#e3ecfb", "#1f4e9c"), "internet": ("#e6f4ea", "#1e7b34")}
FLOW_COLORS = ("#8e24aa", "#ef6c00", "#00838f", "#6d4c41", "#c2185b", "#283593")
#: (x, width) per column. The whole diagram is at most about 1,000 px wide, so that on an A4
#: landscape page (277 mm, about 1,015 CSS px inside the margins) it is not scaled down and
#: its 12 px text prints at 9 pt or more (tests/review/test_print.py).
COLUMN = {"dc": (8, 182), "lines": (210, 180), "edge": (410, 196), "layers": (626, 300)}
LANE_X = 926
LANE_STEP = 14
WIDTH = 1000


def _text(x, y, s, size=FONT, weight="normal", color="#222", anchor="start", cls="t"):
    return (f'<text class="{cls}" x="{x}" y="{y}" font-size="{size}" font-weight="{weight}" fill="{color}" '
            f'text-anchor="{anchor}">{escape(one_line(s))}</text>')


def _box(x, y, w, h, fill, stroke, dash=False, rx=6):
    d = ' stroke-dasharray="6 4"' if dash else ""
    return f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"{d}/>'


def _fit(text: str, width: float, size: int = FONT) -> list[str]:
    """`text` wrapped into rows that fit `width` px: at spaces where it can, else anywhere."""
    limit = max(4, int(width / (UNIT * size / FONT)))
    rows, current = [], ""
    for word in str(text).split(" "):
        candidate = f"{current} {word}" if current else word
        if _width(candidate) <= limit:
            current = candidate
            continue
        if current:
            rows.append(current)
        while _width(word) > limit:  # one word wider than the box: cut it
            cut = 1
            while _width(word[:cut + 1]) <= limit:
                cut += 1
            rows.append(word[:cut])
            word = word[cut:]
        current = word
    return rows + ([current] if current else [])


def _block(x, y, w, title, rows, fill, stroke, dash=False, title_color=None):
    """A titled box with one text row per entry, each wrapped to the box; returns (svg, height)."""
    titles = _fit(title, w - 2 * PAD, 13)
    rows = [part for row in rows for part in _fit(row, w - 2 * PAD)]
    h = PAD + len(titles) * ROW + len(rows) * ROW + PAD
    out = [_box(x, y, w, h, fill, stroke, dash)]
    out += [_text(x + PAD, y + PAD + 13 + i * ROW, part, 13, "bold", title_color or stroke) for i, part in enumerate(titles)]
    top = y + PAD + len(titles) * ROW
    for i, row in enumerate(rows):
        out.append(_text(x + PAD, top + 13 + i * ROW, row))
    return "\n".join(out), h


def _line(x1, y1, x2, y2, color="#555", dash=False, width=1.5, marker=""):
    d = ' stroke-dasharray="5 4"' if dash else ""
    m = f' marker-end="url(#{marker})"' if marker else ""
    return f'<path d="M{x1},{y1} L{x2},{y2}" stroke="{color}" stroke-width="{width}" fill="none"{d}{m}/>'


def _width(text: str) -> int:
    """Display width in half-width units (a Japanese character counts two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pack(items: list[str], width: int) -> list[str]:
    """Join items with ' ・ ' into rows no wider than `width` units (about 6.6 px each)."""
    rows, current = [], ""
    for item in items:
        candidate = f"{current} ・ {item}" if current else item
        if current and _width(candidate) > width * 2:
            rows.append(current)
            current = item
        else:
            current = candidate
    return rows + ([current] if current else [])


def render(c: dict, lang: str = "ja") -> str:
    o, parts = c["overview"], []
    # data center
    dc_rows = [o["dc_name"], f"ASN {o['dc_asn']}"]
    for layer in c["layers"]:
        for p in layer["onprem"]:
            dc_rows.append(f"{layer['id']}: {p}")
    x, w = COLUMN["dc"]
    svg, dc_h = _block(x, 60, w, t("datacenter", lang), dc_rows, "#f5f5f5", "#424242")
    parts.append(svg)
    dc_mid = 60 + dc_h / 2
    # lines (and the VPN backup)
    x, w = COLUMN["lines"]
    y = 60
    line_points = []
    for ln in c["lines"]:
        rows = [f"{ln['location']} ({ln['metro']})", f"{ln['type']} {ln['bandwidth']}",
                f"VLAN {ln['vlan']}" + (f"  EAD {ln['edge_domain']}" if ln["edge_domain"] else "")
                + ("  MACsec" if ln["macsec"] else ""),
                " / ".join(v for v in (ln["carrier"], ln["device"]) if v) or "-"]
        svg, h = _block(x, y, w, f"{t('lines', lang)} {ln['name']}", rows, "#fff8e1", "#8d6e00")
        parts.append(svg)
        line_points.append(y + h / 2)
        y += h + 12
    vpn_y = None
    if c["vpn_peers"]:
        svg, h = _block(x, y, w, t("vpn", lang), ["IPsec + BGP →"] + [f"  {p}" for p in c["vpn_peers"]]
                        + [t("vpn_lower_pref", lang)], "#ffffff", "#757575", dash=True)
        parts.append(svg)
        vpn_y = y + h / 2
        y += h + 12
    lines_bottom = y
    # cloud edge
    x, w = COLUMN["edge"]
    edge = clouds.get(o["cloud"]).review_edge(c, lang)
    y = 60
    edge_points = []
    for title, rows in edge:
        svg, h = _block(x, y, w, title, rows, "#ede7f6", "#4527a0")
        parts.append(svg)
        edge_points.append((y, y + h))
        y += h + 40
    edge_mid = (edge_points[0][0] + edge_points[0][1]) / 2
    hub_mid = (edge_points[-1][0] + edge_points[-1][1]) / 2
    if len(edge_points) > 1:
        parts.append(_line(x + w / 2, edge_points[0][1], x + w / 2, edge_points[1][0], "#4527a0"))
    # wiring: DC -> lines -> edge
    dc_right = COLUMN["dc"][0] + COLUMN["dc"][1]
    lx, lw = COLUMN["lines"]
    for ly in line_points:
        parts.append(_line(dc_right, dc_mid, lx, ly, "#8d6e00"))
        parts.append(_line(lx + lw, ly, x, edge_mid, "#8d6e00"))
    if vpn_y is not None:
        parts.append(_line(dc_right, dc_mid, lx, vpn_y, "#757575", dash=True))
        parts.append(_line(lx + lw, vpn_y, x, hub_mid, "#757575", dash=True))
    # layers
    lx0, lw0 = COLUMN["layers"]
    y = 60
    centers = {}
    for layer in c["layers"]:
        fill, stroke = COLORS[layer["id"]]
        label = f"{layer['id']}  {layer['cidr']}"
        name = layer["ja"] if lang == "ja" else layer["en"]
        if not layer["enabled"]:
            rows = [name, t("reserved", lang)] + [f"{t(s['role'], lang)} {s['zone']}: {s['cidr']}" for s in layer["subnets"]]
            svg, h = _block(lx0, y, lw0, label, rows, "#fafafa", "#9e9e9e", dash=True, title_color="#757575")
            parts.append(svg)
            y += h + 28
            continue
        rows = [name] + [f"{t(s['role'], lang)} {s['zone']}: {s['cidr']}" for s in layer["subnets"]]
        rows += _pack([f"{s['name']}" + (f" {s['cidr']}" if s["cidr"] else "") +
                       (f" [{s['account']}]" if s.get("account") else "") for s in layer["systems"]], 19)
        svg, h = _block(lx0, y, lw0, label, rows, fill, stroke)
        parts.append(svg)
        centers[layer["id"]] = (y, y + h)
        parts.append(_line(x + w, hub_mid, lx0, y + h / 2, stroke, width=2))
        y += h + 28
    layers_bottom = y
    # flows: one lane and one colour each, numbered
    legend_rows = []
    via_dc = f" ({t('flow_through_dc', lang)})" if through_datacenter(c) else ""
    for i, f in enumerate(c["flows"]):
        if f["from_layer"] not in centers or f["to_layer"] not in centers:
            continue
        color = FLOW_COLORS[i % len(FLOW_COLORS)]
        lane = LANE_X + 12 + i * LANE_STEP
        (s0, _), (d0, _) = centers[f["from_layer"]], centers[f["to_layer"]]
        sy, dy = s0 + 24 + i * 6, d0 + 30 + i * 6
        parts.append(_line(lx0 + lw0, sy, lane, sy, color, width=2))
        parts.append(_line(lane, sy, lane, dy, color, width=2))
        parts.append(_line(lane, dy, lx0 + lw0 + 4, dy, color, width=2, marker=f"arrow{i % len(FLOW_COLORS)}"))
        mid = (sy + dy) / 2
        parts.append(f'<circle cx="{lane}" cy="{mid}" r="10" fill="#fff" stroke="{color}" stroke-width="2"/>')
        parts.append(_text(lane, mid + 4, i + 1, FONT, "bold", color, "middle"))
        if via_dc:  # no route joins the layers in this cloud: the flow turns at the data center
            parts.append(_text(lane, mid + 24, "DC", FONT, "bold", color, "middle"))
        ports = ",".join(f["ports"]) or "-"
        legend_rows.append((color, f"({i + 1}) {f['name']}: {f['from_layer']} {f['from']} → {f['to_layer']} "
                                   f"{f['to']}  {f['protocol']}/{ports}{via_dc}"))
    # legend under everything
    y = max(layers_bottom, lines_bottom, dc_h + 80) + 10
    parts.append(_text(20, y + 14, t("flows", lang), 13, "bold"))
    legend = [(color, part) for color, row in legend_rows for part in _fit(row, WIDTH - 40)]
    for i, (color, row) in enumerate(legend):
        parts.append(_text(20, y + 14 + (i + 1) * ROW, row, FONT, "normal", color))
    width = max(WIDTH, LANE_X + 2 * 12 + len(legend_rows) * LANE_STEP)
    height = y + 14 + (len(legend) + 1) * ROW + 20
    markers = "".join(f'<marker id="arrow{i}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
                      f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{col}"/></marker>'
                      for i, col in enumerate(FLOW_COLORS))
    head = _text(10, 30, f"{o['name']} ({o['code']}) — {t('diagram', lang)} — {o['cloud'].upper()} "
                         f"{', '.join(o.get('built_regions') or [r['id'] for r in o['regions']])}  "
                         f"{o['address_space']}", 15, "bold")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(t("diagram", lang))}" '
            f'font-family="\'Noto Sans CJK JP\', \'IPAexGothic\', \'Hiragino Sans\', \'Meiryo\', sans-serif">'
            f"<defs>{markers}</defs>{head}" + "\n".join(parts) + "</svg>")
