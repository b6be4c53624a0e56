"""External load balancers whose backends are a layer's instances, on the loopback Compute
server (backendServices, instanceGroups and networkEndpointGroups aggregated lists, with the
bodies of the Compute API reference): the forwarding rule in front names no network, so the
layer is where the backends are (GOV-ISO-008's Google Cloud side, live). The 板橋区 state and
helpers are test_drift.py's."""
from __future__ import annotations

from tests.clouds.gcp.test_drift import drift_of, live, network, server  # noqa: F401 (fixtures)
from tests.clouds.gcp.test_drift_paths import REGION

ZONE = f"{REGION}-a"


def group(live, name, layer, kind="instanceGroups", project=None):
    """An instance group (or NEG) on a layer's network, as the aggregated list gives it."""
    link = live.link("zones", ZONE, kind, name)
    if project:
        link = link.replace(f"/projects/{live.project}/", f"/projects/{project}/")
    return {"name": name, "selfLink": link, "zone": live.link("zones", ZONE), "network": network(live, layer)}


def backend(name, scheme, *groups):
    body = {"name": name, "backends": [{"group": g["selfLink"]} for g in groups], "protocol": "HTTPS"}
    if scheme:
        body["loadBalancingScheme"] = scheme
    return body


def test_an_external_load_balancer_in_front_of_a_closed_layers_instances_is_critical(live):
    """Red team: a global external Application Load Balancer whose backend service points at
    mynumber's instance group, and a service project's regional external passthrough one at a
    NEG on lgwan's network: critical; an internal one on mynumber's group is not found, an
    external one on the internet layer's group is high."""
    from tests.clouds.gcp.test_drift import ITABASHI
    project = ITABASHI.spec.system_accounts()[0]
    juki, web = group(live, "juki-ig", "mynumber"), group(live, "web-ig", "internet")
    live.state["instanceGroups"] = {ZONE: [juki, web]}
    live.state["backendServices"] = {
        "global": [backend("vendor-portal", "EXTERNAL_MANAGED", juki), backend("web", "EXTERNAL_MANAGED", web)],
        REGION: [backend("juki-internal", "INTERNAL_MANAGED", juki)]}
    neg = group(live, "kyotsu-neg", "lgwan", "networkEndpointGroups", project)
    live.state["serviceProjects"][project] = {"backendServices": {REGION: [backend("relay", "EXTERNAL", neg)]},
                                              "networkEndpointGroups": {ZONE: [neg]}}
    report = drift_of(live)
    found = {f.key: (f.category, f.severity, f.layer) for f in report.findings if f.kind == "g_external_backend"}
    assert found == {("vendor-portal", "gc131199-mynumber"): ("unmanaged", "critical", "mynumber"),
                     ("web", "gc131199-internet"): ("unmanaged", "high", "internet"),
                     (f"{project}/relay", "gc131199-lgwan"): ("unmanaged", "critical", "lgwan")}
    assert report.drifted


def test_without_an_external_backend_service_the_groups_are_not_read(live):
    """Only an external scheme needs the groups: an internal load balancer's read stops at the
    backend services."""
    juki = group(live, "juki-ig", "mynumber")
    live.state["instanceGroups"] = {ZONE: [juki]}
    live.state["backendServices"] = {REGION: [backend("juki-internal", "INTERNAL_MANAGED", juki)]}
    report = drift_of(live)
    assert not [f for f in report.findings if f.kind == "g_external_backend"]
    assert not any("/aggregated/instanceGroups" in path for _, path in live.requests)
