"""Where one layer's addresses meet another's, for GOV-ISO-005 (policies/rules/isolation.py): the
ranges a firewall, security group or network ACL allows that belong to another layer, and the
routes that send another layer's addresses through an appliance; and, for GOV-ISO-004, an AWS
machine with interfaces in two layers. No rule is registered here."""
from __future__ import annotations

from netaddr import IPNetwork

from inventory.tokens import AWS, GCP
from inventory.view import of_types as of
from network.catalog import LAYER_IDS
from network.model import layer_blocks, layers_reached, overlaps
from network.openness import reaches_public
from policies.registry import Finding


def other_layers(layer: str, cidrs, spaces: dict):
    """The ranges of `cidrs` that reach another layer's block or its data-center prefixes and
    are no declared flow of `layer` (nor its own addresses, nor a range holding public addresses:
    0.0.0.0/1 holds every layer's block too, and is the internet's, GOV-ISO-003's)."""
    allowed, others, seen = spaces[layer]
    for cidr in cidrs:
        if cidr not in seen:  # a stack repeats its ranges group after group: each judged once
            net = _network(cidr)
            seen[cidr] = net is not None and not any(net.version == o.version and net in o for o in allowed) and \
                any(overlaps(net, b) for b in others) and not reaches_public([cidr])
        if seen[cidr]:
            yield cidr


def _network(cidr):
    try:
        return IPNetwork(cidr)
    except (ValueError, TypeError):
        return None


def spaces_of(routing) -> dict:
    """layer -> (its own and its declared flows' networks, the other layers' blocks and data-center
    prefixes, the verdicts so far by range): made once per evaluation, for the thousands of ranges
    a stack's groups and ACLs hold."""
    blocks = layer_blocks(routing.values())
    return {layer: (own_networks(lr), [block for other, block in blocks if other != layer], {})
            for layer, lr in routing.items()}


def own_networks(lr) -> list[IPNetwork]:
    """A layer's own addresses as the declaration gives them (`lr`: its LayerRouting): its
    block, its data-center prefixes and its declared flows' prefixes."""
    return [IPNetwork(p) for p in (lr.cidr, *lr.onprem, *(x.prefix for x in lr.reach))]


#: AWS network ACL rules standing alone (pulumi_aws ec2.NetworkAclRule)
NETWORK_ACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule"
SECURITY_GROUP_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"


def aws_allowed_ranges(resources, ctx):
    """(resource, the IPv4/IPv6 ranges it allows) for every security group and network ACL,
    inline rules and standalone ones, both directions: what lets traffic of those ranges in
    or out of the layer's interfaces and subnets."""
    for r in of(resources, AWS.SECURITY_GROUP):
        yield r, [c for rule in (*(r.get("ingress") or []), *(r.get("egress") or []))
                  for c in (*(rule.get("cidrBlocks") or []), *(rule.get("ipv6CidrBlocks") or []))]
    for r in of(resources, AWS.SECURITY_GROUP_RULE, AWS.SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_EGRESS_RULE):
        yield r, [c for c in (*(r.get("cidrBlocks") or []), *(r.get("ipv6CidrBlocks") or []), r.get("cidrIpv4"),
                              r.get("cidrIpv6")) if c]
    for r in of(resources, AWS.NETWORK_ACL):
        yield r, [e.get("cidrBlock") or e.get("ipv6CidrBlock") for e in (*(r.get("ingress") or []),
                                                                          *(r.get("egress") or []))
                  if str(e.get("action")).lower() == "allow" and (e.get("cidrBlock") or e.get("ipv6CidrBlock"))]
    for r in of(resources, NETWORK_ACL_RULE):
        if str(r.get("ruleAction")).lower() == "allow":
            yield r, [c for c in (r.get("cidrBlock"), r.get("ipv6CidrBlock")) if c]


#: route targets inside the network that forward wherever they are told: an interface, a
#: Gateway Load Balancer endpoint (AWS); an instance, an address, an internal load balancer (Google)
APPLIANCE_HOPS = {AWS.ROUTE: ("networkInterfaceId", "vpcEndpointId"),
                  GCP.ROUTE: ("nextHopInstance", "nextHopIp", "nextHopIlb")}


def appliance_routes(resources, ctx, routing):
    """A route of one layer toward another layer's addresses (its block or its prefixes in the
    data center) through something that forwards inside the network: the layers' declared flows
    go through the transit gateway (AWS) or the line (Google Cloud), never through a vendor's
    appliance, which joins the two layers below every transit table and firewall."""
    blocks = layer_blocks(routing.values())
    for r in of(resources, *APPLIANCE_HOPS):
        layer = ctx.layer(r)
        hop = next((k for k in APPLIANCE_HOPS[r.type] if r.get(k)), None)
        if layer not in routing or hop is None:
            continue
        for cidr in (r.get("destinationCidrBlock"), r.get("destinationIpv6CidrBlock"), r.get("destRange")):
            reached = layers_reached(cidr, blocks, layer) if cidr else []
            if reached:
                yield Finding(f"route {r.name} in {layer} sends {cidr} of layer {', '.join(reached)} through "
                              f"{hop} {r.get(hop)}", r.urn, ("flows",))


ENI = "aws:ec2/networkInterface:NetworkInterface"
ENI_ATTACHMENT = "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment"
#: what an AWS machine's interfaces are in: the subnet, interface or instance each names
_BRIDGE_LINKS = {AWS.INSTANCE: ("subnetId", "networkInterfaces"), AWS.LAUNCH_TEMPLATE: ("networkInterfaces",),
                 ENI_ATTACHMENT: ("instanceId", "networkInterfaceId"), ENI: ("subnetId", "attachments")}
_BRIDGE_ENDS = (AWS.SUBNET, ENI, AWS.INSTANCE)


def aws_bridges(resources, ctx):
    """(resource, its layers) for each AWS instance, launch template, interface or interface
    attachment that puts one machine in two layers' subnets: through the dependencies of the
    inputs naming them (an instance's subnet and extra interfaces, a template's interfaces, an
    attachment's instance and interface, an interface's subnet and the instance it attaches to).
    Ids written as literals name nothing in the plan and are not judged."""
    by_urn = ctx.by_urn()
    for r in of(resources, *_BRIDGE_LINKS):
        ends = [by_urn.get(urn) for prop in _BRIDGE_LINKS[r.type] for urn in r.ref(prop)]
        layers = {ctx.layer(e) for e in ends if e is not None and e is not r and e.type in _BRIDGE_ENDS}
        layers = sorted(layer for layer in layers if layer in LAYER_IDS)
        if len(layers) > 1:
            yield r, layers
