"""Deterministic address planning with netaddr.

The tenancy's space is carved into one block per layer, in layer order (mynumber, lgwan,
internet). Explicit layer CIDRs are placed first and verified; every other layer takes
the first free aligned block of its size. Disabled layers keep their block reserved, so
enabling one later renumbers nothing.

Inside a layer block, subnets of `subnetPrefixLength` are numbered from the bottom:
workload subnet i is in the cloud's zone i (`Cloud.subnet_zones`: availability zones in a
fixed order on AWS, the regions on Google Cloud, whose subnets are regional). Where the
cloud attaches a layer through transit subnets (AWS), the *last* subnet-sized block is
split into /28 transit-attachment subnets, one per zone, also by zone index. So adding a
zone or a region appends a subnet and never moves an existing one.

Where business systems run in their own accounts (`accounts.network`), the layer block is
shared out instead: the network account's own VPC (the transit attachment, DNS forwarders,
service endpoints) takes the *last* block of `servicesPrefixLength`, and each system a
block of its own, one VPC (AWS) or one subnet per region (Google Cloud) in its account.
Blocks named by `cidr` are placed first; the others take the first free aligned block of
their size, in declaration order, so a system added after the others moves none of them.
Inside such a block the workload subnets share the lower half (AWS) or the whole block
(Google Cloud), one per zone, and AWS's /28 transit-attachment subnets sit at its top.
"""
from __future__ import annotations

from dataclasses import dataclass

from netaddr import IPAddress, IPNetwork, iprange_to_cidrs

import clouds
from .cidr import block as cidr_block, overlaps, parse_cidr
from .spec import LayerSpec, System, TenancySpec

TRANSIT_PREFIX_LENGTH = 28


class PlanError(Exception):
    """A layer or subnet that does not fit. `path` is relative to the tenancy."""

    def __init__(self, path: tuple, message: str, fix: str):
        super().__init__(message)
        self.path, self.message, self.fix = path, message, fix


@dataclass(frozen=True)
class Subnet:
    layer: str
    role: str  # workload | transit
    index: int
    zone: str  # AZ on AWS, region on GCP
    region: str
    cidr: str
    usable: int
    system: str | None = None  # the system whose own block it is in (accounts.network)

    @property
    def name(self) -> str:
        owner = f"{self.layer}-{self.system}" if self.system else self.layer
        return f"{owner}-{self.role}-{self.zone}"


@dataclass(frozen=True)
class SystemPlan:
    """A business system's own block, in its own account or service project."""

    layer: str
    system: str
    account: str
    cidr: str
    explicit: bool
    subnets: tuple[Subnet, ...]
    index: int  # its place in the layer's systems list

    def workload(self) -> tuple[Subnet, ...]:
        return tuple(s for s in self.subnets if s.role == "workload")

    def transit(self) -> tuple[Subnet, ...]:
        return tuple(s for s in self.subnets if s.role == "transit")


@dataclass(frozen=True)
class LayerPlan:
    layer: str
    enabled: bool
    cidr: str
    explicit: bool
    subnets: tuple[Subnet, ...]
    services: str | None = None  # with system accounts: the network account's VPC block in the layer

    @property
    def vpc_cidr(self) -> str:
        """The block of the layer's VPC (network) in the network account."""
        return self.services or self.cidr

    def workload(self) -> tuple[Subnet, ...]:
        return tuple(s for s in self.subnets if s.role == "workload")

    def transit(self) -> tuple[Subnet, ...]:
        return tuple(s for s in self.subnets if s.role == "transit")


@dataclass(frozen=True)
class AddressPlan:
    space: str
    layers: tuple[LayerPlan, ...]
    systems: tuple[SystemPlan, ...] = ()  # with accounts.network, in layer and declaration order

    def layer(self, layer_id: str) -> LayerPlan:
        return next(p for p in self.layers if p.layer == layer_id)

    def system(self, system_id: str) -> SystemPlan | None:
        return next((p for p in self.systems if p.system == system_id), None)

    def systems_of(self, layer_id: str) -> tuple[SystemPlan, ...]:
        return tuple(p for p in self.systems if p.layer == layer_id)

    @property
    def enabled(self) -> tuple[LayerPlan, ...]:
        return tuple(p for p in self.layers if p.enabled)

    @property
    def free(self) -> tuple[str, ...]:
        """Blocks of the space no layer uses (enabled or reserved)."""
        space = cidr_block(self.space)
        used = sorted((b.first, b.last) for b in (cidr_block(p.cidr) for p in self.layers))
        out, cursor = [], space.first
        for first, last in used + [(space.last + 1, space.last)]:
            if first > cursor:
                out += [str(c) for c in iprange_to_cidrs(IPAddress(cursor), IPAddress(first - 1))]
            cursor = max(cursor, last + 1)
        return tuple(out)


def _cidr(first: int, prefix_length: int) -> str:
    """a.b.c.d/n of an IPv4 block (what netaddr writes, without its checks on every call)."""
    return f"{first >> 24}.{first >> 16 & 255}.{first >> 8 & 255}.{first & 255}/{prefix_length}"


def _size(prefix_length: int) -> int:
    return 1 << (32 - prefix_length)


def plan(spec: TenancySpec) -> AddressPlan:
    """Plan the tenancy's addresses. Raises PlanError naming the key that cannot be met."""
    space = cidr_block(spec.address_space)  # checked before a plan is made
    blocks = _layer_blocks(spec, space)
    if not spec.multi_account:
        layers = tuple(
            LayerPlan(layer.id, layer.enabled, str(blocks[layer.id]), layer.cidr is not None,
                      _subnets(spec, layer, blocks[layer.id]))
            for layer in spec.layers
        )
        return AddressPlan(str(space.cidr), layers)
    layers, systems = [], []
    for layer in spec.layers:
        block = blocks[layer.id]
        services = _services_block(layer, block)
        layers.append(LayerPlan(layer.id, layer.enabled, str(block), layer.cidr is not None,
                                _block_subnets(spec, layer, services.first, services.prefixlen, None,
                                               ("layers", layer.id, "servicesPrefixLength")),
                                services=str(services)))
        systems += _system_blocks(spec, layer, block, services)
    return AddressPlan(str(space.cidr), tuple(layers), tuple(systems))


def _services_block(layer: LayerSpec, block: IPNetwork) -> IPNetwork:
    length = layer.services_prefix_length
    if not block.prefixlen < length <= TRANSIT_PREFIX_LENGTH:
        raise PlanError(("layers", layer.id, "servicesPrefixLength"),
                        f"/{length} does not leave room for systems in the layer block {block.cidr}",
                        f"use a servicesPrefixLength from {block.prefixlen + 1} to {TRANSIT_PREFIX_LENGTH}")
    return cidr_block(_cidr(block.last + 1 - _size(length), length))


def _system_blocks(spec: TenancySpec, layer: LayerSpec, block: IPNetwork, services: IPNetwork) -> list[SystemPlan]:
    """Each system's block: the named ones first, then first fit in declaration order.
    Blocks are (first address, prefix length) integers here: a country of systems is
    100,000 blocks, and netaddr works its properties out on every read."""
    block_first, block_last, block_length = block.first, block.last, block.prefixlen
    taken: list[tuple[int, int]] = [(services.first, services.last)]
    chosen: dict[int, tuple[int, int, bool]] = {}
    for i, system in enumerate(layer.systems):
        if system.cidr is None:
            continue
        net, _ = parse_cidr(system.cidr)  # the plan checks (network/checks/addresses.py) say what is wrong with it
        if net is None:
            continue
        first, last = net.first, net.last
        if block_first <= first and last <= block_last and not any(f <= last and first <= l for f, l in taken):
            chosen[i] = (first, net.prefixlen, True)
            taken.append((first, last))
    for i, system in enumerate(layer.systems):
        if system.cidr is not None:
            continue
        length = system.prefix_length or layer.system_prefix_length
        path = ("layers", layer.id, "systems", i, "prefixLength" if system.prefix_length else "id")
        if not block_length < length <= TRANSIT_PREFIX_LENGTH:
            # said at the key that set the length: the system's own, else the layer's systemPrefixLength
            path = path if system.prefix_length else ("layers", layer.id, "systemPrefixLength")
            why = (f"is smaller than the smallest system block the plan allows (/{TRANSIT_PREFIX_LENGTH})"
                   if length > TRANSIT_PREFIX_LENGTH else f"does not fit inside layer {layer.id}'s block {block.cidr}")
            raise PlanError(path, f"a /{length} system block (system {system.id}) {why}",
                            f"use a prefixLength from {block_length + 1} to {TRANSIT_PREFIX_LENGTH}")
        first = _first_fit(block_first, block_last, length, taken)
        if first is None:
            raise PlanError(path, f"no free /{length} is left in layer {layer.id}'s block {block.cidr} for system "
                            f"{system.id} (the network account's own VPC keeps {services.cidr})",
                            "give the system a longer prefixLength, the layer a larger block, or a smaller "
                            "systemPrefixLength / servicesPrefixLength")
        chosen[i] = (first, length, False)
        taken.append((first, first + _size(length) - 1))
    out = []
    for i, system in enumerate(layer.systems):
        if i not in chosen:
            continue
        first, length, explicit = chosen[i]
        subnets = _block_subnets(spec, layer, first, length, system, ("layers", layer.id, "systems", i,
                                                                      "cidr" if explicit else "prefixLength"))
        out.append(SystemPlan(layer.id, system.id, system.account or "", _cidr(first, length), explicit, subnets, i))
    return out


def _block_subnets(spec: TenancySpec, layer: LayerSpec, first: int, length: int, system: System | None,
                   path: tuple) -> tuple[Subnet, ...]:
    """One workload subnet per zone (the lower half of the block where the cloud needs
    transit-attachment subnets, which take /28s at its top; else the whole block)."""
    cloud = clouds.get(spec.cloud)
    zones = cloud.subnet_zones(spec, layer)
    reserve = cloud.reserved_per_subnet
    bits = max(len(zones) - 1, 0).bit_length()  # pieces: the next power of two >= zones
    transit_size = _size(TRANSIT_PREFIX_LENGTH) << bits if cloud.transit_subnets else 0
    workload_length = length + bits + (1 if cloud.transit_subnets else 0)
    owner = f"system {system.id}" if system else f"the network account's VPC in layer {layer.id}"
    if workload_length > TRANSIT_PREFIX_LENGTH or transit_size > _size(length) // 2 and cloud.transit_subnets:
        smallest = TRANSIT_PREFIX_LENGTH - bits - (1 if cloud.transit_subnets else 0)
        raise PlanError(path, f"{_cidr(first, length)} is too small for {owner}: {len(zones)} zone(s) need subnets "
                        f"of at least /{TRANSIT_PREFIX_LENGTH} each", f"use a block of /{smallest} or larger")
    step = _size(workload_length)
    sid = system.id if system else None
    out = [Subnet(layer.id, "workload", i, zone, region, _cidr(first + i * step, workload_length),
                  step - reserve, sid) for i, (zone, region) in enumerate(zones)]
    if cloud.transit_subnets:
        top = first + _size(length) - transit_size
        t = _size(TRANSIT_PREFIX_LENGTH)
        out += [Subnet(layer.id, "transit", i, zone, region, _cidr(top + i * t, TRANSIT_PREFIX_LENGTH),
                       t - reserve, sid) for i, (zone, region) in enumerate(zones)]
    return tuple(out)


def _overlapping(block: IPNetwork, blocks: dict[str, IPNetwork]) -> str | None:
    return next((k for k, v in blocks.items() if overlaps(v, block)), None)


def _layer_blocks(spec: TenancySpec, space: IPNetwork) -> dict[str, IPNetwork]:
    blocks: dict[str, IPNetwork] = {}
    for layer in spec.layers:
        if layer.cidr is None:
            continue
        block = cidr_block(layer.cidr)  # checked before a plan is made
        if block not in space:
            raise PlanError(("layers", layer.id, "cidr"), f"{block} is outside addressSpace {space.cidr}",
                            f"choose a block inside {space.cidr}, or remove cidr to have one allocated")
        other = _overlapping(block, blocks)
        if other:
            raise PlanError(("layers", layer.id, "cidr"), f"{block} overlaps layer {other} ({blocks[other]})",
                            "give each layer its own block")
        blocks[layer.id] = block
    for layer in spec.layers:
        if layer.cidr is not None:
            continue
        if layer.prefix_length < space.prefixlen:
            raise PlanError(("layers", layer.id, "prefixLength"),
                            f"/{layer.prefix_length} is larger than addressSpace {space.cidr}",
                            f"use a prefixLength of at least {space.prefixlen}")
        block = _first_free(space, layer.prefix_length, list(blocks.values()))
        if block is None:
            free = ", ".join(AddressPlan(str(space.cidr), tuple(
                LayerPlan(k, False, str(v.cidr), False, ()) for k, v in blocks.items())).free) or "none"
            raise PlanError(("layers", layer.id, "prefixLength"),
                            f"no free /{layer.prefix_length} left in addressSpace {space.cidr} "
                            f"(free: {free}; disabled layers keep their block)",
                            "use a longer prefixLength for this or another layer, or a larger addressSpace")
        blocks[layer.id] = block
    return blocks


def _first_free(space: IPNetwork, prefix_length: int, taken: list[IPNetwork]) -> IPNetwork | None:
    """The lowest aligned block of the size in `space` not touching `taken`, or None."""
    first = _first_fit(space.first, space.last, prefix_length, [(t.first, t.last) for t in taken])
    return None if first is None else cidr_block(_cidr(first, prefix_length))


def _first_fit(start: int, end: int, prefix_length: int, taken: list[tuple[int, int]]) -> int | None:
    """The first address of the lowest aligned block of the size in [start, end] that
    touches no (first, last) range of `taken`. Each step either succeeds or jumps past one
    taken range, so it takes at most len(taken) + 1 steps."""
    size = _size(prefix_length)
    candidate = start
    while candidate + size - 1 <= end:
        top = candidate + size - 1
        hit = next((last for first, last in taken if first <= top and candidate <= last), None)
        if hit is None:
            return candidate
        candidate = -(-(hit + 1) // size) * size  # align up past the taken range
    return None


def _subnets(spec: TenancySpec, layer: LayerSpec, block: IPNetwork) -> tuple[Subnet, ...]:
    if layer.subnet_prefix_length < block.prefixlen or layer.subnet_prefix_length > TRANSIT_PREFIX_LENGTH:
        raise PlanError(("layers", layer.id, "subnetPrefixLength"),
                        f"/{layer.subnet_prefix_length} does not fit the layer block {block} "
                        f"(subnets run /{block.prefixlen}–/{TRANSIT_PREFIX_LENGTH})",
                        f"use a subnetPrefixLength between {block.prefixlen} and {TRANSIT_PREFIX_LENGTH}")
    step = _size(layer.subnet_prefix_length)
    pieces = block.size // step
    cloud = clouds.get(spec.cloud)
    reserve = cloud.reserved_per_subnet
    zones = cloud.subnet_zones(spec, layer)
    needed = len(zones) + (1 if cloud.transit_subnets else 0)  # the last block is carved into transit subnets
    if needed > pieces:
        raise PlanError(("layers", layer.id, "subnetPrefixLength"),
                        f"{needed} subnets of /{layer.subnet_prefix_length} do not fit the layer block {block}",
                        "use a longer subnetPrefixLength, fewer azs, or a larger layer block")
    out = [Subnet(layer.id, "workload", i, zone, region, _cidr(block.first + i * step, layer.subnet_prefix_length),
                  step - reserve) for i, (zone, region) in enumerate(zones)]
    if cloud.transit_subnets:
        transit_step = _size(TRANSIT_PREFIX_LENGTH)
        transit = step // transit_step
        last = block.first + (pieces - 1) * step
        if transit < len(zones):
            raise PlanError(("layers", layer.id, "subnetPrefixLength"),
                            f"/{layer.subnet_prefix_length} leaves room for {transit} transit-attachment "
                            f"subnet(s) of /{TRANSIT_PREFIX_LENGTH}, but {len(zones)} zones need one each",
                            "use a subnetPrefixLength of 26 or shorter")
        out += [Subnet(layer.id, "transit", i, zone, region, _cidr(last + i * transit_step, TRANSIT_PREFIX_LENGTH),
                       transit_step - reserve) for i, (zone, region) in enumerate(zones)]
    return tuple(out)
