"""Addresses a rule reads through other resources of the stack, for GOV-ISO-001 and GOV-ISO-003
(policies/rules/isolation.py): the Elastic IPs given to a layer's instances and interfaces, the
ranges of the managed prefix lists a security group names, and the public ranges a closed layer
admits beside what the declaration names. No rule is registered here."""
from __future__ import annotations

from inventory.tokens import AWS
from inventory.view import of_types as of
from network.catalog import CLOSED_LAYERS as CLOSED
from network.openness import outside, reaches_public
from policies.rules.crossings import own_networks

#: an Elastic IP given to an instance or interface: the address's inputs (pulumi_aws ec2.Eip
#: instance, network_interface) and an association's (ec2.EipAssociation instance_id,
#: network_interface_id)
EIP_TARGETS = {AWS.EIP: ("instance", "networkInterface"),
               "aws:ec2/eipAssociation:EipAssociation": ("instanceId", "networkInterfaceId")}


def addresses_given(resources, ctx):
    """(an Elastic IP or association, the closed layer it gives a public address in): tagged
    internet, an address still makes a closed layer's machine answer from the internet (one in
    a closed layer is GOV-ISO-001's finding already; an association always gives)."""
    for r in of(resources, *EIP_TARGETS):
        if r.type == AWS.EIP and ctx.layer(r) in CLOSED:
            continue
        for prop in EIP_TARGETS[r.type]:
            target = ctx.target(r, prop)
            layer = ctx.layer(target) if target is not None else None
            if layer in CLOSED:
                yield r, layer
                break


PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList"
PREFIX_LIST_ENTRY = "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry"


def prefix_lists(resources, ctx):
    """A function (rule, its inputs naming prefix lists) -> the ranges of the stack's managed
    prefix lists it names through their dependency: each list's `entries` and every
    ManagedPrefixListEntry added to it. A list named by id alone (AWS's own, pl-61a54008) is
    not read."""
    by_urn = ctx.by_urn()
    added: dict = {}
    for e in of(resources, PREFIX_LIST_ENTRY):
        for urn in e.ref("prefixListId"):
            added.setdefault(urn, []).append(e.get("cidr"))

    def ranges(r, *props) -> list:
        lists = [by_urn[u] for p in props for u in r.ref(p) if u in by_urn and by_urn[u].type == PREFIX_LIST]
        return [c for pl in lists for c in [*(e.get("cidr") for e in pl.get("entries") or []),
                                            *added.get(pl.urn, [])] if c]
    return ranges


def declared_prefixes(ctx) -> list | None:
    """Every address the declaration names: each layer's block, its data-center prefixes and its
    flows' prefixes; None without a declaration."""
    return None if ctx.model is None else [n for lr in ctx.model.routing for n in own_networks(lr)]


def undeclared_public(ranges, declared, besides=()) -> list[str]:
    """The ranges holding public addresses that lie within no declared prefix (nor `besides`):
    what a closed layer would admit from the internet."""
    return [r for r in outside(ranges, [*declared, *besides]) if reaches_public([r])]
