"""Whether a set of source ranges lets the public internet in. Openness is judged on what
the ranges cover, not on how they are written: `0.0.0.0/0`, `0.0.0.0/1` + `128.0.0.0/1`,
`::/0`, `2000::/3` or any other set that covers the public address space all count as
open, the same as `0.0.0.0/0`.

The public space is everything outside the special-purpose blocks of the IANA IPv4
Special-Purpose Address Registry (RFC 6890 and its updates) for IPv4, and the global
unicast block 2000::/3 (RFC 4291 section 2.4) for IPv6."""
from __future__ import annotations

from functools import lru_cache

from netaddr import AddrFormatError, IPNetwork, IPSet

#: IANA IPv4 Special-Purpose Address Registry: never routed on the public internet
SPECIAL_V4 = ("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
              "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
              "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4")
#: RFC 4291 2.4: global unicast; documentation prefix 2001:db8::/32 (RFC 3849) aside
GLOBAL_V6 = "2000::/3"
SPECIAL_V6 = ("2001:db8::/32",)
#: the ranges Google's private and restricted API names answer on, reached through the default
#: internet gateway but "not announced to the internet. Traffic sent to the VIP stays within
#: Google Cloud's network only" (VPC Service Controls, "Private connectivity":
#: restricted.googleapis.com 199.36.153.4/30 and 2600:2d00:0002:1000::/64; private.googleapis.com
#: 199.36.153.8/30 and 2600:2d00:0002:2000::/64): a closed layer's way to the APIs, not out
GOOGLE_API_VIPS = ("199.36.153.8/30", "199.36.153.4/30", "2600:2d00:0002:2000::/64", "2600:2d00:0002:1000::/64")
#: where Google's own systems reach a network's VMs from, public addresses a closed layer's
#: firewall admits without admitting the internet: the health checks (and an internal load
#: balancer's probes), "Health check ranges: 35.191.0.0/16, 130.211.0.0/22; For IPv6 traffic to the
#: backends: 2600:2d00:1:b029::/64, 2600:2d00:1:1::/64" (Cloud Load Balancing, "Firewall rules"; an
#: external load balancer's proxies share them: GOV-ISO-008 judges that), and Cloud DNS forwarding
#: to a name server in the network, whose queries come from 35.199.192.0/19 (Cloud DNS, "DNS
#: server policies")
#: Identity-Aware Proxy's TCP forwarding: "allows ingress traffic from the IP range
#: 35.235.240.0/20. This range contains all IP addresses that IAP uses for TCP forwarding. For
#: IPv6 VMs, use the following IP range: 2600:2d00:1:7::/64" (Using IAP for TCP forwarding)
IAP_SOURCES = ("35.235.240.0/20", "2600:2d00:1:7::/64")
GOOGLE_PROBES = ("35.191.0.0/16", "130.211.0.0/22", "2600:2d00:1:b029::/64", "2600:2d00:1:1::/64", "35.199.192.0/19")


@lru_cache(maxsize=1)
def _public() -> tuple[IPSet, IPSet]:
    return (IPSet(["0.0.0.0/0"]) - IPSet(SPECIAL_V4), IPSet([GLOBAL_V6]) - IPSet(SPECIAL_V6))


def _networks(ranges) -> list[IPNetwork]:
    out = []
    for r in ranges or ():
        try:
            out.append(IPNetwork(str(r).strip()))
        except (AddrFormatError, ValueError, TypeError):
            continue  # not an address range (a tag, a prefix-list id): judged by the caller
    return out


def is_open(ranges) -> bool:
    """True when the ranges together cover all of the public IPv4 space or all of the
    global IPv6 space."""
    nets = _networks(ranges)
    public_v4, public_v6 = _public()
    v4 = IPSet(n for n in nets if n.version == 4)
    v6 = IPSet(n for n in nets if n.version == 6)
    return (bool(v4) and public_v4.issubset(v4)) or (bool(v6) and public_v6.issubset(v6))


def reaches_public(ranges) -> bool:
    """True when any of the ranges holds a public address (a closed layer accepts none)."""
    public_v4, public_v6 = _public()
    for n in _networks(ranges):
        public = public_v4 if n.version == 4 else public_v6
        if IPSet([n]) & public:
            return True
    return False


def outside(ranges, blocks) -> list[str]:
    """The ranges that lie within none of `blocks` (Google's API addresses, its probes): what is
    left to judge. A range that is not one stays, to be judged as it is."""
    within = [IPNetwork(b) for b in blocks]
    left = []
    for value in ranges or []:
        try:
            network = IPNetwork(str(value))
        except (AddrFormatError, ValueError):
            left.append(str(value))
            continue
        if not any(network.version == b.version and network in b for b in within):
            left.append(str(value))
    return left
