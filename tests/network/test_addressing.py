"""The address plan: no overlaps, inside the space, deterministic, and stable when a
layer is enabled or a zone added."""
from __future__ import annotations

import dataclasses

from hypothesis import given, settings, strategies as st
from netaddr import IPNetwork

from network.addressing import plan
from network.declaration import loads
from network.overlap import brute_force
from tests.conftest import sample_text

MINATO = loads(sample_text("minato"), "t.yaml", "131032-minato").spec
ITABASHI = loads(sample_text("itabashi"), "t.yaml", "131199-itabashi").spec
# the layer layout of one account (no accounts.network): the layer VPC takes the whole block
BASE = dataclasses.replace(MINATO, network_account=None)
GCP_BASE = dataclasses.replace(ITABASHI, network_account=None)


def with_layers(spec, space, sizes, subnet_lengths, azs, enabled):
    layers = tuple(dataclasses.replace(layer, prefix_length=size, subnet_prefix_length=sub, azs=az, enabled=on,
                                       cidr=None, systems=())
                   for layer, size, sub, az, on in zip(spec.layers, sizes, subnet_lengths, azs, enabled))
    return dataclasses.replace(spec, address_space=space, layers=layers, flows=())


@st.composite
def layouts(draw, base=BASE):
    space_len = draw(st.integers(16, 20))
    octet = draw(st.integers(0, 255))
    space = str(IPNetwork(f"10.{octet}.0.0/{space_len}").cidr)
    sizes = [draw(st.integers(space_len + 2, space_len + 4)) for _ in range(3)]
    subs = [draw(st.integers(size + 2, 26)) for size in sizes]
    azs = [draw(st.integers(1, 3)) for _ in range(3)]
    enabled = draw(st.lists(st.booleans(), min_size=3, max_size=3))
    return with_layers(base, space, sizes, subs, azs, enabled)


def all_blocks(p):
    return [lp.cidr for lp in p.layers] + [s.cidr for lp in p.layers for s in lp.subnets]


@settings(max_examples=200, deadline=None)
@given(layouts())
def test_allocations_never_overlap_and_stay_inside(spec):
    p = plan(spec)
    space = IPNetwork(spec.address_space)
    layer_blocks = [IPNetwork(lp.cidr) for lp in p.layers]
    assert all(block in space for block in layer_blocks)
    assert not brute_force([(lp.cidr, lp.layer) for lp in p.layers])
    for lp in p.layers:
        subnets = [(s.cidr, s.name) for s in lp.subnets]
        assert all(IPNetwork(c) in IPNetwork(lp.cidr) for c, _ in subnets)
        assert not brute_force(subnets)
        assert len(lp.workload()) == spec.layer(lp.layer).azs
        assert all(s.usable == IPNetwork(s.cidr).size - 5 for s in lp.subnets)


@settings(max_examples=100, deadline=None)
@given(layouts())
def test_plan_is_deterministic(spec):
    assert plan(spec) == plan(spec)
    assert plan(dataclasses.replace(spec)) == plan(spec)


@settings(max_examples=100, deadline=None)
@given(layouts(), st.integers(0, 2))
def test_enabling_a_layer_renumbers_nothing(spec, which):
    before = plan(spec)
    layers = list(spec.layers)
    layers[which] = dataclasses.replace(layers[which], enabled=not layers[which].enabled)
    after = plan(dataclasses.replace(spec, layers=tuple(layers)))
    for b, a in zip(before.layers, after.layers):
        assert (b.cidr, [s.cidr for s in b.subnets]) == (a.cidr, [s.cidr for s in a.subnets])


@settings(max_examples=100, deadline=None)
@given(layouts(), st.integers(0, 2))
def test_adding_a_zone_only_appends(spec, which):
    layer = spec.layers[which]
    if layer.azs == 3:
        return
    layers = list(spec.layers)
    layers[which] = dataclasses.replace(layer, azs=layer.azs + 1)
    before, after = plan(spec), plan(dataclasses.replace(spec, layers=tuple(layers)))
    old = {s.name: s.cidr for lp in before.layers for s in lp.subnets}
    new = {s.name: s.cidr for lp in after.layers for s in lp.subnets}
    assert all(new[name] == cidr for name, cidr in old.items())
    assert len(new) == len(old) + 2  # one workload and one transit subnet


def test_gcp_subnets_are_regional():
    p = plan(GCP_BASE)
    mynumber = p.layer("mynumber")
    assert [(s.zone, s.cidr) for s in mynumber.subnets] == [("asia-northeast1", "10.13.48.0/24"),
                                                            ("asia-northeast2", "10.13.49.0/24")]
    assert mynumber.transit() == ()
    assert all(s.usable == 252 for s in mynumber.subnets)


def test_one_account_plan_gives_the_layer_vpc_the_whole_block():
    p = plan(BASE)
    assert [(lp.layer, lp.cidr) for lp in p.layers] == [
        ("mynumber", "10.13.16.0/22"), ("lgwan", "10.13.20.0/22"), ("internet", "10.13.24.0/22")]
    assert [(s.role, s.zone, s.cidr) for s in p.layer("lgwan").subnets] == [
        ("workload", "ap-northeast-1a", "10.13.20.0/24"), ("workload", "ap-northeast-1c", "10.13.21.0/24"),
        ("transit", "ap-northeast-1a", "10.13.23.0/28"), ("transit", "ap-northeast-1c", "10.13.23.16/28")]
    assert p.free == ("10.13.28.0/22",) and p.systems == ()


def test_minato_plan_is_the_documented_one():
    """docs/declaration.md, "Accounts": the network account's VPC takes the last /25 of each
    layer; named blocks stay; the others fill from the bottom in declaration order."""
    p = plan(MINATO)
    assert [(lp.layer, lp.cidr, lp.vpc_cidr) for lp in p.layers] == [
        ("mynumber", "10.13.16.0/22", "10.13.19.128/25"), ("lgwan", "10.13.20.0/22", "10.13.23.128/25"),
        ("internet", "10.13.24.0/22", "10.13.27.128/25")]
    assert [(s.system, s.cidr, s.explicit) for s in p.systems_of("lgwan")] == [
        ("shinsei", "10.13.20.0/26", True), ("zaimu", "10.13.20.128/25", False),
        ("bunsho", "10.13.21.0/25", False), ("mugaika", "10.13.20.64/26", True)]
    juki = p.system("juki")
    assert (juki.account, juki.cidr) == ("401234560012", "10.13.16.64/26")
    assert [(s.role, s.zone, s.cidr) for s in juki.subnets] == [
        ("workload", "ap-northeast-1a", "10.13.16.64/28"), ("workload", "ap-northeast-1c", "10.13.16.80/28"),
        ("transit", "ap-northeast-1a", "10.13.16.96/28"), ("transit", "ap-northeast-1c", "10.13.16.112/28")]
    assert [(s.zone, s.cidr) for s in plan(ITABASHI).system("kikan").subnets] == [
        ("asia-northeast1", "10.13.48.0/27"), ("asia-northeast2", "10.13.48.32/27")]


def test_explicit_cidr_is_kept_and_others_fill_around_it():
    layers = list(BASE.layers)
    layers[0] = dataclasses.replace(layers[0], cidr="10.13.24.0/22")
    p = plan(dataclasses.replace(BASE, layers=tuple(layers)))
    assert [lp.cidr for lp in p.layers] == ["10.13.24.0/22", "10.13.16.0/22", "10.13.20.0/22"]
    assert p.layer("mynumber").explicit


def test_too_few_transit_subnets_is_a_plan_error():
    import pytest
    from network.addressing import PlanError
    spec = with_layers(BASE, "10.13.16.0/20", [22, 22, 22], [27, 24, 24], [3, 2, 2], [True] * 3)
    with pytest.raises(PlanError) as info:
        plan(spec)
    assert info.value.path == ("layers", "mynumber", "subnetPrefixLength")
    assert "room for 2 transit-attachment subnet(s)" in info.value.message
