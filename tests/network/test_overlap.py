from hypothesis import given, settings, strategies as st
from netaddr import IPAddress

from network.overlap import brute_force, conflicts


@st.composite
def cidr_sets(draw):
    n = draw(st.integers(0, 60))
    out = []
    for i in range(n):
        prefix = draw(st.integers(8, 30))
        addr = draw(st.integers(0, 2**32 - 1)) & (0xFFFFFFFF << (32 - prefix)) & 0xFFFFFFFF
        # keep them close together so that overlaps are common
        addr = (0x0A000000 | (addr & 0x00FFFFFF)) & (0xFFFFFFFF << (32 - prefix)) & 0xFFFFFFFF
        out.append((f"{IPAddress(addr)}/{prefix}", i))
    return out


def pairs(found):
    return {frozenset((c.outer_owner, c.inner_owner)) for c in found}


@settings(max_examples=300, deadline=None)
@given(cidr_sets(), st.randoms())
def test_agrees_with_brute_force_in_any_order(blocks, rnd):
    expected = brute_force(blocks)
    assert pairs(conflicts(blocks)) == expected
    shuffled = list(blocks)
    rnd.shuffle(shuffled)
    assert pairs(conflicts(shuffled)) == expected
    assert len(conflicts(shuffled)) == len(expected)  # each pair once


def test_containment_either_direction_and_identity():
    found = conflicts([("10.0.0.0/16", "b"), ("10.0.1.0/24", "a"), ("10.0.0.0/16", "c"), ("10.1.0.0/16", "d")])
    assert {(c.outer_owner, c.inner_owner) for c in found} == {("b", "a"), ("c", "a"), ("b", "c")}
    found = conflicts([("10.0.1.0/24", "a"), ("10.0.0.0/8", "z")])
    assert [(c.outer, c.inner) for c in found] == [("10.0.0.0/8", "10.0.1.0/24")]


def test_disjoint_neighbours_do_not_conflict():
    assert conflicts([("10.0.0.0/24", 1), ("10.0.1.0/24", 2), ("10.0.2.0/23", 3)]) == []
