"""The declaration as a JSON Schema (draft 2020-12), for editors: with
`# yaml-language-server: $schema=../docs/schema/stack.schema.json` at the top of a stack
file, VS Code (YAML extension) and other editors complete keys and flag wrong types while
typing. Generated from the same schema the loader checks with (network/schema.py);
`python -m network.docgen schema` writes it and a test keeps it in step.

The JSON Schema is a help for typing, not the judge: the loader's checks (codes, addresses,
lines, flows, overlaps) go further than any JSON Schema can.
"""
from __future__ import annotations

from typing import Any

from . import fields
from .declaration import EXTERNAL_ID_KEY, KEY, PULUMI_STACK_KEYS
from .fields import Field, ListOf, MapOf, Obj, Scalar
from .schema import TENANCY

#: What the converters accept, as JSON Schema.
_CONVERTED = {
    fields._code: {"type": ["string", "integer"], "pattern": "^[0-9]{6}$"},
    fields._text: {"type": ["string", "number"]},
    fields._tier: {"type": ["string", "number"]},
    fields._bandwidth: {"type": "string", "pattern": "^[0-9]+ ?([GgMm]([Bb][Pp][Ss])?)$"},
    fields._port: {"oneOf": [{"type": "integer", "minimum": 1, "maximum": 65535},
                             {"type": "string", "pattern": "^[0-9]+(-[0-9]+)?$"}]},
}
_TYPES = {str: "string", int: "integer", bool: "boolean", float: "number"}


def _scalar(node: Scalar) -> dict:
    if node.convert is not None:
        if node.convert in _CONVERTED:
            out = dict(_CONVERTED[node.convert])
        elif getattr(node.convert, "slug", False):
            out = {"type": "string", "pattern": "^[a-z][a-z0-9-]{0,39}$"}
        else:
            out = {"type": "string"}
    else:
        kinds = node.kind if isinstance(node.kind, tuple) else (node.kind,)
        types = [_TYPES[k] for k in kinds if k in _TYPES]
        out = {"type": types[0] if len(types) == 1 else types}
    if node.choices:
        out["enum"] = list(node.choices)
    return out


def node_schema(node) -> dict:
    if isinstance(node, Obj):
        return {"type": "object", "properties": {f.name: field_schema(f) for f in node.fields},
                "required": [f.name for f in node.fields if f.required], "additionalProperties": False}
    if isinstance(node, ListOf):
        out: dict[str, Any] = {"type": "array", "items": node_schema(node.item)}
        if node.min_items:
            out["minItems"] = node.min_items
        return out
    if isinstance(node, MapOf):
        return {"type": "object", "additionalProperties": node_schema(node.value),
                "propertyNames": {"minLength": 1, "maxLength": 127}}
    return _scalar(node)


def field_schema(f: Field) -> dict:
    out = node_schema(f.node)
    out["description"] = f"{f.ja} — {f.en}"
    if f.has_default and not isinstance(f.node, Obj):
        out["default"] = f.default
    if f.example is not None:
        out["examples"] = [f.example]
    return out


def stack_schema() -> dict:
    tenancy = node_schema(TENANCY)
    tenancy["description"] = "テナンシー定義 — the municipality's tenancy (docs/declaration.md)"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "govcloud-hybrid stack file (Pulumi.<code>-<romaji>.yaml)",
        "type": "object",
        "properties": {
            "config": {"type": "object", "properties": {KEY: tenancy, EXTERNAL_ID_KEY: {
                "description": "業務アカウントのロールの外部ID (secret): pulumi config set --secret " + EXTERNAL_ID_KEY,
                "type": "object", "properties": {"secure": {"type": "string"}}, "required": ["secure"],
                "additionalProperties": False}}, "required": [KEY],
                       "patternProperties": {"^govcloud:(?!(tenancy|externalId)$)": False}},
            **{key: {} for key in PULUMI_STACK_KEYS if key != "config"},
        },
        "required": ["config"],
        "additionalProperties": False,
    }
