"""Dedicated lines (専用線): names, locations, types, bandwidths, VLANs, the redundancy tier,
and keys that belong to another cloud."""
from __future__ import annotations

from collections import Counter

import clouds
from network import codes
from network.catalog import format_bandwidth
from network.fields import suggest
from network.redundancy import groups, tier_met
from network.text import article


def _vlan_note(count: int) -> str:
    return "vlan, vlan+1 and vlan+2" if count == 3 else f"vlan to vlan+{count - 1}"


def lines(spec, report):
    cloud = clouds.get(spec.cloud)
    names, slots = Counter(), Counter()
    for i, line in enumerate(spec.connectivity.lines):
        base = ("connectivity", "lines", i)
        names[line.name] += 1
        if names[line.name] == 2:
            report(base + ("name",), f"line name {line.name!r} is used twice", "give each line its own name",
                   codes.LINE)
        if line.site is not None and line.location not in cloud.line_locations:
            report(base + ("location",), f"{line.location} is {article(line.site.cloud)} location, but cloud is "
                   f"{spec.cloud}", f"use one of {', '.join(cloud.line_locations)}", codes.LINE)
        if line.type not in cloud.line_types:
            report(base + ("type",), f"line type {line.type!r} does not exist on {spec.cloud}",
                   f"use {' or '.join(cloud.line_types)}", codes.LINE)
        else:
            offered = cloud.bandwidths[line.type]
            if line.bandwidth_mbps not in offered:
                report(base + ("bandwidth",), f"{format_bandwidth(line.bandwidth_mbps)} is not offered for "
                       f"{spec.cloud} {line.type} lines", f"use one of {', '.join(map(format_bandwidth, offered))}",
                       codes.BANDWIDTH)
        _vlans(spec, cloud, line, base, slots, report)


def _vlans(spec, cloud, line, base, slots, report):
    """The line's VLANs: within the cloud's range, and none used twice at one location."""
    count = cloud.vlans_per_line(spec)
    vlans = [line.layer_vlan(i) for i in range(count)] if count > 1 else [line.vlan]
    note = f" ({spec.cloud} lines use {_vlan_note(count)})" if count > 1 else ""
    low, high = cloud.vlan_range
    if not low <= line.vlan <= high:
        report(base + ("vlan",), f"VLAN {line.vlan} is outside {low}–{high} ({spec.cloud})",
               f"use a VLAN id from {low} to {high}", codes.VLAN)
        return
    bad = [v for v in vlans if not low <= v <= high]
    if bad:
        report(base + ("vlan",), f"VLAN {bad[0]} (one per layer on {spec.cloud}) is outside {low}–{high}",
               f"use a base VLAN of {high + 1 - count} or lower, or name each layer's VLAN in vlans", codes.VLAN)
        return
    if len(set(vlans)) < len(vlans):
        report(base + ("vlans",), f"two layers of line {line.name} share a VLAN ({vlans})",
               "give each layer its own VLAN", codes.VLAN)
    taken = [v for v in vlans if slots[(line.location, v)]]
    for v in vlans:
        slots[(line.location, v)] += 1
    if taken:
        report(base + ("vlan",), f"VLAN {taken[0]} is used twice at {line.location}{note}",
               "give each line at one location its own VLAN" + (" range" if count > 1 else ""), codes.VLAN)


def redundancy(spec, report):
    cloud = clouds.get(spec.cloud)
    path = ("connectivity", "redundancy")
    tier = cloud.tiers.get(spec.connectivity.redundancy)
    if tier is None:
        hint = suggest(spec.connectivity.redundancy, list(cloud.tiers))
        report(path, f"{spec.connectivity.redundancy!r} is not a {spec.cloud} redundancy tier",
               hint or f"use one of {', '.join(cloud.tiers)}", codes.TIER)
        return
    sites = declared_sites(spec)
    if tier_met(sites, tier):
        return
    grouped = groups(sites, tier)
    if tier.group_by == "location":
        have = ", ".join(f"{len(members)} at {key}" for key, members in sorted(grouped.items())) or "none"
        report(path, f"tier {tier.id} ({tier.en}) is not met: lines declared {have}", tier.fix, codes.TIER)
    elif tier.groups == 2 and len(grouped) < 2:
        report(path, f"tier {tier.id} needs attachments in two metros (Tokyo and Osaka); the lines are all in "
               f"{next(iter(grouped), 'no metro')}", tier.fix, codes.TIER)
    else:
        have = "; ".join(_domains(key, members, tier) for key, members in sorted(grouped.items())) or "none"
        report(path, f"tier {tier.id} ({tier.en}) is not met: {have}", tier.fix, codes.TIER)


def _domains(metro: str, members: list, tier) -> str:
    """How the lines of one metro sit on the edge availability domains."""
    domains = sorted({m.domain for m in members}, key=str)
    if len(members) >= tier.per_group and len(domains) == 1:
        return f"{metro}: every line is in edge availability domain {domains[0]}"
    return f"{metro}: {len(members)} line(s), edge availability domains {domains}"


def declared_sites(spec) -> list:
    """Where the declared lines land, for the tier."""
    cloud = clouds.get(spec.cloud)
    return [cloud.site(line) for line in spec.connectivity.lines if line.site is not None]


def foreign_options(spec, report):
    """Keys another cloud adds (a gcp line key on an aws tenancy, a gcp section) are errors."""
    owners = {(where, f.name): cloud.id for cloud in clouds.all().values()
              for where in ("line", "connectivity", "tenancy") for f in cloud.fields(where)}

    def check(where, options, base):
        for key, _ in options:
            owner = owners.get((where, key))
            if owner and owner != spec.cloud:
                what = f"the {key} section is" if where == "tenancy" else f"{key} is"
                report(base + (key,), f"{what} only for cloud: {owner}, but cloud is {spec.cloud}",
                       f"remove {key}", codes.CLOUD)

    for i, line in enumerate(spec.connectivity.lines):
        check("line", line.options, ("connectivity", "lines", i))
    check("connectivity", spec.connectivity.options, ("connectivity",))
    check("tenancy", spec.sections, ())
