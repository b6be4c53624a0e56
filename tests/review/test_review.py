"""The review package: self-contained HTML, a diagram with every layer, subnet, line and
flow, tables that agree with the plan, Markdown with Mermaid, and the change review."""
from __future__ import annotations

import copy
import json
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings, strategies as st

from network.declaration import load
from network.model import build
from review import html, markdown, svg
from pipeline.review import review_content
from tests.conftest import SAMPLES, run_govcloud

CONTENT: dict = {}


def content_of(name):
    if name not in CONTENT:
        CONTENT[name] = review_content(load(SAMPLES[name]))
    return CONTENT[name]


class Audit(HTMLParser):
    VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "source", "wbr"}
    SVG_VOID = {"rect", "path", "circle", "line", "marker"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.fetches, self.tags = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "data", "poster") and value and \
                    value.startswith(("http:", "https:", "//")):
                self.fetches.append(f"{tag} {name}={value}")
        if tag in ("script", "link", "iframe", "object", "embed", "img"):
            self.fetches.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if "@import" in data or "url(http" in data:
            self.fetches.append("css fetch")


@pytest.mark.parametrize("name", ["minato", "setagaya", "itabashi"])
def test_html_is_valid_and_self_contained(name):
    page = html.render(content_of(name), "ja")
    audit = Audit()
    audit.feed(page)
    audit.close()
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert audit.errors == [] and audit.stack == []
    assert audit.fetches == []
    assert "<style>" in page and "<svg" in page


@pytest.mark.parametrize("name", ["minato", "setagaya", "itabashi"])
def test_diagram_contains_every_layer_subnet_line_and_flow(name):
    tenancy = load(SAMPLES[name])
    model = build(tenancy)
    drawing = svg.render(content_of(name), "ja")
    for lp in tenancy.plan.layers:
        assert lp.cidr in drawing and lp.layer in drawing
        for s in lp.subnets:
            assert s.cidr in drawing, s
    for line in tenancy.spec.connectivity.lines:
        assert line.name in drawing and line.location in drawing and f"VLAN {line.vlan}" in drawing
    for i, f in enumerate(model.flows, 1):
        assert f"({i}) {f.name}" in drawing and f.source in drawing and f.destination in drawing
    assert f"ASN {tenancy.spec.data_center.asn}" in drawing and f"ASN {tenancy.spec.connectivity.cloud_asn}" in drawing
    for p in tenancy.spec.data_center.vpn_peer_addresses if tenancy.spec.connectivity.vpn_backup else ():
        assert p in drawing


@pytest.mark.parametrize("name", ["minato", "itabashi"])
def test_tables_agree_with_the_plan(name):
    tenancy = load(SAMPLES[name])
    c = content_of(name)
    planned = {(s.layer, s.role, s.zone, s.cidr, s.usable) for lp in tenancy.plan.layers for s in lp.subnets}
    shown = {(layer["id"], s["role"], s["zone"], s["cidr"], s["usable"]) for layer in c["layers"] for s in layer["subnets"]}
    assert shown == planned
    page = html.render(c, "en")
    for layer, role, zone, cidr, usable in planned:
        assert f"<td>{zone}</td><td>{cidr}</td><td>{usable}</td>" in page
    model = build(tenancy)
    for r in model.routing:
        assert {x["prefix"] for x in c["routing"][r.layer]["vpc"]} == set(r.onprem) | {x.prefix for x in r.reach} | (
            {"0.0.0.0/0"} if r.default_via_datacenter or r.internet_gateway else set())
        assert c["routing"][r.layer]["advertised"] == [r.cidr]
    matrix = {(m["from"], m["to"]): m for m in c["matrix"]}
    for f in model.flows:
        assert matrix[(f.source_layer, f.destination_layer)]["allowed"]
    if ("internet", "mynumber") in matrix:
        assert not matrix[("internet", "mynumber")]["allowed"] and matrix[("internet", "mynumber")]["never"]
    from policies.registry import all_rules
    assert all(p["status"] in ("pass", "not_applicable", "disabled") for p in c["policy"]) and len(c["policy"]) == len(all_rules())


def test_redundancy_names_single_points_of_failure():
    setagaya = content_of("setagaya")["redundancy"]
    assert setagaya["declared"] == "high" and setagaya["met"]
    kinds = {s["kind"] for s in setagaya["spof"]}
    assert "device" in kinds  # no DC routers declared: flagged for checking
    itabashi = content_of("itabashi")["redundancy"]
    assert any(s["kind"] == "metro" for s in itabashi["spof"])  # 99.9%: Tokyo only
    assert "VPN" in itabashi["failover"]["en"]
    minato = content_of("minato")["redundancy"]
    assert minato["achieved"] == "maximum" and not any(s["kind"] in ("location", "carrier") for s in minato["spof"])


def test_markdown_has_mermaid_with_everything():
    text = markdown.render(content_of("minato"), "ja")
    block = text.split("```mermaid", 1)[1].split("```", 1)[0]
    assert "flowchart TB" in block
    for layer in ("L_mynumber", "L_lgwan", "L_internet"):
        assert f"subgraph {layer}" in block
    for cidr in ("10.13.19.128/27", "10.13.23.240/28", "10.13.24.0/22", "10.13.16.64/26"):
        assert cidr in block
    assert "401234560012" in block  # each system names the account it runs in
    for line in ("tokyo-1", "osaka-2"):
        assert line in block
    assert "(1) myportal-import" in block and "(2) mail-sanitized" in block
    assert "| 10.13.20.0/26 | Transit Gateway | 許可通信 myportal-import |" in text


def test_review_command_writes_both_files_in_japanese_by_default(tmp_path):
    result = run_govcloud("review", "131032-minato", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "131032-minato-review.ja.html").read_text(encoding="utf-8")
    assert "ネットワーク設計レビュー資料" in page and '<html lang="ja">' in page
    assert (tmp_path / "131032-minato-review.ja.md").read_text(encoding="utf-8").startswith("# 港区")
    english = run_govcloud("review", "131199-itabashi", "--out", str(tmp_path), "--lang", "en")
    assert english.returncode == 0
    assert "Three-layer communication matrix" in (tmp_path / "131199-itabashi-review.en.html").read_text(encoding="utf-8")


def test_review_json():
    result = run_govcloud("review", "131121-setagaya", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["overview"]["code"] == "131121" and [l["enabled"] for l in data["layers"]] == [True, True, False]


def test_review_without_out_is_a_usage_error():
    result = run_govcloud("review", "131032-minato")
    assert result.returncode == 2 and "--out DIR" in result.stderr


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), min_size=1, max_size=40)
       .filter(lambda s: s.strip()))
def test_any_system_name_keeps_the_mermaid_labels_closed(name):
    from review.markdown import mermaid
    content = CONTENT.get("minato") or review_content(load(SAMPLES["minato"]))
    changed = copy.deepcopy(content)
    changed["layers"][0]["systems"][0]["name"] = name
    changed["overview"]["dc_name"] = name
    for line in mermaid(changed, "ja"):
        if line.strip().startswith(("DC[", "L_mynumber_sys_")):
            assert line.count('"') == 2, line
            assert "<" not in line.replace("<br/>", ""), line


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30) |
       st.sampled_from(["</td></tr></table><script>x</script>", "a\nb\x1b[2J", '"><svg onload=x>', "x\u2028y"]))
def test_any_name_leaves_the_html_structure_unchanged(name):
    """Names reach headings, tables and the SVG; escaped and made one-line, they change the
    text and never the tags (a long name wraps onto more SVG text rows: those are counted
    apart)."""
    def tags(content):
        audit = Audit()
        audit.feed(html.render(content, "ja"))
        audit.close()
        assert audit.errors == [] and audit.stack == [] and audit.fetches == []
        return [tag for tag in audit.tags if tag != "text"]
    baseline = content_of("minato")
    changed = copy.deepcopy(baseline)
    changed["overview"]["name"] = name
    changed["overview"]["dc_name"] = name
    changed["layers"][0]["systems"][0]["name"] = name
    changed["flows"][0]["reason"] = name
    assert tags(changed) == tags(baseline)


@pytest.mark.parametrize("name, cloud, other", [("minato", "aws", "gcp:"), ("itabashi", "gcp", "aws:")])
def test_a_rule_with_nothing_to_look_at_is_not_applicable_never_a_pass(name, cloud, other):
    """適合 / 不適合 / 対象外 kept apart: a rule of the other cloud is 対象外."""
    from policies.registry import all_rules
    rules = {r.id: r for r in all_rules()}
    statuses = {p["rule"]: p["status"] for p in content_of(name)["policy"]}
    for rule_id, status in statuses.items():
        rule = rules[rule_id]
        if (rule.clouds and cloud not in rule.clouds) or (rule.types and all(t.startswith(other) for t in rule.types)):
            assert status in ("not_applicable", "disabled"), (rule_id, status)
    assert "pass" in statuses.values() and "not_applicable" in statuses.values()
    page = html.render(content_of(name), "ja")
    assert "対象外" in page and "適合" in page
    assert ">無効<" not in page  # a disabled rule says why


def test_the_account_rules_are_not_applicable_on_google_cloud():
    statuses = {p["rule"]: p["status"] for p in content_of("itabashi")["policy"]}
    assert statuses["GOV-ACCT-001"] == statuses["GOV-ACCT-002"] == "not_applicable"
    assert {p["rule"]: p["status"] for p in content_of("minato")["policy"]}["GOV-ACCT-001"] == "pass"



def test_the_mermaid_diagram_runs_top_to_bottom_and_the_lines_table_matches_the_html():
    """Readable at GitHub's page width; the lines table is built once for both documents."""
    text = markdown.render(content_of("minato"), "ja")
    assert "flowchart TB" in text and "flowchart LR" not in text
    page = html.render(content_of("minato"), "ja")
    for ln in content_of("minato")["lines"]:
        kind = {"dedicated": "専有型", "hosted": "ホスト型", "partner": "パートナー型"}[ln["type"]]
        row = f"| {ln['name']} | {ln['location']} {ln['facility']} | {kind} |"
        assert row in text and f"<td>{ln['location']} {ln['facility']}</td>" in page



class Cells(HTMLParser):
    """The text of every table cell of an HTML page."""

    def __init__(self):
        super().__init__()
        self.cells, self.current = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self.current = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.current is not None:
            self.cells.append("".join(self.current).strip())
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


@pytest.mark.parametrize("name", ["minato", "setagaya", "itabashi"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_markdown_carries_every_table_cell_of_the_html(name, lang):
    """The Markdown is the same document: every cell the HTML tables show is in it (both are
    built by review/tables.py)."""
    cells = Cells()
    cells.feed(html.render(content_of(name), lang))
    text = markdown.render(content_of(name), lang).replace("\\|", "|").replace("\\\\", "\\")
    missing = [cell for cell in cells.cells if cell and cell not in text]
    assert missing == [], missing[:10]
