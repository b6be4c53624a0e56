"""A closed layer's egress opened to the internet's addresses, on the loopback Compute server:
the components give every network a deny-all egress baseline, and an allow to 0.0.0.0/0 (or a
declared egress rule widened to it) undoes it in mynumber or lgwan (GOV-ISO-005 in the pack).
The 板橋区 state and helpers are test_drift.py's."""
from __future__ import annotations

from tests.clouds.gcp.test_drift import drift_of, findings, live, network, server  # noqa: F401 (fixtures)


def egress(live, name, layer, ranges):
    return {"name": name, "network": network(live, layer), "direction": "EGRESS", "priority": 100,
            "destinationRanges": ranges, "allowed": [{"IPProtocol": "tcp", "ports": ["443"]}]}


def test_an_egress_allow_to_the_internet_in_a_closed_layer_is_critical(live):
    live.state["firewalls"].append(egress(live, "gc131199-lgwan-updates", "lgwan", ["0.0.0.0/1", "128.0.0.0/1"]))
    assert findings(drift_of(live)) == {("unmanaged", "critical", "firewall")}


def test_in_the_internet_layer_or_to_googles_api_addresses_it_is_not_critical(live):
    live.state["firewalls"] += [egress(live, "gc131199-internet-updates", "internet", ["0.0.0.0/0"]),
                                egress(live, "gc131199-mynumber-apis", "mynumber", ["199.36.153.8/30"])]
    severities = {f.key[0]: f.severity for f in drift_of(live).findings}
    assert severities == {"gc131199-internet-updates": "high", "gc131199-mynumber-apis": "high"}


def test_a_declared_egress_rule_widened_to_the_internet_is_changed_critical(live):
    rule = next(f for f in live.state["firewalls"] if f["name"].startswith("gc131199-mynumber-")
                and f.get("direction") == "EGRESS" and f.get("allowed") and "onprem" in f["name"])
    rule["destinationRanges"] = ["0.0.0.0/0"]
    report = drift_of(live)
    assert findings(report) == {("changed", "critical", "firewall")}
    assert report.findings[0].details["field"] == "destinations"


def test_google_health_checks_into_a_closed_layer_are_not_the_internet(live):
    """An internal load balancer's health checks (35.191.0.0/16, 130.211.0.0/22) let into mynumber:
    not declared, so reported, but high, as GOV-ISO-003 passes them; a vendor's office address
    beside them is critical."""
    probes = {"name": "gc131199-mynumber-health", "network": network(live, "mynumber"), "direction": "INGRESS",
              "priority": 100, "sourceRanges": ["35.191.0.0/16", "130.211.0.0/22"],
              "allowed": [{"IPProtocol": "tcp", "ports": ["443"]}]}
    office = dict(probes, name="gc131199-mynumber-office", sourceRanges=["153.127.10.20/32"])
    live.state["firewalls"] += [probes, office]
    severities = {f.key[0]: f.severity for f in drift_of(live).findings}
    assert severities == {"gc131199-mynumber-health": "high", "gc131199-mynumber-office": "critical"}
