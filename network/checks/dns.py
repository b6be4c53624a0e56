"""Hybrid DNS (dataCenter.dns): the data center's domains, and per layer the resolvers the
cloud forwards them to. A resolver must sit in its own layer's on-prem prefixes: each
layer is a VRF at the data center, and the layer's network reaches nothing else there."""
from __future__ import annotations

import re

from netaddr import AddrFormatError, IPAddress, IPNetwork

from network import codes

_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
#: Names the cloud answers itself: forwarding them to the data center would break the
#: private Google APIs zone or the cloud's internal names.
RESERVED_SUFFIXES = ("googleapis.com", "internal", "amazonaws.com")


def domain_problem(name: str) -> str | None:
    """What is wrong with a DNS domain, or None. Written in lowercase, without the final dot."""
    if name != name.lower() or name.endswith(".") or not 1 <= len(name) <= 253:
        return f"{name!r} is not written as a lowercase domain without the final dot"
    if not all(_LABEL.fullmatch(label) for label in name.split(".")) or "." not in name:
        return f"{name!r} is not a DNS domain (labels of a-z, 0-9 and '-', 1–63 characters, at least two labels)"
    if any(name == s or name.endswith("." + s) for s in RESERVED_SUFFIXES):
        return f"{name} is answered by the cloud itself; forwarding it to the data center would break it"
    return None


def hybrid(spec, report):
    dc = spec.data_center
    base = ("dataCenter", "dns")
    seen = set()
    for i, name in enumerate(dc.dns_domains):
        problem = domain_problem(name)
        if problem:
            report(base + ("domains", i), problem, "write the domain as the data center's resolvers serve it, "
                   "e.g. city.example.lg.jp", codes.DNS)
        elif name in seen:
            report(base + ("domains", i), f"{name} is listed twice", "list each domain once", codes.DNS)
        seen.add(name)
    servers = [(layer, tuple(found)) for layer, found in dc.dns_servers if found]
    if dc.dns_domains and not servers:
        report(base, "dns.domains are declared but no layer has a resolver to forward them to",
               "add dns.servers: {<layer>: [<resolver address in that layer's on-prem prefixes>]}", codes.DNS)
    if servers and not dc.dns_domains:
        report(base + ("servers",), "resolvers are declared but no domain is forwarded to them",
               "add dns.domains, or remove dns.servers", codes.DNS)
    enabled = {layer.id for layer in spec.enabled_layers}
    for layer, addresses in servers:
        path = base + ("servers", layer)
        if layer not in enabled:
            report(path, f"layer {layer} is not enabled", f"remove {layer} from dns.servers", codes.DNS)
            continue
        prefixes = [net for net in map(_network, dc.prefixes_of(layer)) if net is not None]
        for j, text in enumerate(addresses):
            address = _address(text)
            if address is None:
                report(path + (j,), f"{text!r} is not an IPv4 address", "write the resolver's address, "
                       "e.g. 172.16.0.53", codes.DNS)
            elif not any(address in net for net in prefixes):
                report(path + (j,), f"resolver {text} is outside the on-prem prefixes of layer {layer} "
                       f"({', '.join(map(str, prefixes)) or 'none declared'})", "use a resolver inside "
                       f"dataCenter.prefixes.{layer}: the layer reaches nothing else at the data center", codes.DNS)


def _address(text):
    try:
        address = IPAddress(text, version=4)
    except (AddrFormatError, ValueError, TypeError):
        return None
    return address if str(address) == text else None


def _network(text):
    try:
        return IPNetwork(text, version=4)
    except (AddrFormatError, ValueError, TypeError):
        return None
