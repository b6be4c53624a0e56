"""Semantic checks of one declaration, after its shape is known to be right.

Each check takes the spec and a reporter; they only read. Paths are relative to
`govcloud:tenancy`, so the reporter can give the line of the key.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from netaddr import AddrFormatError, IPAddress, IPNetwork, IPSet

from .addressing import AddressPlan
from .catalog import (BANDWIDTHS_MBPS, CLOSED_LAYERS, LAYER_BY_ID, LINE_LOCATIONS, LINE_TYPES,
                      MACSEC_TYPES, REGION_METRO, REGIONS, TIERS, asn_kind, format_bandwidth)
from .lgcode import code_problem
from .schema import suggest
from .spec import Endpoint, TenancySpec

PRIVATE_SPACE = IPSet(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"])
#: Tag keys the tool sets itself; a declaration may not override them.
RESERVED_TAG_KEYS = ("MunicipalityCode", "Layer", "Stack", "Component", "Name", "ManagedBy")


def parse_cidr(text: str) -> tuple[IPNetwork | None, str]:
    """(network, '') or (None, what is wrong and the fix)."""
    try:
        net = IPNetwork(text)
    except (AddrFormatError, ValueError, TypeError):
        return None, f"{text!r} is not a valid IPv4 CIDR; write it as a.b.c.d/n, e.g. 10.1.0.0/20"
    if net.version != 4:
        return None, f"{text} is IPv6; only IPv4 CIDRs are planned"
    if "/" not in text:
        return None, f"{text!r} has no prefix length; write it as {net.ip}/32 or the intended block"
    if net.ip != net.network:
        return None, f"{text} has host bits set; did you mean {net.cidr}?"
    return net, ""


def check_spec(spec: TenancySpec, report) -> None:
    """Every check that needs only the spec. `report(path, message, fix, code)`."""
    for check in (_municipality, _regions, _address_space, _data_center, _asns, _lines, _redundancy,
                  _vpn, _layers, _flows_shape, _tags, _cloud_specific):
        check(spec, report)


def check_plan(spec: TenancySpec, plan: AddressPlan, report) -> None:
    """Checks that need the address plan: systems and flows against layer CIDRs."""
    _systems(spec, plan, report)
    _flow_prefixes(spec, plan, report)


def _municipality(spec, report):
    code = spec.municipality.code
    problem = code_problem(code)
    if problem:
        expected = problem.split("expected ")[-1].rstrip(")") if "expected" in problem else None
        report(("municipality", "code"), problem,
               f"use {expected}" if expected else "copy the code from the 全国地方公共団体コード list", "GC101")
        return
    expected_stack = f"{code}-{spec.municipality.romaji}"
    if spec.stack != expected_stack:
        report(("municipality", "code"), f"stack {spec.stack!r} does not match code and romaji "
               f"({expected_stack!r})", f"name the file Pulumi.{expected_stack}.yaml, or correct the "
               "code / romaji", "GC102")


def _regions(spec, report):
    allowed = REGIONS[spec.cloud]
    for key, region in (("primary", spec.primary_region), ("secondary", spec.secondary_region)):
        if region is None or region in allowed:
            continue
        other = next((c for c, regions in REGIONS.items() if region in regions), None)
        why = (f"{region!r} is a {other} region, but cloud is {spec.cloud}" if other else
               f"{region!r} is not a domestic region (data must stay in Japan)")
        report(("regions", key), why, f"use {' or '.join(allowed)} ({', '.join(allowed.values())})",
               "GC103")
    if spec.secondary_region and spec.secondary_region == spec.primary_region:
        report(("regions", "secondary"), "secondary region is the same as primary",
               "use the other domestic region, or remove secondary", "GC103")


def _address_space(spec, report):
    net, problem = parse_cidr(spec.address_space)
    if net is None:
        report(("addressSpace",), problem, "write the tenancy block as a.b.c.d/n", "GC104")
        return
    if not IPSet([net]).issubset(PRIVATE_SPACE):
        report(("addressSpace",), f"{net} is not private address space",
               "use RFC 1918 space (10/8, 172.16/12, 192.168/16) or 100.64/10", "GC104")
    if net.prefixlen > 26:
        report(("addressSpace",), f"{net} is too small for three layers", "use /26 or larger", "GC104")


def _data_center(spec, report):
    space, _ = parse_cidr(spec.address_space)
    seen: list[tuple[IPNetwork, tuple]] = []
    for layer_id, prefixes in spec.data_center.prefixes:
        for i, text in enumerate(prefixes):
            path = ("dataCenter", "prefixes", layer_id, i)
            net, problem = parse_cidr(text)
            if net is None:
                report(path, problem, "write an IPv4 CIDR", "GC104")
                continue
            if space is not None and (net in space or space in net):
                report(path, f"on-prem prefix {net} overlaps the tenancy addressSpace {space.cidr}",
                       "on-prem and cloud addresses must be distinct; renumber one of them", "GC105")
            for other, other_path in seen:
                if net in other or other in net:
                    report(path, f"on-prem prefix {net} overlaps {other} ({_show_path(other_path)})",
                           "list each on-prem prefix once, in one layer", "GC105")
            seen.append((net, path))


def transit_asn(spec: TenancySpec) -> int:
    """The AWS transit gateway's ASN: declared, or the cloud ASN + 1."""
    conn = spec.connectivity
    return conn.transit_asn if conn.transit_asn is not None else conn.cloud_asn + 1


def _asns(spec, report):
    sides = [(("connectivity", "cloudAsn"), spec.connectivity.cloud_asn, "cloud side"),
             (("dataCenter", "asn"), spec.data_center.asn, "data center side")]
    if spec.cloud == "aws" and spec.connectivity.transit_asn is not None:
        sides.append((("connectivity", "transitAsn"), spec.connectivity.transit_asn, "transit gateway"))
    for path, asn, side in sides:
        kind = asn_kind(asn)
        if kind != "private":
            report(path, f"ASN {asn} ({side}) is {'a ' + kind if kind != 'invalid' else 'outside 0–4294967295'}"
                   " ASN; only private ASNs are allowed", "use 64512–65534 or 4200000000–4294967294", "GC106")
    if spec.connectivity.cloud_asn == spec.data_center.asn:
        report(("connectivity", "cloudAsn"), f"ASN {spec.data_center.asn} is used on both sides of BGP",
               "give the cloud side and the data center different private ASNs", "GC106")
    if spec.cloud == "gcp" and spec.connectivity.transit_asn is not None:
        report(("connectivity", "transitAsn"), "transitAsn is an aws setting", "remove it", "GC106")
    elif spec.cloud == "aws":
        tgw = transit_asn(spec)
        path = ("connectivity", "transitAsn" if spec.connectivity.transit_asn is not None else "cloudAsn")
        if tgw in (spec.connectivity.cloud_asn, spec.data_center.asn):
            report(path, f"the transit gateway ASN {tgw} equals the "
                   f"{'Direct Connect gateway' if tgw == spec.connectivity.cloud_asn else 'data center'} ASN",
                   "set connectivity.transitAsn to another private ASN", "GC106")
        elif asn_kind(tgw) != "private":
            report(path, f"the transit gateway ASN {tgw} (cloudAsn + 1) is not private",
                   "set connectivity.transitAsn to a private ASN", "GC106")


def _lines(spec, report):
    names, slots = Counter(), Counter()
    for i, line in enumerate(spec.connectivity.lines):
        base = ("connectivity", "lines", i)
        names[line.name] += 1
        if names[line.name] == 2:
            report(base + ("name",), f"line name {line.name!r} is used twice", "give each line its own name",
                   "GC107")
        site = LINE_LOCATIONS[line.location]
        if site.cloud != spec.cloud:
            choices = [c for c, loc in LINE_LOCATIONS.items() if loc.cloud == spec.cloud]
            report(base + ("location",), f"{line.location} is a {site.cloud} location, but cloud is {spec.cloud}",
                   f"use one of {', '.join(choices)}", "GC107")
        if line.type not in LINE_TYPES[spec.cloud]:
            report(base + ("type",), f"line type {line.type!r} does not exist on {spec.cloud}",
                   f"use {' or '.join(LINE_TYPES[spec.cloud])}", "GC107")
        else:
            offered = BANDWIDTHS_MBPS[(spec.cloud, line.type)]
            if line.bandwidth_mbps not in offered:
                report(base + ("bandwidth",), f"{format_bandwidth(line.bandwidth_mbps)} is not offered for "
                       f"{spec.cloud} {line.type} lines", f"use one of {', '.join(map(format_bandwidth, offered))}",
                       "GC108")
            if line.macsec and ((spec.cloud, line.type) not in MACSEC_TYPES or
                                (spec.cloud == "aws" and line.bandwidth_mbps < 10_000)):
                report(base + ("macsec",), f"MACsec is not available on a {line.type} "
                       f"{format_bandwidth(line.bandwidth_mbps)} line",
                       "use a dedicated 10Gbps or faster line, or set macsec: false and rely on IPsec", "GC108")
        vlans = range(line.vlan, line.vlan + (3 if spec.cloud == "gcp" else 1))  # gcp: one per layer
        if not 1 <= line.vlan <= 4094:
            report(base + ("vlan",), f"VLAN {line.vlan} is outside 1–4094", "use a VLAN id from 1 to 4094",
                   "GC109")
        elif vlans[-1] > 4094:
            report(base + ("vlan",), f"VLANs {line.vlan}–{vlans[-1]} (one per layer on gcp) go past 4094",
                   "use a VLAN id of 4092 or lower", "GC109")
        taken = [v for v in vlans if slots[(line.location, v)]]
        for v in vlans:
            slots[(line.location, v)] += 1
        if taken:
            report(base + ("vlan",), f"VLAN {taken[0]} is used twice at {line.location}"
                   + (" (gcp lines use vlan, vlan+1 and vlan+2)" if spec.cloud == "gcp" else ""),
                   "give each line at one location its own VLAN" + (" range" if spec.cloud == "gcp" else ""),
                   "GC109")
        if spec.cloud == "gcp" and line.edge_domain is None:
            report(base, "missing edgeAvailabilityDomain (gcp lines need it)",
                   "add edgeAvailabilityDomain: 1 or 2", "GC107")
        if spec.cloud == "aws" and line.edge_domain is not None:
            report(base + ("edgeAvailabilityDomain",), "edgeAvailabilityDomain is a gcp setting",
                   "remove it for aws lines", "GC107")
        gcp_dedicated = spec.cloud == "gcp" and line.type == "dedicated"
        if gcp_dedicated and not line.interconnect:
            report(base, "a gcp dedicated line needs the name of its Dedicated Interconnect",
                   "add interconnect: <name of the interconnect in the project>", "GC107")
        elif line.interconnect and not gcp_dedicated:
            report(base + ("interconnect",), "interconnect is only for gcp dedicated lines", "remove it", "GC107")
        hosted = spec.cloud == "aws" and line.type == "hosted"
        if hosted and line.connection_id is None:
            report(base, "an aws hosted line needs the connectionId the partner provisioned",
                   "add connectionId: dxcon-... (from the partner's hand-over)", "GC107")
        elif line.connection_id is not None and not hosted:
            report(base + ("connectionId",), "connectionId is only for aws hosted lines",
                   "remove it; dedicated connections are created by the program", "GC107")
        elif hosted and not re.fullmatch(r"dxcon-[0-9a-z]{8}", line.connection_id):
            report(base + ("connectionId",), f"{line.connection_id!r} is not a Direct Connect connection id",
                   "write it as dxcon- and 8 lowercase letters or digits", "GC107")


def _redundancy(spec, report):
    tiers = TIERS[spec.cloud]
    path = ("connectivity", "redundancy")
    tier = tiers.get(spec.connectivity.redundancy)
    if tier is None:
        hint = suggest(spec.connectivity.redundancy, list(tiers))
        report(path, f"{spec.connectivity.redundancy!r} is not a {spec.cloud} redundancy tier",
               hint or f"use one of {', '.join(tiers)}", "GC110")
        return
    lines = [line for line in spec.connectivity.lines if line.location in LINE_LOCATIONS]
    if spec.cloud == "aws":
        per_site = Counter(line.location for line in lines)
        if not tier_met(spec, tier):
            have = ", ".join(f"{n} at {site}" for site, n in sorted(per_site.items())) or "none"
            report(path, f"tier {tier.id} ({tier.en}) is not met: lines declared {have}",
                   _aws_tier_fix(tier), "GC110")
        return
    domains: dict[str, set] = defaultdict(set)
    for line in lines:
        domains[line.site.metro].add(line.edge_domain)
    if not tier_met(spec, tier):
        have = "; ".join(f"{m}: domains {sorted(d, key=str)}" for m, d in sorted(domains.items())) or "none"
        if tier.metros == 2 and len(domains) < 2:
            msg = (f"tier {tier.id} needs attachments in two metros (Tokyo and Osaka); the lines are all in "
                   f"{next(iter(domains), 'no metro')}")
        else:
            msg = f"tier {tier.id} ({tier.en}) is not met: {have}"
        report(path, msg, "add attachments in edge availability domains 1 and 2 of each metro the tier "
               "needs, or declare a lower tier", "GC110")
    if tier.metros == 2:
        metros = {REGION_METRO.get(r) for r in spec.regions}
        if metros != {"tokyo", "osaka"}:
            report(("regions", "secondary"), f"tier {tier.id} needs both regions (asia-northeast1 and "
                   "asia-northeast2)", "set regions.secondary to the other domestic region", "GC110")


def tier_met(spec: TenancySpec, tier) -> bool:
    """Whether the declared lines meet `tier` (a catalog Tier)."""
    lines = [line for line in spec.connectivity.lines if line.location in LINE_LOCATIONS]
    if spec.cloud == "aws":
        per_site = Counter(line.location for line in lines)
        return len([n for n in per_site.values() if n >= tier.per_metro]) >= tier.metros
    domains: dict[str, set] = defaultdict(set)
    for line in lines:
        domains[line.site.metro].add(line.edge_domain)
    return len([m for m, d in domains.items() if len(d) >= (2 if tier.distinct_domains else 1)]) >= tier.metros


def _aws_tier_fix(tier) -> str:
    if tier.id == "maximum":
        return "declare two lines at each of two distinct locations (e.g. EqTY2 and EqOS1)"
    if tier.id == "high":
        return "declare lines at two distinct locations (e.g. EqTY2 and EqOS1)"
    return "declare at least one line"


def _vpn(spec, report):
    peers = spec.data_center.vpn_peer_addresses
    if spec.connectivity.vpn_backup and not peers:
        report(("connectivity", "vpnBackup"), "vpnBackup is true but the data center has no vpnPeerAddresses",
               "add dataCenter.vpnPeerAddresses: [<public address of the DC VPN device>]", "GC111")
    if len(peers) > 2:
        report(("dataCenter", "vpnPeerAddresses"), f"{len(peers)} VPN peers; at most 2 are used",
               "list one or two addresses", "GC111")
    for i, text in enumerate(peers):
        try:
            ip = IPAddress(text, flags=0)
        except (AddrFormatError, ValueError, TypeError):
            report(("dataCenter", "vpnPeerAddresses", i), f"{text!r} is not an IPv4 address", "write a.b.c.d",
                   "GC111")
            continue
        if ip in PRIVATE_SPACE or ip.is_loopback() or ip.is_link_local() or ip.is_multicast():
            report(("dataCenter", "vpnPeerAddresses", i), f"{ip} is not a public address; the VPN backup runs "
                   "over the internet", "use the public address of the DC VPN device", "GC111")


def _layers(spec, report):
    if not spec.enabled_layers:
        report(("layers",), "no layer is enabled", "enable at least one of mynumber, lgwan, internet",
               "GC112")
    for layer in spec.layers:
        base = ("layers", layer.id)
        if layer.cidr is not None:
            net, problem = parse_cidr(layer.cidr)
            if net is None:
                report(base + ("cidr",), problem, "write the layer block as a.b.c.d/n", "GC104")
        elif not 8 <= layer.prefix_length <= 28:
            report(base + ("prefixLength",), f"/{layer.prefix_length} is not a usable layer size",
                   "use a prefixLength from 16 to 28", "GC113")
        if not 1 <= layer.azs <= 3:
            report(base + ("azs",), f"azs {layer.azs} is outside 1–3", "use 1, 2 or 3 zones", "GC113")
        if layer.egress is not None and layer.id != "internet":
            report(base + ("egress",), f"layer {layer.info.label} cannot have internet egress",
                   "remove egress; only the internet layer reaches the internet", "GC114")
    ids = Counter(s.id for layer in spec.layers for s in layer.systems)
    for layer in spec.layers:
        for i, system in enumerate(layer.systems):
            if ids[system.id] > 1:
                report(("layers", layer.id, "systems", i, "id"), f"system id {system.id!r} is declared "
                       f"{ids[system.id]} times", "give each system one id in one layer", "GC115")


def _flows_shape(spec, report):
    names = Counter()
    for i, flow in enumerate(spec.flows):
        base = ("flows", i)
        names[flow.name] += 1
        if names[flow.name] == 2:
            report(base + ("name",), f"flow name {flow.name!r} is used twice", "give each flow its own name",
                   "GC116")
        for end, endpoint in (("from", flow.source), ("to", flow.destination)):
            _endpoint(spec, endpoint, base + (end,), report)
        if flow.source.layer == flow.destination.layer:
            report(base + ("to", "layer"), f"flow stays inside layer {flow.source.layer}; flows are "
                   "between layers", "remove the flow (traffic inside a layer is allowed)", "GC116")
        if flow.source.layer == "internet" and flow.destination.layer == "mynumber":
            report(base, f"flow {flow.name!r} goes from internet (インターネット接続系) into mynumber "
                   "(マイナンバー利用事務系), which is never allowed",
                   "route the data through the lgwan layer with sanitisation (無害化), as the "
                   "マイナポータル → 申請管理 → 基幹業務 flow does", "GC117")
        if flow.destination.layer == "mynumber" and not flow.destination.prefix and \
                not _system_cidr(spec, flow.destination):
            report(base + ("to",), "a flow into mynumber must name a prefix or a system with a cidr, not "
                   "the whole layer", "add to.prefix, or give the system a cidr", "GC117")
        if flow.protocol in ("tcp", "udp") and not flow.ports:
            report(base + ("ports",), f"{flow.protocol} flows need ports", "list the destination ports, "
                   "e.g. ports: [443]", "GC116")
        if flow.protocol == "icmp" and flow.ports:
            report(base + ("ports",), "icmp has no ports", "remove ports", "GC116")


def _system_cidr(spec, endpoint: Endpoint):
    if not endpoint.system or endpoint.layer not in LAYER_BY_ID:
        return None
    system = spec.layer(endpoint.layer).system(endpoint.system)
    return system.cidr if system else None


def _endpoint(spec, endpoint: Endpoint, base, report):
    layer = spec.layer(endpoint.layer)
    if not layer.enabled:
        report(base + ("layer",), f"layer {layer.info.label} is not enabled", "enable the layer or "
               "remove the flow", "GC116")
    if endpoint.system and endpoint.prefix:
        report(base, "name a system or a prefix, not both", "keep one of them", "GC116")
    if endpoint.system and layer.system(endpoint.system) is None:
        ids = [s.id for s in layer.systems]
        elsewhere = next((other.id for other in spec.layers if other.system(endpoint.system)), None)
        fix = (f"system {endpoint.system!r} is in layer {elsewhere}; fix the layer" if elsewhere else
               suggest(endpoint.system, ids) or f"systems in {layer.id}: {', '.join(ids) or 'none'}")
        report(base + ("system",), f"no system {endpoint.system!r} in layer {layer.info.label}", fix, "GC116")
    if endpoint.prefix:
        net, problem = parse_cidr(endpoint.prefix)
        if net is None:
            report(base + ("prefix",), problem, "write an IPv4 CIDR", "GC104")


def _tags(spec, report):
    for key, _ in spec.tags:
        if key in RESERVED_TAG_KEYS:
            report(("tags", key), f"tag {key!r} is set by govcloud itself", f"rename it; reserved: "
                   f"{', '.join(RESERVED_TAG_KEYS)}", "GC118")


def _cloud_specific(spec, report):
    if spec.cloud == "gcp" and spec.gcp_project is None:
        report(("cloud",), "a gcp tenancy needs a gcp section with its projectId",
               "add gcp: {projectId: <project>, ownsProject: true|false}", "GC119")
    if spec.cloud == "aws" and spec.gcp_project is not None:
        report(("gcp",), "the gcp section is only for cloud: gcp", "remove it", "GC119")


def _systems(spec, plan, report):
    for layer in spec.layers:
        block = IPNetwork(plan.layer(layer.id).cidr)
        seen = []
        for i, system in enumerate(layer.systems):
            if system.cidr is None:
                continue
            path = ("layers", layer.id, "systems", i, "cidr")
            net, problem = parse_cidr(system.cidr)
            if net is None:
                report(path, problem, "write an IPv4 CIDR", "GC104")
                continue
            if net not in block:
                report(path, f"{net} is outside layer {layer.id}'s block {block.cidr}",
                       f"choose addresses inside {block.cidr}", "GC113")
            for other_id, other in seen:
                if net in other or other in net:
                    report(path, f"{net} overlaps system {other_id} ({other})", "give each system its own "
                           "addresses", "GC113")
            seen.append((system.id, net))


def _flow_prefixes(spec, plan, report):
    for i, flow in enumerate(spec.flows):
        for end, endpoint in (("from", flow.source), ("to", flow.destination)):
            if not endpoint.prefix:
                continue
            net, _ = parse_cidr(endpoint.prefix)
            if net is None:
                continue
            block = IPNetwork(plan.layer(endpoint.layer).cidr)
            onprem = IPSet(spec.data_center.prefixes_of(endpoint.layer))
            if net not in block and not IPSet([net]).issubset(onprem):
                report(("flows", i, end, "prefix"), f"{net} is neither in layer {endpoint.layer}'s block "
                       f"{block.cidr} nor in its on-prem prefixes", "use addresses of that layer", "GC116")


def _show_path(path) -> str:
    return ".".join(str(p) for p in path)


__all__ = ["check_spec", "check_plan", "parse_cidr", "PRIVATE_SPACE", "RESERVED_TAG_KEYS",
           "CLOSED_LAYERS"]
