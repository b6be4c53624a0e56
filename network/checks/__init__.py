"""Semantic checks of one declaration, after its shape is known to be right, by area; the
cloud's own checks come from clouds/<id>/declaration.py through the registry.

Each check takes the spec and a reporter and only reads. Paths are relative to
`govcloud:tenancy`, so the reporter can give the line of the key:
`report(path, message, fix, code)`.
"""
from __future__ import annotations

import clouds
from network.addressing import AddressPlan
from network.checks import addresses, bgp, dns, flows, identity, lines, tags, vpn
from network.spec import TenancySpec

#: Checks that need only the spec, in the order their findings read best.
SPEC_CHECKS = (identity.municipality, identity.regions, addresses.address_space, addresses.data_center,
               bgp.asns, lines.lines, lines.redundancy, vpn.peers, dns.hybrid, addresses.layers, flows.shape, tags.reserved,
               lines.foreign_options)
#: Checks that need the address plan: systems and flows against the layer blocks.
PLAN_CHECKS = (addresses.systems, flows.prefixes, flows.narrow_into_mynumber)


def check_spec(spec: TenancySpec, report) -> None:
    for check in SPEC_CHECKS:
        check(spec, report)
    clouds.get(spec.cloud).check(spec, report)


def check_plan(spec: TenancySpec, plan: AddressPlan, report) -> None:
    for check in PLAN_CHECKS:
        check(spec, plan, report)


def check_model(model, report) -> None:
    """The cloud's checks of the resolved routing (provider limits that depend on flows)."""
    clouds.get(model.spec.cloud).check_model(model, report)
