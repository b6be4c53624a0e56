"""The generated documents are in step with the code, and the schema's own examples pass it."""
import json

import jsonschema
import pytest
import yaml

from network.docgen import RENDERERS, render
from network.fields import INVALID, Context, ListOf, Obj
from network.schema import LINE, TENANCY
from network.source import Source
from tests.conftest import ROOT, SAMPLES, variant

GENERATED = {"declaration": "docs/declaration.md", "errors": "docs/errors.md",
             "schema": "docs/schema/stack.schema.json"}


@pytest.mark.parametrize("kind", sorted(GENERATED))
def test_generated_document_is_in_sync(kind):
    on_disk = (ROOT / GENERATED[kind]).read_text(encoding="utf-8")
    assert on_disk == RENDERERS[kind](), f"run: make docs (python -m network.docgen {kind} > {GENERATED[kind]})"


def _walk(obj, prefix=""):
    for f in obj.fields:
        yield prefix + f.name, f
        inner = f.node.item if isinstance(f.node, ListOf) else f.node
        if isinstance(inner, Obj):
            yield from _walk(inner, prefix + f.name + ".")


def test_every_field_is_documented_in_both_languages():
    fields = list(_walk(TENANCY))
    assert len(fields) > 40
    for path, f in fields:
        assert f.en and f.ja, path
        assert f"`{path.replace('lines.', 'lines[].').replace('systems.', 'systems[].').replace('flows.', 'flows[].')}`" \
            in render(), path
    assert {f.name for f in LINE.fields} >= {"name", "location", "type", "bandwidth", "vlan"}


@pytest.mark.parametrize("path, field", [(p, f) for p, f in _walk(TENANCY) if f.example is not None],
                         ids=[p for p, f in _walk(TENANCY) if f.example is not None])
def test_every_example_passes_its_own_field(path, field):
    ctx = Context(Source("schema", None, {(): 1}))
    assert field.node.check(field.example, (), ctx) is not INVALID, [d.message for d in ctx.diagnostics]
    assert not ctx.diagnostics, [d.message for d in ctx.diagnostics]


def _schema():
    return json.loads((ROOT / GENERATED["schema"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_samples_name_the_schema_and_pass_it(name):
    text = SAMPLES[name].read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/schema/stack.schema.json\n")
    jsonschema.validate(yaml.safe_load(text), _schema())


@pytest.mark.parametrize("change, where", [
    (("vlan: 101", "vlan: one-oh-one"), "vlan"),
    (("operatingModel: single", "operatingModle: single"), "operatingModle"),
    (("cloud: aws", "cloud: azure"), "azure"),
])
def test_the_json_schema_flags_what_the_loader_rejects(change, where):
    with pytest.raises(jsonschema.ValidationError) as info:
        jsonschema.validate(yaml.safe_load(variant("minato", change)), _schema())
    assert where in str(info.value)
