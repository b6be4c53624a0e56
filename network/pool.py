"""The national address pool (govcloud.yaml) and the first free tenancy block in it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netaddr import IPNetwork, IPSet

from . import codes
from .cidr import is_private, parse_cidr
from .errors import DeclarationError, Diagnostic
from .fields import CIDR, INT, Context, Field, Obj
from .source import read

POOL_FILE = "govcloud.yaml"
POOL_SCHEMA = Obj((
    Field("addressPool", Obj((
        Field("cidr", CIDR, "The national pool.", "アドレスプール", "10.0.0.0/8", required=True),
        Field("tenancyPrefixLength", INT, "Size of a new tenancy's block.", "テナンシー長", 20, default=20),
    )), "Pool new tenancies are carved from.", "アドレスプール", None, required=True),
))


@dataclass(frozen=True)
class Pool:
    cidr: str
    tenancy_prefix_length: int

    def first_free(self, taken: list[str]) -> str | None:
        """Lowest block of the tenancy size not overlapping any taken block."""
        rest = IPSet([self.cidr]) - IPSet(taken)
        for free in rest.iter_cidrs():
            if free.prefixlen <= self.tenancy_prefix_length:
                return str(IPNetwork(f"{free.network}/{self.tenancy_prefix_length}"))
        return None


def load_pool(root: Path) -> Pool:
    path = root / POOL_FILE
    source, problems = read(path, POOL_FILE)
    if source is None:
        raise DeclarationError(problems)
    ctx = Context(source)
    raw = POOL_SCHEMA.check(source.data, (), ctx)
    if not ctx.diagnostics:
        pool = raw["addressPool"]
        net, problem = parse_cidr(pool["cidr"])
        if net is None:
            ctx.error(("addressPool", "cidr"), problem, "write an IPv4 CIDR", codes.ADDRESS)
        elif not is_private(net):
            ctx.error(("addressPool", "cidr"), f"{net} is not private space", "use RFC 1918 space", codes.ADDRESS)
        elif not net.prefixlen <= pool["tenancyPrefixLength"] <= 26:
            ctx.error(("addressPool", "tenancyPrefixLength"), f"/{pool['tenancyPrefixLength']} does not fit "
                      f"the pool {net}", f"use {net.prefixlen}–26", codes.ADDRESS)
    if ctx.diagnostics:
        raise DeclarationError(ctx.diagnostics)
    return Pool(pool["cidr"], pool["tenancyPrefixLength"])


__all__ = ["Pool", "load_pool", "POOL_FILE", "Diagnostic"]
