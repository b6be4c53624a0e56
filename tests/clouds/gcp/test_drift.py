"""Drift on Google Cloud: google-cloud-compute's REST transport pointed at a loopback
server serving Compute API JSON (client options' api_endpoint). The same scenarios as
on AWS."""
from __future__ import annotations

import os
import subprocess

import pytest
from google.auth.credentials import AnonymousCredentials

from components.plan import record
from drift.readonly import ReadOnlyViolation
from drift.run import detect
from network.declaration import load
from tests.conftest import GOVCLOUD, ROOT, SAMPLES
from tests.clouds.gcp.compute_server import ComputeServer, materialize

ITABASHI = load(SAMPLES["itabashi"])
INVENTORY = record(ITABASHI).as_dict()
PROJECT = "itabashi-gov-network"


@pytest.fixture(scope="module")
def server():
    s = ComputeServer(PROJECT)
    yield s
    s.stop()


@pytest.fixture
def live(server):
    for key, value in server.state.items():
        value.clear()
    server.requests.clear()
    materialize(server, INVENTORY)
    return server


def drift_of(server):
    return detect(ITABASHI, INVENTORY, options={"endpoint": server.url, "credentials": AnonymousCredentials()})


def findings(report):
    return {(f.category, f.severity, f.kind) for f in report.findings}


def network(server, layer):
    return server.link("global", "networks", f"gc131199-{layer}")


def test_untouched_declared_state_has_no_drift(live):
    report = drift_of(live)
    assert report.findings == [], [f.message for f in report.findings]
    routers = sum(len(v) for v in live.state["routers"].values())
    rings = sum(len(v) for v in live.state["keyRings"].values())
    locations = len(set(ITABASHI.spec.regions) | {"global"})
    # one list per kind for the whole project, each router's route policies (no aggregated
    # read), the key rings of each declared region and of global, each ring's keys, and the
    # log buckets of every location in one call, each subnet's IAM policy, and the number of
    # each service project (its service agent is read in the plan's terms), and the host's
    # attached service projects (projects.getXpnResources) and its own IAM policy, and Cloud
    # DNS: the zones and the policies, and each zone's records; the network firewall policies
    # and packet mirrorings in one aggregated list each; the forwarding rules (regional and
    # global) and the service attachments; the DNS response policies; and each service
    # project's VMs, forwarding rules and service attachments (on the host's subnets); and
    # each layer network's effective firewalls (the hierarchical policies above the project);
    # the Network Connectivity Center spokes of each location the key rings are read in; and
    # the Serverless VPC Access connectors of the host and each service project, per region;
    # each key's IAM policy; and the policy-based routes (one list); and the project's
    # organization policies (one list); the Cloud SQL and AlloyDB instances and GKE clusters of each project;
    # its Cloud Run services per declared region; its backend services
    subnets = sum(len(v) for v in live.state["subnetworks"].values())
    projects = len(ITABASHI.spec.system_accounts())
    zones = len(live.state["dnsZones"])
    layers = len(live.state["networks"])
    keys = sum(len(v) for v in live.state["cryptoKeys"].values())
    assert rings and zones and layers == 3
    assert report.calls == 14 + 3 * projects + routers + locations + rings + 2 + subnets + projects + 2 + 2 + zones + layers + locations + \
        (len(ITABASHI.spec.regions) * 2 + 4) * (1 + projects) + keys + 1 + 1


def test_external_ip_in_mynumber_is_critical(live):
    live.state["instances"]["asia-northeast1-a"] = [{"name": "kikan-app-1", "networkInterfaces": [{
        "network": network(live, "mynumber"), "accessConfigs": [{"natIP": "35.200.1.2", "type": "ONE_TO_ONE_NAT"}]}]}]
    report = drift_of(live)
    assert findings(report) == {("unmanaged", "critical", "g_public_ip")}
    assert report.findings[0].layer == "mynumber"


def test_firewall_opened_to_the_world_is_critical(live):
    live.state["firewalls"].append({"name": "gc131199-lgwan-debug", "network": network(live, "lgwan"),
                                    "direction": "INGRESS", "priority": 100, "sourceRanges": ["0.0.0.0/0"],
                                    "allowed": [{"IPProtocol": "tcp", "ports": ["22"]}]})
    assert findings(drift_of(live)) == {("unmanaged", "critical", "firewall")}


def test_widened_firewall_is_changed_critical(live):
    rule = next(f for f in live.state["firewalls"] if f["name"] == "gc131199-mynumber-flow-myportal-import-ingress")
    rule["sourceRanges"] = ["10.13.52.0/22"]
    report = drift_of(live)
    assert findings(report) == {("changed", "critical", "firewall")}


@pytest.mark.parametrize("sources", [["0.0.0.0/1", "128.0.0.0/1"], ["::/0"], ["0.0.0.0/0", "::/0"]],
                         ids=["two-halves", "ipv6-any", "both-families"])
def test_openness_is_what_the_ranges_cover(live, sources):
    live.state["firewalls"].append({"name": "gc131199-internet-debug", "network": network(live, "internet"),
                                    "direction": "INGRESS", "priority": 100, "sourceRanges": sources,
                                    "allowed": [{"IPProtocol": "tcp", "ports": ["22"]}]})
    report = drift_of(live)
    assert findings(report) == {("unmanaged", "critical", "firewall")}


def test_a_closed_layer_admitting_any_public_address_is_critical(live):
    live.state["firewalls"].append({"name": "gc131199-mynumber-vendor", "network": network(live, "mynumber"),
                                    "direction": "INGRESS", "priority": 100, "sourceRanges": ["8.8.8.0/24"],
                                    "allowed": [{"IPProtocol": "tcp", "ports": ["443"]}]})
    assert findings(drift_of(live)) == {("unmanaged", "critical", "firewall")}


@pytest.mark.parametrize("change, field", [
    ({"disabled": True}, "disabled"),
    ({"sourceTags": ["vendor-bastion"]}, "source_tags"),
    ({"targetTags": ["all-hosts"]}, "target_tags"),
    ({"sourceServiceAccounts": ["vendor@evil.iam.gserviceaccount.com"]}, "source_service_accounts"),
    ({"targetServiceAccounts": ["app@itabashi-gov-network.iam.gserviceaccount.com"]}, "target_service_accounts"),
])
def test_firewall_state_that_decides_who_connects_is_compared(live, change, field):
    """A deny rule switched off, or a rule that now admits by tag or service account, opens
    what the ranges alone do not show."""
    rule = next(f for f in live.state["firewalls"] if f.get("denied"))
    rule.update(change)
    report = drift_of(live)
    assert findings(report) == {("changed", "critical", "firewall")}
    assert report.findings[0].details["field"] == field


def test_deleted_subnet_is_missing(live):
    live.state["subnetworks"]["asia-northeast2"] = [s for s in live.state["subnetworks"]["asia-northeast2"]
                                                    if s["name"] != "gc131199-lgwan-asia-northeast2"]
    assert findings(drift_of(live)) == {("missing", "high", "g_subnet")}


def test_a_subnet_abroad_in_a_tenancy_network_is_critical(live):
    """Issue 18, item 5 on Google Cloud: the aggregated list covers every region; a subnet
    of mynumber's network in us-central1 is a footprint outside Japan (critical), one in
    Osaka is only undeclared."""
    live.state["subnetworks"]["us-central1"] = [{
        "name": "export-us", "network": network(live, "mynumber"), "ipCidrRange": "10.200.0.0/24",
        "region": live.link("regions", "us-central1")}]
    live.state["subnetworks"]["asia-northeast2"].append({
        "name": "scratch-osaka", "network": network(live, "lgwan"), "ipCidrRange": "10.201.0.0/24",
        "region": live.link("regions", "asia-northeast2")})
    by = {f.key[0]: f for f in drift_of(live).findings}
    assert (by["export-us"].category, by["export-us"].severity) == ("unmanaged", "critical")
    assert by["scratch-osaka"].severity == "medium"


def test_a_subnet_shared_with_another_project_is_critical_in_a_closed_layer(live):
    """Issue 12's Shared VPC: each system's subnets are shared with its own project only. A
    networkUser grant for another project's service account on a mynumber subnet lets that
    project put workloads into the layer (critical); a grant removed is medium."""
    key = next(k for k in live.state["subnetIam"] if "mynumber-kikan" in k[1])
    live.state["subnetIam"][key][0]["members"].append("serviceAccount:999@cloudservices.gserviceaccount.com")
    internet = next(k for k in live.state["subnetIam"] if "-internet-" in k[1])
    live.state["subnetIam"][internet] = []
    by = {f.key[0]: f for f in drift_of(live).findings if f.kind == "g_subnet_access"}
    granted = by[key[1]]
    assert (granted.category, granted.severity) == ("changed", "critical")
    assert "roles/compute.networkUser serviceAccount:999@cloudservices.gserviceaccount.com" in granted.actual
    assert by[internet[1]].severity == "medium" and len(by) == 2


def test_a_service_projects_agent_is_read_in_the_plans_terms(live):
    """The plan cannot know a service project's number and writes a stand-in for its
    service agent (clouds/gcp/mocks.py); the deployed grant names the real number. Drift asks
    Resource Manager for the number of each declared service project and reads that agent
    in the plan's terms: the deployed state is no change, another project's agent still is,
    and against a state export (real numbers on both sides) nothing is translated."""
    from clouds.gcp.mocks import stand_in_number
    real = {project: str(600000000000 + i) for i, project in enumerate(sorted(live.state["projectNumbers"]))}
    assert len(real) == 4
    for project, number in real.items():
        planned = f"serviceAccount:{stand_in_number(project)}@cloudservices.gserviceaccount.com"
        for bindings in live.state["subnetIam"].values():
            for binding in bindings:
                binding["members"] = [f"serviceAccount:{number}@cloudservices.gserviceaccount.com" if m == planned
                                      else m for m in binding["members"]]
    live.state["projectNumbers"].update(real)
    assert drift_of(live).findings == []
    assert sum(1 for method, path in live.requests if method == "GET" and path.count("/") == 3
               and path.startswith("/v1/projects/")) == 4, \
        "one call per service project"
    from_state = detect(ITABASHI, INVENTORY, options={"endpoint": live.url, "credentials": AnonymousCredentials(),
                                                      "desired": "state"})
    assert {f.kind for f in from_state.findings} == {"g_subnet_access"}
    key = next(k for k in live.state["subnetIam"] if "mynumber-kikan" in k[1])
    other = f"serviceAccount:{real['itabashi-web-d']}@cloudservices.gserviceaccount.com"  # the internet layer's
    live.state["subnetIam"][key][0]["members"].append(other)
    (finding,) = drift_of(live).findings
    assert (finding.kind, finding.key, finding.severity) == ("g_subnet_access", (key[1],), "critical")
    planned_other = f"serviceAccount:{stand_in_number('itabashi-web-d')}@cloudservices.gserviceaccount.com"
    assert f"roles/compute.networkUser {planned_other}" in finding.actual


def test_changed_route_is_critical(live):
    route = next(r for r in live.state["routes"] if r["name"] == "gc131199-internet-restricted-apis")
    route["destRange"] = "0.0.0.0/0"
    assert findings(drift_of(live)) == {("changed", "critical", "g_route")}


def test_peering_between_layers_is_critical(live):
    mynumber = next(n for n in live.state["networks"] if n["name"] == "gc131199-mynumber")
    mynumber["peerings"] = [{"name": "to-internet", "network": network(live, "internet"), "state": "ACTIVE"}]
    report = drift_of(live)
    assert findings(report) == {("unmanaged", "critical", "g_peering")}


def test_nat_on_a_closed_layer_is_critical(live):
    router = live.state["routers"]["asia-northeast1"][0]
    assert "mynumber" in router["name"] or "lgwan" in router["name"] or "internet" in router["name"]
    mynumber_router = next(r for r in live.state["routers"]["asia-northeast1"] if "mynumber" in r["name"])
    mynumber_router["nats"] = [{"name": "gc131199-mynumber-nat"}]
    assert findings(drift_of(live)) == {("unmanaged", "critical", "g_nat")}


def test_removed_label_is_found(live):
    attachment = live.state["interconnectAttachments"]["asia-northeast1"][0]
    attachment["labels"] = {k: v for k, v in attachment["labels"].items() if k != "layer"}
    report = drift_of(live)
    assert findings(report) == {("changed", "medium", "attachment")}


def test_the_gcp_scanner_cannot_mutate(live):
    from clouds.gcp.drift import GcpScanner
    from google.cloud import compute_v1
    scanner = GcpScanner(PROJECT, "gc131199-", live.url, AnonymousCredentials())
    with pytest.raises(ReadOnlyViolation, match="insert refused"):
        scanner.firewalls.insert(project=PROJECT, firewall_resource=compute_v1.Firewall(name="x"))
    with pytest.raises(ReadOnlyViolation, match="delete refused"):
        scanner.networks.delete(project=PROJECT, network="gc131199-mynumber")
    # and below the client: the HTTP session itself refuses anything but GET
    session = scanner.firewalls._client._transport._session
    with pytest.raises(ReadOnlyViolation, match="HTTP POST"):
        session.request("POST", f"{live.url}/compute/v1/projects/{PROJECT}/global/firewalls", json={"name": "x"})
    # the Cloud KMS and Cloud Logging reads go through a session that refuses the same way
    with pytest.raises(ReadOnlyViolation, match="HTTP PATCH"):
        scanner.rest.http.request("PATCH", f"{live.url}/v2/projects/{PROJECT}/locations/global/buckets/_Default")
    # a POST passes only to getIamPolicy, the read Resource Manager makes a POST
    with pytest.raises(ReadOnlyViolation, match="HTTP POST"):
        scanner.rest.http.request("POST", f"{live.url}/v1/projects/{PROJECT}:setIamPolicy", json={})
    with pytest.raises(ReadOnlyViolation, match="HTTP POST"):
        scanner.rest.http.request("POST", f"{live.url}/v1/projects/{PROJECT}:getIamPolicy/../:setIamPolicy")
    assert [m for m, _ in live.requests if m != "GET"] == []


def test_cli_against_the_loopback_server(live):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOOGLE_", "CLOUDSDK_"))}
    env.update({"NO_GCE_CHECK": "True", "NO_COLOR": "1"})
    ok = subprocess.run([str(GOVCLOUD), "drift", "131199-itabashi", "--gcp-endpoint", live.url], cwd=ROOT, env=env,
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    live.state["networks"][0]["peerings"] = [{"name": "rogue", "network": network(live, "lgwan")}]
    _key(live, "mynumber")["primary"]["state"] = "DISABLED"
    drifted = subprocess.run([str(GOVCLOUD), "drift", "131199-itabashi", "--gcp-endpoint", live.url, "--format", "json"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert drifted.returncode == 1
    assert '"kind": "g_peering"' in drifted.stdout
    assert '"kind": "g_kms_key"' in drifted.stdout


def test_cli_without_gcp_credentials_exits_3(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOOGLE_", "CLOUDSDK_"))}
    env.update({"NO_GCE_CHECK": "True", "GCE_METADATA_HOST": "127.0.0.1:9", "GCE_METADATA_IP": "127.0.0.1:9",
                "CLOUDSDK_CONFIG": str(tmp_path), "HOME": str(tmp_path)})
    result = subprocess.run([str(GOVCLOUD), "drift", "131199-itabashi"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "no Google Cloud credentials" in result.stderr


def _router(server, name_part):
    return next(r for routers in server.state["routers"].values() for r in routers if name_part in r["name"])


def test_the_line_bgp_peers_route_policies_and_tunnels(live):
    """Issue 18, item 6 on Google Cloud: Cloud Router BGP peers, route policies and HA VPN
    tunnels, read through the same loopback Compute server."""
    vpn = _router(live, "mynumber-asia-northeast1-vpn")
    peer = vpn["bgpPeers"][0]
    peer["advertisedIpRanges"] = peer["advertisedIpRanges"] + [{"range": "10.13.52.0/22"}]  # lgwan's block
    other = vpn["bgpPeers"][1]
    other["importPolicies"] = []  # the layer now learns whatever the data center sends
    lgwan = _router(live, "lgwan-asia-northeast1-vpn")
    lgwan["bgpPeers"][0]["advertisedRoutePriority"] = 50  # the backup path now preferred
    key = next(k for k in live.state["routePolicies"] if k[1] == _router(live, "internet-asia-northeast1-partner-1")["name"])
    live.state["routePolicies"][key][0]["terms"][-1]["actions"] = [{"expression": "accept()"}]
    tunnels = live.state["vpnTunnels"]["asia-northeast1"]
    tunnels.append(dict(tunnels[0], name="vendor-tunnel", selfLink="x"))
    # Google's own session on a partner attachment, before it is adopted: expected, not drift
    partner = _router(live, "mynumber-asia-northeast1-partner-1")
    partner["bgpPeers"].append({"name": "auto-ia-bgp-gc131199-mynumber-tokyo-a", "peerIpAddress": "169.254.10.2",
                                "peerAsn": 65199, "managementType": "MANAGED_BY_ATTACHMENT"})
    report = drift_of(live)
    by_key = {(f.kind, f.key): f for f in report.findings}
    advertised = by_key[("g_bgp_peer", (vpn["name"], peer["name"]))]
    assert (advertised.category, advertised.severity, advertised.details["field"]) == ("changed", "critical", "advertised")
    policies = by_key[("g_bgp_peer", (vpn["name"], other["name"]))]
    assert (policies.severity, policies.details["field"], policies.details["actual"]) == \
        ("critical", "import_policies", [])
    priority = by_key[("g_bgp_peer", (lgwan["name"], lgwan["bgpPeers"][0]["name"]))]
    assert (priority.severity, priority.details["actual"]) == ("high", 50)
    policy = next(f for f in report.findings if f.kind == "g_route_policy")
    assert (policy.category, policy.severity, policy.key[0]) == ("changed", "critical", key[1])
    assert ("unmanaged", "critical") in {(f.category, f.severity) for f in report.findings
                                         if f.kind == "g_vpn_tunnel" and f.key == ("vendor-tunnel",)}
    assert not [f for f in report.findings if "auto-ia-bgp" in str(f.key)]
    assert report.drifted


def _key(server, layer):
    return next(k for keys in server.state["cryptoKeys"].values() for k in keys
                if k["name"].endswith(f"/gc131199-{layer}"))


def _bucket(server, layer):
    return next(b for b in server.state["logBuckets"] if b["name"].endswith(f"/gc131199-{layer}-flowlogs"))


def test_cloud_kms_keys_state_rotation_and_location(live):
    """Issue 18, items 4 and 6 on Google Cloud: a key whose primary version is disabled or
    scheduled for destruction is critical; a key carrying the municipality code outside
    Japan (a key ring in `global`) is critical; someone else's key ring is not ours."""
    _key(live, "mynumber")["primary"]["state"] = "DESTROY_SCHEDULED"
    _key(live, "lgwan")["primary"]["state"] = "DISABLED"
    del _key(live, "internet")["rotationPeriod"]  # rotation switched off
    ring = f"projects/{PROJECT}/locations/global/keyRings/backup"
    live.state["keyRings"]["global"] = [{"name": ring}]
    live.state["cryptoKeys"][ring] = [{"name": f"{ring}/cryptoKeys/juki", "labels": {"municipality-code": "131199"},
                                       "purpose": "ENCRYPT_DECRYPT", "primary": {"state": "ENABLED"}}]
    other = f"projects/{PROJECT}/locations/asia-northeast1/keyRings/shared-tools"
    live.state["keyRings"]["asia-northeast1"].append({"name": other})
    live.state["cryptoKeys"][other] = [{"name": f"{other}/cryptoKeys/ci", "primary": {"state": "DISABLED"}}]
    report = drift_of(live)
    by_key = {(f.kind, f.key): f for f in report.findings}
    destroy = by_key[("g_kms_key", ("gc131199-keyring", "gc131199-mynumber"))]
    assert (destroy.category, destroy.severity, destroy.expected, destroy.actual) == \
        ("changed", "critical", "ENABLED", "DESTROY_SCHEDULED")
    assert by_key[("g_kms_key", ("gc131199-keyring", "gc131199-lgwan"))].severity == "critical"
    rotation = by_key[("g_kms_key", ("gc131199-keyring", "gc131199-internet"))]
    assert (rotation.severity, rotation.details["field"], rotation.actual) == ("high", "rotation", None)
    abroad = by_key[("g_kms_key", ("backup", "juki"))]
    assert (abroad.category, abroad.severity) == ("unmanaged", "critical")
    assert ("g_kms_key", ("shared-tools", "ci")) not in by_key
    assert report.drifted


def test_log_buckets_encryption_state_and_location(live):
    """The layers' flow-log buckets: the key that encrypts them, a deletion under way, a
    bucket gone, and buckets nobody declared (outside Japan: critical). Google's own
    _Default and _Required buckets are not the tenancy's."""
    del _bucket(live, "mynumber")["cmekSettings"]
    _bucket(live, "lgwan")["lifecycleState"] = "DELETE_REQUESTED"
    live.state["logBuckets"].remove(_bucket(live, "internet"))
    live.state["logBuckets"] += [
        {"name": f"projects/{PROJECT}/locations/us-central1/buckets/export", "retentionDays": 30},
        {"name": f"projects/{PROJECT}/locations/asia-northeast2/buckets/audit-copy", "retentionDays": 30}]
    report = drift_of(live)
    by_key = {(f.kind, f.key): f for f in report.findings}
    cmek = by_key[("g_log_bucket", ("gc131199-mynumber-flowlogs",))]
    assert (cmek.category, cmek.severity, cmek.expected, cmek.actual) == ("changed", "high", "gc131199-mynumber", None)
    assert (by_key[("g_log_bucket", ("gc131199-lgwan-flowlogs",))].severity) == "critical"
    assert by_key[("g_log_bucket", ("gc131199-internet-flowlogs",))].category == "missing"
    assert (by_key[("g_log_bucket", ("export",))].category, by_key[("g_log_bucket", ("export",))].severity) == \
        ("unmanaged", "critical")
    assert by_key[("g_log_bucket", ("audit-copy",))].severity == "medium"
    assert not [f for f in report.findings if str(f.key[0]).startswith("_")]
    assert report.drifted


def test_a_layers_flow_logs_exported_elsewhere_is_critical(live):
    """The mynumber flow-log sink sends to the layer's CMEK bucket in the host project;
    pointed at another project's bucket, the layer's traffic records leave the tenancy
    (critical), as does an undeclared sink to a BigQuery dataset elsewhere. A sink
    disabled keeps nothing: high. Google's own _Default and _Required sinks are left out."""
    sinks = {s["name"].rsplit("/", 1)[-1]: s for s in live.state["logSinks"]}
    sinks["gc131199-mynumber-flowlogs-sink"]["destination"] = \
        "logging.googleapis.com/projects/vendor-analytics/locations/us-central1/buckets/all"
    sinks["gc131199-lgwan-flowlogs-sink"]["disabled"] = True
    live.state["logSinks"].append({"name": f"projects/{PROJECT}/sinks/copy", "filter": "",
                                   "destination": "bigquery.googleapis.com/projects/elsewhere/datasets/logs"})
    by = {(f.key[0], f.details.get("field")): f for f in drift_of(live).findings if f.kind == "g_log_sink"}
    moved = by[("gc131199-mynumber-flowlogs-sink", "destination")]
    assert (moved.category, moved.severity) == ("changed", "critical")
    assert by[("gc131199-lgwan-flowlogs-sink", "disabled")].severity == "high"
    assert (by[("copy", None)].category, by[("copy", None)].severity) == ("unmanaged", "critical")
    assert not [k for k in by if k[0].startswith("_")] and len(by) == 3
