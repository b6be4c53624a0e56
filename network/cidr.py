"""Addresses as the declaration writes them: parsing a CIDR, and what counts as private."""
from __future__ import annotations

from netaddr import AddrFormatError, IPNetwork, IPSet

#: RFC 1918 and the shared address space of RFC 6598.
PRIVATE_SPACE = IPSet(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"])


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


def overlaps(a: IPNetwork, b: IPNetwork) -> bool:
    return a.first <= b.last and b.first <= a.last
