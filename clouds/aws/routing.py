"""The transit gateway's routing and the data center's BGP sessions, derived from a
planned (or exported) inventory, as AWS would compute them.

- A route table holds its static routes (forward or blackhole) and what the attachments
  propagated into it: a VPC attachment its VPC's CIDR, a Direct Connect gateway or VPN
  attachment what the data center advertises on that layer's sessions.
- Lookup is longest prefix first; for one prefix a static route wins over a propagated
  one, and a Direct Connect route over a VPN route ("Route evaluation order", Amazon VPC
  Transit Gateways guide; ../shared/DOMAIN.md).
- A session is one transit VIF (line, layer, VLAN) or one VPN connection. The cloud
  advertises on a VIF its gateway association's allowed prefixes, and on a VPN what the
  route table associated with the VPN attachment holds.

The review draws the data center's table from `sessions`; the tests prove the layer
separation and the failover with `Routing.lookup`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from netaddr import IPNetwork

from inventory.tokens import AWS
from network.model import NetworkModel

#: route origin -> preference for one prefix (lower wins)
PREFERENCE = {"static": 0, "vpc": 1, "dx": 2, "vpn": 3}


@dataclass(frozen=True)
class Attachment:
    urn: str  # the resource the attachment comes from (VPC attachment, gateway association, VPN)
    kind: str  # vpc | dx | vpn
    layer: str


@dataclass(frozen=True)
class Route:
    prefix: str
    origin: str  # static | vpc | dx | vpn
    target: Attachment | None  # None: blackhole


@dataclass
class Table:
    urn: str
    name: str
    layer: str | None
    associated: list[Attachment] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)

    def lookup(self, address: str, without: frozenset = frozenset()) -> Route | None:
        """The route an address takes, with the `without` origins withdrawn (e.g. {"dx"}:
        the lines are down)."""
        host = IPNetwork(address)
        best = None
        for route in self.routes:
            if route.origin in without or host not in IPNetwork(route.prefix):
                continue
            key = (-IPNetwork(route.prefix).prefixlen, PREFERENCE[route.origin])
            if best is None or key < best[0]:
                best = (key, route)
        return best[1] if best else None


@dataclass
class Session:
    """One BGP session the data center configures."""

    kind: str  # dx | vpn
    layer: str
    name: str  # the VIF or VPN connection
    line: str | None  # the declared line, or "VPN <peer address>"
    vlan: int | None
    cloud_asn: int | None
    cloud_advertises: list[str]
    datacenter_advertises: list[str]


@dataclass
class Routing:
    tables: dict[str, Table]
    attachments: dict[str, Attachment]
    sessions: list[Session]

    def table_of(self, attachment_urn: str) -> Table | None:
        """The table an attachment's traffic is looked up in (its association)."""
        return next((t for t in self.tables.values() if any(a.urn == attachment_urn for a in t.associated)), None)

    def by_kind(self, kind: str, layer: str | None = None) -> list[Attachment]:
        return [a for a in self.attachments.values() if a.kind == kind and layer in (None, a.layer)]


def datacenter_advertises(model: NetworkModel, layer: str) -> list[str]:
    """What the data center advertises on a layer's sessions: the layer's on-prem prefixes,
    the on-prem far ends of the layer's declared flows (leaked at the data center's
    firewall), and the default route where the layer leaves through the data center."""
    routing = model.layer(layer)
    prefixes = list(routing.onprem) + [r.prefix for r in routing.reach if r.onprem]
    if routing.default_via_datacenter:
        prefixes.append("0.0.0.0/0")
    return list(dict.fromkeys(prefixes))


def derive(model: NetworkModel, resources) -> Routing:
    """The routing of a planned inventory (a list of inventory.view.Resource)."""
    by_urn = {r.urn: r for r in resources}
    layer_of = {r.urn: r.tagged_layer for r in resources}
    vpc_cidr = {r.urn: r.get("cidrBlock") for r in resources if r.type == AWS.VPC}
    attachments: dict[str, Attachment] = {}
    propagates: dict[str, list[str]] = {}
    for r in resources:
        if r.type == AWS.TGW_VPC_ATTACHMENT:
            attachments[r.urn] = Attachment(r.urn, "vpc", layer_of[r.urn])
            propagates[r.urn] = [vpc_cidr[u] for u in r.ref("vpcId") if u in vpc_cidr]
        elif r.type == AWS.DX_GATEWAY_ASSOCIATION:
            layer = next((layer_of[u] for u in r.ref("dxGatewayId")), None)
            attachments[r.urn] = Attachment(r.urn, "dx", layer)
        elif r.type == AWS.VPN_CONNECTION and r.ref("transitGatewayId"):
            attachments[r.urn] = Attachment(r.urn, "vpn", layer_of[r.urn])
    for a in attachments.values():
        if a.kind != "vpc":
            propagates[a.urn] = datacenter_advertises(model, a.layer) if a.layer else []
    tables = {r.urn: Table(r.urn, r.name, layer_of[r.urn]) for r in resources if r.type == AWS.TGW_ROUTE_TABLE}

    def attachment(r, prop: str) -> Attachment | None:
        return next((attachments[u] for u in r.ref(prop) if u in attachments), None)

    for r in resources:
        table = next((tables[u] for u in r.ref("transitGatewayRouteTableId") if u in tables), None)
        if table is None:
            continue
        if r.type == AWS.TGW_ASSOCIATION and attachment(r, "transitGatewayAttachmentId"):
            table.associated.append(attachment(r, "transitGatewayAttachmentId"))
        elif r.type == AWS.TGW_PROPAGATION and attachment(r, "transitGatewayAttachmentId"):
            source = attachment(r, "transitGatewayAttachmentId")
            table.routes += [Route(p, source.kind, source) for p in propagates[source.urn]]
        elif r.type == AWS.TGW_ROUTE:
            target = None if r.get("blackhole") else attachment(r, "transitGatewayAttachmentId")
            table.routes.append(Route(r.get("destinationCidrBlock"), "static", target))
    routing = Routing(tables, attachments, [])
    routing.sessions = _sessions(model, resources, by_urn, routing)
    return routing


def _sessions(model, resources, by_urn, routing: Routing) -> list[Session]:
    allowed = {}
    for r in resources:
        if r.type == AWS.DX_GATEWAY_ASSOCIATION:
            for gateway in r.ref("dxGatewayId"):
                allowed[gateway] = list(r.get("allowedPrefixes") or [])
    sessions = []
    for r in resources:
        if r.type in (AWS.DX_TRANSIT_VIF, AWS.DX_HOSTED_TRANSIT_VIF_ACCEPTOR):
            gateway = next(iter(r.ref("dxGatewayId")), None)
            layer = by_urn[gateway].tagged_layer if gateway in by_urn else None
            asn = by_urn[gateway].get("amazonSideAsn") if gateway in by_urn else None
            line = str((r.tags or {}).get("Name") or r.name).removeprefix(f"{model.spec.stack}-")
            sessions.append(Session("dx", layer, r.name, line.removesuffix(f"-{layer}"), r.get("vlan"),
                                    int(asn) if asn else None, allowed.get(gateway, []),
                                    datacenter_advertises(model, layer) if layer else []))
        elif r.type == AWS.VPN_CONNECTION and r.urn in routing.attachments:
            attachment = routing.attachments[r.urn]
            table = routing.table_of(r.urn)
            advertised = [x.prefix for x in table.routes if x.target is not None and x.target != attachment] \
                if table else []
            peer = next((by_urn[u].get("ipAddress") for u in r.ref("customerGatewayId") if u in by_urn), None)
            sessions.append(Session("vpn", attachment.layer, r.name, f"VPN {peer}" if peer else None, None,
                                    model.transit_asn,
                                    list(dict.fromkeys(advertised)), datacenter_advertises(model, attachment.layer)))
    return sessions


@dataclass(frozen=True)
class StaticRoute:
    """A static route of a layer's transit route table: to another layer's VPC attachment
    for a declared flow (`via` is that layer), or a blackhole (`via` None)."""

    prefix: str
    via: str | None
    flow: str | None = None


def static_routes(routing) -> list[StaticRoute]:
    """The static routes of the `<layer>` table, in the order TransitHub creates them. A flow
    to another layer's on-prem prefix has none: it arrives by BGP through the data center."""
    reach = {r.prefix for r in routing.reach}
    # one route per destination: two flows to one system share it
    routes = [StaticRoute(r.prefix, r.via_layer, r.flow)
              for r in {x.prefix: x for x in reversed(routing.reach) if not x.onprem}.values()]
    blackholes = [p for p in routing.blackholes if p not in reach]
    if routing.closed:
        blackholes.append("0.0.0.0/0")
    return routes + [StaticRoute(prefix, None) for prefix in blackholes]
