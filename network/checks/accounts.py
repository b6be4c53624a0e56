"""Accounts and projects as the Government Cloud hands them out: a network account (a
Shared VPC host project on Google Cloud) owns the lines, the hub and the layer routing;
each business system runs in the account (service project) prepared for it and its vendor.

- With `accounts.network`, every system names its `account`; without it, none may.
- An id is one the cloud accepts (12 digits on AWS; Google's project-id rules).
- No system runs in the network account (it holds no system resource).
- One account serves one layer of a municipality: an account in two layers would join
  them (one IAM boundary, one set of administrators, 三層の分離 broken at the account).
"""
from __future__ import annotations

import clouds
from network import codes
from network.cidr import overlaps, parse_cidr


def accounts(spec, report) -> None:
    cloud = clouds.get(spec.cloud)
    network = spec.network_account
    if network is not None:
        problem = cloud.account_problem(network)
        if problem:
            report(("accounts", "network"), problem, f"write the network account's {cloud.account_noun}",
                   codes.ACCOUNTS)
    first_layer: dict[str, tuple[str, str]] = {}  # account -> (layer, system) that first names it
    for layer in spec.layers:
        for i, system in enumerate(layer.systems):
            path = ("layers", layer.id, "systems", i)
            if system.account is None:
                if network is not None:
                    report(path, f"system {system.id} names no account, but accounts.network is declared: every "
                           "business system runs in its own account (service project), none in the network "
                           "account", f"add account: <the {cloud.account_noun} of {system.id}>", codes.ACCOUNTS)
                continue
            if network is None:
                report(path + ("account",), f"system {system.id} names an account, but the tenancy declares no "
                       "network account", "add accounts: {network: <the network account>} (the account that "
                       "owns the lines and the transit hub), or remove account", codes.ACCOUNTS)
                continue
            problem = cloud.account_problem(system.account)
            if problem:
                report(path + ("account",), problem, f"write the {cloud.account_noun} the Digital Agency issued "
                       f"for {system.id}", codes.ACCOUNTS)
                continue
            if system.account == network:
                report(path + ("account",), f"system {system.id} names the network account {network}; the "
                       "network account holds the lines and the hub, no business system",
                       f"write the {cloud.account_noun} prepared for {system.id} and its vendor", codes.ACCOUNTS)
                continue
            seen = first_layer.setdefault(system.account, (layer.id, system.id))
            if seen[0] != layer.id:
                report(path + ("account",), f"account {system.account} is already in layer {seen[0]} (system "
                       f"{seen[1]}); one account in two layers joins them (三層の分離)",
                       "give the system an account of its own layer", codes.ACCOUNTS)


def system_blocks(spec, plan, report) -> None:
    """With system accounts, a system's named cidr is its own VPC (subnets): it must stay
    clear of the network account's block in the layer."""
    if not spec.multi_account:
        return
    for layer in spec.layers:
        services, _ = parse_cidr(plan.layer(layer.id).vpc_cidr)
        for i, system in enumerate(layer.systems):
            if system.cidr is None:
                continue
            net, _ = parse_cidr(system.cidr)  # a malformed one is reported by addresses.systems
            if net is not None and overlaps(net, services):
                report(("layers", layer.id, "systems", i, "cidr"), f"{net.cidr} overlaps the network account's "
                       f"VPC block {services.cidr} in layer {layer.id} (the last /{services.prefixlen} of the layer)",
                       "choose a block lower in the layer, or leave cidr out to have one allocated", codes.SIZES)
