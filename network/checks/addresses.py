"""Addresses: the tenancy's space, the on-prem prefixes, layer sizes, business systems."""
from __future__ import annotations

from collections import Counter

from netaddr import IPNetwork

from network import codes
from network.cidr import block as cidr_block, is_private, parse_cidr


def address_space(spec, report):
    net, problem = parse_cidr(spec.address_space)
    if net is None:
        report(("addressSpace",), problem, "write the tenancy block as a.b.c.d/n", codes.ADDRESS)
        return
    if not is_private(net):
        report(("addressSpace",), f"{net} is not private address space",
               "use RFC 1918 space (10/8, 172.16/12, 192.168/16) or 100.64/10", codes.ADDRESS)
    if net.prefixlen > 26:
        report(("addressSpace",), f"{net} is too small for three layers", "use /26 or larger", codes.ADDRESS)


def data_center(spec, report):
    space, _ = parse_cidr(spec.address_space)
    seen: list[tuple[IPNetwork, tuple]] = []
    for layer_id, prefixes in spec.data_center.prefixes:
        for i, text in enumerate(prefixes):
            path = ("dataCenter", "prefixes", layer_id, i)
            net, problem = parse_cidr(text)
            if net is None:
                report(path, problem, "write an IPv4 CIDR", codes.ADDRESS)
                continue
            if not is_private(net):
                report(path, f"on-prem prefix {net} is not private address space: routing it to the data center "
                       "would send public internet addresses over the dedicated line",
                       "use the data center's RFC 1918 (10/8, 172.16/12, 192.168/16) or RFC 6598 (100.64/10) "
                       "prefixes", codes.ADDRESS)
            if space is not None and (net in space or space in net):
                report(path, f"on-prem prefix {net} overlaps the tenancy addressSpace {space.cidr}",
                       "on-prem and cloud addresses must be distinct; renumber one of them", codes.ONPREM_OVERLAP)
            for other, other_path in seen:
                if net in other or other in net:
                    report(path, f"on-prem prefix {net} overlaps {other} ({'.'.join(map(str, other_path))})",
                           "list each on-prem prefix once, in one layer", codes.ONPREM_OVERLAP)
            seen.append((net, path))


def layers(spec, report):
    if not spec.enabled_layers:
        report(("layers",), "no layer is enabled", "enable at least one of mynumber, lgwan, internet",
               codes.NO_LAYER)
    for layer in spec.layers:
        base = ("layers", layer.id)
        if layer.cidr is not None:
            net, problem = parse_cidr(layer.cidr)
            if net is None:
                report(base + ("cidr",), problem, "write the layer block as a.b.c.d/n", codes.ADDRESS)
        elif not 8 <= layer.prefix_length <= 28:
            report(base + ("prefixLength",), f"/{layer.prefix_length} is not a usable layer size",
                   "use a prefixLength from 16 to 28", codes.SIZES)
        if not 1 <= layer.azs <= 3:
            report(base + ("azs",), f"azs {layer.azs} is outside 1–3", "use 1, 2 or 3 zones", codes.SIZES)
        if layer.egress is not None and layer.id != "internet":
            report(base + ("egress",), f"layer {layer.info.label} cannot have internet egress",
                   "remove egress; only the internet layer reaches the internet", codes.EGRESS)
    ids = Counter(s.id for layer in spec.layers for s in layer.systems)
    for layer in spec.layers:
        for i, system in enumerate(layer.systems):
            if ids[system.id] > 1:
                report(("layers", layer.id, "systems", i, "id"), f"system id {system.id!r} is declared "
                       f"{ids[system.id]} times", "give each system one id in one layer", codes.SYSTEM_ID)


def systems(spec, plan, report):
    for layer in spec.layers:
        block = cidr_block(plan.layer(layer.id).cidr)
        seen = []
        for i, system in enumerate(layer.systems):
            if system.cidr is None:
                continue
            path = ("layers", layer.id, "systems", i, "cidr")
            net, problem = parse_cidr(system.cidr)
            if net is None:
                report(path, problem, "write an IPv4 CIDR", codes.ADDRESS)
                continue
            if net not in block:
                report(path, f"{net} is outside layer {layer.id}'s block {block.cidr}",
                       f"choose addresses inside {block.cidr}", codes.SIZES)
            elif net.size == block.size:
                report(path, f"{net} is the whole block of layer {layer.id}; a system's cidr is a part of its layer",
                       "give the system the addresses it uses, or leave cidr out", codes.SIZES)
            for other_id, other in seen:
                if net in other or other in net:
                    report(path, f"{net} overlaps system {other_id} ({other})", "give each system its own "
                           "addresses", codes.SIZES)
            seen.append((system.id, net))
