"""Overlap detection over many CIDRs in O(n log n + k), k the number of conflicts.

CIDR blocks are laminar: two blocks are either disjoint or one contains the other.
Sorted by (first address, size descending), every block that overlaps a later one
contains it, so a sweep keeps a stack of the open blocks (at most 33 deep for IPv4)
and reports the later block against each block still open when it arrives. Order of
input does not matter; containment either way and identical blocks are both found.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable

from netaddr import IPNetwork

from .cidr import parse_cidr


@dataclass(frozen=True)
class Conflict:
    outer: str  # the containing (or identical) block
    outer_owner: Hashable
    inner: str
    inner_owner: Hashable


def conflicts(blocks: Iterable[tuple[str, Hashable]]) -> list[Conflict]:
    """Every overlapping pair among (cidr, owner) blocks, each pair once."""
    items = []
    for cidr, owner in blocks:
        net = parse_cidr(cidr)[0] or IPNetwork(cidr)  # the plan's blocks are canonical: read fast
        items.append((net.first, -net.size, net.last, str(net.cidr), owner))
    items.sort(key=lambda item: (item[0], item[1], str(item[4])))
    open_blocks: list[tuple] = []
    found: list[Conflict] = []
    for item in items:
        first = item[0]
        while open_blocks and open_blocks[-1][2] < first:
            open_blocks.pop()
        for outer in open_blocks:
            found.append(Conflict(outer[3], outer[4], item[3], item[4]))
        open_blocks.append(item)
    return found


def brute_force(blocks: Iterable[tuple[str, Hashable]]) -> set[frozenset]:
    """Reference O(n²) checker, for tests: the set of {i, j} index pairs that overlap."""
    nets = [IPNetwork(cidr) for cidr, _ in blocks]
    return {frozenset((i, j)) for i in range(len(nets)) for j in range(i + 1, len(nets))
            if nets[i].first <= nets[j].last and nets[j].first <= nets[i].last}
