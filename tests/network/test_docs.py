from network.docgen import render
from network.schema import LINE, TENANCY
from tests.conftest import ROOT


def test_field_reference_is_in_sync_with_the_schema():
    on_disk = (ROOT / "docs" / "declaration.md").read_text(encoding="utf-8")
    assert on_disk == render(), "run: python -m network.docgen > docs/declaration.md"


def test_every_field_is_documented_in_both_languages():
    def walk(obj, prefix=""):
        for f in obj.fields:
            yield prefix + f.name, f
            inner = getattr(f.node, "item", f.node)
            if hasattr(inner, "fields"):
                yield from walk(inner, prefix + f.name + ".")
    fields = list(walk(TENANCY))
    assert len(fields) > 40
    for path, f in fields:
        assert f.en and f.ja, path
        assert f"`{path.replace('lines.', 'lines[].').replace('systems.', 'systems[].').replace('flows.', 'flows[].')}`" \
            in render(), path
    assert {f.name for f in LINE.fields} >= {"name", "location", "type", "bandwidth", "vlan"}
