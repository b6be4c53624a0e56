"""Issue 14, item 5: the change review built from the plan diff. The issue's scenario on
港区: enlarge the internet layer, drop one Osaka line (tier high), add a second
lgwan→mynumber flow. The review lists the replaced subnets as 停止を伴う変更, the
advertised-prefix change, the new single point of failure, and both flows into mynumber
with ⚠."""
from __future__ import annotations

import json

import pytest

from review import plan_diff
from tests.conftest import copy_project, run_govcloud
from tests.review.test_diff import change

OSAKA_2 = ("        - {name: osaka-2, location: EqOS1, type: dedicated, bandwidth: 10Gbps, vlan: 211, carrier: ソフトバンク, "
           "device: dc-rt-02, macsec: true, macsecPhase: enforced}\n")
SECOND_FLOW = ("    tags:\n", "      - name: shinsei-to-zeimu\n"
               "        from: {layer: lgwan, system: shinsei}\n"
               "        to: {layer: mynumber, system: zeimu}\n"
               "        protocol: tcp\n        ports: [443]\n"
               "        reason: 申請データを税務システムへ渡す\n    tags:\n")
SCENARIO = (("      internet:\n        prefixLength: 22", "      internet:\n        prefixLength: 21"),
            (OSAKA_2, ""), ("redundancy: maximum", "redundancy: high"), SECOND_FLOW)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    stack, base = change(project, "minato", *SCENARIO)
    ja = run_govcloud("review", stack, "--diff", base, cwd=project)
    data = run_govcloud("review", stack, "--diff", base, "--format", "json", cwd=project)
    return ja, json.loads(data.stdout)


def test_replaced_subnets_are_changes_that_stop_traffic(scenario):
    ja, data = scenario
    assert ja.returncode == 0, ja.stderr
    disruptive = data["resources"]["disruptive"]
    subnets = [r for r in disruptive if r["type"] == "aws:ec2/subnet:Subnet"]
    assert subnets and all("cidrBlock" in r["forces"] and "-seg-internet-" in r["name"] for r in subnets)
    assert any(r["type"] == "aws:ec2/vpc:Vpc" and "-internet" in r["name"] for r in disruptive)
    assert "停止を伴う変更（置き換え：削除して作成）" in ja.stdout
    for r in subnets:
        assert f"- ⚠ Subnet {r['name']}: 置き換えの理由：cidrBlock（" in ja.stdout
    # the replaced VPC's id changes: everything tied to it by a ForceNew input goes with it
    cascaded = {(r["type"], tuple(r["forces"])) for r in disruptive if r["type"] in (
        "aws:ec2/routeTable:RouteTable", "aws:ec2/networkAcl:NetworkAcl",
        "aws:ec2transitgateway/vpcAttachment:VpcAttachment")}
    assert {t for t, _ in cascaded} == {"aws:ec2/routeTable:RouteTable", "aws:ec2/networkAcl:NetworkAcl",
                                         "aws:ec2transitgateway/vpcAttachment:VpcAttachment"}
    assert all(forces == ("vpcId ← 131032-minato-seg-internet",) for _, forces in cascaded)
    # another layer's subnets are untouched
    assert not any("-seg-mynumber-" in r["name"] or "-seg-lgwan-" in r["name"] for r in disruptive)


def test_the_advertised_prefix_change_the_dc_must_mirror(scenario):
    ja, data = scenario
    internet = [p for p in data["prefixes"] if p["layer"] == "internet" and p["direction"] == "cloud_advertises"]
    assert internet == [{"layer": "internet", "direction": "cloud_advertises", "added": ["10.13.24.0/21"],
                         "removed": ["10.13.24.0/22"]}]
    assert "internet: クラウドがDCへ広報する +10.13.24.0/21 −10.13.24.0/22" in ja.stdout


def test_the_dropped_line_and_the_new_single_point_of_failure_and_the_tier(scenario):
    ja, data = scenario
    removed = data["resources"]["removed_lines"]
    assert removed and all("osaka-2" in r["name"] for r in removed)
    assert {r["type"] for r in removed} >= {"aws:directconnect/connection:Connection"}
    spof = data["resilience"]["new_spof"]
    assert [(s["kind"], s["what"]) for s in spof] == [("location_single", "EqOS1")]
    assert {(g["what"], g["was"], g["now"]) for g in data["resilience"]["downgrades"]} == {
        ("declared", "maximum", "high"), ("achieved", "maximum", "high")}
    assert "⚠ 新しい単一障害点" in ja.stdout and "⚠ 冗長化レベルの低下（宣言）：maximum → high" in ja.stdout
    assert "**⚠ 専用線・VPNの削除**" in ja.stdout


def test_every_new_flow_into_mynumber_is_flagged_even_when_one_exists(scenario):
    ja, data = scenario
    added = [f for f in data["flows"] if f["change"] == "added"]
    assert len(added) == 1 and added[0]["into_mynumber"] and not added[0]["new_layer_pair"]
    line = next(x for x in ja.stdout.splitlines() if "shinsei-to-zeimu" in x)
    assert "⚠ **マイナンバー利用事務系への新しい通信**" in line


def test_every_resource_change_is_counted(scenario):
    _, data = scenario
    counts, rows = data["resources"]["counts"], data["resources"]["rows"]
    assert sum(counts.values()) == len(rows)
    assert counts["delete"] >= 1 and counts["replace"] >= 2 and counts["create"] >= 1


def test_replacement_follows_the_provider_contract():
    """Only ForceNew inputs replace: a route's target is updated in place, its destination
    replaces it; a Google subnetwork grows in place and is replaced when it shrinks."""
    def one(typ, before, after):
        rows = plan_diff.changes({"u": {"type": typ, "name": "n", "inputs": before, "secrets": []}},
                                 {"u": {"type": typ, "name": "n", "inputs": after, "secrets": []}})
        return rows[0]["op"], rows[0]["forces"]
    assert one("aws:ec2/route:Route", {"transitGatewayId": "a"}, {"transitGatewayId": "b"}) == ("update", [])
    assert one("aws:ec2/route:Route", {"destinationCidrBlock": "10.0.0.0/24"},
               {"destinationCidrBlock": "10.0.1.0/24"}) == ("replace", ["destinationCidrBlock"])
    sub = "gcp:compute/subnetwork:Subnetwork"
    assert one(sub, {"ipCidrRange": "10.0.1.0/24"}, {"ipCidrRange": "10.0.0.0/16"}) == ("update", [])
    assert one(sub, {"ipCidrRange": "10.0.0.0/16"}, {"ipCidrRange": "10.0.1.0/24"}) == ("replace", ["ipCidrRange"])
    assert one("aws:ec2/subnet:Subnet", {"mapPublicIpOnLaunch": False}, {"mapPublicIpOnLaunch": True}) == ("update", [])
    assert one("aws:ec2transitgateway/route:Route", {"blackhole": True}, {"blackhole": False}) == ("replace", ["blackhole"])


def test_a_replacement_cascades_through_force_new_references_only():
    vpc = {"type": "aws:ec2/vpc:Vpc", "name": "vpc", "dependencies": {}}
    table = {"type": "aws:ec2/routeTable:RouteTable", "name": "rt", "inputs": {"vpcId": "vpc-1"},
             "dependencies": {"vpcId": ["vpc"]}, "secrets": []}
    sg_rule = {"type": "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "name": "rule",
               "inputs": {"cidrIpv4": "10.0.0.0/24"}, "dependencies": {"cidrIpv4": ["vpc"]}, "secrets": []}
    base = {"vpc": {**vpc, "inputs": {"cidrBlock": "10.0.0.0/22"}, "secrets": []}, "rt": table, "rule": sg_rule}
    head = {"vpc": {**vpc, "inputs": {"cidrBlock": "10.0.0.0/21"}, "secrets": []}, "rt": table, "rule": sg_rule}
    rows = {r["name"]: r for r in plan_diff.changes(base, head)}
    assert rows["vpc"]["op"] == "replace" and rows["rt"]["op"] == "replace"
    assert rows["rt"]["forces"] == ["vpcId ← vpc"]
    assert "rule" not in rows  # not a ForceNew input: nothing to replace


def test_secret_values_are_compared_but_never_shown():
    rows = plan_diff.changes({"u": {"type": "aws:ec2/vpnConnection:VpnConnection", "name": "vpn", "inputs":
                                    {"tunnel1PresharedKey": "old-secret-value"}, "secrets": ["tunnel1PresharedKey"]}},
                             {"u": {"type": "aws:ec2/vpnConnection:VpnConnection", "name": "vpn", "inputs":
                                    {"tunnel1PresharedKey": "new-secret-value"}, "secrets": ["tunnel1PresharedKey"]}})
    assert rows[0]["properties"] == ["tunnel1PresharedKey"]
    assert "secret-value" not in json.dumps(rows)
