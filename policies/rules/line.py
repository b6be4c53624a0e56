"""Dedicated line (専用線): redundancy, the VPN backup, private BGP ASNs."""
from __future__ import annotations

from collections import defaultdict

from network.catalog import TIERS, asn_kind
from policies.registry import Finding, resource_rule, stack_rule

DX_CONNECTION = "aws:directconnect/connection:Connection"
DX_CONFIRM = "aws:directconnect/connectionConfirmation:ConnectionConfirmation"
ATTACHMENT = "gcp:compute/interconnectAttachment:InterconnectAttachment"
TIER_PATH = ("connectivity", "redundancy")


@stack_rule(id="GOV-LINE-001", family="line", severity="high", needs_declaration=True,
            title_en="The declared redundancy tier is met with distinct locations",
            title_ja="宣言した冗長化レベルを別々の接続拠点で満たす",
            rationale="A line outage makes cloud-hosted systems unusable; the tier is the municipality's "
                      "decision and the built lines must honour it.",
            remediation="Build the lines the tier needs (docs/declaration.md, Redundancy tiers).")
def redundancy(resources, ctx):
    spec = ctx.model.spec
    tier = TIERS[spec.cloud][spec.connectivity.redundancy]
    if spec.cloud == "aws":
        per_location: dict = defaultdict(int)
        for r in resources:
            if r.type == DX_CONNECTION:
                per_location[r.get("location")] += 1
        hosted = {line.connection_id: line.location for line in spec.connectivity.lines if line.type == "hosted"}
        for r in resources:
            if r.type == DX_CONFIRM:
                per_location[hosted.get(r.get("connectionId"), "unknown")] += 1
        good = [loc for loc, n in per_location.items() if n >= tier.per_metro and loc != "unknown"]
        if len(good) < tier.metros:
            yield Finding(f"tier {tier.id} needs {tier.per_metro} line(s) at each of {tier.metros} location(s); "
                          f"built: {dict(per_location) or 'none'}", None, TIER_PATH)
        return
    by_layer: dict = defaultdict(lambda: defaultdict(set))
    for r in resources:
        if r.type == ATTACHMENT:
            labels = r.tags
            domain = r.get("edgeAvailabilityDomain") or f"AVAILABILITY_DOMAIN_{labels.get('edge-domain')}"
            by_layer[ctx.layer(r)][r.get("region")].add(domain)
    for routing in ctx.model.routing:
        regions = by_layer.get(routing.layer, {})
        good = [reg for reg, d in regions.items() if len(d) >= (2 if tier.distinct_domains else 1)]
        if len(good) < tier.metros:
            yield Finding(f"layer {routing.layer}: tier {tier.id} not met by attachments "
                          f"{ {k: sorted(v) for k, v in regions.items()} }", None, TIER_PATH)


@stack_rule(id="GOV-LINE-002", family="line", severity="medium", needs_declaration=True,
            title_en="The VPN backup is present where declared",
            title_ja="宣言したVPNバックアップが構築されている",
            rationale="The backup path is what keeps the systems usable when every line is down.",
            remediation="Keep connectivity.vpnBackup and the VPN resources in step.")
def vpn_backup(resources, ctx):
    spec = ctx.model.spec
    if not spec.connectivity.vpn_backup:
        return
    if spec.cloud == "aws":
        vpns = [r for r in resources if r.type == "aws:ec2/vpnConnection:VpnConnection"]
        if len(vpns) < len(spec.data_center.vpn_peer_addresses):
            yield Finding(f"{len(vpns)} VPN connection(s) for {len(spec.data_center.vpn_peer_addresses)} declared "
                          "peers", None, ("connectivity", "vpnBackup"))
        return
    tunnels: dict = defaultdict(int)
    for r in resources:
        if r.type == "gcp:compute/vPNTunnel:VPNTunnel":
            tunnels[ctx.layer(r)] += 1
    for routing in ctx.model.routing:
        if tunnels.get(routing.layer, 0) < 2:
            yield Finding(f"layer {routing.layer} has {tunnels.get(routing.layer, 0)} HA VPN tunnel(s), needs 2",
                          None, ("connectivity", "vpnBackup"))


ASN_FIELDS = {
    "aws:directconnect/gateway:Gateway": ("amazonSideAsn",),
    "aws:ec2transitgateway/transitGateway:TransitGateway": ("amazonSideAsn",),
    "aws:directconnect/transitVirtualInterface:TransitVirtualInterface": ("bgpAsn",),
    "aws:directconnect/privateVirtualInterface:PrivateVirtualInterface": ("bgpAsn",),
    "aws:ec2/customerGateway:CustomerGateway": ("bgpAsn",),
    "gcp:compute/router:Router": ("bgp.asn",),
    "gcp:compute/routerPeer:RouterPeer": ("peerAsn",),
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
        if resource.type == "gcp:compute/router:Router" and asn == 16550:
            continue  # Google's ASN for Layer 3 Partner Interconnect routers
        if asn_kind(asn) != "private":
            yield Finding(f"{resource.name}: {field} {asn} is a {asn_kind(asn)} ASN", resource.urn,
                          ("connectivity", "cloudAsn"))
