"""Issue 14, item 2: the routing the review shows is the routing each cloud has. Google
Cloud joins the layers only through the data center (no transit table, no blackhole rows,
the Cloud Routers where they are built); AWS through the transit gateway's per-layer
tables. The BGP session table says MD5 ("set", never the key), BFD and which path is
preferred; the data center gets a checklist of what it must configure."""
from __future__ import annotations

import re

import pytest

from network.declaration import load
from network.model import build
from review import html, markdown
from tests.review.test_review import content_of
from tests.conftest import SAMPLES


def _routing_section(text: str) -> str:
    return text.split("## 経路", 1)[1].split("\n## ", 1)[0]


def test_google_cloud_has_no_transit_table_and_no_blackhole_rows():
    c = content_of("itabashi")
    section = _routing_section(markdown.render(c, "ja"))
    assert "Transit経路表" not in section and "破棄" not in section
    assert all(not r["transit"] for r in c["routing"].values())
    assert "データセンターへ出て" in section  # the path between layers is said once


def test_google_cloud_flow_between_layers_goes_through_the_data_center():
    c = content_of("itabashi")
    model = build(load(SAMPLES["itabashi"]))
    crossing = [(r.layer, x) for r in model.routing for x in r.reach if not x.onprem]
    assert crossing, "the sample has a flow between layers"
    for layer, x in crossing:
        row = next(v for v in c["routing"][layer]["vpc"] if v["prefix"] == x.prefix)
        assert (row["via"], row["why"], row["arg"]) == ("via_router", "why_flow_via_dc", x.flow)
        assert x.prefix in c["routing"][layer]["accepted"]  # the data center advertises it into this layer


def test_aws_keeps_its_per_layer_transit_tables_and_the_dc_does_not_carry_cloud_flows():
    c = content_of("minato")
    model = build(load(SAMPLES["minato"]))
    for r in model.routing:
        rows = c["routing"][r.layer]
        blackholes = {x["prefix"] for x in rows["transit"] if x["via"] == "via_blackhole"}
        assert set(r.blackholes) - {x.prefix for x in r.reach} <= blackholes
        cloud_reach = {x.prefix for x in r.reach if not x.onprem}
        assert not cloud_reach & set(rows["accepted"])  # layers meet in the transit gateway, not at the DC
        for x in r.reach:
            if not x.onprem:
                row = next(v for v in rows["transit"] if v["prefix"] == x.prefix)
                assert (row["via"], row["layer"]) == ("via_layer", x.via_layer)


def test_cloud_routers_are_drawn_only_in_the_regions_where_they_are_built():
    c = content_of("itabashi")
    built = {r["region"] for r in c["built"]["routers"]}
    declared = {r["id"] for r in c["overview"]["regions"]}
    assert built and built < declared  # 板橋区 declares Osaka, but no router is built there
    from clouds import get
    (title, rows), _ = get("gcp").review_edge(c, "ja")
    assert title == "Cloud Router"
    assert {row.split(":")[0].strip() for row in rows if row.startswith("  ")} == built
    diagram = html.render(c, "ja").split("<svg", 1)[1].split("</svg>", 1)[0]
    for region in built:
        assert f">{region}: " in diagram or f" {region}: " in diagram
    for region in declared - built:
        assert f"{region}: " not in diagram.split("Cloud Router", 1)[1].split("VLAN", 1)[0]
    mermaid = markdown.render(c, "ja").split("```mermaid", 1)[1].split("```", 1)[0]
    cloud_router = next(line for line in mermaid.splitlines() if line.strip().startswith("CR["))
    assert all(region in cloud_router for region in built)
    assert not any(region in cloud_router for region in declared - built)


@pytest.mark.parametrize("name", ["minato", "setagaya", "itabashi"])
def test_every_session_says_md5_bfd_and_preference_never_a_key(name):
    c = content_of(name)
    assert c["sessions"]
    text = markdown.render(c, "ja")
    header = next(line for line in text.splitlines() if line.startswith("| 種別 |"))
    for column in ("MD5認証", "BFD", "経路の優先度", "ASN（クラウド／DC）"):
        assert column in header
    for s in c["sessions"]:
        assert s["md5"] and s["bfd"] and s["preference"]
        if s["kind"] == "vpn":
            assert s["md5"] == "md5_ipsec" and s["preference"] in ("pref_aws_vpn", "pref_gcp_backup")
    assert "md5_set" in {s["md5"] for s in content_of("minato")["sessions"]}
    assert not re.search(r"bgpAuthKey|md5_authentication_key|\[secret\]", text)


def test_aws_vif_md5_comes_from_the_planned_key():
    """The MD5 column is read from the VIF's bgpAuthKey input: a VIF without one says none."""
    from clouds import get
    c = content_of("setagaya")
    from components.plan import record
    tenancy = load(SAMPLES["setagaya"])
    inventory = record(tenancy).as_dict()
    for r in inventory["resources"]:
        r["inputs"].pop("bgpAuthKey", None)
    rows = get("aws").review_sessions(build(tenancy), inventory)
    assert {s["md5"] for s in rows if s["kind"] == "dx"} == {"md5_none"}
    assert {s["md5"] for s in c["sessions"] if s["kind"] == "dx"} == {"md5_set"}


def test_the_vrf_item_names_each_vlan_with_its_line():
    """A VLAN id is the line's own: 港区's tokyo-1 carries mynumber on 101 and osaka-1 on 201,
    so the checklist says which line each id is on, not a bare list of ids per layer."""
    (vrf,) = [o["args"]["layers"] for o in content_of("minato")["obligations"] if o["key"] == "ob_vrf"]
    per_layer = dict(part.split(" (VLAN ", 1) for part in vrf.split("; "))
    assert set(per_layer) == {"mynumber", "lgwan", "internet"}
    assert per_layer["mynumber"].rstrip(")").split(", ") == ["osaka-1: 201", "osaka-2: 211", "tokyo-1: 101",
                                                            "tokyo-2: 111"]
    assert "tokyo-1: 102" in per_layer["lgwan"] and "tokyo-1: 102" not in per_layer["mynumber"]


def test_the_data_center_checklist():
    c = content_of("itabashi")
    keys = [o["key"] for o in c["obligations"]]
    assert keys[0] == "ob_vrf" and "ob_bfd" in keys and "ob_vpn_preference" in keys
    leaks = [o["args"] for o in c["obligations"] if o["key"] == "ob_leak"]
    model = build(load(SAMPLES["itabashi"]))
    crossing = {(x.via_layer, r.layer, x.prefix) for r in model.routing for x in r.reach if not x.onprem}
    assert {(a["from"], a["to"], a["prefix"]) for a in leaks} == crossing
    assert "ob_as_override" in keys  # every layer's Cloud Router has the same ASN
    overrides = {o["key"]: o["args"]["asn"] for o in c["obligations"] if o["key"].startswith("ob_as_override")}
    assert overrides["ob_as_override_partner"] == "16550" and "16550" not in overrides["ob_as_override"]
    # AWS: the layers meet in the transit gateway, so the DC neither leaks nor overrides
    aws = [o["key"] for o in content_of("minato")["obligations"]]
    assert "ob_leak" not in aws and "ob_as_override" not in aws and "ob_md5" in aws
    exact = {o["args"]["layer"]: o["args"]["prefixes"] for o in c["obligations"] if o["key"] == "ob_exact"}
    assert exact == {layer: ", ".join(r["accepted"]) for layer, r in c["routing"].items()}
    text = markdown.render(c, "ja")
    assert "## データセンター側の設定事項（チェックリスト）" in text and "☐ | 許可通信 myportal-import" in text


def test_only_regions_where_something_is_built_are_drawn():
    """The diagram's heading names the declared regions the plan builds in, and no other."""
    import copy
    from components.plan import record
    from review.content import built_regions
    from review import svg
    inventory = record(load(SAMPLES["itabashi"])).as_dict()
    assert built_regions(inventory, ["asia-northeast1", "asia-northeast2"]) == ["asia-northeast1", "asia-northeast2"]
    tokyo_only = copy.deepcopy(inventory)
    tokyo_only["resources"] = [r for r in tokyo_only["resources"]
                               if "asia-northeast2" not in str(r.get("inputs", {}).get("region", ""))]
    assert built_regions(tokyo_only, ["asia-northeast1", "asia-northeast2"]) == ["asia-northeast1"]
    c = copy.deepcopy(content_of("itabashi"))
    c["overview"]["built_regions"] = ["asia-northeast1"]
    heading = svg.render(c, "ja").split("</text>", 2)[0]  # the diagram's first text: its heading
    assert "asia-northeast1" in heading and "asia-northeast2" not in heading
    # an AWS resource without a region input is in its provider's region
    aws = record(load(SAMPLES["setagaya"])).as_dict()
    assert "ap-northeast-1" in built_regions(aws, ["ap-northeast-1"])


def test_the_diagrams_draw_a_google_cloud_flow_through_the_data_center():
    """Issue 14 item 2: on Google Cloud the path between layers goes through the data center
    in the diagram too (Mermaid: out to DC and back; the drawing: its lane is marked DC and
    its legend says so); on AWS the layers meet in the transit gateway and the flow is drawn
    between them."""
    gcp = content_of("itabashi")
    flow = gcp["flows"][0]
    mermaid = markdown.render(gcp, "ja").split("```mermaid", 1)[1].split("```", 1)[0]
    edges = [line.strip() for line in mermaid.splitlines() if "==>" in line]
    assert edges[0].startswith(f"L_{flow['from_layer']} ==>") and edges[0].endswith("| DC")
    assert "DC経由" in edges[0] and edges[1] == f'DC ==>|"(1)"| L_{flow["to_layer"]}'
    drawing = html.render(gcp, "ja").split("<svg", 1)[1].split("</svg>", 1)[0]
    assert f"{flow['name']}:" in drawing and "DC経由" in drawing and ">DC</text>" in drawing
    assert "through the DC" in html.render(gcp, "en")
    aws = content_of("minato")
    mermaid = markdown.render(aws, "ja").split("```mermaid", 1)[1].split("```", 1)[0]
    edges = [line.strip() for line in mermaid.splitlines() if "==>" in line]
    assert edges and all("| DC" not in e and not e.startswith("DC ") for e in edges)
    assert "DC経由" not in html.render(aws, "ja").split("<svg", 1)[1].split("</svg>", 1)[0]
