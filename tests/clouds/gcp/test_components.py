"""Mock-runtime tests on 板橋区 (and a 99.99% variant), each with a broken variant."""
from __future__ import annotations

import copy

import pytest

from components.plan import Inventory, record
from network.declaration import load, loads
from tests.clouds.gcp import checks
from tests.conftest import inventory_of
from tests.conftest import SAMPLES, run_govcloud, variant

ITABASHI = load(SAMPLES["itabashi"])
# 99.99%: two metros, both edge domains in each, and the Osaka region
FOUR_NINES_TEXT = variant("itabashi", ('redundancy: "99.9"', 'redundancy: "99.99"'), (
    "carrier: KDDI}\n",
    "carrier: KDDI}\n"
    "        - {name: osaka-a, location: kix-1791, type: dedicated, interconnect: itabashi-ic-osaka-a, bandwidth: 10Gbps, vlan: 501, edgeAvailabilityDomain: 1}\n"
    "        - {name: osaka-b, location: kix-1791, type: dedicated, interconnect: itabashi-ic-osaka-b, bandwidth: 10Gbps, vlan: 511, edgeAvailabilityDomain: 2}\n"))
FOUR_NINES = loads(FOUR_NINES_TEXT, "t.yaml", "131199-itabashi")
_FOUR = {}


def four_nines_inventory():
    if "inv" not in _FOUR:
        _FOUR["inv"] = record(FOUR_NINES)
    return _FOUR["inv"]


@pytest.mark.parametrize("check", checks.CHECKS, ids=[c.__name__ for c in checks.CHECKS])
def test_itabashi_holds(check):
    assert check(ITABASHI, inventory_of("itabashi")) == []


@pytest.mark.parametrize("check", checks.CHECKS, ids=[c.__name__ for c in checks.CHECKS])
def test_four_nines_variant_holds(check):
    assert check(FOUR_NINES, four_nines_inventory()) == []


def broken(change) -> Inventory:
    original = inventory_of("itabashi")
    copied = Inventory(original.stack, original.cloud, copy.deepcopy(original.resources))
    change(copied)
    return copied


def of(inv, kind, **where):
    return [r for r in inv.of_type(checks.T[kind]) if all(r[k] == v for k, v in where.items())]


def add_nat(inv):
    router = of(inv, "router", layer="mynumber")[0]
    inv.resources.append({**copy.deepcopy(router), "type": checks.T["nat"], "name": "rogue-nat", "urn": "urn:x:nat"})


def drop_deny_baseline(inv):
    inv.resources.remove(next(r for r in of(inv, "firewall", layer="lgwan") if r["name"].endswith("deny-all-ingress")))


def open_to_lgwan_block(inv):
    rule = next(r for r in of(inv, "firewall", layer="mynumber") if r["name"].endswith("allow-intra-ingress"))
    rule["inputs"]["sourceRanges"].append("10.13.52.0/22")


def drop_an_attachment(inv):
    inv.resources.remove(of(inv, "attachment", layer="lgwan")[0])


def plain_tunnel_secret(inv):
    of(inv, "tunnel")[0]["secretInputs"].remove("sharedSecret")


def slow_rotation(inv):
    of(inv, "key")[0]["inputs"]["rotationPeriod"] = f"{365 * 24 * 3600}s"


def drop_location_policy(inv):
    inv.resources.remove(of(inv, "orgpolicy")[0])


def unlabel(inv):
    of(inv, "attachment")[0]["inputs"]["labels"].pop("layer")


BREAKAGES = [
    (checks.no_external_ip_or_nat_in_closed_layers, add_nat),
    (checks.deny_all_baseline_and_no_open_source, drop_deny_baseline),
    (checks.reachability_is_the_declared_flows, open_to_lgwan_block),
    (checks.attachments_meet_the_tier, drop_an_attachment),
    (checks.vpn_and_bgp_secrets_are_secret, plain_tunnel_secret),
    (checks.cmek_domestic_and_rotating, slow_rotation),
    (checks.location_policy_present, drop_location_policy),
    (checks.labels_present, unlabel),
]


@pytest.mark.parametrize("check, breakage", BREAKAGES, ids=[c.__name__ for c, _ in BREAKAGES])
def test_each_check_catches_its_broken_variant(check, breakage):
    assert check(ITABASHI, broken(breakage)), f"{check.__name__} missed {breakage.__name__}"


def test_partner_attachments_output_pairing_keys_and_dedicated_use_per_layer_vlans():
    inventory = four_nines_inventory()
    partner = [r for r in inventory.of_type(checks.T["attachment"]) if r["inputs"]["type"] == "PARTNER"]
    dedicated = [r for r in inventory.of_type(checks.T["attachment"]) if r["inputs"]["type"] == "DEDICATED"]
    assert len(partner) == 6 and len(dedicated) == 6
    assert sorted(r["inputs"]["vlanTag8021q"] for r in dedicated if "osaka-a" in r["name"]) == [501, 502, 503]
    assert all(r["inputs"]["region"] == "asia-northeast2" for r in dedicated)
    assert all(r["inputs"]["interconnect"].endswith("/global/interconnects/itabashi-ic-osaka-a")
               for r in dedicated if "osaka-a" in r["name"])
    top = inventory.of_type("govcloud:gcp:Interconnect")
    assert top  # pairing keys are registered outputs of the component (see components/gcp/interconnect.py)


def test_internet_layer_only_gets_nat_when_declared():
    text = SAMPLES["itabashi"].read_text(encoding="utf-8").replace("egress: datacenter", "egress: internet-gateway")
    inventory = record(loads(text, "t.yaml", "131199-itabashi"))
    assert {r["layer"] for r in inventory.of_type(checks.T["nat"])} == {"internet"}
    assert checks.no_external_ip_or_nat_in_closed_layers(ITABASHI, inventory) == []
    assert not inventory_of("itabashi").of_type(checks.T["nat"])


def test_gcp_plan_through_the_console_script():
    result = run_govcloud("plan", "131199-itabashi")
    assert result.returncode == 0, result.stderr
    assert "Interconnect 131199-itabashi-ic" in result.stdout
    assert "LocationPolicy 131199-itabashi-locations" in result.stdout
