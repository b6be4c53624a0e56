"""Drift on Google Cloud, what guards the project rather than a network: its organization
policies, and what its flow-log sinks leave out (session 21's red team).

The organization policies (Org Policy API v2
policies.list, one call). The stack declares one, gcp.resourceLocations limited to the
domestic regions' value groups: lifted, widened, reset, made conditional or deleted, data
may be kept anywhere, critical. A policy nobody declared replaces, for this project, what
the organization or a folder above decides (the Digital Agency's guardrails among them):
one that lifts its constraint is critical, any other high. Served by the loopback server
with the reference's Policy bodies (named by the project's number)."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.conftest import GOVCLOUD, ROOT
from tests.clouds.gcp.compute_server import PROJECT_NUMBER
from tests.clouds.gcp.test_drift import drift_of, findings, live, server  # noqa: F401 (fixtures)

DOMESTIC = ["in:asia-northeast1-locations", "in:asia-northeast2-locations"]


def locations(live) -> dict:
    return next(p for p in live.state["orgPolicies"] if p["name"].endswith("/gcp.resourceLocations"))


def test_the_declared_location_policy_is_read_by_the_number_the_api_names_it(live):
    assert locations(live)["name"] == f"projects/{PROJECT_NUMBER}/policies/gcp.resourceLocations"
    assert locations(live)["spec"]["rules"] == [{"values": {"allowedValues": DOMESTIC}}]
    assert drift_of(live).findings == []
    assert ("GET", "/v2/projects/itabashi-gov-network/policies") in live.requests


def test_the_location_policy_deleted_is_critical_and_drift_exits_1(live):
    live.state["orgPolicies"].remove(locations(live))
    report = drift_of(live)
    assert findings(report) == {("missing", "critical", "g_org_policy")}
    assert report.findings[0].key == ("gcp.resourceLocations",)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOOGLE_", "CLOUDSDK_"))}
    env.update({"NO_GCE_CHECK": "True", "NO_COLOR": "1"})
    run = subprocess.run([str(GOVCLOUD), "drift", "131199-itabashi", "--gcp-endpoint", live.url, "--format", "json"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    found = json.loads(run.stdout)["stacks"][0]["findings"]
    assert [(f["category"], f["severity"], f["kind"], f["key"]) for f in found] == [
        ("missing", "critical", "g_org_policy", ["gcp.resourceLocations"])]


@pytest.mark.parametrize("spec, fields", [
    # a region abroad added to the allowed values
    ({"rules": [{"values": {"allowedValues": [*DOMESTIC, "in:us-locations"]}}]}, {"allowed"}),
    # every location allowed (the allowed values dropped for allowAll)
    ({"rules": [{"allowAll": True}]}, {"allowed", "allow_all"}),
    # the project's policy reset to the constraint's default: no limit
    ({"reset": True}, {"allowed", "reset"}),
    # the organization's values added to the project's (whatever they are)
    ({"rules": [{"values": {"allowedValues": DOMESTIC}}], "inheritFromParent": True}, {"inherit"}),
    # the limit applied only to resources without a tag: tagged ones go anywhere
    ({"rules": [{"values": {"allowedValues": DOMESTIC}, "condition": {
        "expression": "!resource.matchTag('123/env', 'dr')"}}, {"allowAll": True, "condition": {
            "expression": "resource.matchTag('123/env', 'dr')"}}]}, {"conditions", "allow_all"}),
], ids=["abroad-added", "allow-all", "reset", "inherit", "conditional"])
def test_the_location_policy_widened_is_critical(live, spec, fields):
    locations(live)["spec"] = {**spec, "etag": "CNa1qKwGEJj+4BF="}
    report = drift_of(live)
    assert findings(report) == {("changed", "critical", "g_org_policy")}
    assert {f.details["field"] for f in report.findings} == fields


def test_the_location_policy_narrowed_is_high(live):
    # Osaka dropped: the secondary region can no longer be used (no data leaves Japan)
    locations(live)["spec"] = {"rules": [{"values": {"allowedValues": DOMESTIC[:1]}}]}
    report = drift_of(live)
    assert findings(report) == {("changed", "high", "g_org_policy")}
    assert report.findings[0].expected == DOMESTIC and report.findings[0].actual == DOMESTIC[:1]


@pytest.mark.parametrize("policy, severity", [
    # external IPs allowed on every VM of the project, past the organization's guardrail
    ({"name": "compute.vmExternalIpAccess", "spec": {"rules": [{"allowAll": True}]}}, "critical"),
    # serial port access no longer enforced off
    ({"name": "compute.disableSerialPortAccess", "spec": {"rules": [{"enforce": False}]}}, "critical"),
    # the organization's guardrails dropped for the project's own default
    ({"name": "compute.restrictVpcPeering", "spec": {"reset": True}}, "critical"),
    # a list of its own: it replaces the organization's, which may have been narrower
    ({"name": "compute.restrictSharedVpcSubnetworks", "spec": {"rules": [{"values": {"allowedValues": [
        "under:projects/itabashi-vendor"]}}]}}, "high"),
], ids=["external-ip-allow-all", "enforce-off", "reset", "own-list"])
def test_a_policy_nobody_declared_on_the_project_is_found(live, policy, severity):
    live.state["orgPolicies"].append({**policy, "name": f"projects/{PROJECT_NUMBER}/policies/{policy['name']}"})
    report = drift_of(live)
    assert findings(report) == {("unmanaged", severity, "g_org_policy")}
    assert report.findings[0].key == (policy["name"],)


def test_a_flow_log_sink_that_excludes_the_flow_logs_is_high(live):
    """Session 21's red team: the internet layer's flow-log sink left in place, same destination
    and filter, with an exclusion matching every flow log ("If a log entry is matched by both
    filter and one of exclusions it does not get exported", LogSink): nothing reaches the
    bucket. An exclusion switched off excludes nothing and is no change."""
    sink = next(s for s in live.state["logSinks"] if s["name"].endswith("/gc131199-internet-flowlogs-sink"))
    sink["exclusions"] = [{"name": "quiet", "filter": 'logName:"vpc_flows"'},
                          {"name": "old", "filter": "severity<ERROR", "disabled": True}]
    (finding,) = drift_of(live).findings
    assert (finding.category, finding.severity, finding.kind, finding.details["field"]) == (
        "changed", "high", "g_log_sink", "exclusions")
    assert finding.actual == ['logName:"vpc_flows"'] and finding.expected == []
