"""Whether a set of lines meets a redundancy tier: the same test for the declaration (the
lines declared) and for the policy (the lines built)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from network.catalog import Tier


@dataclass(frozen=True)
class Site:
    """Where one line (or attachment) lands."""

    location: str
    metro: str
    domain: object = None  # edge availability domain, where the cloud has them


def groups(sites: list[Site], tier: Tier) -> dict[str, list[Site]]:
    out: dict[str, list[Site]] = defaultdict(list)
    for site in sites:
        out[site.location if tier.group_by == "location" else site.metro].append(site)
    return dict(out)


def group_ok(members: list[Site], tier: Tier) -> bool:
    if len(members) < tier.per_group:
        return False
    return not tier.distinct_domains or len({m.domain for m in members}) >= 2


def tier_met(sites: list[Site], tier: Tier) -> bool:
    return sum(group_ok(members, tier) for members in groups(sites, tier).values()) >= tier.groups


def achieved(sites: list[Site], tiers: dict[str, Tier]) -> str | None:
    """The highest tier the sites meet (tiers are listed from lowest to highest)."""
    best = None
    for tier in tiers.values():
        if tier_met(sites, tier):
            best = tier.id
    return best
