"""Who else holds the tenancy's network on Google Cloud (issue 18): the projects attached
to the Shared VPC host and who holds roles/compute.networkUser on the whole host project,
read from the loopback Compute and Resource Manager server."""
from __future__ import annotations

from tests.clouds.gcp.test_drift import PROJECT, drift_of, live, server  # noqa: F401  (fixtures)


def test_a_project_attached_to_the_shared_vpc_host_is_found(live):
    """A project attached to the host as a Shared VPC service project can be given the
    host's subnets, and with a project-wide grant every layer's: one nobody declared is
    critical; a declared one detached is high. A number in place of an id (the API may give
    either) is read as the declared project it is."""
    live.state["xpnResources"].append({"type": "PROJECT", "id": "vendor-sandbox-123"})
    (finding,) = [f for f in drift_of(live).findings if f.kind == "g_shared_vpc"]
    assert (finding.category, finding.severity, finding.details["field"]) == ("changed", "critical", "members")
    assert "vendor-sandbox-123" in finding.details["actual"]
    live.state["xpnResources"][:] = [r for r in live.state["xpnResources"] if r["id"] != "vendor-sandbox-123"]
    live.state["projectNumbers"]["itabashi-kikan-a"] = "600000000001"
    live.state["xpnResources"][:] = [{"type": "PROJECT", "id": "600000000001" if r["id"] == "itabashi-kikan-a"
                                      else r["id"]} for r in live.state["xpnResources"]]
    assert [f for f in drift_of(live).findings if f.kind == "g_shared_vpc"] == []
    live.state["xpnResources"][:] = [r for r in live.state["xpnResources"] if r["id"] != "itabashi-web-d"]
    (finding,) = [f for f in drift_of(live).findings if f.kind == "g_shared_vpc"]
    assert (finding.category, finding.severity) == ("changed", "high")
    live.state["xpnResources"].clear()
    (finding,) = [f for f in drift_of(live).findings if f.kind == "g_shared_vpc"]
    assert (finding.category, finding.severity) == ("missing", "high")


def test_network_user_on_the_whole_host_project_is_critical(live):
    """The stack grants roles/compute.networkUser per subnet; on the host project as a whole
    it lets its member use every subnet of every layer. Other roles are not this read's."""
    live.state["projectBindings"] = [
        {"role": "roles/viewer", "members": ["group:auditors@example.jp"]},
        {"role": "roles/compute.networkUser", "members": ["serviceAccount:777@cloudservices.gserviceaccount.com"],
         "condition": {"title": "until March", "expression": "request.time < timestamp('2027-03-01T00:00:00Z')"}}]
    (finding,) = [f for f in drift_of(live).findings if f.kind == "g_shared_vpc"]
    assert (finding.category, finding.severity, finding.key[1]) == ("unmanaged", "critical",
                                                                      "project-wide network users")
    assert finding.details["members"] == ["serviceAccount:777@cloudservices.gserviceaccount.com (if until March)"]
    assert ("POST", f"/v1/projects/{PROJECT}:getIamPolicy") in live.requests


def test_a_project_that_is_not_a_host_reads_as_no_attached_project(live):
    """Asked for the service projects of a project that is not a Shared VPC host, the API may
    answer with an error: that is no attached project (here: the declared ones are missing),
    not a failed drift run."""
    live.state["notAHost"] = True
    try:
        (finding,) = [f for f in drift_of(live).findings if f.kind == "g_shared_vpc"]
    finally:
        live.state.pop("notAHost")
    assert (finding.category, finding.severity) == ("missing", "high")
