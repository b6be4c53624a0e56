"""Permitted flows (許可通信): shape, ends and their addresses."""
from __future__ import annotations

from collections import Counter

from netaddr import IPNetwork, IPSet

from network import codes
from network.catalog import LAYER_BY_ID
from network.cidr import block as cidr_block, parse_cidr
from network.fields import suggest
from network.spec import Endpoint


def shape(spec, report):
    names = Counter()
    for i, flow in enumerate(spec.flows):
        base = ("flows", i)
        names[flow.name] += 1
        if names[flow.name] == 2:
            report(base + ("name",), f"flow name {flow.name!r} is used twice", "give each flow its own name",
                   codes.FLOW)
        for end, endpoint in (("from", flow.source), ("to", flow.destination)):
            _endpoint(spec, endpoint, base + (end,), report)
        if flow.source.layer == flow.destination.layer:
            report(base + ("to", "layer"), f"flow stays inside layer {flow.source.layer}; flows are "
                   "between layers", "remove the flow (traffic inside a layer is allowed)", codes.FLOW)
        if flow.source.layer == "internet" and flow.destination.layer == "mynumber":
            report(base, f"flow {flow.name!r} goes from internet (インターネット接続系) into mynumber "
                   "(マイナンバー利用事務系), which is never allowed",
                   "route the data through the lgwan layer with sanitisation (無害化), as the "
                   "マイナポータル → 申請管理 → 基幹業務 flow does", codes.FLOW_MYNUMBER)
        if flow.destination.layer == "mynumber" and not flow.destination.prefix and \
                not system_cidr(spec, flow.destination):
            report(base + ("to",), "a flow into mynumber must name a prefix or a system with a cidr, not "
                   "the whole layer", "add to.prefix, or give the system a cidr", codes.FLOW_MYNUMBER)
        if flow.protocol in ("tcp", "udp") and not flow.ports:
            report(base + ("ports",), f"{flow.protocol} flows need ports", "list the destination ports, "
                   "e.g. ports: [443]", codes.FLOW)
        if flow.protocol == "icmp" and flow.ports:
            report(base + ("ports",), "icmp has no ports", "remove ports", codes.FLOW)
        _ports_once(flow, base, report)


def _ports_once(flow, base, report) -> None:
    """Each port once: a port listed twice, or inside another item's range, becomes two
    identical rules (two network ACL entries out of a quota of 20 or 40, two firewall
    entries), and says the flow is not what its author meant."""
    for j, (lo, hi) in enumerate(flow.ports):
        for k, (other_lo, other_hi) in enumerate(flow.ports[:j]):
            if lo <= other_hi and other_lo <= hi:
                what = f"{lo}" if lo == hi else f"{lo}-{hi}"
                within = f"{other_lo}" if other_lo == other_hi else f"{other_lo}-{other_hi}"
                report(base + ("ports", j), f"port {what} is already covered by item {k} ({within}) of flow "
                       f"{flow.name!r}", "list each port or range once", codes.FLOW)
                break


def system_cidr(spec, endpoint: Endpoint):
    if not endpoint.system or endpoint.layer not in LAYER_BY_ID:
        return None
    system = spec.layer(endpoint.layer).system(endpoint.system)
    if system is None:
        return None
    if system.cidr is None and spec.multi_account and system.account:
        return "allocated"  # its own block, allocated by the address plan
    return system.cidr


def _endpoint(spec, endpoint: Endpoint, base, report):
    layer = spec.layer(endpoint.layer)
    if not layer.enabled:
        report(base + ("layer",), f"layer {layer.info.label} is not enabled", "enable the layer or "
               "remove the flow", codes.FLOW)
    if endpoint.system and endpoint.prefix:
        report(base, "name a system or a prefix, not both", "keep one of them", codes.FLOW)
    if endpoint.system and layer.system(endpoint.system) is None:
        ids = [s.id for s in layer.systems]
        elsewhere = next((other.id for other in spec.layers if other.system(endpoint.system)), None)
        fix = (f"system {endpoint.system!r} is in layer {elsewhere}; fix the layer" if elsewhere else
               suggest(endpoint.system, ids) or f"systems in {layer.id}: {', '.join(ids) or 'none'}")
        report(base + ("system",), f"no system {endpoint.system!r} in layer {layer.info.label}", fix, codes.FLOW)
    if endpoint.prefix:
        net, problem = parse_cidr(endpoint.prefix)
        if net is None:
            report(base + ("prefix",), problem, "write an IPv4 CIDR", codes.ADDRESS)


#: A permitted flow into mynumber is a narrow exception (DOMAIN: application data arriving on
#: a fixed port): it reaches at most this many addresses and this many ports.
MYNUMBER_MAX_ADDRESSES = 64  # a /26
MYNUMBER_MAX_PORTS = 16


def narrow_into_mynumber(spec, plan, report):
    """Judged on the resolved addresses and ports, whatever keys spelled them."""
    for i, flow in enumerate(spec.flows):
        end = flow.destination
        if end.layer != "mynumber":
            continue
        text = end.prefix or system_cidr(spec, end)
        net, _ = parse_cidr(text) if text else (None, "")
        if net is not None and net.size > MYNUMBER_MAX_ADDRESSES:
            key = ("flows", i, "to", "prefix" if end.prefix else "system")
            report(key, f"flow {flow.name!r} into mynumber reaches {net.size} addresses ({net.cidr}); a flow into "
                   f"mynumber reaches at most {MYNUMBER_MAX_ADDRESSES} (a /26)",
                   "name the system or prefix that receives the data, not a whole block", codes.FLOW_MYNUMBER)
        ports = sum(hi - lo + 1 for lo, hi in flow.ports)
        if ports > MYNUMBER_MAX_PORTS:
            report(("flows", i, "ports"), f"flow {flow.name!r} into mynumber opens {ports} ports; at most "
                   f"{MYNUMBER_MAX_PORTS}", "list the ports the receiving system listens on", codes.FLOW_MYNUMBER)


def prefixes(spec, plan, report):
    for i, flow in enumerate(spec.flows):
        for end, endpoint in (("from", flow.source), ("to", flow.destination)):
            if not endpoint.prefix:
                continue
            net, _ = parse_cidr(endpoint.prefix)
            if net is None:
                continue
            block = cidr_block(plan.layer(endpoint.layer).cidr)
            onprem = IPSet(spec.data_center.prefixes_of(endpoint.layer))
            if net not in block and not IPSet([net]).issubset(onprem):
                report(("flows", i, end, "prefix"), f"{net} is neither in layer {endpoint.layer}'s block "
                       f"{block.cidr} nor in its on-prem prefixes", "use addresses of that layer", codes.FLOW)
