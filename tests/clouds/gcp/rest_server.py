"""The REST APIs the loopback server answers besides Compute and Cloud DNS (compute_server.py
routes every GET of /v1/... and /v2/... here): Resource Manager projects.get, Serverless VPC
Access connectors, Network Connectivity Center spokes and policy-based routes, Cloud SQL Admin
instances, Kubernetes Engine clusters, Cloud Run services, AlloyDB instances and clusters, Cloud
KMS key rings, keys and their IAM policies, Organization Policy policies, and Cloud Logging sinks
and buckets, with the bodies of their API references; an API the state names disabled answers
403 SERVICE_DISABLED."""
from __future__ import annotations


def answer(server, path: str) -> tuple[int, dict]:
    """(status, body) for a GET of `path` ("/v1/..." or "/v2/...")."""
    parts = path.strip("/").split("/")  # v1, projects, <p>, locations, <l>, ...
    if parts[0] == "v1" and len(parts) == 3 and parts[1] == "projects":
        # Resource Manager projects.get: a Project, its number a decimal string
        number = server.state["projectNumbers"].get(parts[2])
        if number is None:
            return 403, {"error": {"code": 403, "message": "permission denied or no project"}}
        return 200, {"projectNumber": number, "projectId": parts[2], "lifecycleState": "ACTIVE", "name": parts[2]}
    alloydb = len(parts) in (7, 8) and parts[5] == "clusters"  # AlloyDB's instances (aggregated) or a cluster
    api = "alloydb" if alloydb else {"connectors": "vpcaccess", "spokes": "networkconnectivity",
                                     "instances": "sqladmin", "clusters": "container", "services": "run",
                                     "policyBasedRoutes": "networkconnectivity"}.get(parts[-1])
    if parts[0] in ("v1", "v2") and api in server.state["disabledApis"]:
        # an API not enabled: 403, an ErrorInfo of reason SERVICE_DISABLED naming the consumer
        return (403, {"error": {
            "code": 403, "status": "PERMISSION_DENIED",
            "message": f"{api} API has not been used in project before or it is disabled.",
            "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED",
                         "domain": "googleapis.com",
                         "metadata": {"service": f"{api}.googleapis.com",
                                      "consumer": server.state["disabledApis"][api] or
                                      f"projects/{parts[2]}"}}]}})
    if parts[0] == "v1" and len(parts) == 6 and parts[5] == "connectors":
        # vpcaccess connectors.list, the host's or a service project's: ListConnectorsResponse
        return 200, {"connectors": server.state["vpcConnectors"].get((parts[2], parts[4]), [])}
    if parts[0] == "v1" and len(parts) == 6 and parts[3:] == ["locations", "-", "clusters"]:
        # GKE clusters.list over every location: ListClustersResponse
        return 200, {"clusters": server.state["gkeClusters"].get(parts[2], []), **server.state.get("gkeMissing", {})}
    if parts[0] == "v1" and alloydb and len(parts) == 8 and parts[3:7] == ["locations", "-", "clusters", "-"]:
        # AlloyDB instances.list over every cluster and location: ListInstancesResponse
        return 200, {"instances": server.state["alloydbInstances"].get(parts[2], []),
                     "unreachable": server.state.get("alloydbUnreachable", [])}
    if parts[0] == "v1" and alloydb and len(parts) == 7:
        # AlloyDB clusters.get: a Cluster (networkConfig.network), or 404
        cluster = server.state["alloydbClusters"].get("/".join(parts[1:]))
        return (200, cluster) if cluster else (404, {"error": {"code": 404, "message": "cluster not found"}})
    if parts[0] == "v2" and len(parts) == 6 and parts[5] == "services":
        # Cloud Run Admin v2 services.list, the host's or a service project's, one region each
        # ("cannot be the \"-\" wildcard"): ListServicesResponse (an empty list omits `services`)
        found = server.state["runServices"].get((parts[2], parts[4]), [])
        return 200, {"services": found} if found else {}
    if parts[0] == "v1" and len(parts) == 4 and parts[3] == "instances":
        # Cloud SQL Admin instances.list: InstancesListResponse (an empty list omits `items`)
        found = server.state["sqlInstances"].get(parts[2], [])
        return 200, {"kind": "sql#instancesList", **({"items": found} if found else {})}
    if parts[1:3] != ["projects", server.project] or parts[3:4] not in (["locations"], ["sinks"],
                                                                        ["policies"]):
        return 404, {"error": {"code": 404, "message": "unknown project"}}
    if parts[0] == "v1" and len(parts) == 6 and parts[4:] == ["global", "policyBasedRoutes"]:
        return 200, {"policyBasedRoutes": server.state["policyBasedRoutes"]}
    if parts[0] == "v1" and len(parts) == 6 and parts[5] == "spokes":
        # networkconnectivity spokes.list: ListSpokesResponse
        return 200, {"spokes": server.state["nccSpokes"].get(parts[4], []), "unreachable": []}
    if parts[0] == "v1" and len(parts) == 6 and parts[5] == "keyRings":
        return 200, {"keyRings": server.state["keyRings"].get(parts[4], [])}
    if parts[0] == "v1" and len(parts) == 9 and parts[8].endswith(":getIamPolicy"):
        # cryptoKeys.getIamPolicy: a Policy, bindings omitted when there are none
        key = "/".join(parts[1:8] + [parts[8].split(":", 1)[0]])
        bindings = server.state["keyIam"].get(key, [])
        return 200, {"version": 1, "etag": "BwYAAAAAAAA=", **({"bindings": bindings} if bindings else {})}
    if parts[0] == "v1" and len(parts) == 8 and parts[7] == "cryptoKeys":
        ring = "/".join(parts[1:7])
        return 200, {"cryptoKeys": server.state["cryptoKeys"].get(ring, [])}
    if parts[0] == "v2" and len(parts) == 4 and parts[3] == "policies":
        # orgpolicy policies.list: ListPoliciesResponse ("empty if no policies are set")
        return 200, {"policies": server.state["orgPolicies"]} if server.state["orgPolicies"] else {}
    if parts[0] == "v2" and len(parts) == 4 and parts[3] == "sinks":
        return 200, {"sinks": server.state["logSinks"]}
    if parts[0] == "v2" and len(parts) == 6 and parts[4] == "-" and parts[5] == "buckets":
        return 200, {"buckets": server.state["logBuckets"]}
    return 404, {"error": {"code": 404, "message": f"not served: {path}"}}
