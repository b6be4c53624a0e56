"""Dedicated line (専用線): redundancy, the VPN backup, private BGP ASNs."""
from __future__ import annotations

from collections import defaultdict

import clouds
from network.catalog import asn_kind
from network.redundancy import Site, groups, tier_met
from network.tags import SHARED
from policies.registry import Finding, resource_rule, stack_rule
from inventory.tokens import AWS, GCP

#: VPN resources and the tunnels each stands for.
TUNNELS = {AWS.VPN_CONNECTION: 2, GCP.VPN_TUNNEL: 1}
TIER_PATH = ("connectivity", "redundancy")


def built_sites(resources, ctx) -> dict:
    """Where the built lines land, per layer (None: lines every layer uses, such as a Direct
    Connect connection). A line is a connection at a location, or an attachment in a region
    on an edge availability domain."""
    spec = ctx.model.spec
    cloud = clouds.get(spec.cloud)
    # a hosted connection or hosted VIF serves one layer of a line
    hosted = {ident: (line.location, layer) for line in spec.connectivity.lines
              for layer, ident in cloud.line_ids(line).items()}
    found: dict = defaultdict(list)
    for r in resources:
        if r.type == AWS.DX_CONNECTION:
            site = cloud.line_locations.get(r.get("location"))
            found[None].append(Site(r.get("location") or "unknown", site.metro if site else "unknown"))
        elif r.type in (AWS.DX_CONFIRMATION, AWS.DX_HOSTED_TRANSIT_VIF_ACCEPTOR):
            location, layer = hosted.get(r.get("connectionId") or r.get("virtualInterfaceId"), ("unknown", None))
            site = cloud.line_locations.get(location)
            found[layer].append(Site(location, site.metro if site else "unknown"))
        elif r.type == GCP.INTERCONNECT_ATTACHMENT:
            region = r.get("region")
            domain = r.get("edgeAvailabilityDomain") or f"AVAILABILITY_DOMAIN_{r.tags.get('edge-domain')}"
            found[ctx.layer(r)].append(Site(region, cloud.region_metro.get(region, region), domain))
    return found


@stack_rule(id="GOV-LINE-001", family="line", severity="high", needs_declaration=True,
            title_en="The declared redundancy tier is met with distinct locations",
            title_ja="宣言した冗長化レベルを別々の接続拠点で満たす",
            rationale="A line outage makes cloud-hosted systems unusable; the tier is the municipality's "
                      "decision and the built lines must honour it.",
            remediation="Build the lines the tier needs (docs/declaration.md, Redundancy tiers).")
def redundancy(resources, ctx):
    spec = ctx.model.spec
    tier = clouds.get(spec.cloud).tiers[spec.connectivity.redundancy]
    sites = built_sites(resources, ctx)
    shared = sites.get(None, [])
    for routing in ctx.model.routing:
        mine = shared + sites.get(routing.layer, [])
        if tier_met(mine, tier):
            continue
        have = {key: len(members) for key, members in sorted(groups(mine, tier).items())}
        yield Finding(f"layer {routing.layer}: tier {tier.id} ({tier.en}) is not met by the lines built "
                      f"({tier.group_by}: lines {have or 'none'})", None, TIER_PATH)


@stack_rule(id="GOV-LINE-002", family="line", severity="medium", needs_declaration=True,
            title_en="The VPN backup is present where declared",
            title_ja="宣言したVPNバックアップが構築されている",
            rationale="The backup path is what keeps the systems usable when every line is down.",
            remediation="Keep connectivity.vpnBackup and the VPN resources in step.")
def vpn_backup(resources, ctx):
    spec = ctx.model.spec
    if not spec.connectivity.vpn_backup:
        return
    expected = clouds.get(spec.cloud).vpn_tunnels_expected(spec)
    tunnels: dict = defaultdict(int)
    for r in resources:
        if r.type in TUNNELS:
            layer = ctx.layer(r)
            tunnels[None if layer in (None, SHARED) else layer] += TUNNELS[r.type]
    for routing in ctx.model.routing:
        have = tunnels.get(None, 0) + tunnels.get(routing.layer, 0)
        if have < expected:
            yield Finding(f"layer {routing.layer} reaches the data center by {have} VPN tunnel(s); the declared "
                          f"backup has {expected}", None, ("connectivity", "vpnBackup"))


ASN_FIELDS = {
    AWS.DX_GATEWAY: ("amazonSideAsn",),
    AWS.TRANSIT_GATEWAY: ("amazonSideAsn",),
    # pulumi-aws: a 4-byte ASN goes in bgp_asn_long (VIFs) or bgp_asn_extended (customer gateways)
    AWS.DX_TRANSIT_VIF: ("bgpAsn", "bgpAsnLong"),
    AWS.DX_PRIVATE_VIF: ("bgpAsn", "bgpAsnLong"),
    AWS.CUSTOMER_GATEWAY: ("bgpAsn", "bgpAsnExtended"),
    GCP.ROUTER: ("bgp.asn",),
    GCP.ROUTER_PEER: ("peerAsn",),
}


@resource_rule(id="GOV-LINE-003", family="line", severity="high",
               title_en="BGP ASNs are private", title_ja="BGPのASNはプライベートASN",
               rationale="A public ASN belongs to someone else on the internet; private ASNs (RFC 6996) keep the "
                         "closed network's routing to itself.",
               remediation="Use 64512–65534 or 4200000000–4294967294.", types=tuple(ASN_FIELDS))
def private_asns(resource, ctx):
    for field in ASN_FIELDS[resource.type]:
        value = resource.props
        for part in field.split("."):
            value = value.get(part) if hasattr(value, "get") else None
        if value is None:
            continue
        asn = int(value)
        if resource.type == GCP.ROUTER and asn == 16550:
            continue  # Google's ASN for Layer 3 Partner Interconnect routers
        if asn_kind(asn) != "private":
            yield Finding(f"{resource.name}: {field} {asn} is a {asn_kind(asn)} ASN", resource.urn,
                          ("connectivity", "cloudAsn"))
