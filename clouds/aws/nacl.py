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
OWN, ONPREM, FLOWS, SERVICES, INTERNET = 100, 110, 200, 800, 900
#: entries reserved for the S3 prefix list of the region in a closed layer's ACL, unless the
#: declaration says how many the list holds (aws.s3PrefixListEntries)
S3_PREFIX_ENTRIES_DEFAULT = 8


class PrefixListTooLong(Exception):
    """The region's S3 prefix list holds more CIDRs than the declaration reserved."""


def service_entries(cidrs, reserved: int) -> list[str]:
    """The S3 prefix list's CIDRs, at most `reserved` of them: "ec2.get_prefix_list ... to
    obtain the CIDR blocks (IP address ranges) for the associated AWS service ... useful e.g.,
    for adding network ACL rules" (pulumi-aws getPrefixList). A network ACL cannot name a
    prefix list, so each CIDR is an entry; more than reserved stops the deployment."""
    cidrs = sorted(cidrs or [])
    if len(cidrs) > reserved:
        raise PrefixListTooLong(f"the region's S3 prefix list holds {len(cidrs)} CIDRs, but aws.s3PrefixListEntries "
                                f"reserves {reserved} network ACL entries for it; set aws.s3PrefixListEntries: "
                                f"{len(cidrs)} (and check the quota with govcloud validate)")
    return cidrs


def nacl_rules(routing: LayerRouting, flows, services=()) -> tuple[list[dict], list[dict]]:
    """(ingress, egress) NACL entries for a layer: its own block and on-prem prefixes in
    full, the declared flows narrowed to protocol and ports (with the ephemeral return
    path), HTTPS to the AWS service CIDRs a gateway endpoint routes to (`services`), and
    for the internet layer its egress. Everything else is denied."""
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
    for i, cidr in enumerate(services):
        add(egress, SERVICES + i, cidr, "tcp", (443, 443))
        add(ingress, SERVICES + i, cidr, "tcp", EPHEMERAL)
    if routing.default_via_datacenter or routing.internet_gateway:
        add(egress, INTERNET, "0.0.0.0/0", "tcp", (1, 65535))
        add(egress, INTERNET + 1, "0.0.0.0/0", "udp", (1, 65535))
        add(ingress, INTERNET, "0.0.0.0/0", "tcp", EPHEMERAL)  # return traffic only
        add(ingress, INTERNET + 1, "0.0.0.0/0", "udp", EPHEMERAL)
    return ingress, egress
