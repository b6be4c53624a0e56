"""Cloud DNS in drift (issue 18): each layer network resolves *.googleapis.com to
restricted.googleapis.com (VPC Service Controls) through a private zone, and the data
center's queries come in through a DNS policy. Tamperings that change where a layer's names
lead, on the loopback server."""
from __future__ import annotations

from tests.clouds.gcp.test_drift import drift_of, live, server  # noqa: F401  (fixtures)

PRIVATE_VIP = ["199.36.153.8", "199.36.153.9", "199.36.153.10", "199.36.153.11"]  # private.googleapis.com


def by_kind(report, kind):
    return {(f.key, f.category): f for f in report.findings if f.kind == kind}


def test_a_layer_sent_past_the_service_perimeter_is_critical(live):
    """mynumber's restricted.googleapis.com re-pointed at private.googleapis.com (outside VPC
    Service Controls), and lgwan's zone made visible to the internet layer's network too."""
    records = live.state["dnsRecords"]["gc131199-mynumber-googleapis"]
    next(r for r in records if r["type"] == "A")["rrdatas"] = PRIVATE_VIP
    zone = next(z for z in live.state["dnsZones"] if z["name"] == "gc131199-lgwan-googleapis")
    zone["privateVisibilityConfig"]["networks"].append({"networkUrl": live.link("global", "networks",
                                                                                "gc131199-internet")})
    report = drift_of(live)
    record = by_kind(report, "g_dns_record")[(("gc131199-mynumber-googleapis", "restricted.googleapis.com.", "A"),
                                              "changed")]
    assert (record.severity, record.details["field"], record.details["actual"]) == ("critical", "rrdatas",
                                                                                      sorted(PRIVATE_VIP))
    visible = by_kind(report, "g_dns_zone")[(("gc131199-lgwan-googleapis",), "changed")]
    assert visible.severity == "critical" and "gc131199-internet" in visible.details["actual"]
    assert report.drifted


def test_forwarding_elsewhere_is_critical_and_a_quiet_policy_is_found(live):
    """A forwarding zone nobody declared on mynumber's network sends a domain's queries to
    another resolver; alternative name servers on lgwan's policy send every query there;
    the internet layer's policy with its logging off."""
    live.state["dnsZones"].append({
        "name": "vendor-forward", "dnsName": "vendor.example.", "visibility": "private", "id": "99",
        "privateVisibilityConfig": {"networks": [{"networkUrl": live.link("global", "networks", "gc131199-mynumber")}]},
        "forwardingConfig": {"targetNameServers": [{"ipv4Address": "8.8.8.8"}]}})
    live.state["dnsRecords"]["vendor-forward"] = []
    policies = {p["name"]: p for p in live.state["dnsPolicies"]}
    policies["gc131199-lgwan-inbound"]["alternativeNameServerConfig"] = {
        "targetNameServers": [{"ipv4Address": "172.16.99.53"}]}
    policies["gc131199-internet-inbound"]["enableLogging"] = False
    report = drift_of(live)
    assert by_kind(report, "g_dns_zone")[(("vendor-forward",), "unmanaged")].severity == "critical"
    policy = by_kind(report, "g_dns_policy")
    alternative = policy[(("gc131199-lgwan-inbound",), "changed")]
    assert (alternative.severity, alternative.details["field"]) == ("critical", "alternative")
    quiet = policy[(("gc131199-internet-inbound",), "changed")]
    assert (quiet.severity, quiet.details["field"]) == ("high", "logging")


def test_a_zone_deleted_is_missing_with_its_records(live):
    live.state["dnsZones"][:] = [z for z in live.state["dnsZones"] if z["name"] != "gc131199-mynumber-googleapis"]
    report = drift_of(live)
    assert by_kind(report, "g_dns_zone")[(("gc131199-mynumber-googleapis",), "missing")].severity == "high"
    assert {f.key[2] for f in report.findings if f.kind == "g_dns_record" and f.category == "missing"} == {"A", "CNAME"}
