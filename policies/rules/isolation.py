"""Three-layer isolation (三層分離), judged over the whole stack at once."""
from __future__ import annotations

from netaddr import IPNetwork

from inventory.tokens import AWS, GCP
from inventory.view import of_types as of
from network.catalog import CLOSED_LAYERS as CLOSED
from network.openness import GOOGLE_API_VIPS, GOOGLE_PROBES, IAP_SOURCES, is_open, outside, reaches_public
from policies.registry import Finding, stack_rule
from policies.rules.addresses import addresses_given, declared_prefixes, prefix_lists, undeclared_public
from policies.rules.crossings import appliance_routes, aws_allowed_ranges, aws_bridges, other_layers, spaces_of
from policies.rules.public_endpoints import (ALLOW_LISTED, TYPES as PUBLIC_TYPES, external_interface,
                                             internet_ranges, public_findings)

ANY = "0.0.0.0/0"
ANY_V6 = "::/0"
COMMON = dict(family="isolation", needs_declaration=False)


def layer_path(layer):
    return ("layers", layer) if layer else ("layers",)


@stack_rule(id="GOV-ISO-001", severity="critical", **COMMON,
            title_en="No internet gateway, NAT, EIP, public IP or public subnet in mynumber or lgwan",
            title_ja="マイナンバー利用事務系・LGWAN接続系にインターネットゲートウェイ・NAT・EIP・公開IP・公開サブネットを置かない",
            rationale="The closed layers never reach the internet directly (三層の対策), nor answer from it: no "
                      "internet or carrier gateway, no Elastic IP given to their machines (wherever the address "
                      "itself is tagged), no internet-facing load balancer or external forwarding rule, publicly "
                      "accessible database "
                      "or migration instance, launch template handing out public addresses, or service with a "
                      "public endpoint (policies/rules/public_endpoints.py: EKS and GKE control planes and nodes, "
                      "search domains, notebooks, brokers, REST APIs, Cloud Run and functions open to all), and no "
                      "serverless code leaving from the provider's network instead of the layer's (a Lambda function "
                      "or build outside a VPC, App Runner with DEFAULT egress, Cloud Run or a function without "
                      "ALL_TRAFFIC egress).",
            remediation="Remove the resource (or set internal: true / publicly_accessible: false / ipv4_enabled: "
                        "false / no public address); internet access belongs to the internet layer, through the "
                        "data center.")
def closed_layers_stay_closed(resources, ctx):
    for r in of(resources, AWS.INTERNET_GATEWAY, AWS.EGRESS_ONLY_INTERNET_GATEWAY, AWS.INTERNET_GATEWAY_ATTACHMENT,
                AWS.NAT_GATEWAY, AWS.EIP, GCP.ROUTER_NAT, GCP.ADDRESS, CARRIER_GATEWAY):
        layer = ctx.layer(r)
        if r.type == GCP.ADDRESS and r.get("addressType", "EXTERNAL") == "INTERNAL":
            continue
        if layer in CLOSED:
            yield Finding(f"{r.type.split(':')[-1]} {r.name} in layer {layer}", r.urn, layer_path(layer))
    for r, layer in addresses_given(resources, ctx):
        yield Finding(f"{r.type.split(':')[-1]} {r.name} gives an Elastic IP to {layer}'s instance or interface",
                      r.urn, layer_path(layer))
    for r in of(resources, AWS.SUBNET):
        if ctx.layer(r) in CLOSED and r.get("mapPublicIpOnLaunch") is True:
            yield Finding(f"subnet {r.name} gives public IPs", r.urn, layer_path(ctx.layer(r)))
    for r in of(resources, AWS.INSTANCE):
        if ctx.layer(r) in CLOSED and r.get("associatePublicIpAddress") is True:
            yield Finding(f"instance {r.name} has a public IP", r.urn, layer_path(ctx.layer(r)))
    for r in of(resources, GCP.INSTANCE):
        if ctx.layer(r) in CLOSED and external_interface(r):
            yield Finding(f"instance {r.name} has an external IP", r.urn, layer_path(ctx.layer(r)))
    yield from _public_endpoints(resources, ctx)


#: a Wavelength carrier gateway: "to allow inbound traffic from the carrier network" and out to it
#: (pulumi_aws ec2.CarrierGateway, "Manages an EC2 Carrier Gateway"), a public network as an IGW is
CARRIER_GATEWAY = "aws:ec2/carrierGateway:CarrierGateway"
#: load balancers: pulumi-aws "internal: If true, the LB will be internal. Defaults to `false`"
#: (internet-facing unless set); a Classic Load Balancer the same ("By default, Elastic Load
#: Balancing creates an Internet-facing load balancer", ELB API, CreateLoadBalancer Scheme)
LOAD_BALANCERS = ("aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer",
                  "aws:elb/loadBalancer:LoadBalancer")
#: services that take a public address when asked (publicly_accessible "Default is `false`" for
#: RDS and Redshift; a DMS replication instance, public unless told not to, is in
#: policies/rules/public_endpoints.py)
PUBLICLY_ACCESSIBLE = (AWS.RDS_INSTANCE, "aws:redshift/cluster:Cluster")


#: forwarding rules: pulumi_gcp load_balancing_scheme "Default value is `EXTERNAL`" (an empty
#: string is a Private Service Connect endpoint's, which stays inside the network)
GCP_FORWARDING_RULES = ("gcp:compute/forwardingRule:ForwardingRule", "gcp:compute/globalForwardingRule:GlobalForwardingRule")


#: Cloud SQL: ip_configuration.ipv4_enabled "Whether this Cloud SQL instance should be assigned a
#: public IPV4 address"; authorized_networks are the internet ranges allowed to that address.
#: pulumi_gcp documents no default for ipv4_enabled: an instance that leaves it out is not
#: judged (docs/policies.md, documented exceptions).
CLOUD_SQL = "gcp:sql/databaseInstance:DatabaseInstance"


def _public_endpoints(resources, ctx):
    """What a vendor adds in a closed layer that answers from the internet: a load balancer
    not marked internal, a database or migration instance made publicly accessible (a Cloud
    SQL instance with a public IPv4 address), a launch template whose interfaces take a
    public address."""
    for r in of(resources, *LOAD_BALANCERS):
        if ctx.layer(r) in CLOSED and r.get("internal") is not True and r.get("loadBalancerType") != "gateway":
            yield Finding(f"load balancer {r.name} is internet-facing (set internal: true)", r.urn,
                          layer_path(ctx.layer(r)))
    for r in of(resources, *PUBLICLY_ACCESSIBLE):
        if ctx.layer(r) in CLOSED and r.get("publiclyAccessible") is True:
            yield Finding(f"{r.type.rsplit(':', 1)[-1]} {r.name} is publicly accessible", r.urn, layer_path(ctx.layer(r)))
    for r in of(resources, *GCP_FORWARDING_RULES):
        scheme = r.get("loadBalancingScheme")
        if ctx.layer(r) in CLOSED and (scheme is None or scheme in ("EXTERNAL", "EXTERNAL_MANAGED")):
            yield Finding(f"forwarding rule {r.name} is external ({scheme or 'EXTERNAL, the default'}): an internet "
                          "load balancer's front end", r.urn, layer_path(ctx.layer(r)))
    for r in of(resources, CLOUD_SQL):
        ip = (r.get("settings") or {}).get("ipConfiguration") or {}
        public = ip.get("ipv4Enabled") is True or (ip.get("ipv4Enabled") is not False and ip.get("authorizedNetworks"))
        if public and ctx.layer(r) in CLOSED:
            yield Finding(f"Cloud SQL instance {r.name} has a public IPv4 address (settings.ip_configuration."
                          f"{'ipv4_enabled: true' if ip.get('ipv4Enabled') is True else 'authorized_networks'})",
                          r.urn, layer_path(ctx.layer(r)))
    for r in of(resources, AWS.LAUNCH_TEMPLATE):
        if ctx.layer(r) in CLOSED and any(str(n.get("associatePublicIpAddress")).lower() == "true"
                                          for n in r.get("networkInterfaces") or []):
            yield Finding(f"launch template {r.name} gives its instances a public IP", r.urn, layer_path(ctx.layer(r)))
    for r in of(resources, *PUBLIC_TYPES):
        if ctx.layer(r) in CLOSED:
            for instead in public_findings(r):
                yield Finding(f"{r.type.rsplit(':', 1)[-1]} {r.name} answers from the internet in layer "
                              f"{ctx.layer(r)} (set {instead})", r.urn, layer_path(ctx.layer(r)))


def _to_internet(destinations, through_gateway: bool) -> bool:
    """A route that leaves for the internet: a default route (0.0.0.0/0, ::/0), or, through an
    internet (or egress-only) gateway, any destination that holds a public address (0.0.0.0/1,
    a provider's block, 2000::/3)."""
    found = [str(d) for d in destinations if d]
    return any(d in (ANY, ANY_V6) for d in found) or (through_gateway and reaches_public(found))


@stack_rule(id="GOV-ISO-002", severity="critical", needs_declaration=True, family="isolation",
            title_en="No default route (0.0.0.0/0, ::/0) or route to the internet except where declared",
            title_ja="宣言されていないデフォルト経路（0.0.0.0/0・::/0）やインターネットへの経路を置かない",
            rationale="A default route is a way out, and so is any route to public addresses through an internet "
                      "or egress-only gateway (0.0.0.0/1 and 128.0.0.0/1 are the internet too); only the internet "
                      "layer has one, as its egress declares.",
            remediation="Remove the route, or declare the internet layer's egress.")
def default_routes(resources, ctx):
    routing = {r.layer: r for r in ctx.model.routing}

    def allowed(layer, via):
        lr = routing.get(layer)
        return lr is not None and ((via == "transit" and lr.default_via_datacenter) or
                                   (via == "internet" and lr.internet_gateway))

    for r in of(resources, AWS.ROUTE):
        gateway = bool(r.get("gatewayId") or r.get("egressOnlyGatewayId"))
        destinations = (r.get("destinationCidrBlock"), r.get("destinationIpv6CidrBlock"))
        if _to_internet(destinations, gateway):
            layer = ctx.layer(r)
            via = "transit" if r.get("transitGatewayId") else "internet" if gateway else "other"
            if not allowed(layer, via):
                shown = ", ".join(str(d) for d in destinations if d)
                yield Finding(f"route {r.name}: {shown} via {via} in layer {layer}", r.urn, layer_path(layer))
    for r in of(resources, AWS.TGW_ROUTE):
        if r.get("destinationCidrBlock") == ANY and not r.get("blackhole"):
            layer = ctx.layer(r)
            if not allowed(layer, "transit"):
                yield Finding(f"transit route {r.name}: 0.0.0.0/0 in table {layer}", r.urn, layer_path(layer))
    for r in of(resources, GCP.ROUTE):
        internet = "default-internet-gateway" in str(r.get("nextHopGateway") or "") and \
            str(r.get("destRange")) not in GOOGLE_API_VIPS
        if _to_internet([r.get("destRange")], internet) and not allowed(ctx.layer(r), "internet"):
            yield Finding(f"route {r.name}: {r.get('destRange')} in layer {ctx.layer(r)}", r.urn,
                          layer_path(ctx.layer(r)))


@stack_rule(id="GOV-ISO-003", severity="critical", **COMMON,
            title_en="No security group or firewall ingress from the internet (0.0.0.0/0, ::/0 or ranges that "
                     "cover it)",
            title_ja="インターネット全体（0.0.0.0/0・::/0またはそれを覆う範囲）からのセキュリティグループ・"
                     "ファイアウォール受信許可を置かない",
            rationale="Ingress from anywhere contradicts the closed-network model in every layer; openness is what "
                      "the ranges cover, not how they are written (0.0.0.0/1 + 128.0.0.0/1 is 0.0.0.0/0, and ::/0 "
                      "the same for IPv6), and a managed prefix list a group names counts by its entries. In "
                      "mynumber and lgwan any public address is the internet: a source outside the declared "
                      "prefixes (the layers' blocks, data-center prefixes and flows) is refused there, Google's own "
                      "probes aside (health checks, Cloud DNS forwarding; IAP is GOV-ISO-007's). A "
                      "service's own allow-list counts as its firewall: a Cloud SQL or "
                      "AlloyDB instance's authorized networks, an EKS or GKE control plane's public access ranges.",
            remediation="Allow only the prefixes that need access (the layer, its on-prem prefixes, declared flows).")
def open_ingress(resources, ctx):
    """A security group is judged on all its ingress ranges together: its inline rules and every
    standalone rule attached to it (network/openness.py); each resource that adds a public range
    to a group that is open then has the finding (the group, or the rule that opened it). A
    firewall rule is judged on its own."""
    groups: dict = {}  # security group key -> [(the group or a rule of it, its ranges, the group's layer)]
    listed = prefix_lists(resources, ctx)
    declared = declared_prefixes(ctx)
    for r in of(resources, AWS.SECURITY_GROUP):
        groups.setdefault(r.urn, []).append((r, [x for rule in r.get("ingress") or [] for x in (
            *(rule.get("cidrBlocks") or []), *(rule.get("ipv6CidrBlocks") or []))] + listed(r, "ingress"),
            ctx.layer(r)))
    for r in of(resources, AWS.SECURITY_GROUP_RULE, AWS.SECURITY_GROUP_INGRESS_RULE):
        if r.type == AWS.SECURITY_GROUP_RULE and r.get("type") != "ingress":
            continue
        group = ctx.target(r, "securityGroupId")
        key = group.urn if group is not None else ("id", r.get("securityGroupId") or r.urn)
        groups.setdefault(key, []).append((r, [x for x in (*(r.get("cidrBlocks") or []), *(r.get(
            "ipv6CidrBlocks") or []), r.get("cidrIpv4"), r.get("cidrIpv6")) if x] + listed(r, "prefixListIds",
                                                                                         "prefixListId"),
            ctx.layer(group) if group is not None else ctx.layer(r)))
    for members in groups.values():
        every = [x for _, ranges, _ in members for x in ranges]
        for r, ranges, layer in members:
            kind = "security group" if r.type == AWS.SECURITY_GROUP else "security group rule"
            public = undeclared_public(ranges, declared) if layer in CLOSED and declared is not None else []
            if is_open(every) and reaches_public(ranges):
                yield Finding(f"{kind} {r.name} admits the internet: with the group's other rules, the whole of it "
                              f"({', '.join(_opening(every))})", r.urn, layer_path(ctx.layer(r)))
            elif public:
                yield Finding(f"{kind} {r.name} admits public addresses into {layer} ({', '.join(_opening(public))}): "
                              "a closed layer takes nothing from the internet", r.urn, layer_path(layer))
    for r in of(resources, GCP.FIREWALL):
        if r.get("direction", "INGRESS") != "INGRESS" or not r.get("allows"):
            continue
        if is_open(r.get("sourceRanges")):  # disabled or not: one click opens it
            yield Finding(f"firewall {r.name} admits the whole internet ({', '.join(_opening(r.get('sourceRanges')))})",
                          r.urn, layer_path(ctx.layer(r)))
        elif ctx.layer(r) in CLOSED and declared is not None and not r.get("disabled"):
            # Google's probes are not the internet; IAP's range is GOV-ISO-007's remote access
            public = undeclared_public(r.get("sourceRanges"), declared, (*GOOGLE_PROBES, *IAP_SOURCES))
            if public:
                yield Finding(f"firewall {r.name} admits public addresses into {ctx.layer(r)} "
                              f"({', '.join(_opening(public))}): a closed layer takes nothing from the internet",
                              r.urn, layer_path(ctx.layer(r)))
    for r in of(resources, *ALLOW_LISTED):  # a database's or a cluster's own allow-list
        ranges = internet_ranges(r)
        if ranges is not None and is_open(ranges):
            yield Finding(f"{r.type.rsplit(':', 1)[-1]} {r.name} admits the whole internet to its public endpoint "
                          f"({', '.join(_opening(ranges))}): name the addresses that need it", r.urn,
                          layer_path(ctx.layer(r)))


def _opening(ranges) -> list[str]:
    """The ranges worth naming in a finding: the public ones, at most four."""
    public = [str(r) for r in ranges if reaches_public([r])]
    return public[:4] + (["..."] if len(public) > 4 else [])


@stack_rule(id="GOV-ISO-004", severity="critical", **COMMON,
            title_en="No peering across layers, and no VM with interfaces in two layers' networks",
            title_ja="層をまたぐピアリングや、二つの層のネットワークにインターフェースを持つVMを置かない",
            rationale="Peering (requested or accepted) joins two layers' networks below every firewall and route "
                      "table of the design; so "
                      "does a VM (or every VM of a template) with an interface in each, which routes between them "
                      "itself.",
            remediation="Remove the peering or the second interface; declare a permitted flow instead.")
def no_peering(resources, ctx):
    for r in of(resources, AWS.VPC_PEERING, GCP.NETWORK_PEERING, PEERING_ACCEPTER):
        ends = [ctx.target(r, p) for p in ("vpcId", "peerVpcId", "network", "peerNetwork")]
        layers = sorted({ctx.layer(e) or "?" for e in ends if e is not None}) or ["?"]
        yield Finding(f"peering {r.name} joins {' and '.join(layers)}", r.urn, ("layers",))
    for r in of(resources, GCP.INSTANCE, GCP.INSTANCE_TEMPLATE, GCP.REGION_INSTANCE_TEMPLATE):
        nics = [(_named_layer(ctx, n.get("subnetwork")) or _named_layer(ctx, n.get("network")),
                 n.get("network") or n.get("subnetwork")) for n in r.get("networkInterfaces") or []]
        layers = sorted({layer for layer, _ in nics if layer})
        # an interface in a network that is none of the tenancy's (a vendor's, the project's default)
        outside = sorted({str(where).rstrip("/").rsplit("/", 1)[-1] for layer, where in nics
                          if layer is None and isinstance(where, str) and where})
        kind = r.type.rsplit(":", 1)[-1]
        if len(layers) > 1:
            yield Finding(f"{kind} {r.name} has interfaces in layers {' and '.join(layers)}", r.urn, ("layers",))
        if outside and set(layers) & set(CLOSED):
            yield Finding(f"{kind} {r.name} has interfaces in layer {', '.join(sorted(set(layers) & set(CLOSED)))} "
                          f"and in network {', '.join(outside)}, outside the tenancy", r.urn, ("layers",))
    for r, layers in aws_bridges(resources, ctx):
        yield Finding(f"{r.type.rsplit(':', 1)[-1]} {r.name} puts one machine in layers {' and '.join(layers)}",
                      r.urn, ("layers",))


#: accepting a peering another account requested joins this account's VPC all the same
PEERING_ACCEPTER = "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter"


def _named_layer(ctx, value) -> str | None:
    """The layer of the stack's network or subnet a VM's interface names (by its name, a path
    or a URL: an interface's network is not a dependency of its own)."""
    target = ctx.layers.named(value)
    return ctx.layer(target) if target is not None else None


@stack_rule(id="GOV-ISO-005", severity="critical", needs_declaration=True, family="isolation",
            title_en="Transit routes, routes, firewalls, security groups and network ACLs carry or admit one "
                     "layer's addresses into another only for declared flows",
            title_ja="宣言された許可通信以外で、ある層の経路を他の層へ伝えず、他の層のアドレスを許可しない",
            rationale="Between the layers only the declared flows exist; any other route or allow rule is a "
                      "path the municipality did not approve. On Google Cloud a closed layer's egress allow to "
                      "the internet's addresses (0.0.0.0/0 holds every other layer's too) undoes the layer's "
                      "deny-all egress baseline.",
            remediation="Declare the flow in govcloud:tenancy.flows, or remove the route / rule / propagation.")
def only_declared_flows(resources, ctx):
    routing = {r.layer: r for r in ctx.model.routing}
    spaces = spaces_of(routing)

    def table_of(r):
        table = ctx.target(r, "transitGatewayRouteTableId")
        return ctx.layer(table) if table is not None else None

    def vpc_attachment_layer(r):
        attachment = ctx.target(r, "transitGatewayAttachmentId")
        return ctx.layer(attachment) if attachment is not None and attachment.type == AWS.TGW_VPC_ATTACHMENT else None

    for r in of(resources, AWS.TGW_PROPAGATION):
        table, source = table_of(r), vpc_attachment_layer(r)
        if source and table in routing and table != source:
            yield Finding(f"layer {source} is propagated into the {table} transit table", r.urn, ("flows",))
    for r in of(resources, AWS.TGW_ROUTE):
        table = table_of(r)
        if table not in routing or r.get("blackhole"):
            continue
        target = vpc_attachment_layer(r)
        dest = r.get("destinationCidrBlock")
        allowed = {x.prefix for x in routing[table].reach} | ({ANY} if routing[table].default_via_datacenter else set())
        if dest not in allowed or (target and target != table and
                                   target not in {x.via_layer for x in routing[table].reach if x.prefix == dest}):
            yield Finding(f"transit table {table} routes {dest} (not a declared flow)", r.urn, ("flows",))
    for r in of(resources, GCP.FIREWALL):
        layer = ctx.layer(r)
        out = outside(r.get("destinationRanges"), GOOGLE_API_VIPS)
        if layer in CLOSED and r.get("direction") == "EGRESS" and r.get("allows") and reaches_public(out) and \
                not r.get("disabled"):
            # past the components' deny-all egress baseline: to the internet's addresses, and
            # every other layer's that a range like 0.0.0.0/0 holds (no longer a crossing below);
            # Google's private API addresses are the layer's own way to the APIs
            yield Finding(f"firewall {r.name} in {layer} allows egress to {', '.join(_opening(out))}, past the "
                          "layer's deny-all egress", r.urn, ("flows",))
        if layer not in routing or not r.get("allows") or is_open(r.get("sourceRanges")):
            continue  # open to the whole internet (0.0.0.0/1 + 128.0.0.0/1 too): GOV-ISO-003's
        for cidr in other_layers(layer, list(r.get("sourceRanges") or []) + list(r.get("destinationRanges") or []),
                                  spaces):
            yield Finding(f"firewall {r.name} in {layer} opens {cidr} of another layer", r.urn, ("flows",))
    for r, ranges in aws_allowed_ranges(resources, ctx):
        layer = ctx.layer(r)
        if layer in routing:
            for cidr in other_layers(layer, ranges, spaces):
                yield Finding(f"{r.type.rsplit(':', 1)[-1]} {r.name} in {layer} allows {cidr} of another layer",
                              r.urn, ("flows",))
    yield from appliance_routes(resources, ctx, routing)
    for r in of(resources, GCP.ROUTER_ROUTE_POLICY):
        layer = ctx.layer(r)
        if layer not in routing or r.get("type") != "ROUTE_POLICY_TYPE_IMPORT":
            continue
        lr = routing[layer]
        expected = set(lr.onprem) | {x.prefix for x in lr.reach} | ({ANY} if lr.default_via_datacenter else set())
        for term in r.get("terms") or []:
            expression = (term.get("match") or {}).get("expression", "")
            accepts = any(a.get("expression") == "accept()" for a in term.get("actions") or [])
            prefix = expression.split("'")[1] if expression.count("'") == 2 else None
            if accepts and prefix not in expected:
                yield Finding(f"router policy {r.name} in {layer} imports {prefix or expression}", r.urn, ("flows",))


@stack_rule(id="GOV-ISO-006", severity="critical", needs_declaration=True, family="isolation",
            title_en="No flow from the internet layer into mynumber",
            title_ja="インターネット接続系からマイナンバー利用事務系への通信を置かない",
            rationale="Internet → マイナンバー利用事務系 is never allowed, not even as a declared flow.",
            remediation="Bring the data through the lgwan layer with sanitisation (無害化).")
def no_internet_to_mynumber(resources, ctx):
    for i, flow in enumerate(ctx.model.spec.flows):
        if flow.source.layer == "internet" and flow.destination.layer == "mynumber":
            yield Finding(f"declared flow {flow.name} goes from internet into mynumber", None, ("flows", i))
    routing = {r.layer: r for r in ctx.model.routing}
    if "internet" in routing and "mynumber" in routing:
        mynumber = IPNetwork(routing["mynumber"].cidr)
        internet = IPNetwork(routing["internet"].cidr)
        for r in of(resources, AWS.TGW_ROUTE):
            dest = r.get("destinationCidrBlock")
            table = ctx.target(r, "transitGatewayRouteTableId")
            if table is not None and ctx.layer(table) == "internet" and not r.get("blackhole") and \
                    dest != ANY and IPNetwork(dest) in mynumber:
                yield Finding(f"transit route {r.name} sends the internet layer to mynumber {dest}", r.urn, ("flows",))
        for r in of(resources, GCP.FIREWALL):
            if ctx.layer(r) == "mynumber" and r.get("direction", "INGRESS") == "INGRESS" and r.get("allows") and \
                    not is_open(r.get("sourceRanges")) and any(IPNetwork(c) in internet or internet in IPNetwork(c) for c in r.get("sourceRanges") or []
                        if c != ANY):
                yield Finding(f"firewall {r.name} admits the internet layer into mynumber", r.urn, ("flows",))
