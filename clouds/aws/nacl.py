"""The network ACL of a layer, as entries: what ThreeLayerSegments builds and what validate
counts against the quota, from one function so the two cannot differ.

"Rules per network ACL" (Amazon VPC quotas, L-2AEEBF1A): 20 by default, "the one-way
quota for a single network ACL" (ingress and egress apart), adjustable up to 40.
"""
from __future__ import annotations

from network.model import LayerRouting

PROTOCOL_NUMBERS = {"tcp": "6", "udp": "17", "icmp": "1", "all": "-1"}
EPHEMERAL = (1024, 65535)
RULES_PER_ACL_DEFAULT = 20
RULES_PER_ACL_MAX = 40
#: rule numbers: 1–32766 ("rule_no", pulumi-aws NetworkAcl); ours start at these bases
OWN, ONPREM, FLOWS, INTERNET = 100, 110, 200, 900


def nacl_rules(routing: LayerRouting, flows) -> tuple[list[dict], list[dict]]:
    """(ingress, egress) NACL entries for a layer: its own block and on-prem prefixes in
    full, the declared flows narrowed to protocol and ports (with the ephemeral return
    path), and for the internet layer its egress. Everything else is denied."""
    ingress, egress = [], []

    def add(rules, number, cidr, protocol="all", ports=(0, 0)):
        entry = {"rule_no": number, "action": "allow", "protocol": PROTOCOL_NUMBERS[protocol], "cidr_block": cidr,
                 "from_port": ports[0], "to_port": ports[1]}
        if protocol == "icmp":
            entry.update(icmp_type=-1, icmp_code=-1)
        rules.append(entry)

    add(ingress, OWN, routing.cidr)
    add(egress, OWN, routing.cidr)
    for i, prefix in enumerate(routing.onprem):
        add(ingress, ONPREM + i, prefix)
        add(egress, ONPREM + i, prefix)
    number = FLOWS
    by_name = {f.name: f for f in flows}
    for reach in routing.reach:
        flow = by_name[reach.flow].flow
        ranges = flow.ports or ((0, 0),)
        for lo, hi in ranges:
            served, returning = (egress, ingress) if reach.direction == "to" else (ingress, egress)
            add(served, number, reach.prefix, flow.protocol, (lo, hi))
            add(returning, number, reach.prefix, flow.protocol, EPHEMERAL if flow.protocol != "icmp" else (0, 0))
            number += 1
    if routing.default_via_datacenter or routing.internet_gateway:
        add(egress, INTERNET, "0.0.0.0/0", "tcp", (1, 65535))
        add(egress, INTERNET + 1, "0.0.0.0/0", "udp", (1, 65535))
        add(ingress, INTERNET, "0.0.0.0/0", "tcp", EPHEMERAL)  # return traffic only
        add(ingress, INTERNET + 1, "0.0.0.0/0", "udp", EPHEMERAL)
    return ingress, egress
