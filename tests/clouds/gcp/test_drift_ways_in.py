"""Drift on Google Cloud: ways into or out of a layer that live outside the project's own
network lists (session 14): hierarchical firewall policies above the project, Network
Connectivity Center spokes and policy-based routes, Serverless VPC Access connectors, and who
else may use a layer's Cloud KMS key. Served by the loopback Compute server with the bodies
of the API references (networks.getEffectiveFirewalls, spokes.list, policyBasedRoutes.list,
connectors.list, cryptoKeys.getIamPolicy)."""
from __future__ import annotations

import pytest

from tests.clouds.gcp.test_drift import drift_of, findings, live, network, server  # noqa: F401 (fixtures)
from tests.clouds.gcp.test_drift_paths import REGION, _allow


def _hierarchy(live, layer, rules, name="firewallPolicies/301234567890"):
    """A hierarchical policy set on the organization or a folder, as getEffectiveFirewalls
    shows it on the layer's network (EffectiveFirewallPolicy: name, shortName, type, rules)."""
    live.state["effectiveFirewallPolicies"].setdefault(f"gc131199-{layer}", []).append(
        {"name": name, "shortName": "vendor-org-policy", "type": "HIERARCHY", "rules": rules})


def _egress(destinations):
    return {"priority": 900, "direction": "EGRESS", "action": "allow",
            "match": {"destIpRanges": destinations, "layer4Configs": [{"ipProtocol": "all"}]}}


@pytest.mark.parametrize("layer, rules, severity", [
    # evaluated before the layer's own rules: an allow there decides, whatever the VPC rules say
    ("mynumber", [_allow(["10.13.56.0/25"])], "critical"),
    ("internet", [_allow(["0.0.0.0/0"])], "critical"),
    ("internet", [_allow(["10.13.52.0/27"])], "high"),
    # a way out past the layer's egress denies
    ("lgwan", [_egress(["10.13.52.0/27"])], "critical"),
    ("internet", [_egress(["0.0.0.0/0"])], "critical"),
    ("internet", [_egress(["192.168.10.0/24"])], "high"),
], ids=["mynumber-another-layer", "internet-open", "internet-private", "lgwan-egress", "internet-egress-open",
        "internet-egress-private"])
def test_a_hierarchical_policy_allowing_into_or_out_of_a_layer_is_found(live, layer, rules, severity):
    _hierarchy(live, layer, rules)
    report = drift_of(live)
    assert findings(report) == {("unmanaged", severity, "g_fw_policy")}
    assert report.findings[0].key == ("vendor-org-policy", f"gc131199-{layer}")
    assert report.findings[0].actual["region"] == "hierarchy"


def test_a_hierarchical_policy_that_only_denies_or_passes_on_is_not_a_finding(live):
    """The Digital Agency's guardrails: deny rules and goto_next narrow what the layer allows."""
    _hierarchy(live, "mynumber", [{**_allow(["0.0.0.0/0"]), "action": "deny"},
                                  {**_allow(["10.0.0.0/8"]), "action": "goto_next", "priority": 2000},
                                  _allow(["0.0.0.0/0"], priority=3000, disabled=True)])
    assert drift_of(live).findings == []


def test_a_connectivity_center_spoke_joining_a_layer_to_a_hub_is_a_critical_path(live):
    """A VPC spoke on mynumber's network and a hybrid spoke on the internet layer's HA VPN
    tunnel, both on a vendor's hub: the hub exchanges routes between its spokes, past every
    route and peering of the layers (no compute list shows it). Served as the Network
    Connectivity API reference gives Spoke (linkedVpcNetwork.uri, linkedVpnTunnels.uris)."""
    tunnel = next(t for t in live.state["vpnTunnels"][REGION] if "internet" in t["name"])
    hub = "projects/vendor-hub/locations/global/hubs/shared-hub"
    live.state["nccSpokes"] = {
        "global": [{"name": "projects/123/locations/global/spokes/kikan-spoke", "hub": hub, "state": "ACTIVE",
                    "linkedVpcNetwork": {"uri": network(live, "mynumber")}}],
        REGION: [{"name": f"projects/123/locations/{REGION}/spokes/vpn-spoke", "hub": hub, "state": "ACTIVE",
                  "linkedVpnTunnels": {"uris": [live.link("regions", REGION, "vpnTunnels", tunnel["name"])],
                                       "siteToSiteDataTransfer": True}}]}
    report = drift_of(live)
    assert findings(report) == {("unmanaged", "critical", "g_ncc_spoke")}
    by_key = {f.key: f for f in report.findings}
    assert by_key[("kikan-spoke",)].layer == "mynumber" and by_key[("kikan-spoke",)].actual["hub"] == "shared-hub"
    assert by_key[("vpn-spoke",)].layer == "internet" and by_key[("vpn-spoke",)].actual["linked"] == [tunnel["name"]]
    live.state["nccSpokes"] = {}
    assert drift_of(live).findings == []


def test_a_serverless_connector_into_a_layer_network_is_found_in_any_of_the_tenancys_projects(live):
    """Cloud Run services and functions, reachable at their own URLs, sending traffic into the
    layer through a Serverless VPC Access connector: on mynumber's network in the host project
    (critical), and on an internet subnet from a service project (high, keyed project/name).
    A connector on a network that is not the tenancy's is not read."""
    from tests.clouds.gcp.test_drift import ITABASHI, PROJECT
    service = ITABASHI.spec.system_accounts()[0]
    subnet = next(s["name"] for s in live.state["subnetworks"][REGION] if "internet" in s["name"])
    connector = "projects/{}/locations/" + REGION + "/connectors/{}"
    live.state["vpcConnectors"] = {
        (PROJECT, REGION): [{"name": connector.format(PROJECT, "run-to-kikan"), "network": "gc131199-mynumber",
                             "ipCidrRange": "10.8.0.0/28", "state": "READY"},
                            {"name": connector.format(PROJECT, "elsewhere"), "network": "default",
                             "ipCidrRange": "10.9.0.0/28", "state": "READY"}],
        (service, REGION): [{"name": connector.format(service, "portal"), "state": "READY",
                             "subnet": {"name": subnet, "projectId": PROJECT}, "connectedProjects": [service]}]}
    report = drift_of(live)
    by_key = {f.key: (f.category, f.severity, f.layer) for f in report.findings}
    assert by_key == {("run-to-kikan",): ("unmanaged", "critical", "mynumber"),
                      (f"{service}/portal",): ("unmanaged", "high", "internet")}


def test_a_layer_key_granted_to_someone_outside_the_tenancy_is_critical(live):
    """mynumber's Cloud KMS key let a vendor's user and another project's service account
    decrypt: the layer's data read from outside (cryptoKeys.getIamPolicy per key). The Log
    Router's service agent the stack grants, and the tenancy's own projects' accounts, are
    not findings."""
    from tests.clouds.gcp.test_drift import ITABASHI, PROJECT
    key = next(k for keys in live.state["cryptoKeys"].values() for k in keys if k["name"].endswith("mynumber"))
    live.state["keyIam"][key["name"]].append({"role": "roles/cloudkms.cryptoKeyDecrypter", "members": [
        "user:operator@vendor.example", "serviceAccount:etl@vendor-project.iam.gserviceaccount.com",
        f"serviceAccount:app@{PROJECT}.iam.gserviceaccount.com",
        f"serviceAccount:batch@{ITABASHI.spec.system_accounts()[0]}.iam.gserviceaccount.com",
        "serviceAccount:service-123456@gcp-sa-pubsub.iam.gserviceaccount.com",
        # an account of a project whose owner named it like an agent's domain is not an agent
        "serviceAccount:reader@gcp-sa-lookalike.iam.gserviceaccount.com"]})
    report = drift_of(live)
    assert findings(report) == {("changed", "critical", "g_kms_key")}
    assert report.findings[0].actual == [
        "roles/cloudkms.cryptoKeyDecrypter serviceAccount:etl@vendor-project.iam.gserviceaccount.com",
        "roles/cloudkms.cryptoKeyDecrypter serviceAccount:reader@gcp-sa-lookalike.iam.gserviceaccount.com",
        "roles/cloudkms.cryptoKeyDecrypter user:operator@vendor.example"]


@pytest.mark.parametrize("layer, hop, destination, severity", [
    ("mynumber", {"nextHopIlbIp": "10.13.51.200"}, "10.13.56.0/25", "critical"),
    ("internet", {"nextHopIlbIp": "10.13.59.200"}, "0.0.0.0/0", "critical"),
    ("internet", {"nextHopIlbIp": "10.13.59.200"}, "10.13.52.0/27", "high"),
    ("internet", {"nextHopOtherRoutes": "DEFAULT_ROUTING"}, "10.13.52.0/27", "medium"),
])
def test_a_policy_based_route_on_a_layer_network_is_found(live, layer, hop, destination, severity):
    """A policy-based route takes precedence over every other route: one sending the layer's
    traffic to a load balancer's address steers it through whatever is behind it (served as
    the Network Connectivity reference gives PolicyBasedRoute)."""
    from tests.clouds.gcp.test_drift import PROJECT
    live.state["policyBasedRoutes"] = [
        {"name": "projects/123/locations/global/PolicyBasedRoutes/inspect", "priority": 100,
         "network": f"projects/{PROJECT}/global/networks/gc131199-{layer}",
         "filter": {"destRange": destination, "ipProtocol": "ALL", "protocolVersion": "IPV4"}, **hop},
        {"name": "projects/123/locations/global/PolicyBasedRoutes/elsewhere", "priority": 100,
         "network": f"projects/{PROJECT}/global/networks/default", "filter": {"protocolVersion": "IPV4"},
         "nextHopIlbIp": "10.0.0.5"}]
    report = drift_of(live)
    assert findings(report) == {("unmanaged", severity, "g_pbr")}
    assert report.findings[0].key == ("inspect",) and report.findings[0].layer == layer


def test_an_api_disabled_in_the_project_itself_lists_nothing_and_elsewhere_is_an_error(live):
    """Most tenancies never enable Network Connectivity or Serverless VPC Access: Google
    answers 403 SERVICE_DISABLED, and nothing of them can exist in a project where they are
    disabled, so the drift run goes on (the consumer project is read by number once).
    Disabled in another consumer project (the credentials' quota project), the lists could
    not be read: an environment error (exit 3), not a clean report."""
    from clouds.base import EnvironmentProblem
    from tests.clouds.gcp.test_drift import ITABASHI, PROJECT
    live.state["projectNumbers"][PROJECT] = "402000000001"
    # named by number for the host's spokes and routes; by the id of each project read for the
    # connectors (a resource-based API names the project the call is about)
    live.state["disabledApis"] = {"networkconnectivity": "projects/402000000001", "vpcaccess": None}
    report = drift_of(live)
    assert report.findings == []
    assert len(ITABASHI.spec.system_accounts()) > 0  # the service projects' connectors were among them
    live.state["disabledApis"] = {"networkconnectivity": "projects/999999999999"}
    with pytest.raises(EnvironmentProblem, match="SERVICE_DISABLED|disabled"):
        drift_of(live)


def test_a_bgp_session_switched_off_or_regional_routing_is_high(live):
    """Found by session 18's own probing: a layer's HA VPN session switched off (RouterBgpPeer
    `enable` FALSE: "any active session with the peer is terminated and all associated routing
    information is removed") and a layer network set to REGIONAL routing (its routers then
    advertise, and its subnets use, only their own region's routes: the Osaka line no longer
    backs Tokyo up). Neither opens a path; both take a layer's backup away without a trace."""
    from tests.clouds.gcp.test_drift import _router
    vpn = _router(live, "mynumber-asia-northeast1-vpn")
    vpn["bgpPeers"][0]["enable"] = "FALSE"
    lgwan = next(n for n in live.state["networks"] if n["name"] == "gc131199-lgwan")
    lgwan["routingConfig"] = {"routingMode": "REGIONAL"}
    report = drift_of(live)
    changed = {(f.kind, f.details.get("field"), f.severity, str(f.details.get("actual"))) for f in report.findings}
    assert changed == {("g_bgp_peer", "enabled", "high", "False"), ("network", "routing_mode", "high", "REGIONAL")}


def test_a_cloud_sql_instance_given_a_public_address_is_found(live):
    """A vendor's database on mynumber's network given a public IPv4 address (its private IP
    is the layer's business; the public one answers from the internet), and a service
    project's database on no layer network open to every address: both found (Cloud SQL Admin
    instances.list, served as the API reference gives DatabaseInstance). A private-only
    database is not a finding."""
    from tests.clouds.gcp.test_drift import ITABASHI, PROJECT
    service = ITABASHI.spec.system_accounts()[0]

    def db(name, network, ipv4, authorized=()):
        ip = {"ipv4Enabled": ipv4, "sslMode": "ENCRYPTED_ONLY",
              "authorizedNetworks": [{"value": a, "kind": "sql#aclEntry"} for a in authorized]}
        if network:
            ip["privateNetwork"] = f"projects/{PROJECT}/global/networks/{network}"
        return {"kind": "sql#instance", "name": name, "region": REGION, "databaseVersion": "POSTGRES_16",
                "state": "RUNNABLE", "settings": {"ipConfiguration": ip}}
    live.state["sqlInstances"] = {
        PROJECT: [db("juki-db", "gc131199-mynumber", True, ["203.0.113.0/24"]),
                  db("juki-db-private", "gc131199-mynumber", False)],
        service: [db("portal-db", None, True, ["0.0.0.0/0"]), db("portal-db-narrow", None, True, ["203.0.113.8/29"])]}
    report = drift_of(live)
    by_key = {f.key: (f.category, f.severity, f.layer, f.kind) for f in report.findings}
    assert by_key == {("juki-db",): ("unmanaged", "critical", "mynumber", "g_public_sql"),
                      (f"{service}/portal-db",): ("unmanaged", "critical", None, "g_public_sql"),
                      (f"{service}/portal-db-narrow",): ("unmanaged", "high", None, "g_public_sql")}


def test_a_gke_cluster_on_a_layer_network_with_a_public_control_plane_is_found(live):
    """A vendor's cluster on mynumber's network with the control plane's public endpoint kept,
    and a service project's cluster on the internet layer's network open to every address:
    found (GKE clusters.list over every location, served as the reference gives Cluster). A
    private cluster, and one on a network that is not the tenancy's, are not."""
    from tests.clouds.gcp.test_drift import ITABASHI, PROJECT
    service = ITABASHI.spec.system_accounts()[0]

    def cluster(name, network, private_endpoint, authorized=None):
        body = {"name": name, "location": REGION, "network": network, "status": "RUNNING",
                "privateClusterConfig": {"enablePrivateNodes": True, "enablePrivateEndpoint": private_endpoint}}
        if authorized is not None:
            body["masterAuthorizedNetworksConfig"] = {"enabled": True, "cidrBlocks": [
                {"cidrBlock": c} for c in authorized]}
        return body
    live.state["gkeClusters"] = {
        PROJECT: [cluster("juki-gke", "gc131199-mynumber", False, ["203.0.113.0/28"]),
                  cluster("juki-gke-private", "gc131199-mynumber", True),
                  cluster("elsewhere", "default", False)],
        service: [cluster("portal-gke", "gc131199-internet", False), cluster("portal-gke-narrow", "gc131199-internet",
                                                                             False, ["203.0.113.0/28"])]}
    report = drift_of(live)
    by_key = {f.key: (f.category, f.severity, f.layer, f.kind) for f in report.findings}
    assert by_key == {("juki-gke",): ("unmanaged", "critical", "mynumber", "g_gke_public"),
                      (f"{service}/portal-gke",): ("unmanaged", "critical", "internet", "g_gke_public"),
                      (f"{service}/portal-gke-narrow",): ("unmanaged", "high", "internet", "g_gke_public")}


def test_a_cluster_list_google_could_not_complete_is_an_error_and_a_disabled_api_lists_nothing(live):
    from clouds.base import EnvironmentProblem
    live.state["disabledApis"] = {"container": None}  # disabled in each project read: no cluster can exist
    assert drift_of(live).findings == []
    live.state["disabledApis"] = {}
    live.state["gkeMissing"] = {"missingZones": ["asia-northeast1-b"]}
    try:
        with pytest.raises(EnvironmentProblem, match="asia-northeast1-b"):
            drift_of(live)
    finally:
        live.state.pop("gkeMissing")
