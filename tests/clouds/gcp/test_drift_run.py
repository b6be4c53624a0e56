"""Cloud Run on the loopback server (rest_server.py serves services.list as the Cloud Run Admin
v2 reference gives Service): a service whose Direct VPC egress puts its instances on a layer's
network while it takes requests from outside Google Cloud runs the internet's requests inside
the layer. The 板橋区 state and helpers are test_drift.py's."""
from __future__ import annotations

from tests.clouds.gcp.test_drift import drift_of, live, server  # noqa: F401 (fixtures)
from tests.clouds.gcp.test_drift_paths import REGION


def test_a_cloud_run_service_on_a_layer_network_taking_outside_requests_is_found(live):
    """Red team: the host project's service on mynumber's subnet open to all traffic, and a
    service project's behind an external load balancer on the internet layer's network, are
    found; one taking internal traffic only, one without VPC access, and one through a
    connector (the connector is its own finding, `g_vpc_connector`) are not found here."""
    from tests.clouds.gcp.test_drift import ITABASHI, PROJECT
    project = ITABASHI.spec.system_accounts()[0]
    subnet = f"projects/{PROJECT}/regions/{REGION}/subnetworks/gc131199-mynumber-kikan-{REGION}"

    def service(owner, name, ingress, **access):
        body = {"name": f"projects/{owner}/locations/{REGION}/services/{name}", "ingress": ingress,
                "uri": f"https://{name}-abc123-an.a.run.app", "template": {"containers": [{"image": "app"}]}}
        if access:
            body["template"]["vpcAccess"] = access
        return body
    live.state["runServices"] = {
        (PROJECT, REGION): [
            service(PROJECT, "juki-api", "INGRESS_TRAFFIC_ALL", egress="PRIVATE_RANGES_ONLY",
                    networkInterfaces=[{"network": "gc131199-mynumber", "subnetwork": subnet}]),
            service(PROJECT, "juki-batch", "INGRESS_TRAFFIC_INTERNAL_ONLY",
                    networkInterfaces=[{"subnetwork": subnet}]),
            service(PROJECT, "vendor-site", "INGRESS_TRAFFIC_ALL")],
        (project, REGION): [
            service(project, "portal", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
                    networkInterfaces=[{"network": f"projects/{PROJECT}/global/networks/gc131199-internet"}]),
            service(project, "relay", "INGRESS_TRAFFIC_ALL",
                    connector=f"projects/{project}/locations/{REGION}/connectors/relay")]}
    report = drift_of(live)
    found = {f.key: (f.category, f.severity, f.layer) for f in report.findings if f.kind == "g_run_on_layer"}
    assert found == {("juki-api",): ("unmanaged", "critical", "mynumber"),
                     (f"{project}/portal",): ("unmanaged", "high", "internet")}
    assert report.drifted


def test_an_alloydb_instance_with_a_public_ip_is_found_by_its_clusters_network(live):
    """Red team: a vendor's AlloyDB instance on mynumber's network given a public IP (inbound,
    narrowed to one range) and a service project's on the internet layer's network given only
    an outbound public IP: found, the layer taken from the cluster's network (clusters.get). A
    private instance is not. A list AlloyDB could not complete stops drift (exit 3)."""
    import pytest

    from clouds.base import EnvironmentProblem
    from tests.clouds.gcp.compute_server import PROJECT_NUMBER
    from tests.clouds.gcp.test_drift import ITABASHI, PROJECT
    project = ITABASHI.spec.system_accounts()[0]

    def instance(owner, cluster, name, **network):
        return {"name": f"projects/{owner}/locations/{REGION}/clusters/{cluster}/instances/{name}",
                "instanceType": "PRIMARY", "state": "READY", "networkConfig": network}

    def cluster(owner, name, layer):
        return {f"projects/{owner}/locations/{REGION}/clusters/{name}": {
            "name": f"projects/{owner}/locations/{REGION}/clusters/{name}",
            "networkConfig": {"network": f"projects/{PROJECT_NUMBER}/global/networks/gc131199-{layer}"}}}
    live.state["alloydbInstances"] = {
        PROJECT: [instance(PROJECT, "juki", "juki-primary", enablePublicIp=True,
                           authorizedExternalNetworks=[{"cidrRange": "203.0.113.0/24"}]),
                  instance(PROJECT, "juki", "juki-read", enablePublicIp=False)],
        project: [instance(project, "portal", "portal-primary", enableOutboundPublicIp=True)]}
    live.state["alloydbClusters"] = {**cluster(PROJECT, "juki", "mynumber"), **cluster(project, "portal", "internet")}
    report = drift_of(live)
    found = {f.key: (f.category, f.severity, f.layer) for f in report.findings if f.kind == "g_public_alloydb"}
    assert found == {("juki-primary",): ("unmanaged", "critical", "mynumber"),
                     (f"{project}/portal-primary",): ("unmanaged", "high", "internet")}
    live.state["alloydbUnreachable"] = ["asia-northeast2"]
    with pytest.raises(EnvironmentProblem, match="AlloyDB could not list"):
        drift_of(live)
