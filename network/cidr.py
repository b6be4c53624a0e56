"""Addresses as the declaration writes them: parsing a CIDR, and what counts as private."""
from __future__ import annotations

import re

from netaddr import AddrFormatError, IPNetwork, IPSet

#: RFC 1918 and the shared address space of RFC 6598.
PRIVATE_SPACE = IPSet(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"])
#: The same blocks as (first, last) integers: none touches another, so a CIDR block lies in
#: the private space exactly when it lies in one of them.
_PRIVATE_RANGES = tuple((block.first, block.last) for block in PRIVATE_SPACE.iter_cidrs())
#: The one way a CIDR is written: four decimal octets without leading zeros, a slash and a
#: decimal prefix length without leading zeros. Anything else (a netmask, 020, spaces,
#: octal-looking octets) is refused rather than reinterpreted.
_CANONICAL = re.compile(r"(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}/(0|[1-9][0-9]?)")


def block(text: str) -> IPNetwork:
    """The network of a CIDR text already known to be canonical (accepted by parse_cidr,
    or written by the plan): built from integers, five times faster than netaddr parsing
    the text, which the whole-country runs do tens of thousands of times."""
    address, _, length = text.partition("/")
    a, b, c, d = address.split(".")
    return IPNetwork(((int(a) << 24) | (int(b) << 16) | (int(c) << 8) | int(d), int(length)))


def parse_cidr(text: str) -> tuple[IPNetwork | None, str]:
    """(network, '') for a CIDR written in its canonical form, or (None, what is wrong and
    the fix). The accepted text is exactly str(network)."""
    if isinstance(text, str) and _CANONICAL.fullmatch(text):
        octets, _, length = text.partition("/")
        parts = [int(p) for p in octets.split(".")]
        if max(parts) <= 255 and int(length) <= 32:  # else netaddr's own message, below
            value = (parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]
            if value & ((1 << (32 - int(length))) - 1) == 0:
                return IPNetwork((value, int(length))), ""
    return _parse_slowly(text)


def _parse_slowly(text) -> tuple[IPNetwork | None, str]:
    """parse_cidr for every text, by netaddr: what the fast path above must agree with,
    and the messages for what it does not accept."""
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


def is_private(net: IPNetwork) -> bool:
    """Whether a block lies wholly in RFC 1918 or RFC 6598 space (as IPSet.issubset of
    PRIVATE_SPACE says, without building a set per block)."""
    return any(first <= net.first and net.last <= last for first, last in _PRIVATE_RANGES)


def overlaps(a: IPNetwork, b: IPNetwork) -> bool:
    return a.first <= b.last and b.first <= a.last
