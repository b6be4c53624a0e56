"""Addresses as the declaration writes them: parsing a CIDR, and what counts as private."""
from __future__ import annotations

import re

from netaddr import AddrFormatError, IPNetwork, IPSet

#: RFC 1918 and the shared address space of RFC 6598.
PRIVATE_SPACE = IPSet(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"])
#: The one way a CIDR is written: four decimal octets without leading zeros, a slash and a
#: decimal prefix length without leading zeros. Anything else (a netmask, 020, spaces,
#: octal-looking octets) is refused rather than reinterpreted.
_CANONICAL = re.compile(r"(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}/(0|[1-9][0-9]?)")


def parse_cidr(text: str) -> tuple[IPNetwork | None, str]:
    """(network, '') for a CIDR written in its canonical form, or (None, what is wrong and
    the fix). The accepted text is exactly str(network)."""
    if not isinstance(text, str):
        return None, f"{text!r} is not a CIDR; write it as a.b.c.d/n, e.g. 10.1.0.0/20"
    try:
        net = IPNetwork(text.strip(), flags=0)
    except (AddrFormatError, ValueError, TypeError):
        return None, f"{text!r} is not a valid IPv4 CIDR; write it as a.b.c.d/n, e.g. 10.1.0.0/20"
    if net.version != 4:
        return None, f"{text} is IPv6; only IPv4 CIDRs are planned"
    if "/" not in text:
        return None, f"{text!r} has no prefix length; write it as {net.ip}/32 or the intended block"
    if not _CANONICAL.fullmatch(text):
        return None, (f"{text!r} is not written as a.b.c.d/n (no netmask, no leading zeros, no spaces); "
                      f"write {net.cidr}" + (" if that is what you mean" if net.ip != net.network else ""))
    if net.ip != net.network:
        return None, f"{text} has host bits set; did you mean {net.cidr}?"
    return net, ""


def canonical(text: str) -> str | None:
    """The canonical form of a CIDR the loader accepts, else None."""
    net, _ = parse_cidr(text)
    return str(net.cidr) if net is not None else None


def overlaps(a: IPNetwork, b: IPNetwork) -> bool:
    return a.first <= b.last and b.first <= a.last
