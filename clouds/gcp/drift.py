"""The live Google Cloud side of drift through google-cloud-compute (REST transport): one
list or aggregated-list call per kind for the whole project, clients read-only, retries on
throttling and unavailability. Each subnet's IAM policy, one call per subnet. Cloud KMS
keys, log buckets and log sinks through their REST APIs (clouds/gcp/drift_rest.py), on the
same terms."""
from __future__ import annotations

from collections import Counter

from clouds.gcp.declared import (admin_enabled, advertising, firewall_props, last as _last, network_props,
                                 peer_props, ranges, secondary_cidrs, subnet_members, terms, tunnel_props,
                                 flow_log_detail)
from drift.items import OUTSIDE, Item, most_closed
from drift.readonly import ReadOnlyGcpClient
from network.catalog import LAYER_IDS


def _layer(name: str) -> str | None:
    return next((t for t in name.split("-") if t in LAYER_IDS), None)


def _retry():
    from google.api_core import exceptions, retry
    return retry.Retry(predicate=retry.if_exception_type(exceptions.TooManyRequests, exceptions.ServiceUnavailable,
                                                          exceptions.InternalServerError),
                       initial=0.5, maximum=16.0, multiplier=2.0, timeout=120.0)


class GcpScanner:
    def __init__(self, project: str, prefix: str, endpoint: str | None = None, credentials=None,
                 locations: tuple = (), code: str = "", service_projects: tuple = ()):
        """`locations`: where key rings are listed (the declared regions, and `global`, where
        a key ring made by mistake would sit); `code`: the municipality code keys are
        labelled with; `service_projects`: the Shared VPC service projects the stack declares,
        whose VMs and load balancers sit on the host's subnets."""
        from google.api_core.client_options import ClientOptions
        from google.cloud import compute_v1

        from clouds.gcp.drift_rest import RestLists, session
        self.project, self.prefix, self.locations, self.code = project, prefix, tuple(locations), code
        self.service_projects = tuple(service_projects)
        self.calls: Counter = Counter()
        # one endpoint (an emulator, a private endpoint) serves the three APIs; a bare host is https
        base = None if not endpoint else endpoint if "://" in endpoint else f"https://{endpoint}"
        self.rest = RestLists(session(credentials), self.calls, base, _retry())
        options = ClientOptions(api_endpoint=endpoint) if endpoint else None

        def make(cls):
            return ReadOnlyGcpClient(cls(credentials=credentials, client_options=options, transport="rest"))

        self.networks = make(compute_v1.NetworksClient)
        self.subnetworks = make(compute_v1.SubnetworksClient)
        self.firewalls = make(compute_v1.FirewallsClient)
        self.routes = make(compute_v1.RoutesClient)
        self.routers = make(compute_v1.RoutersClient)
        self.instances = make(compute_v1.InstancesClient)
        self.attachments = make(compute_v1.InterconnectAttachmentsClient)
        self.tunnels = make(compute_v1.VpnTunnelsClient)
        self.projects = make(compute_v1.ProjectsClient)
        self.firewall_policies = make(compute_v1.NetworkFirewallPoliciesClient)
        self.mirrorings = make(compute_v1.PacketMirroringsClient)
        self.forwarding = make(compute_v1.ForwardingRulesClient)
        self.global_forwarding = make(compute_v1.GlobalForwardingRulesClient)
        self.service_attachments = make(compute_v1.ServiceAttachmentsClient)
        self.backend_services = make(compute_v1.BackendServicesClient)
        self.instance_groups = make(compute_v1.InstanceGroupsClient)
        self.endpoint_groups = make(compute_v1.NetworkEndpointGroupsClient)

    def _list(self, client, label: str, aggregated: bool = False, project: str | None = None):
        """Every entry of a list (or aggregated list) of the host project, or of `project`."""
        from google.protobuf.json_format import MessageToDict
        self.calls[label] += 1
        method = client.aggregated_list if aggregated else client.list
        pager = method(project=project or self.project, retry=_retry())
        if aggregated:
            for _, scoped in pager:
                for field in ("subnetworks", "routers", "instances", "interconnect_attachments", "vpn_tunnels",
                              "firewall_policies", "packet_mirrorings", "forwarding_rules", "service_attachments",
                              "backend_services", "instance_groups", "network_endpoint_groups"):
                    for entry in getattr(scoped, field, []) or []:
                        yield MessageToDict(entry._pb)
        else:
            for entry in pager:
                yield MessageToDict(entry._pb)

    def _external_backends(self, project: str, mine: set) -> list[Item]:
        """A project's backend services of external load balancers whose backends are groups on
        a layer network (three aggregated lists: the services, the instance groups and the
        network endpoint groups, each naming its network)."""
        from clouds.gcp.drift_paths import external_backends
        services = list(self._list(self.backend_services, "backendServices.aggregatedList", True, project))
        if not any(str(s.get("loadBalancingScheme", "")).startswith("EXTERNAL") for s in services):
            return []  # no external load balancer: the groups are not read
        groups = [*self._list(self.instance_groups, "instanceGroups.aggregatedList", True, project),
                  *self._list(self.endpoint_groups, "networkEndpointGroups.aggregatedList", True, project)]
        return external_backends(services, groups, mine, _layer)

    def _effective_firewalls(self, network: str) -> dict:
        """networks.getEffectiveFirewalls: what applies to the network, hierarchical policies
        set on the organization or a folder above the project included."""
        from google.protobuf.json_format import MessageToDict
        self.calls["networks.getEffectiveFirewalls"] += 1
        return MessageToDict(self.networks.get_effective_firewalls(project=self.project, network=network,
                                                                   retry=_retry())._pb)

    def _shared_vpc(self) -> list[Item]:
        """The projects attached to this host project (one paged call). None attached: no
        item, so a project that is not a host reads as nothing rather than as a change."""
        from google.api_core import exceptions
        from google.protobuf.json_format import MessageToDict
        self.calls["projects.getXpnResources"] += 1
        try:
            pager = self.projects.get_xpn_resources(project=self.project, retry=_retry())
            members = _xpn_members(MessageToDict(r._pb) for r in pager)
        except (exceptions.BadRequest, exceptions.NotFound):
            members = []  # a project that was never made a Shared VPC host may be answered with an error
        return [Item("g_shared_vpc", (self.project, "service projects"), "shared", {"members": members},
                     self.project)] if members else []

    def _route_policies(self, router: dict):
        """A router's route policies: one call per router (there is no aggregated read)."""
        from google.protobuf.json_format import MessageToDict
        self.calls["routers.listRoutePolicies"] += 1
        region = _last(router.get("region"))
        for policy in self.routers.list_route_policies(project=self.project, region=region, router=router["name"],
                                                       retry=_retry()):
            yield MessageToDict(policy._pb)

    def _subnet_members(self, subnet: dict) -> list[str]:
        """Who may use a subnet (Shared VPC: roles/compute.networkUser on it), as "role
        member": one getIamPolicy call per subnet (there is no aggregated read)."""
        self.calls["subnetworks.getIamPolicy"] += 1
        policy = self.subnetworks.get_iam_policy(project=self.project, region=_last(subnet.get("region")),
                                                 resource=subnet["name"], retry=_retry())
        return subnet_members((b.role, m) for b in policy.bindings for m in b.members)

    def ours(self, name: str | None) -> bool:
        return bool(name) and name.startswith(self.prefix)

    def scan(self) -> list[Item]:
        items: list[Item] = []
        networks = {}
        for n in self._list(self.networks, "networks.list"):
            if not self.ours(n["name"]):
                continue
            networks[n.get("selfLink", n["name"])] = n["name"]
            items.append(Item("network", (n["name"],), _layer(n["name"]),
                              network_props(n.get("autoCreateSubnetworks"),
                                            (n.get("routingConfig") or {}).get("routingMode") or "REGIONAL"),
                              n.get("selfLink")))
            for peering in n.get("peerings", []):
                items.append(Item("g_peering", (n["name"], peering["name"]), _layer(n["name"]),
                                  {"peer": _last(peering.get("network"))}, n.get("selfLink")))
        mine = set(networks.values())

        def in_ours(url):
            return _last(url) in mine

        for s in self._list(self.subnetworks, "subnetworks.aggregatedList", True):
            if in_ours(s.get("network")) or self.ours(s["name"]):
                items.append(Item("g_subnet", (s["name"],), _layer(s["name"]),
                                  {"cidr": s["ipCidrRange"], "region": _last(s.get("region")),
                                   "private_google_access": bool(s.get("privateIpGoogleAccess")),
                                   "flow_logs": bool((s.get("logConfig") or {}).get("enable")),
                                   **flow_log_detail(s.get("logConfig")),
                                   # EXTERNAL: the subnet's VMs can have IPv6 addresses reachable from the internet
                                   "external_ipv6": s.get("ipv6AccessType") == "EXTERNAL",
                                   "secondary_cidrs": secondary_cidrs(s.get("secondaryIpRanges"))}, s.get("selfLink")))
                items.append(Item("g_subnet_access", (s["name"],), _layer(s["name"]),
                                  {"members": self._subnet_members(s)}, s.get("selfLink")))
        for f in self._list(self.firewalls, "firewalls.list"):
            if in_ours(f.get("network")):
                items.append(Item("firewall", (f["name"],), _layer(_last(f["network"])), firewall_props(f),
                                  f.get("selfLink")))
        for r in self._list(self.routes, "routes.list"):
            if in_ours(r.get("network")):
                items.append(Item("g_route", (r["name"],), _layer(_last(r["network"])),
                                  {"dest": r.get("destRange"), "next_hop": _next_hop(r)}, r.get("selfLink")))
        router_layers: dict[str, str | None] = {}  # each router on one of our networks -> its layer
        for r in self._list(self.routers, "routers.aggregatedList", True):
            if not in_ours(r.get("network")):
                continue
            layer = router_layers[r["name"]] = _layer(_last(r["network"]))
            bgp = r.get("bgp") or {}
            items.append(Item("router", (r["name"],), layer,
                              {"asn": int(bgp["asn"]) if bgp.get("asn") else None,
                               "advertised": ranges(bgp.get("advertisedIpRanges")), **advertising(bgp)},
                              r.get("selfLink")))
            for nat in r.get("nats", []):
                items.append(Item("g_nat", (nat["name"],), layer, {}, r.get("selfLink")))
            for peer in r.get("bgpPeers", []):
                # a partner attachment's session is created by Google at activation
                # (managementType MANAGED_BY_ATTACHMENT): expected until it is adopted
                managed = {"managed_by": "attachment"} if peer.get("managementType") == "MANAGED_BY_ATTACHMENT" else {}
                items.append(Item("g_bgp_peer", (r["name"], peer["name"]), layer, {**peer_props(peer), **managed},
                                  r.get("selfLink")))
            for policy in self._route_policies(r):
                items.append(Item("g_route_policy", (r["name"], policy["name"]), layer,
                                  {"type": policy.get("type"), "terms": terms(policy.get("terms"))}, r.get("selfLink")))

        def on_our_router(entry) -> bool:
            """A tunnel or a line attachment is the tenancy's by its name or by the router it
            lands on, whatever it is called: a VLAN attachment named anything on a layer's
            router still carries routes into the layer."""
            return self.ours(entry["name"]) or _last(entry.get("router")) in router_layers

        def layer_of(entry):
            return router_layers.get(_last(entry.get("router"))) or _layer(entry["name"])

        for t in self._list(self.tunnels, "vpnTunnels.aggregatedList", True):
            if on_our_router(t):
                items.append(Item("g_vpn_tunnel", (t["name"],), layer_of(t), tunnel_props(t), t.get("selfLink")))
        # the host's VMs, and the service projects' VMs on the host's subnets (Shared VPC: the
        # systems' VMs live in their own projects, on the layers' networks)
        for project in (self.project, *self.service_projects):
            for inst in self._list(self.instances, "instances.aggregatedList", True, project):
                items += _instance_items(inst, mine, "" if project == self.project else f"{project}/")
        for a in self._list(self.attachments, "interconnectAttachments.aggregatedList", True):
            if on_our_router(a):
                items.append(Item("attachment", (a["name"],), layer_of(a),
                                  {"type": a.get("type"), "region": _last(a.get("region")),
                                   "tags": a.get("labels") or {}, "router": _last(a.get("router")),
                                   "enabled": admin_enabled(a.get("adminEnabled"))}, a.get("selfLink")))
        from clouds.gcp.drift_paths import (firewall_policies, forwarding_rules, hierarchy_policies, packet_mirrorings,
                                            service_attachments)
        items += firewall_policies(self._list(self.firewall_policies, "networkFirewallPolicies.aggregatedList", True),
                                   mine, _layer)
        items += hierarchy_policies({n: self._effective_firewalls(n) for n in sorted(mine)}, _layer)
        items += packet_mirrorings(self._list(self.mirrorings, "packetMirrorings.aggregatedList", True), mine, _layer)
        # load balancers and Private Service Connect on the layers' networks: the host's (and its
        # global rules), and each service project's own, keyed project/name
        for project in (self.project, *self.service_projects):
            host = project == self.project
            listed = [*self._list(self.forwarding, "forwardingRules.aggregatedList", True, project),
                      *(self._list(self.global_forwarding, "globalForwardingRules.list") if host else [])]
            rules, network_of = forwarding_rules(listed, mine, _layer)
            published = service_attachments(
                self._list(self.service_attachments, "serviceAttachments.aggregatedList", True, project),
                network_of, mine, _layer)
            items += _in_project(rules + published + self._external_backends(project, mine), "" if host else
                                 f"{project}/")
        items += self._shared_vpc()
        from clouds.gcp.drift_rest import kms_keys, log_buckets, log_sinks, org_policies, project_network_users
        items += project_network_users(self.rest, self.project)
        items += org_policies(self.rest, self.project)
        from clouds.gcp.drift_dns import dns_items
        items += dns_items(self.rest, self.project, mine, self.ours, _layer)
        items += kms_keys(self.rest, self.project, self.locations, self.ours, self.code, _layer, self.service_projects)
        items += log_buckets(self.rest, self.project, _layer)
        items += log_sinks(self.rest, self.project, _layer)
        from clouds.gcp.drift_rest import ncc_spokes, policy_based_routes, vpc_connectors
        links = {i.key[0]: i.layer for i in items if i.kind in ("network", "attachment", "g_vpn_tunnel")}
        items += ncc_spokes(self.rest, self.project, self.locations, lambda url: links.get(_last(url)))
        def network_layer(name):  # a layer network's layer; None for any other network
            return _layer(name) if name in mine else None

        items += policy_based_routes(self.rest, self.project, network_layer)
        subnets = {i.key[0]: i.layer for i in items if i.kind == "g_subnet"}
        projects = {self.project: "", **{p: f"{p}/" for p in self.service_projects}}
        items += vpc_connectors(self.rest, projects, [loc for loc in self.locations if loc != "global"],
                                network_layer, subnets.get)
        from clouds.gcp.drift_public import answering_publicly
        items += answering_publicly(self.rest, projects, [loc for loc in self.locations if loc != "global"],
                                    network_layer, subnets.get)
        return items


def _in_project(items: list[Item], prefix: str) -> list[Item]:
    """Items keyed by their name within a project: a service project's as `project/name`."""
    return [Item(i.kind, (prefix + i.key[0], *i.key[1:]), i.layer, i.props, i.ref) for i in items] if prefix else items


def _instance_items(inst: dict, networks: set, prefix: str = "") -> list[Item]:
    """A VM's findings on the layers' networks: a bridge between two of them, and each
    external address (accessConfigs: IPv4; ipv6AccessConfigs: an external IPv6 range).
    `prefix` names a service project's VM (`project/name`)."""
    items = _in_project(_bridge(inst, networks), prefix)
    for nic in inst.get("networkInterfaces", []):
        if _last(nic.get("network")) not in networks:
            continue
        addresses = [c.get("natIP") or "ephemeral" for c in nic.get("accessConfigs") or []] + \
            [c.get("externalIpv6") or "ephemeral" for c in nic.get("ipv6AccessConfigs") or []]
        if addresses:
            items.append(Item("g_public_ip", (prefix + inst["name"],), _layer(_last(nic["network"])),
                              {"address": addresses[0], "addresses": addresses}, inst.get("selfLink")))
    return items


def _bridge(instance: dict, networks: set) -> list[Item]:
    """A VM with interfaces in the networks of more than one layer (a multi-NIC instance), or
    in a layer's network and one that is none of the tenancy's (a vendor's maintenance
    network, the project's default), routes between them itself, past every firewall rule
    between the networks: one `g_bridge` item, named by the more closed layer and attributed
    to both ends."""
    on = {_last(nic.get("network")) for nic in instance.get("networkInterfaces", [])}
    ours, outside = on & networks, sorted(n for n in on - networks if n)
    ends = {str(_layer(n)) for n in ours} | ({OUTSIDE} if outside else set())
    if not ours or len(ends) < 2:
        return []
    return [Item("g_bridge", (instance["name"],), most_closed(ends),
                 {"layers": sorted(ends), "networks": sorted(ours) + outside}, instance.get("selfLink"))]


def _xpn_members(resources) -> list[str]:
    """The projects attached to a Shared VPC host (projects.getXpnResources: "Service
    resources (a.k.a service projects) attached to this project as their shared VPC host")."""
    return sorted(str(r.get("id")) for r in resources if r.get("type") == "PROJECT")


def _next_hop(route: dict) -> str | None:
    gateway = route.get("nextHopGateway")
    if gateway:
        return "default-internet-gateway" if gateway.endswith("default-internet-gateway") else _last(gateway)
    for key in ("nextHopIp", "nextHopInstance", "nextHopVpnTunnel", "nextHopIlb", "nextHopPeering"):
        if route.get(key):
            return f"{key}:{_last(str(route[key]))}"
    return None


def scan(tenancy, options: dict) -> tuple[list[Item], int]:
    """(live items, API calls) for a tenancy. options: endpoint (an emulator or a private
    endpoint; an http:// one is used without credentials), credentials.
    Unreachable or refusing: clouds.EnvironmentProblem."""
    from google.api_core import exceptions as gx
    from google.auth import exceptions as ax

    from clouds.base import EnvironmentProblem
    endpoint, credentials = options.get("endpoint"), options.get("credentials")
    if credentials is None and endpoint and endpoint.startswith("http://"):
        from google.auth.credentials import AnonymousCredentials
        credentials = AnonymousCredentials()  # an emulator or a private test endpoint
    spec = tenancy.spec
    try:
        scanner = GcpScanner(spec.gcp_project, f"gc{spec.municipality.code}-", endpoint, credentials,
                             tuple(dict.fromkeys((*spec.regions, "global"))), spec.municipality.code,
                             spec.system_accounts())
        items = scanner.scan()
        if options.get("desired") != "state" and spec.system_accounts():
            from clouds.gcp.drift_rest import project_numbers
            _in_plan_terms(items, project_numbers(scanner.rest, spec.system_accounts()))
    except ax.DefaultCredentialsError:
        raise EnvironmentProblem("no Google Cloud credentials: run `gcloud auth application-default login` or set "
                                 "GOOGLE_APPLICATION_CREDENTIALS (roles in drift/iam/gcp-roles.md)") from None
    except (gx.RetryError, gx.ServiceUnavailable, gx.Forbidden, gx.Unauthorized) as exc:
        raise EnvironmentProblem(f"Google Cloud is unreachable or refused the read: {exc}") from None
    except Exception as exc:  # requests' connection errors come through the REST transport
        if type(exc).__name__ in ("ConnectionError", "TransportError"):
            raise EnvironmentProblem(f"Google Cloud is unreachable: {exc}") from None
        raise
    return items, sum(scanner.calls.values())


def _in_plan_terms(items: list[Item], numbers: dict[str, str]) -> None:
    """A service project's service agent (`<number>@cloudservices.gserviceaccount.com`, the
    member Shared VPC grants a subnet to) named as the offline plan names it: the plan cannot
    know a project's number and writes a stand-in (clouds/gcp/mocks.py). Only the declared
    service projects' own numbers are rewritten: any other project's agent stays as read, so
    a subnet shared with it is still found."""
    from clouds.gcp.mocks import stand_in_number
    agents = {f"serviceAccount:{number}@cloudservices.gserviceaccount.com":
              f"serviceAccount:{stand_in_number(project)}@cloudservices.gserviceaccount.com"
              for project, number in numbers.items()}
    ids = {number: project for project, number in numbers.items()}
    for item in items:
        if item.kind == "g_subnet_access":
            grants = (entry.split(" ", 1) for entry in item.props["members"])
            item.props["members"] = subnet_members((role, agents.get(member, member)) for role, member in grants)
        elif item.kind == "g_shared_vpc":  # getXpnResources may name a project by its number
            item.props["members"] = sorted(ids.get(member, member) for member in item.props["members"])
