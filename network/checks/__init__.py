"""Semantic checks of one declaration, after its shape is known to be right, by area; the
cloud's own checks come from clouds/<id>/declaration.py through the registry.

Each check takes the spec and a reporter and only reads. Paths are relative to
`govcloud:tenancy`, so the reporter can give the line of the key:
`report(path, message, fix, code)`.
"""
from __future__ import annotations

import clouds
from network import codes
from network.addressing import AddressPlan
from network.checks import accounts, addresses, bgp, dns, flows, identity, lines, tags, vpn
from network.spec import TenancySpec

#: Checks that need only the spec, in the order their findings read best.
SPEC_CHECKS = (identity.municipality, identity.regions, addresses.address_space, addresses.data_center,
               bgp.asns, lines.lines, lines.redundancy, vpn.peers, dns.hybrid, addresses.layers, accounts.accounts, flows.shape, tags.reserved,
               lines.foreign_options)
#: Checks that need the address plan: systems and flows against the layer blocks.
PLAN_CHECKS = (addresses.systems, accounts.system_blocks, flows.prefixes, flows.narrow_into_mynumber)


def check_spec(spec: TenancySpec, report) -> None:
    for check in SPEC_CHECKS:
        check(spec, report)
    clouds.get(spec.cloud).check(spec, report)


def check_plan(spec: TenancySpec, plan: AddressPlan, report) -> None:
    for check in PLAN_CHECKS:
        check(spec, plan, report)


def check_model(model, report) -> None:
    """What the declaration resolves to: every layer reaches the data center, then the
    cloud's own checks (provider limits that depend on the flows)."""
    routes_to_datacenter(model, report)
    clouds.get(model.spec.cloud).check_model(model, report)


def routes_to_datacenter(model, report) -> None:
    """A layer nothing routes to the data center from is a stack that deploys and does not
    work: no on-prem prefixes, no flow to an on-prem end, no egress through the data center."""
    from network.catalog import LAYER_BY_ID
    for routing in model.routing:
        if routing.onprem or routing.default_via_datacenter or any(r.onprem for r in routing.reach):
            continue
        report(("layers", routing.layer), f"layer {LAYER_BY_ID[routing.layer].label} has no route to the data "
               "center: no on-prem prefixes, and no flow to an on-prem end", f"ask the data center for the layer's "
               f"prefixes and list them in dataCenter.prefixes.{routing.layer}, or disable the layer (enabled: false)",
               codes.UNCONFIRMED)
