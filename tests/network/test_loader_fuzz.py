"""Any YAML document, and any damage to a valid one, gives a spec or a clean error."""
from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from network.declaration import Tenancy, loads
from network.errors import DeclarationError
from tests.conftest import sample_text

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["10.0.0.0/8", "aws", "gcp", "mynumber", "99.9",
                                                           "EqTY2", "10Gbps", "131032", "tcp"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                      max_leaves=20)
VALID = yaml.safe_load(sample_text("minato"))


def outcome(text: str):
    try:
        return loads(text, "fuzz.yaml", "131032-minato")
    except DeclarationError as exc:
        assert exc.diagnostics, "an error always says what is wrong"
        for d in exc.diagnostics:
            assert d.file == "fuzz.yaml" and d.message
        return exc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values)
def test_any_document(doc):
    assert isinstance(outcome(yaml.safe_dump(doc, allow_unicode=True)), (Tenancy, DeclarationError))


@settings(max_examples=300, deadline=None)
@given(values)
def test_any_tenancy_value(doc):
    text = yaml.safe_dump({"config": {"govcloud:tenancy": doc}}, allow_unicode=True)
    assert isinstance(outcome(text), (Tenancy, DeclarationError))


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, prefix + (i,))


ALL_PATHS = [p for p in paths(VALID) if p]


def replaced(doc, path, value):
    import copy
    doc = copy.deepcopy(doc)
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(ALL_PATHS), values)
def test_damaged_valid_declaration(path, value):
    text = yaml.safe_dump(replaced(VALID, path, value), allow_unicode=True)
    assert isinstance(outcome(text), (Tenancy, DeclarationError))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text):
    assert isinstance(outcome(text), (Tenancy, DeclarationError))
