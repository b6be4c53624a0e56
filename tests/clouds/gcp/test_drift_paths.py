"""Drift on Google Cloud: what opens a path into a layer without a VPC firewall rule or a
route of the tenancy's name. A line or tunnel found by the router it lands on, whatever it
is called; external IPv6; network firewall policies associated with a layer network; packet
mirroring of a layer's traffic. Served by the loopback Compute server with the bodies of
the API references (NetworkInterface.ipv6AccessConfigs, Subnetwork.ipv6AccessType,
FirewallPolicy.associations[].attachmentTarget and rules[].match, PacketMirroring)."""
from __future__ import annotations

import pytest

from tests.clouds.gcp.test_drift import drift_of, findings, live, network, server  # noqa: F401 (fixtures)

REGION = "asia-northeast1"


def router_link(server, name):
    return server.link("regions", REGION, "routers", name)


def test_a_line_attachment_named_anything_on_a_layer_router_is_a_critical_path(live):
    """Scope is the router the VLAN lands on, not the name: an attachment called
    `vendor-maint` on mynumber's partner router carries routes into the layer."""
    live.state["interconnectAttachments"][REGION].append({
        "name": "vendor-maint", "region": live.link("regions", REGION), "type": "PARTNER",
        "router": router_link(live, "gc131199-mynumber-asia-northeast1-partner-1")})
    report = drift_of(live)
    assert findings(report) == {("unmanaged", "critical", "attachment")}
    assert report.findings[0].layer == "mynumber"


def test_a_declared_attachment_moved_to_another_layers_router_is_critical(live):
    attachment = next(a for a in live.state["interconnectAttachments"][REGION] if a["name"] == "gc131199-lgwan-tokyo-a")
    attachment["router"] = router_link(live, "gc131199-mynumber-asia-northeast1-partner-1")
    report = drift_of(live)
    assert findings(report) == {("changed", "critical", "attachment")}
    assert report.findings[0].details["actual"] == "gc131199-mynumber-asia-northeast1-partner-1"


def test_a_declared_attachment_switched_off_is_high(live):
    """Session 25's red team: adminEnabled false, the VLAN carries no packets: the line's
    redundancy lost (no new path), as a BGP session switched off is."""
    attachment = next(a for a in live.state["interconnectAttachments"][REGION] if a["name"] == "gc131199-lgwan-tokyo-a")
    attachment["adminEnabled"] = False
    report = drift_of(live)
    assert findings(report) == {("changed", "high", "attachment")}
    assert (report.findings[0].details["field"], report.findings[0].details["actual"]) == ("enabled", False)


def test_a_tunnel_named_anything_on_a_layer_router_is_read_in_that_layer(live):
    live.state["vpnTunnels"][REGION].append({
        "name": "backup-tunnel", "region": live.link("regions", REGION),
        "router": router_link(live, "gc131199-lgwan-asia-northeast1-vpn"),
        "vpnGateway": live.link("regions", REGION, "vpnGateways", "elsewhere"),
        "peerExternalGateway": live.link("global", "externalVpnGateways", "vendor-office"), "ikeVersion": 2})
    report = drift_of(live)
    assert findings(report) == {("unmanaged", "critical", "g_vpn_tunnel")}
    assert report.findings[0].layer == "lgwan"


def test_an_external_ipv6_range_on_an_instance_is_an_external_address(live):
    live.state["instances"]["asia-northeast1-a"] = [{"name": "kikan-app-1", "networkInterfaces": [{
        "network": network(live, "mynumber"), "stackType": "IPV4_IPV6", "ipv6AccessType": "EXTERNAL",
        "ipv6AccessConfigs": [{"type": "DIRECT_IPV6", "externalIpv6": "2600:1900:4120:1::",
                               "externalIpv6PrefixLength": 96, "networkTier": "PREMIUM"}]}]}]
    report = drift_of(live)
    assert findings(report) == {("unmanaged", "critical", "g_public_ip")}
    assert report.findings[0].actual["addresses"] == ["2600:1900:4120:1::"]


@pytest.mark.parametrize("layer, severity", [("mynumber", "critical"), ("internet", "high")])
def test_a_subnet_turned_to_external_ipv6_is_found(live, layer, severity):
    subnet = next(s for s in live.state["subnetworks"][REGION] if s["name"] == f"gc131199-{layer}-{REGION}")
    subnet.update(stackType="IPV4_IPV6", ipv6AccessType="EXTERNAL", externalIpv6Prefix="2600:1900:4120:1::/64")
    report = drift_of(live)
    assert findings(report) == {("changed", severity, "g_subnet")}
    assert report.findings[0].details["field"] == "external_ipv6"


def test_flow_logs_left_on_but_keeping_nothing_are_found(live):
    """Session 20's red team: flow logs still `enable`d but sampling 0.0 ("0.0 means no logs are
    reported"), filtered to nothing, or stripped of their metadata; each high, and a filter of
    `true` is the same as none."""
    subnets = {s["name"]: s for s in live.state["subnetworks"][REGION]}
    subnets[f"gc131199-mynumber-{REGION}"]["logConfig"]["flowSampling"] = 0.0
    subnets[f"gc131199-lgwan-{REGION}"]["logConfig"]["filterExpr"] = "false"
    subnets[f"gc131199-internet-{REGION}"]["logConfig"].update(metadata="EXCLUDE_ALL_METADATA", filterExpr="true")
    subnets[f"gc131199-mynumber-kikan-{REGION}"]["logConfig"] = {"enable": False}
    report = drift_of(live)
    off = {f.details["field"]: f.severity for f in report.findings if f.key[0] == f"gc131199-mynumber-kikan-{REGION}"}
    assert off == {"flow_logs": "high"}  # switched off: its sampling and metadata are not findings of their own
    assert {(f.key[0], f.details["field"], f.severity, f.details["actual"]) for f in report.findings
            if f.key[0] != f"gc131199-mynumber-kikan-{REGION}"} == {
        (f"gc131199-mynumber-{REGION}", "flow_sampling", "high", 0.0),
        (f"gc131199-lgwan-{REGION}", "flow_filter", "high", "false"),
        (f"gc131199-internet-{REGION}", "flow_metadata", "high", "EXCLUDE_ALL_METADATA")}


def _policy(live, name, layer, rules, scope="global"):
    """A network firewall policy as networkFirewallPolicies.aggregatedList lists it, with
    Google's default goto_next rules, associated with a layer's network."""
    defaults = [{"priority": 2147483644 + i, "direction": d, "action": "goto_next",
                 "match": {"srcIpRanges" if d == "INGRESS" else "destIpRanges": [r],
                           "layer4Configs": [{"ipProtocol": "all"}]}}
                for i, (d, r) in enumerate([("EGRESS", "::/0"), ("INGRESS", "::/0"),
                                            ("EGRESS", "0.0.0.0/0"), ("INGRESS", "0.0.0.0/0")])]
    entry = {"name": name, "kind": "compute#firewallPolicy", "rules": rules + defaults,
             "selfLink": live.link(scope if scope == "global" else f"regions/{scope}", "firewallPolicies", name),
             "associations": [{"name": f"{name}-assoc", "attachmentTarget": network(live, layer)}] if layer else []}
    if scope != "global":
        entry["region"] = live.link("regions", scope)
    live.state["firewallPolicies"].setdefault(scope, []).append(entry)


def _allow(sources, priority=1000, disabled=False):
    return {"priority": priority, "direction": "INGRESS", "action": "allow", "disabled": disabled,
            "match": {"srcIpRanges": sources, "layer4Configs": [{"ipProtocol": "tcp", "ports": ["443"]}]}}


@pytest.mark.parametrize("layer, rules, scope, severity", [
    # another layer's block let into a closed layer, ahead of or besides its firewall rules
    ("lgwan", [_allow(["10.13.56.0/25"])], "global", "critical"),
    ("mynumber", [_allow(["10.13.52.0/27"])], REGION, "critical"),
    ("internet", [_allow(["0.0.0.0/1", "128.0.0.0/1"])], "global", "critical"),
    ("internet", [_allow(["10.13.52.0/27"])], "global", "high"),
    ("mynumber", [{**_allow(["0.0.0.0/0"]), "action": "deny"}], "global", "medium"),
    ("mynumber", [_allow(["0.0.0.0/0"], disabled=True)], "global", "medium"),
], ids=["lgwan-allow-internet-block", "mynumber-regional-policy", "internet-open-halves", "internet-private-allow",
        "deny-only", "allow-disabled"])
def test_a_network_firewall_policy_on_a_layer_network_is_found_by_its_association(live, layer, rules, scope,
                                                                                    severity):
    _policy(live, "vendor-policy", layer, rules, scope)
    report = drift_of(live)
    assert findings(report) == {("unmanaged", severity, "g_fw_policy")}
    assert report.findings[0].key == ("vendor-policy", f"gc131199-{layer}")
    assert len(report.findings[0].actual["rules"]) == len(rules)  # Google's default rules left out


def test_a_firewall_policy_on_no_layer_network_is_not_the_tenancys(live):
    _policy(live, "unattached", None, [_allow(["0.0.0.0/0"])])
    live.state["firewallPolicies"]["global"][0]["associations"] = [
        {"name": "other", "attachmentTarget": live.link("global", "networks", "sandbox")}]
    assert drift_of(live).findings == []


def test_packet_mirroring_of_a_closed_layer_is_critical(live):
    live.state["packetMirrorings"][REGION] = [{
        "name": "debug-capture", "region": live.link("regions", REGION), "enable": "TRUE", "priority": 1000,
        "network": {"url": network(live, "mynumber")},
        "collectorIlb": {"url": live.link("regions", REGION, "forwardingRules", "vendor-collector")},
        "mirroredResources": {"subnetworks": [{"url": live.link("regions", REGION, "subnetworks",
                                                                "gc131199-mynumber-kikan-asia-northeast1")}]}}]
    report = drift_of(live)
    assert findings(report) == {("unmanaged", "critical", "g_mirroring")}
    assert report.findings[0].actual["subnets"] == ["gc131199-mynumber-kikan-asia-northeast1"]
    assert report.findings[0].actual["collector"] == "vendor-collector"


def _permission(label: str) -> str:
    """The IAM permission a read needs, from the scanner's call label (Compute: the
    collection's `list` for list and aggregatedList alike)."""
    service, _, rest = label.partition(".")
    if label == "projects.getXpnResources":
        return "compute.projects.get"
    if service in ("dns", "logging", "resourcemanager", "networkconnectivity", "vpcaccess", "orgpolicy", "container",
                   "run", "alloydb"):
        return label
    if service in ("kms", "sql"):
        return f"cloud{service}.{rest}"
    return f"compute.{service}.{'list' if rest in ('list', 'aggregatedList') else rest}"


def test_the_custom_role_lists_a_permission_for_every_read_the_scanner_makes(live):
    """drift/iam/gcp-roles.md's custom role and the calls agree: a read added without its
    permission fails here (the call labels are what the scanner counts)."""
    from clouds.gcp.drift import GcpScanner
    from clouds.gcp.drift_rest import project_numbers
    from google.auth.credentials import AnonymousCredentials
    from tests.clouds.gcp.test_drift import ITABASHI, PROJECT
    from tests.conftest import ROOT
    scanner = GcpScanner(PROJECT, "gc131199-", live.url, AnonymousCredentials(),
                         (*ITABASHI.spec.regions, "global"), ITABASHI.spec.municipality.code,
                         ITABASHI.spec.system_accounts())
    scanner.scan()
    project_numbers(scanner.rest, ITABASHI.spec.system_accounts())
    role = (ROOT / "drift" / "iam" / "gcp-roles.md").read_text(encoding="utf-8").split("```")[1].split()
    assert "networkFirewallPolicies.aggregatedList" in scanner.calls
    assert {_permission(label) for label in scanner.calls} <= set(role), \
        sorted({_permission(label) for label in scanner.calls} - set(role))


def test_a_vm_with_interfaces_in_two_layers_networks_is_a_critical_bridge(live):
    live.state["instances"]["asia-northeast1-a"] = [{"name": "gateway-vm", "canIpForward": True,
                                                     "networkInterfaces": [{"network": network(live, "mynumber")},
                                                                           {"network": network(live, "lgwan")}]}]
    report = drift_of(live)
    assert findings(report) == {("unmanaged", "critical", "g_bridge")}
    assert report.findings[0].layers == ["lgwan", "mynumber"] and report.findings[0].layer == "mynumber"


def test_a_vm_with_an_interface_in_a_network_outside_the_tenancy_is_a_critical_bridge(live):
    """Session 21's red team: a mynumber VM given a second interface in a vendor's maintenance
    network (another project's) routes between the layer and that network."""
    vendor = "https://www.googleapis.com/compute/v1/projects/vendor-ops/global/networks/maintenance"
    live.state["instances"]["asia-northeast1-a"] = [{"name": "jump-vm", "canIpForward": True, "networkInterfaces": [
        {"network": network(live, "mynumber")}, {"network": vendor}]}]
    report = drift_of(live)
    assert findings(report) == {("unmanaged", "critical", "g_bridge")}
    assert report.findings[0].layers == ["mynumber", "outside the tenancy"]
    assert report.findings[0].actual["networks"] == ["gc131199-mynumber", "maintenance"]


@pytest.mark.parametrize("layer, rule, severity", [
    # a Private Service Connect endpoint to every Google API: past the VPC-SC perimeter
    ("internet", {"target": "all-apis", "IPAddress": "10.13.59.250"}, "critical"),
    ("mynumber", {"target": "vpc-sc", "IPAddress": "10.13.51.250"}, "critical"),
    ("lgwan", {"target": "https://www.googleapis.com/compute/v1/projects/vendor/regions/asia-northeast1/"
                         "serviceAttachments/vendor-api", "IPAddress": "10.13.55.250"}, "critical"),
    ("internet", {"target": "vpc-sc", "IPAddress": "10.13.59.251"}, "high"),
    ("internet", {"loadBalancingScheme": "INTERNAL", "backendService": "x/backendServices/web",
                  "IPAddress": "10.13.56.10"}, "medium"),
], ids=["all-apis", "closed-layer-psc", "psc-to-a-vendor", "internet-vpc-sc", "internal-lb"])
def test_a_forwarding_rule_on_a_layer_network_is_found(live, layer, rule, severity):
    entry = {"name": "vendor-endpoint", "network": network(live, layer), **rule}
    if rule.get("target") in ("all-apis", "vpc-sc"):
        live.state["globalForwardingRules"].append(dict(entry, selfLink=live.link("global", "forwardingRules",
                                                                                  "vendor-endpoint")))
    else:
        live.state["forwardingRules"][REGION] = [dict(entry, region=live.link("regions", REGION),
                                                      selfLink=live.link("regions", REGION, "forwardingRules",
                                                                         "vendor-endpoint"))]
    report = drift_of(live)
    assert findings(report) == {("unmanaged", severity, "g_forwarding_rule")}
    assert report.findings[0].layer == layer


def test_an_internet_facing_load_balancer_in_the_project_is_found_without_a_network(live):
    """An external passthrough load balancer's rule names no network: it is the tenancy's
    by being in its project."""
    live.state["forwardingRules"][REGION] = [{
        "name": "gc131199-internet-web-lb", "loadBalancingScheme": "EXTERNAL", "IPAddress": "34.84.1.2",
        "backendService": live.link("regions", REGION, "backendServices", "web"),
        "selfLink": live.link("regions", REGION, "forwardingRules", "gc131199-internet-web-lb")}]
    report = drift_of(live)
    assert findings(report) == {("unmanaged", "high", "g_forwarding_rule")}
    assert report.findings[0].layer == "internet"


@pytest.mark.parametrize("layer, preference, severity", [
    ("mynumber", "ACCEPT_MANUAL", "critical"), ("internet", "ACCEPT_AUTOMATIC", "critical"),
    ("internet", "ACCEPT_MANUAL", "high")])
def test_a_service_attachment_publishing_a_layer_load_balancer_is_a_path_in(live, layer, preference, severity):
    rule = live.link("regions", REGION, "forwardingRules", f"ilb-{layer}")
    live.state["forwardingRules"][REGION] = [{
        "name": f"ilb-{layer}", "loadBalancingScheme": "INTERNAL", "network": network(live, layer),
        "region": live.link("regions", REGION), "IPAddress": "10.13.56.20", "selfLink": rule,
        "backendService": live.link("regions", REGION, "backendServices", "app")}]
    live.state["serviceAttachments"][REGION] = [{
        "name": "publish-app", "region": live.link("regions", REGION), "targetService": rule,
        "connectionPreference": preference,
        "consumerAcceptLists": [{"projectIdOrNum": "vendor-project", "connectionLimit": 10}],
        "natSubnets": [live.link("regions", REGION, "subnetworks", "psc-nat")],
        "selfLink": live.link("regions", REGION, "serviceAttachments", "publish-app")}]
    report = drift_of(live)
    assert ("unmanaged", severity, "g_service_attachment") in findings(report)
    attachment = next(f for f in report.findings if f.kind == "g_service_attachment")
    assert attachment.layer == layer and attachment.actual["accepts"] == ["vendor-project"]


@pytest.mark.parametrize("layer, severity", [("mynumber", "critical"), ("internet", "high")])
def test_a_dns_response_policy_on_a_layer_network_is_found(live, layer, severity):
    """A response policy answers the network's queries for the names its rules select:
    `*.googleapis.com` answered with private.googleapis.com's address leaves the VPC-SC
    perimeter without touching the tenancy's zone."""
    live.state["dnsResponsePolicies"].append({"responsePolicyName": "vendor-override", "id": "77",
                                              "networks": [{"networkUrl": network(live, layer)}]})
    live.state["dnsResponseRules"]["vendor-override"] = [
        {"ruleName": "apis", "dnsName": "*.googleapis.com.",
         "localData": {"localDatas": [{"name": "*.googleapis.com.", "type": "A", "ttl": 300,
                                       "rrdatas": ["199.36.153.8"]}]}}]
    report = drift_of(live)
    assert findings(report) == {("unmanaged", severity, "g_dns_response_policy")}
    finding = report.findings[0]
    assert finding.layer == layer and finding.actual["rules"] == [["*.googleapis.com.", None, ["A 199.36.153.8"]]]


def test_a_response_policy_on_no_layer_network_is_not_read_further(live):
    live.state["dnsResponsePolicies"].append({"responsePolicyName": "sandbox", "id": "78", "networks": [
        {"networkUrl": live.link("global", "networks", "sandbox")}]})
    report = drift_of(live)
    assert report.findings == []
    assert not any("responsePolicies/sandbox/rules" in path for _, path in live.requests)


def test_a_service_projects_vm_with_an_external_ip_on_a_layer_subnet_is_found(live):
    """With Shared VPC the systems' VMs live in their own projects, on the host's subnets:
    the host's instance list never shows them. Each declared service project is read too."""
    live.state["serviceProjects"]["itabashi-kikan-a"] = {"instances": {"asia-northeast1-a": [{
        "name": "kikan-db-1", "networkInterfaces": [{
            "network": network(live, "mynumber"),
            "subnetwork": live.link("regions", REGION, "subnetworks", "gc131199-mynumber-kikan-asia-northeast1"),
            "accessConfigs": [{"type": "ONE_TO_ONE_NAT", "natIP": "35.200.9.9"}]}]}]}}
    live.state["serviceProjects"]["itabashi-web-d"] = {"forwardingRules": {REGION: [{
        "name": "psc-all", "network": network(live, "internet"), "target": "all-apis", "IPAddress": "10.13.56.99",
        "selfLink": "https://www.googleapis.com/compute/v1/projects/itabashi-web-d/regions/asia-northeast1/"
                    "forwardingRules/psc-all"}]}}
    report = drift_of(live)
    assert {(f.category, f.severity, f.kind, f.key) for f in report.findings} == {
        ("unmanaged", "critical", "g_public_ip", ("itabashi-kikan-a/kikan-db-1",)),
        ("unmanaged", "critical", "g_forwarding_rule", ("itabashi-web-d/psc-all",))}


@pytest.mark.parametrize("change, field, severity", [
    ({"advertisedGroups": ["ALL_PEER_VPC_SUBNETS"]}, "groups", "critical"),
    ({"advertiseMode": "DEFAULT"}, "mode", "high"),
])
def test_what_a_layer_router_advertises_besides_its_ranges_is_compared(live, change, field, severity):
    router = next(r for r in live.state["routers"][REGION] if r["name"] == "gc131199-mynumber-asia-northeast1-vpn")
    router["bgp"].update(change)
    report = drift_of(live)
    assert findings(report) == {("changed", severity, "router")}
    assert report.findings[0].details["field"] == field


def test_a_secondary_range_added_to_a_layer_subnet_is_found(live):
    subnet = next(s for s in live.state["subnetworks"][REGION] if s["name"] == "gc131199-mynumber-kikan-asia-northeast1")
    subnet["secondaryIpRanges"] = [{"rangeName": "vendor", "ipCidrRange": "10.13.52.0/27"}]
    report = drift_of(live)
    assert findings(report) == {("changed", "high", "g_subnet")}
    assert report.findings[0].actual == ["vendor 10.13.52.0/27"]


def test_a_route_toward_another_layer_through_a_vm_is_critical(live):
    """Session 21's red team: a route on mynumber's network to lgwan's block (or its data-center
    prefix) through a VM that forwards is a path between the layers, whatever its next hop:
    critical, with the layer it reaches (drift.run.mark_crossings); a range no layer uses, high."""
    vm = live.link("zones", "asia-northeast1-a", "instances", "vendor-router")
    for name, destination in (("to-lgwan", "10.13.52.0/24"), ("to-lgwan-dc", "172.29.1.0/24"),
                              ("to-elsewhere", "192.168.50.0/24")):
        live.state["routes"].append({"name": name, "network": network(live, "mynumber"), "destRange": destination,
                                     "nextHopInstance": vm, "priority": 900})
    report = drift_of(live)
    routes = {f.key[0]: f for f in report.findings if f.kind == "g_route"}
    assert {n: (f.category, f.severity) for n, f in routes.items()} == {
        "to-lgwan": ("unmanaged", "critical"), "to-lgwan-dc": ("unmanaged", "critical"),
        "to-elsewhere": ("unmanaged", "high")}
    assert routes["to-lgwan"].details["crosses"] == ["lgwan"] and routes["to-lgwan"].layer == "mynumber"
