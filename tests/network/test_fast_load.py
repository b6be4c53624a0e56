"""The fast path of reading a stack (issue 13, item 3): a valid file is read without
building a line for every key, and nothing about what is read or reported changes.

Each shortcut is held against the exact computation it spares, on the samples, on damaged
documents and on generated ones."""
from __future__ import annotations

from dataclasses import replace

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from netaddr import IPNetwork, IPSet

from network import source as src
from network.checks.placeholders import markers
from network.cidr import PRIVATE_SPACE, is_private
from network.declaration import load, loads
from network.errors import DeclarationError
from network.stacks import cross_check, tenancy_footprint
from tests.conftest import SAMPLES, sample_text, variant
from tests.network.test_loader_fuzz import values


def full(text: str):
    """What the full walk (with lines) makes of a text: (data, lines, problems)."""
    node = yaml.compose(text, Loader=src._Loader)
    lines, problems = {}, []
    data = src._build(node, (), lines, problems, "t.yaml", [src.MAX_NODES])
    return data, lines, problems


def test_a_valid_stack_is_loaded_without_its_lines_and_they_come_when_asked():
    tenancy = load(SAMPLES["minato"])
    assert tenancy.source._lines is None, "a valid file must not pay for the line of every key"
    _, lines, problems = full(sample_text("minato"))
    assert not problems
    assert tenancy.source.lines == lines  # built on demand, the same as the full walk's
    assert tenancy.line(("addressSpace",)) == sample_text("minato").splitlines().index(
        next(ln for ln in sample_text("minato").splitlines() if "addressSpace:" in ln)) + 1


def test_the_cross_check_of_valid_stacks_reads_no_lines_and_a_conflict_still_names_its_line():
    minato = load(SAMPLES["minato"])
    twin = replace(tenancy_footprint(load(SAMPLES["minato"])), stack="131032-copy", file="copy.yaml")
    clean = cross_check([tenancy_footprint(minato), tenancy_footprint(load(SAMPLES["setagaya"]))])
    assert clean == {} and minato.source._lines is None
    found = cross_check([tenancy_footprint(minato), twin])
    text = sample_text("minato")
    line = {needle: text[: text.index(needle)].count("\n") + 1 for needle in ('code: "131032"', "addressSpace:")}
    kinds = [(d.line, d.message.split()[0]) for d in found["131032-minato"]]
    assert sorted(k for k in kinds if k[1] != "system") == [(line['code: "131032"'], "code"),
                                                             (line["addressSpace:"], "addressSpace")]
    systems = [number for number, kind in kinds if kind == "system"]  # the same account's blocks (共同利用方式)
    assert systems and all("id:" in text.splitlines()[number - 1] for number in systems)


def test_the_word_in_prose_does_not_build_lines_but_a_marker_is_still_found():
    text = "# 札幌市: a value followed by a 確認 (to check) comment is a placeholder\n" + sample_text("minato")
    assert markers(loads(text, "t.yaml", "131032-minato").source) == []
    marked = text.replace("asn: 65101", "asn: 65101  # 確認: データセンターの ASN")
    with pytest.raises(DeclarationError) as info:
        loads(marked, "t.yaml", "131032-minato")
    [d] = info.value.diagnostics
    assert d.line == marked.splitlines().index(next(ln for ln in marked.splitlines() if "# 確認" in ln)) + 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values)
def test_the_fast_walk_reads_what_the_full_walk_reads_or_steps_aside(doc):
    text = yaml.safe_dump(doc, allow_unicode=True)
    data, _, problems = full(text)
    try:
        fast = src._plain(yaml.compose(text, Loader=src._Loader), [src.MAX_NODES])
    except src._Unusual:
        return
    assert not problems, "the fast walk accepted a document the full walk reports"
    assert fast == data


TRICKY = [
    "a: 1\na: 2\n",                       # duplicate key
    "a: yes\n",                           # YAML 1.1 boolean
    "code: 011002\n",                     # octal
    "t: 1:30\n",                          # sexagesimal
    "d: 2026-13-01\n",                    # not a date
    "x: !!python/name:os.system ''\n",   # unknown tag
    "base: &b {k: 1}\nuse:\n  <<: *b\n  j: 2\n",  # merge key
    "? [a, b]\n: 1\n",                    # a sequence as a key
]


def test_every_document_the_full_walk_reports_or_treats_specially_goes_the_full_way():
    for text in TRICKY:
        node = yaml.compose(text, Loader=src._Loader)
        try:
            src._plain(node, [src.MAX_NODES])
        except src._Unusual:
            continue
        raise AssertionError(f"the fast walk took {text!r}")


def test_a_reported_problem_keeps_its_message_and_line():
    text = variant("minato", ("      asn: 65101", "      asn: 65101\n      asn: 65013"))
    with pytest.raises(DeclarationError) as info:
        loads(text, "t.yaml", "131032-minato")
    dup = [d for d in info.value.diagnostics if "duplicate key" in d.message]
    assert dup and dup[0].line == text.splitlines().index("      asn: 65013") + 1


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" -?:[]{}#'\"\nab")), max_size=300))
def test_the_cheap_bound_never_understates_the_nesting(text):
    assert src._longest_line(text) + text.count("[") + text.count("{") >= src.nesting(text)


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 32))
def test_is_private_is_the_subset_test_it_replaces(address, length):
    net = IPNetwork((address, length)).cidr
    assert is_private(net) == IPSet([net]).issubset(PRIVATE_SPACE)


octet = st.one_of(st.integers(0, 300).map(str), st.sampled_from(["00", "010", "256", "-1", " 1", "1 "]))
cidr_texts = st.one_of(
    st.builds(lambda a, b, c, d, n: f"{a}.{b}.{c}.{d}/{n}", octet, octet, octet, octet,
              st.one_of(st.integers(0, 40).map(str), st.sampled_from(["08", "", "255.255.0.0"]))),
    st.text(alphabet=st.sampled_from(list("0123456789./ :abcdef")), max_size=24))


@settings(max_examples=1000, deadline=None)
@given(cidr_texts)
def test_parse_cidr_agrees_with_netaddr_parsing_the_text(text):
    from network.cidr import _parse_slowly, block, parse_cidr
    fast, slow = parse_cidr(text), _parse_slowly(text)
    assert (str(fast[0]) if fast[0] is not None else None, fast[1]) == \
        (str(slow[0]) if slow[0] is not None else None, slow[1])
    if fast[0] is not None:
        assert fast[0].version == 4 and fast[0] == slow[0] and block(text) == slow[0]


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=12), st.booleans(), st.booleans())
def test_a_remembered_tag_is_the_one_the_resolver_gives(value, plain, quoted):
    resolver = yaml.resolver.Resolver()
    loader = src._Loader("")
    for _ in range(2):  # the second time from memory
        assert loader.resolve(yaml.ScalarNode, value, (plain, quoted)) == \
            resolver.resolve(yaml.ScalarNode, value, (plain, quoted))
