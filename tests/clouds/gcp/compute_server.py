"""A loopback HTTP server that serves Compute API JSON for one project, from a state the
tests own and change. It answers the list and aggregated-list calls the scanner makes,
subnetworks.getIamPolicy, networks.getEffectiveFirewalls, projects.getXpnResources, Resource Manager's projects.getIamPolicy
(the one POST it answers), Cloud DNS (managedZones, rrsets, policies), and the other REST APIs drift
reads (rest_server.py), with the bodies of their API references; it refuses every other
method (and records it), and stops with the tests."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from inventory.tokens import GCP
from tests.clouds.gcp.rest_server import answer

BASE = "https://www.googleapis.com/compute/v1"
GLOBAL = {"networks": "networks", "firewalls": "firewalls", "routes": "routes",
          "forwardingRules": "globalForwardingRules"}  # URL collection -> state key
AGGREGATED = {"subnetworks": "subnetworks", "routers": "routers", "instances": "instances",
              "interconnectAttachments": "interconnectAttachments", "vpnTunnels": "vpnTunnels",
              # networkFirewallPolicies.aggregatedList (global and regional policies) and packetMirrorings
              "firewallPolicies": "firewallPolicies", "packetMirrorings": "packetMirrorings",
              "forwardingRules": "forwardingRules", "serviceAttachments": "serviceAttachments",
              # external load balancers' back ends and the groups they name (zonal: instance groups, NEGs)
              "backendServices": "backendServices", "instanceGroups": "instanceGroups",
              "networkEndpointGroups": "networkEndpointGroups"}
ZONAL = ("instances", "instanceGroups", "networkEndpointGroups")


#: the tenancy project's number, as the Org Policy API names a project's policies
PROJECT_NUMBER = "604712345678"


class ComputeServer:
    def __init__(self, project: str):
        self.project = project
        self.state: dict = {"networks": [], "firewalls": [], "routes": [], "subnetworks": {}, "routers": {},
                            "instances": {}, "interconnectAttachments": {}, "vpnTunnels": {},
                            "firewallPolicies": {}, "packetMirrorings": {},  # "global" or region -> [entries]
                            "forwardingRules": {}, "serviceAttachments": {}, "globalForwardingRules": [],
                            "backendServices": {}, "instanceGroups": {}, "networkEndpointGroups": {},
                            "routePolicies": {},  # (region, router) -> [RoutePolicy]
                            "keyRings": {},  # location -> [KeyRing]
                            "cryptoKeys": {},  # key ring name (projects/*/locations/*/keyRings/*) -> [CryptoKey]
                            "logBuckets": [],  # [LogBucket], every location
                            "subnetIam": {},  # (region, subnet) -> [Binding]
                            "logSinks": [],  # [LogSink]
                            "projectNumbers": {},  # project id -> number (Resource Manager)
                            "xpnResources": [],  # [XpnResourceId] attached to this host project
                            "projectBindings": [],  # [Binding] of the project's own IAM policy
                            # Cloud DNS: zones, records (zone name -> rrsets), policies, response policies
                            "dnsZones": [], "dnsRecords": {}, "dnsPolicies": [],
                            "dnsResponsePolicies": [], "dnsResponseRules": {},
                            # a service project's own lists: project -> collection -> zone/region -> [entries]
                            "serviceProjects": {},
                            # hierarchical firewall policies above the project: network -> [EffectiveFirewallPolicy]
                            "effectiveFirewallPolicies": {},
                            "nccSpokes": {},  # Network Connectivity Center: location -> [Spoke]
                            "vpcConnectors": {},  # Serverless VPC Access: (project, region) -> [Connector]
                            "keyIam": {},  # crypto key name (projects/*/.../cryptoKeys/*) -> [Binding]
                            "policyBasedRoutes": [],  # [PolicyBasedRoute]
                            "sqlInstances": {},  # Cloud SQL Admin: project -> [DatabaseInstance]
                            "gkeClusters": {},  # Kubernetes Engine: project -> [Cluster]
                            "runServices": {},  # Cloud Run: (project, region) -> [Service]
                            # AlloyDB: project -> [Instance]; cluster name (projects/*/locations/*/clusters/*) -> Cluster
                            "alloydbInstances": {}, "alloydbClusters": {},
                            "orgPolicies": [],  # [Policy] set on the project (Org Policy API v2)
                            # an API disabled: its name (networkconnectivity, vpcaccess) -> the consumer
                            # project Google names in the 403 (projects/<id or number>); None: the
                            # project read, as for a resource-based API
                            "disabledApis": {}}
        self.requests: list[tuple[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, code, body):
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                server.requests.append(("GET", self.path))
                path = self.path.split("?", 1)[0]
                if path.startswith(("/v1/", "/v2/")):
                    return self._rest(path)
                if path.startswith(f"/dns/v1/projects/{server.project}/"):
                    return self._dns(path.split("/")[5:])
                prefix = f"/compute/v1/projects/{server.project}/"
                other = path.split("/")
                if not path.startswith(prefix) and len(other) == 7 and other[5] == "aggregated" and \
                        other[6] in AGGREGATED:
                    # a Shared VPC service project's own aggregated list (its VMs, its load balancers)
                    lists = server.state["serviceProjects"].get(other[4], {}).get(other[6], {})
                    return self._aggregated(other[6], lists)
                if not path.startswith(prefix):
                    return self._send(404, {"error": {"code": 404, "message": "unknown project"}})
                rest = path[len(prefix):]
                scope, _, collection = rest.partition("/")
                if rest == "getXpnResources" and server.state.get("notAHost"):
                    return self._send(400, {"error": {"code": 400, "message": "project is not a shared VPC host"}})
                if rest == "getXpnResources":
                    # projects.getXpnResources: ProjectsGetXpnResources, service projects in `resources`
                    return self._send(200, {"kind": "compute#projectsGetXpnResources",
                                            "resources": server.state["xpnResources"]})
                if scope == "global" and collection in GLOBAL:
                    return self._send(200, {"kind": f"compute#{collection}List", "items": server.state[GLOBAL[collection]]})
                parts = rest.split("/")
                if len(parts) == 5 and parts[0] == "regions" and parts[2] == "routers" and parts[4] == "listRoutePolicies":
                    # routers.listRoutePolicies: RoutersListRoutePolicies, the policies in `result`
                    policies = server.state["routePolicies"].get((parts[1], parts[3]), [])
                    return self._send(200, {"kind": "compute#routersListRoutePolicies", "result": policies})
                if len(parts) == 5 and parts[0] == "regions" and parts[2] == "subnetworks" and parts[4] == "getIamPolicy":
                    # subnetworks.getIamPolicy: a Policy, bindings omitted when there are none
                    bindings = server.state["subnetIam"].get((parts[1], parts[3]), [])
                    return self._send(200, {"version": 1, "etag": "BwYAAAAAAAA=",
                                            **({"bindings": bindings} if bindings else {})})
                if len(parts) == 4 and parts[:2] == ["global", "networks"] and parts[3] == "getEffectiveFirewalls":
                    # networks.getEffectiveFirewalls: the network's VPC rules in `firewalls`, the
                    # hierarchical (and global network) policies in `firewallPolicys`
                    firewalls = [f for f in server.state["firewalls"] if str(f.get("network", "")).endswith(
                        f"/networks/{parts[2]}")]
                    return self._send(200, {"firewalls": firewalls, "firewallPolicys":
                                            server.state["effectiveFirewallPolicies"].get(parts[2], [])})
                if scope == "aggregated" and collection in AGGREGATED:
                    return self._aggregated(collection, server.state[collection])
                return self._send(404, {"error": {"code": 404, "message": f"not served: {path}"}})

            def _aggregated(self, collection, lists):
                """An aggregated list: each zone's (instances), region's or `global`'s entries."""
                items = {"global" if where == "global" else
                         f"{'zones' if collection in ZONAL else 'regions'}/{where}": {collection: entries}
                         for where, entries in lists.items()}
                return self._send(200, {"kind": f"compute#{collection}AggregatedList", "items": items})

            def _rest(self, path):
                return self._send(*answer(server, path))

            def _dns(self, parts):
                # Cloud DNS v1: managedZones.list, resourceRecordSets.list, policies.list
                if parts == ["managedZones"]:
                    return self._send(200, {"kind": "dns#managedZonesListResponse",
                                            "managedZones": server.state["dnsZones"]})
                if len(parts) == 3 and parts[0] == "managedZones" and parts[2] == "rrsets":
                    return self._send(200, {"kind": "dns#resourceRecordSetsListResponse",
                                            "rrsets": server.state["dnsRecords"].get(parts[1], [])})
                if parts == ["responsePolicies"]:
                    return self._send(200, {"kind": "dns#responsePoliciesListResponse",
                                            "responsePolicies": server.state["dnsResponsePolicies"]})
                if len(parts) == 3 and parts[0] == "responsePolicies" and parts[2] == "rules":
                    return self._send(200, {"kind": "dns#responsePolicyRulesListResponse",
                                            "responsePolicyRules": server.state["dnsResponseRules"].get(parts[1], [])})
                if parts == ["policies"]:
                    return self._send(200, {"kind": "dns#policiesListResponse", "policies": server.state["dnsPolicies"]})
                return self._send(404, {"error": {"code": 404, "message": f"not served: {parts}"}})

            def _refuse(self):
                server.requests.append((self.command, self.path))
                self._send(405, {"error": {"code": 405, "message": "read-only test server"}})

            def do_POST(self):
                if self.path.split("?", 1)[0] != f"/v1/projects/{server.project}:getIamPolicy":
                    return self._refuse()
                server.requests.append(("POST", self.path))
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                # Resource Manager projects.getIamPolicy: a Policy, bindings omitted when there are none
                bindings = server.state["projectBindings"]
                return self._send(200, {"version": 1, "etag": "BwYAAAAAAAA=",
                                        **({"bindings": bindings} if bindings else {})})

            do_PUT = do_PATCH = do_DELETE = _refuse

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def link(self, *parts: str) -> str:
        return "/".join([BASE, "projects", self.project, *parts])

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def materialize(server: ComputeServer, inventory: dict) -> None:
    """The declared state of a Google Cloud stack as the Compute API would list it (a copy:
    a test that tampers with the state never touches the declaration)."""
    import copy

    from drift.desired import Declared
    declared = Declared(copy.deepcopy(inventory))
    state = server.state
    # every project has Google's own two log buckets (not the tenancy's: drift leaves them out)
    state["logBuckets"] += [
        {"name": f"projects/{server.project}/locations/global/buckets/_Required", "retentionDays": 400,
         "locked": True, "lifecycleState": "ACTIVE"},
        {"name": f"projects/{server.project}/locations/global/buckets/_Default", "retentionDays": 30,
         "lifecycleState": "ACTIVE"}]
    state["logSinks"] += [
        {"name": f"projects/{server.project}/sinks/{name}", "filter": "",
         "destination": f"logging.googleapis.com/projects/{server.project}/locations/global/buckets/{name}"}
        for name in ("_Required", "_Default")]

    def network_link(r):
        return server.link("global", "networks", declared.name(declared.ref(r, "network")))

    for r in declared.resources:
        i, t = r.props, r.type
        if t == GCP.NETWORK:
            state["networks"].append({"name": i["name"], "selfLink": server.link("global", "networks", i["name"]),
                                      "autoCreateSubnetworks": i.get("autoCreateSubnetworks", False),
                                      "routingConfig": {"routingMode": i.get("routingMode")}, "peerings": []})
        elif t == GCP.SUBNETWORK:
            state["subnetworks"].setdefault(i["region"], []).append({
                "name": i["name"], "network": network_link(r), "ipCidrRange": i["ipCidrRange"],
                "region": server.link("regions", i["region"]), "privateIpGoogleAccess": i.get("privateIpGoogleAccess"),
                # as the API reports a subnet's flow logs: the settings given, each named as in pulumi_gcp
                "logConfig": {"enable": bool(i.get("logConfig")), **{k: v for k, v in (i.get("logConfig") or {}).items()
                                                                    if k != "enable"}}})
        elif t == GCP.FIREWALL:
            entry = {"name": i["name"], "network": network_link(r), "direction": i["direction"],
                     "priority": i["priority"], "logConfig": {"enable": True, "metadata": "INCLUDE_ALL_METADATA"}}
            for key in ("sourceRanges", "destinationRanges"):
                if i.get(key):
                    entry[key] = i[key]
            for ours, theirs in (("allows", "allowed"), ("denies", "denied")):
                if i.get(ours):
                    entry[theirs] = [{"IPProtocol": a["protocol"], **({"ports": a["ports"]} if a.get("ports") else {})}
                                     for a in i[ours]]
            state["firewalls"].append(entry)
        elif t == GCP.ROUTE:
            state["routes"].append({"name": i["name"], "network": network_link(r), "destRange": i["destRange"],
                                    "priority": i.get("priority", 1000),
                                    "nextHopGateway": server.link("global", "gateways", i["nextHopGateway"])})
        elif t == GCP.ROUTER:
            bgp = i.get("bgp") or {}
            state["routers"].setdefault(i["region"], []).append({
                "name": i["name"], "network": network_link(r), "region": server.link("regions", i["region"]),
                "bgp": {k: v for k, v in (("asn", bgp.get("asn")), ("advertiseMode", bgp.get("advertiseMode")),
                                          ("advertisedIpRanges", bgp.get("advertisedIpRanges"))) if v is not None},
                "nats": [], "bgpPeers": []})
        elif t == GCP.VPN_TUNNEL:
            state["vpnTunnels"].setdefault(i["region"], []).append({
                "name": i["name"], "region": server.link("regions", i["region"]),
                "router": server.link("regions", i["region"], "routers", i["router"].rsplit("/", 1)[-1]),
                "vpnGateway": server.link("regions", i["region"], "vpnGateways", i["vpnGateway"].rsplit("/", 1)[-1]),
                "peerExternalGateway": server.link("global", "externalVpnGateways",
                                                   i["peerExternalGateway"].rsplit("/", 1)[-1]),
                "vpnGatewayInterface": i.get("vpnGatewayInterface"), "ikeVersion": i.get("ikeVersion", 2),
                "status": "ESTABLISHED", "sharedSecretHash": "hash-of-the-secret"})
        elif t == GCP.SHARED_VPC_SERVICE:
            # as the plan writes it; a test puts in a real number (and the members it names)
            from clouds.gcp.mocks import stand_in_number
            state["projectNumbers"][i["serviceProject"]] = stand_in_number(i["serviceProject"])
            state["xpnResources"].append({"type": "PROJECT", "id": i["serviceProject"]})
        elif t == GCP.SUBNETWORK_IAM_MEMBER:
            bindings = state["subnetIam"].setdefault((i["region"], declared.name(declared.ref(r, "subnetwork"))
                                                      if declared.ref(r, "subnetwork") else i["subnetwork"]), [])
            binding = next((b for b in bindings if b["role"] == i["role"]), None)
            if binding is None:
                bindings.append({"role": i["role"], "members": [i["member"]]})
            else:
                binding["members"].append(i["member"])
        elif t == GCP.LOGGING_SINK:
            state["logSinks"].append({"name": f"projects/{server.project}/sinks/{i['name']}",
                                      "destination": i["destination"], "filter": i.get("filter", ""),
                                      "writerIdentity": "serviceAccount:service-1@gcp-sa-logging.iam.gserviceaccount.com"})
        elif t == GCP.ORG_POLICY:
            # a Policy as the API returns it: named by the project's number, its spec with an etag
            constraint = i["name"].rsplit("/", 1)[-1]
            state["orgPolicies"].append({"name": f"projects/{PROJECT_NUMBER}/policies/{constraint}", "spec": {
                **copy.deepcopy(i["spec"]), "etag": "CNa1qKwGEJj+4BE=", "updateTime": "2026-04-01T00:00:00.123Z"},
                "etag": "CNa1qKwGEJj+4BE="})
        elif t == GCP.KMS_KEY_RING:
            state["keyRings"].setdefault(i["location"], []).append(
                {"name": f"projects/{server.project}/locations/{i['location']}/keyRings/{i['name']}",
                 "createTime": "2026-04-01T00:00:00Z"})
        elif t == GCP.KMS_CRYPTO_KEY:
            key = f"{i['keyRing']}/cryptoKeys/{i['name']}"
            state["cryptoKeys"].setdefault(i["keyRing"], []).append({
                "name": key, "purpose": i.get("purpose", "ENCRYPT_DECRYPT"), "labels": i.get("labels") or {},
                "primary": {"name": f"{key}/cryptoKeyVersions/1", "state": "ENABLED", "protectionLevel": "SOFTWARE",
                            "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION"},
                "rotationPeriod": i.get("rotationPeriod"), "nextRotationTime": "2026-07-01T00:00:00Z",
                "destroyScheduledDuration": i.get("destroyScheduledDuration", "2592000s"),
                "versionTemplate": {"protectionLevel": "SOFTWARE", "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION"}})
            # the stack's CryptoKeyIAMMember: the Log Router's service agent may use the key
            state["keyIam"][key] = [{"role": "roles/cloudkms.cryptoKeyEncrypterDecrypter",
                                     "members": ["serviceAccount:cmek-p1@gcp-sa-logging.iam.gserviceaccount.com"]}]
        elif t == GCP.LOGGING_BUCKET:
            bucket = {"name": f"projects/{server.project}/locations/{i['location']}/buckets/{i['bucketId']}",
                      "retentionDays": i.get("retentionDays", 30), "locked": bool(i.get("locked")),
                      "lifecycleState": "ACTIVE"}
            if i.get("cmekSettings"):
                bucket["cmekSettings"] = {"kmsKeyName": i["cmekSettings"]["kmsKeyName"],
                                          "serviceAccountId": "cmek-p1@gcp-sa-logging.iam.gserviceaccount.com"}
            state["logBuckets"].append(bucket)
        elif t == GCP.DNS_ZONE:
            networks = [{"networkUrl": server.link("global", "networks", n["networkUrl"].rsplit("/", 1)[-1])}
                        for n in (i.get("privateVisibilityConfig") or {}).get("networks") or []]
            state["dnsZones"].append({"name": i["name"], "dnsName": i["dnsName"], "id": str(len(state["dnsZones"]) + 1),
                                      "visibility": i.get("visibility", "public"), "description": i.get("description"),
                                      **({"privateVisibilityConfig": {"networks": networks}} if networks else {})})
            state["dnsRecords"][i["name"]] = [  # made by Cloud DNS in every zone
                {"name": i["dnsName"], "type": "SOA", "ttl": 21600,
                 "rrdatas": ["ns-gcp-private.googledomains.com. cloud-dns-hostmaster.google.com. 1 21600 3600 259200 300"]},
                {"name": i["dnsName"], "type": "NS", "ttl": 21600, "rrdatas": ["ns-gcp-private.googledomains.com."]}]
        elif t == GCP.DNS_POLICY:
            state["dnsPolicies"].append({"name": i["name"], "id": str(len(state["dnsPolicies"]) + 1),
                                         "enableInboundForwarding": bool(i.get("enableInboundForwarding")),
                                         "enableLogging": bool(i.get("enableLogging")),
                                         "networks": [{"networkUrl": server.link("global", "networks",
                                                                                 n["networkUrl"].rsplit("/", 1)[-1])}
                                                      for n in i.get("networks") or []]})
        elif t == GCP.INTERCONNECT_ATTACHMENT:
            state["interconnectAttachments"].setdefault(i["region"], []).append({
                "name": i["name"], "region": server.link("regions", i["region"]), "type": i["type"],
                "labels": r.tags, "router": server.link("regions", i["region"], "routers",
                                                        declared.name(declared.ref(r, "router"))),
                "adminEnabled": i.get("adminEnabled", True)})
    for r in declared.resources:
        if r.type == GCP.DNS_RECORD_SET:  # after the zones
            i = r.props
            state["dnsRecords"][i["managedZone"]].append({"name": i["name"], "type": i["type"], "ttl": i.get("ttl"),
                                                          "rrdatas": i.get("rrdatas") or []})
        if r.type == GCP.ROUTER_NAT:
            region, router = r.props["region"], declared.name(declared.ref(r, "router"))
            next(x for x in state["routers"][region] if x["name"] == router)["nats"].append({"name": r.props["name"]})
        elif r.type == GCP.ROUTER_PEER:
            i = r.props
            peer = {"name": i["name"], "interfaceName": i.get("interface"), "peerIpAddress": i.get("peerIpAddress"),
                    "peerAsn": i.get("peerAsn"), "advertisedRoutePriority": i.get("advertisedRoutePriority"),
                    "advertiseMode": i.get("advertiseMode"), "advertisedIpRanges": i.get("advertisedIpRanges") or [],
                    "importPolicies": [server.link("regions", i["region"], "routers", i["router"], "routePolicies", p)
                                       for p in i.get("importPolicies") or []],
                    "managementType": "MANAGED_BY_USER", "enable": "TRUE"}
            next(x for x in state["routers"][i["region"]] if x["name"] == i["router"])["bgpPeers"].append(peer)
        elif r.type == GCP.ROUTER_ROUTE_POLICY:
            i = r.props
            state["routePolicies"].setdefault((i["region"], i["router"]), []).append(
                {"name": i["name"], "type": i.get("type"), "terms": i.get("terms") or [], "fingerprint": "AAAA"})
