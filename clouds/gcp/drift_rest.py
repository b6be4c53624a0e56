"""Cloud KMS keys and Cloud Logging buckets and sinks for drift, read through their REST APIs.

google-cloud-compute has no client for either, and the official google-cloud-kms and
google-cloud-logging clients would pull a protobuf major version the Pulumi SDK does not
support; the four list calls below are plain GETs of documented JSON, through one
google-auth session that refuses every other method (drift/readonly.py), with the same
retry as the Compute reads. Response bodies as the API references give them:
- keyRings.list: `{"keyRings": [KeyRing], "nextPageToken"}`, KeyRing.name
  `projects/*/locations/*/keyRings/*`;
- cryptoKeys.list: `{"cryptoKeys": [CryptoKey], "nextPageToken"}`, CryptoKey.primary is
  the primary CryptoKeyVersion (with its `state`: ENABLED, DISABLED, DESTROY_SCHEDULED,
  DESTROYED, ...), omitted when there is none; `rotationPeriod`, `labels`;
- logging buckets.list over `locations/-` ("supplying the character - in place of
  [LOCATION_ID] will return all buckets"): `{"buckets": [LogBucket], "nextPageToken"}`,
  LogBucket.name `projects/*/locations/*/buckets/*`, `retentionDays`, `locked`,
  `lifecycleState`, `cmekSettings.kmsKeyName`;
- sinks.list (`GET v2/projects/*/sinks`, permission logging.sinks.list): `{"sinks":
  [LogSink], "nextPageToken"}`, LogSink `name`, `destination`, `filter`, `disabled`,
  `exclusions[]` (LogExclusion `name`, `filter`, `disabled`);
- Resource Manager projects.get (`GET v1/projects/{projectId}`): a Project with
  `projectNumber`, to read a service project's service agent in the plan's terms;
- Network Connectivity Center spokes.list (`GET v1/projects/*/locations/*/spokes`,
  permission networkconnectivity.spokes.list): `{"spokes": [Spoke], "nextPageToken",
  "unreachable"}`, Spoke `name`, `hub`, `state`, and exactly one of `linkedVpcNetwork.uri`,
  `linkedInterconnectAttachments.uris`, `linkedVpnTunnels.uris`,
  `linkedRouterApplianceInstances.instances[].virtualMachine`;
- Network Connectivity policyBasedRoutes.list (`GET v1/projects/*/locations/global/
  policyBasedRoutes`, permission networkconnectivity.policyBasedRoutes.list):
  `{"policyBasedRoutes": [PolicyBasedRoute], "nextPageToken"}`, PolicyBasedRoute `name`,
  `network`, `filter` (`srcRange`, `destRange`, `ipProtocol`), `priority`, `nextHopIlbIp` or
  `nextHopOtherRoutes`, `virtualMachine.tags` or `interconnectAttachment.region`;
- Organization Policy policies.list (`GET v2/projects/*/policies`, permission
  orgpolicy.policies.list): `{"policies": [Policy], "nextPageToken"}`, Policy `name`
  (`projects/{number or id}/policies/{constraint}`) and `spec` (`rules[]` with `values.allowedValues`,
  `values.deniedValues`, `allowAll`, `denyAll`, `enforce`, `condition`; `inheritFromParent`, `reset`);
- Serverless VPC Access connectors.list (`GET v1/projects/*/locations/*/connectors`,
  permission vpcaccess.connectors.list): `{"connectors": [Connector], "nextPageToken"}`,
  Connector `name`, `network` (a network's name) or `subnet` (`name`, `projectId`),
  `ipCidrRange`, `state` (READY, CREATING, DELETING, ERROR, UPDATING), `connectedProjects`.
What answers from the internet (Cloud SQL, GKE, Cloud Run) is read in clouds/gcp/drift_public.py.
"""
from __future__ import annotations

from clouds.gcp.declared import bucket_props, last, members_elsewhere, org_policy_props, sink_props
from drift.items import Item

KMS = "https://cloudkms.googleapis.com"
LOGGING = "https://logging.googleapis.com"
RESOURCE_MANAGER = "https://cloudresourcemanager.googleapis.com"
NETWORK_CONNECTIVITY = "https://networkconnectivity.googleapis.com"
VPC_ACCESS = "https://vpcaccess.googleapis.com"
ORG_POLICY = "https://orgpolicy.googleapis.com"
#: the buckets (and the sinks feeding them) Google makes in every project: not the tenancy's
GOOGLE_BUCKETS = ("_Default", "_Required")


def session(credentials):
    """A read-only AuthorizedSession for the REST reads."""
    import google.auth
    from google.auth.transport.requests import AuthorizedSession

    from drift.readonly import read_only_session
    if credentials is None:
        credentials, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])
    return read_only_session(AuthorizedSession(credentials))


class RestLists:
    """Every page of a REST list, counted per call like the Compute reads."""

    def __init__(self, http, calls, endpoint: str | None, retry):
        self.http, self.calls, self.endpoint, self.retry = http, calls, endpoint, retry
        self.numbers: dict[str, str] = {}  # project id -> number, read when an API answers disabled

    def _page(self, url: str, params: dict) -> dict:
        from google.api_core import exceptions
        response = self.http.get(url, params=params, timeout=60)
        if response.status_code >= 400:
            raise exceptions.from_http_response(response)
        return response.json()

    def post(self, url: str) -> dict:
        """A read Google Cloud makes with POST (getIamPolicy; drift.readonly lets no other through)."""
        from google.api_core import exceptions
        response = self.http.post(url, json={}, timeout=60)
        if response.status_code >= 400:
            raise exceptions.from_http_response(response)
        return response.json()

    def one(self, base: str, path: str, label: str, project: str | None = None) -> dict:
        """One read. With `project`, an API disabled in that very project answers {} (as `each`
        lists nothing)."""
        self.calls[label] += 1
        try:
            return self.retry(self._page)(f"{self.endpoint or base}/{path}", {})
        except Exception as exc:  # google.api_core's PermissionDenied, from the response
            if project is not None and self._disabled_in(exc, project):
                return {}
            raise

    def each(self, base: str, path: str, field: str, label: str, project: str | None = None):
        """Every entry of a list (`pages`)."""
        for page in self.pages(base, path, label, project):
            yield from page.get(field) or []

    def pages(self, base: str, path: str, label: str, project: str | None = None):
        """Every page of a list, whole (for what a page says besides its entries, such as the
        locations it could not reach). With `project` (the project the list is of), an API that
        is disabled in that very project lists nothing: nothing of it can exist there (Google
        answers 403 with an ErrorInfo of reason SERVICE_DISABLED naming the consumer project).
        Disabled in another consumer project (the credentials' quota project), it is an error:
        the list could not be read."""
        url, token = f"{self.endpoint or base}/{path}", None
        while True:
            self.calls[label] += 1
            try:
                page = self.retry(self._page)(url, {"pageToken": token} if token else {})
            except Exception as exc:  # google.api_core's PermissionDenied, from the response
                if project is not None and self._disabled_in(exc, project):
                    return
                raise
            yield page
            token = page.get("nextPageToken")
            if not token:
                return

    def _disabled_in(self, exc, project: str) -> bool:
        """Whether `exc` says the API is disabled in `project` itself (by id or number)."""
        details = getattr(exc, "details", None) or []
        infos = [d for d in details if isinstance(d, dict) and d.get("reason") == "SERVICE_DISABLED"]
        if getattr(exc, "code", None) != 403 or not infos:
            return False
        consumer = str((infos[0].get("metadata") or {}).get("consumer", ""))
        if consumer == f"projects/{project}":
            return True
        if project not in self.numbers:
            self.numbers[project] = str(self.one(RESOURCE_MANAGER, f"v1/projects/{project}",
                                                 "resourcemanager.projects.get")["projectNumber"])
        return consumer == f"projects/{self.numbers[project]}"


NETWORK_USER = "roles/compute.networkUser"


def project_network_users(lists: RestLists, project: str) -> list[Item]:
    """Who holds roles/compute.networkUser on the host project as a whole (Resource Manager
    projects.getIamPolicy, `POST v1/projects/{resource}:getIamPolicy`; permission
    resourcemanager.projects.getIamPolicy): such a grant lets its member use every subnet of
    every layer. The stack grants the role per subnet only, so any member is undeclared."""
    lists.calls["resourcemanager.projects.getIamPolicy"] += 1
    policy = lists.retry(lists.post)(f"{lists.endpoint or RESOURCE_MANAGER}/v1/projects/{project}:getIamPolicy")
    members = set()
    for binding in policy.get("bindings") or []:
        if binding.get("role") != NETWORK_USER:
            continue
        condition = (binding.get("condition") or {}).get("title")  # a conditional grant is still one
        members |= {f"{m} (if {condition})" if condition else m for m in binding.get("members") or []}
    members = sorted(members)
    return [Item("g_shared_vpc", (project, "project-wide network users"), "shared", {"members": members}, project)] \
        if members else []


def project_numbers(lists: RestLists, projects) -> dict[str, str]:
    """Each project's number (Resource Manager projects.get, `GET v1/projects/{projectId}`:
    a Project with `projectNumber`; permission resourcemanager.projects.get), one call per
    service project."""
    return {p: str(lists.one(RESOURCE_MANAGER, f"v1/projects/{p}", "resourcemanager.projects.get")["projectNumber"])
            for p in projects}


def kms_keys(lists: RestLists, project: str, locations, ours, code: str, layer_of, projects=()) -> list[Item]:
    """Every key of the project's key rings in `locations` that is the tenancy's: by name
    (ring or key) or by its municipality-code label. A key whose primary version is not
    ENABLED cannot encrypt (or soon decrypt) what it protects. Each key's IAM policy too
    (cryptoKeys.getIamPolicy, `GET v1/{resource}:getIamPolicy`, permission
    cloudkms.cryptoKeys.getIamPolicy; a Policy, `bindings` omitted when there are none):
    anyone let use the layer's key but Google's service agents and the tenancy's projects'
    own accounts (`projects`, the host's included) reads the layer's data from outside."""
    items = []
    for location in locations:
        for ring in lists.each(KMS, f"v1/projects/{project}/locations/{location}/keyRings", "keyRings",
                               "kms.keyRings.list"):
            ring_name = last(ring["name"])
            for key in lists.each(KMS, f"v1/{ring['name']}/cryptoKeys", "cryptoKeys", "kms.cryptoKeys.list"):
                name, labels = last(key["name"]), key.get("labels") or {}
                if not (ours(ring_name) or ours(name) or labels.get("municipality-code") == code):
                    continue
                policy = lists.one(KMS, f"v1/{key['name']}:getIamPolicy", "kms.cryptoKeys.getIamPolicy")
                items.append(Item("g_kms_key", (ring_name, name), labels.get("layer") or layer_of(name),
                                  {"state": (key.get("primary") or {}).get("state", "NO_PRIMARY_VERSION"),
                                   "rotation": key.get("rotationPeriod"), "location": location,
                                   "members_elsewhere": members_elsewhere(policy.get("bindings"),
                                                                          (project, *projects))}, key["name"]))
    return items


def log_buckets(lists: RestLists, project: str, layer_of) -> list[Item]:
    """Every log bucket of the project, in every location, but Google's own two."""
    items = []
    for bucket in lists.each(LOGGING, f"v2/projects/{project}/locations/-/buckets", "buckets",
                             "logging.buckets.list"):
        parts = bucket["name"].split("/")  # projects/<p>/locations/<l>/buckets/<id>
        bucket_id, location = parts[-1], parts[-3]
        if bucket_id in GOOGLE_BUCKETS:
            continue
        items.append(Item("g_log_bucket", (bucket_id,), layer_of(bucket_id), bucket_props(
            location, bucket.get("retentionDays"), bucket.get("locked"), bucket.get("lifecycleState", "ACTIVE"),
            (bucket.get("cmekSettings") or {}).get("kmsKeyName")), bucket["name"]))
    return items


def log_sinks(lists: RestLists, project: str, layer_of) -> list[Item]:
    """Every log sink of the project but Google's own two: where it sends which logs."""
    items = []
    for sink in lists.each(LOGGING, f"v2/projects/{project}/sinks", "sinks", "logging.sinks.list"):
        name = last(sink["name"])
        if name in GOOGLE_BUCKETS:
            continue
        items.append(Item("g_log_sink", (name,), layer_of(name),
                          sink_props(sink.get("destination"), sink.get("filter"), sink.get("disabled"), project,
                                     sink.get("exclusions")),
                          sink["name"]))
    return items


def org_policies(lists: RestLists, project: str) -> list[Item]:
    """Every organization policy set on the project itself (one list): the stack's own
    (gcp.resourceLocations, the domestic regions) and any other, which replaces for this project
    what the organization or a folder above decides (the Digital Agency's guardrails among them)."""
    return [Item("g_org_policy", (last(policy["name"]),), "shared", org_policy_props(policy.get("spec")),
                 policy["name"])
            for policy in lists.each(ORG_POLICY, f"v2/projects/{project}/policies", "policies",
                                     "orgpolicy.policies.list")]


def ncc_spokes(lists: RestLists, project: str, locations, layer_of_link) -> list[Item]:
    """Every Network Connectivity Center spoke of the project (VPC spokes are `global`,
    hybrid ones regional: one list per location in `locations`). A spoke joins what it links
    (a layer's network, its VLAN attachments or tunnels, a router appliance VM) to a hub,
    whose other spokes (another layer's network, someone's VPN) then exchange routes with it:
    a path between networks no route, peering or firewall rule of the layer shows. The stack
    declares none. `layer_of_link(url)`: the layer of a linked network, attachment or tunnel."""
    items = []
    for location in locations:
        for spoke in lists.each(NETWORK_CONNECTIVITY, f"v1/projects/{project}/locations/{location}/spokes",
                                "spokes", "networkconnectivity.spokes.list", project):
            if spoke.get("state") in ("DELETING",):
                continue
            appliances = (spoke.get("linkedRouterApplianceInstances") or {}).get("instances") or []
            linked = [(spoke.get("linkedVpcNetwork") or {}).get("uri"),
                      *((spoke.get("linkedInterconnectAttachments") or {}).get("uris") or []),
                      *((spoke.get("linkedVpnTunnels") or {}).get("uris") or []),
                      *(i.get("virtualMachine") for i in appliances)]
            linked = sorted(u for u in linked if u)
            layers = sorted({layer for layer in map(layer_of_link, linked) if layer})
            items.append(Item("g_ncc_spoke", (last(spoke["name"]),), layers[0] if layers else None,
                              {"hub": last(spoke.get("hub")), "linked": [last(u) for u in linked],
                               "layers": layers, "location": location}, spoke["name"]))
    return items


def vpc_connectors(lists: RestLists, projects: dict, regions, network_layer, subnet_layer) -> list[Item]:
    """Every Serverless VPC Access connector on a layer's network, in the host project and
    each service project (`projects`: project -> the prefix its items are keyed with), one
    list per project and declared region. A connector lets the project's Cloud Run services
    and functions (reachable from the internet at their own URLs) send traffic into the
    layer's network, past every route and firewall rule between the layer and the internet.
    The stack declares none. `network_layer`/`subnet_layer`: a layer network's or subnet's
    layer by name, None for anything else (not the tenancy's: not read)."""
    items = []
    for project, prefix in projects.items():
        for region in regions:
            for c in lists.each(VPC_ACCESS, f"v1/projects/{project}/locations/{region}/connectors", "connectors",
                                "vpcaccess.connectors.list", project):
                subnet = (c.get("subnet") or {}).get("name")
                layer = network_layer(c["network"]) if c.get("network") else subnet_layer(subnet)
                if layer is None or c.get("state") == "DELETING":
                    continue
                items.append(Item("g_vpc_connector", (prefix + last(c["name"]),), layer,
                                  {"network": c.get("network"), "subnet": subnet, "range": c.get("ipCidrRange"),
                                   "used_by": sorted(c.get("connectedProjects") or []), "region": region},
                                  c["name"]))
    return items


def policy_based_routes(lists: RestLists, project: str, network_layer) -> list[Item]:
    """Every policy-based route on a layer's network (one list, global): it takes precedence
    over every other route ("If a policy-based route conflicts with other types of routes,
    the policy-based route always takes precedence"), so one sending the layer's traffic to a
    load balancer's address steers it through whatever is behind that, past the layer's
    declared routes. The stack declares none. `network_layer`: a layer network's layer by
    name, None for anything else (not read)."""
    items = []
    for route in lists.each(NETWORK_CONNECTIVITY, f"v1/projects/{project}/locations/global/policyBasedRoutes",
                            "policyBasedRoutes", "networkconnectivity.policyBasedRoutes.list", project):
        layer = network_layer(last(route.get("network")))
        if layer is None:
            continue
        flt = route.get("filter") or {}
        items.append(Item("g_pbr", (last(route["name"]),), layer, {
            "network": last(route.get("network")), "priority": route.get("priority"),
            "from": flt.get("srcRange", "0.0.0.0/0"), "to": flt.get("destRange", "0.0.0.0/0"),
            "protocol": flt.get("ipProtocol", "ALL"),
            "next_hop": route.get("nextHopIlbIp") or route.get("nextHopOtherRoutes"),
            "applies_to": sorted((route.get("virtualMachine") or {}).get("tags") or []) or
            ([f"attachments in {(route.get('interconnectAttachment') or {}).get('region')}"]
             if route.get("interconnectAttachment") else ["every VM"])}, route["name"]))
    return items
