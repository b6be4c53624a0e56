"""The building blocks of a schema: fields with their type, default, example and
documentation, and the structural check they drive (types, required keys, unknown keys
with a did-you-mean). network/schema.py composes the declaration from them; each cloud adds
its own fields (clouds/<id>/declaration.py); drift/ignore.py and network/pool.py describe
their files with them too."""
from __future__ import annotations

import difflib
from abc import ABC, abstractmethod
import unicodedata
from functools import cached_property
from dataclasses import dataclass
from typing import Any, Callable

from . import codes
from .errors import Diagnostic
from .source import KeyPath, Source, dotted
from .text import article

INVALID = object()


@dataclass(frozen=True)
class Field:
    name: str
    node: "Node"
    en: str
    ja: str
    example: Any = None
    required: bool = False
    default: Any = INVALID

    @property
    def has_default(self) -> bool:
        return self.default is not INVALID


class Node(ABC):
    type_name = "value"

    @abstractmethod
    def check(self, value, path: KeyPath, ctx: "Context"):
        """The checked value, or INVALID after reporting through ctx."""


@dataclass(frozen=True)
class Scalar(Node):
    kind: type | tuple
    type_name: str = "string"
    choices: tuple = ()
    convert: Callable[[Any], Any] | None = None

    def check(self, value, path, ctx):
        if self.convert is not None:
            try:
                value = self.convert(value)
            except (TypeError, ValueError) as exc:
                ctx.error(path, f"{_show(value)} is not a valid {self.type_name}: {exc}",
                          f"write {article(self.type_name)}")
                return INVALID
        if isinstance(value, bool) and bool not in _as_tuple(self.kind):
            ctx.error(path, f"expected {article(self.type_name)}, got a boolean ({_show(value)})",
                      f"write {article(self.type_name)}" + (" (quote it if it is text)" if self.kind is str else ""))
            return INVALID
        if not isinstance(value, self.kind):
            ctx.error(path, f"expected {article(self.type_name)}, got {_kind(value)} {_show(value)}",
                      f"write {article(self.type_name)}")
            return INVALID
        if self.choices and value not in self.choices:
            ctx.error(path, f"{_show(value)} is not one of {', '.join(map(str, self.choices))}",
                      _suggest(str(value), [str(c) for c in self.choices]) or
                      f"use one of {', '.join(map(str, self.choices))}")
            return INVALID
        return value


@dataclass(frozen=True)
class ListOf(Node):
    item: Node
    min_items: int = 0
    type_name: str = "list"

    def check(self, value, path, ctx):
        if not isinstance(value, list):
            ctx.error(path, f"expected a list, got {_kind(value)} {_show(value)}",
                      "write a YAML list (one '- item' per line, or [a, b])")
            return INVALID
        if len(value) < self.min_items:
            ctx.error(path, f"needs at least {self.min_items} item(s)", "add the missing items")
        out = [self.item.check(v, path + (i,), ctx) for i, v in enumerate(value)]
        return INVALID if any(v is INVALID for v in out) else out


@dataclass(frozen=True)
class MapOf(Node):
    """A mapping with free keys (tags)."""

    value: Node
    key_rule: Callable[[str], str | None] = lambda k: None
    type_name: str = "mapping"

    def check(self, value, path, ctx):
        if value is None:
            return {}
        if not isinstance(value, dict):
            ctx.error(path, f"expected a mapping, got {_kind(value)} {_show(value)}", "write key: value pairs")
            return INVALID
        out, ok = {}, True
        for k, v in value.items():
            problem = self.key_rule(k) if isinstance(k, str) else "keys must be text"
            if problem:
                ctx.error(path + (k,), problem, "rename the key")
                ok = False
                continue
            checked = self.value.check(v, path + (k,), ctx)
            ok = ok and checked is not INVALID
            out[k] = checked
        return out if ok else INVALID


@dataclass(frozen=True)
class Obj(Node):
    fields: tuple[Field, ...]
    type_name: str = "mapping"

    @cached_property
    def known(self) -> dict[str, Field]:
        """The fields by name (worked out once: the schema is checked ~10 times a file)."""
        return {f.name: f for f in self.fields}

    def check(self, value, path, ctx):
        if value is None:
            value = {}
        if not isinstance(value, dict):
            ctx.error(path, f"expected a mapping, got {_kind(value)} {_show(value)}",
                      "write the fields as key: value lines under this key")
            return INVALID
        known = self.known
        out, ok = {}, True
        for key in value:  # reported, but the known keys are still checked and used
            if key not in known:
                ctx.error(path + (key,), f"unknown key {key!r}",
                          _suggest(str(key), list(known)) or f"allowed keys: {', '.join(known)}")
        for f in self.fields:
            if f.name not in value:
                if f.required:
                    ctx.error(path, f"missing required key {f.name!r} ({f.en.split('.')[0]})",
                              f"add {f.name}: {_example(f)}")
                    ok = False
                elif f.has_default:
                    out[f.name] = f.default
                continue
            checked = f.node.check(value[f.name], path + (f.name,), ctx)
            if checked is INVALID:
                ok = False
            else:
                out[f.name] = checked
        return out if ok else INVALID


def _as_tuple(kind):
    return kind if isinstance(kind, tuple) else (kind,)


def _kind(value) -> str:
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number",
            type(None): "nothing"}.get(type(value), type(value).__name__)


def _show(value) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _example(f: Field) -> str:
    return _show(f.example) if f.example is not None else "..."


def suggest(word: str, candidates: list[str]) -> str:
    """'did you mean ...?' or an empty string."""
    return _suggest(word, candidates)


def _suggest(word: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return f"did you mean {close[0]!r}?" if close else ""


class Context:
    """Collects diagnostics for one file, with lines from its source."""

    def __init__(self, source: Source, prefix: KeyPath = ()):
        self.source = source
        self.prefix = prefix
        self.diagnostics: list[Diagnostic] = []

    def error(self, path: KeyPath, message: str, fix: str = "", code: str = codes.STRUCTURE) -> None:
        full = self.prefix + tuple(path)
        self.diagnostics.append(Diagnostic(self.source.file, self.source.line(full), dotted(full),
                                           message, fix, code))


# --- value converters ----------------------------------------------------------------

def _code(value):
    if isinstance(value, bool):
        raise TypeError("a boolean")
    if isinstance(value, int):
        if not 100000 <= value <= 999999:
            raise ValueError(f"as a number it lost its leading zero; quote it, e.g. \"{value:06d}\"")
        return str(value)
    return value


def _text(value):
    """Text people wrote: not empty, on one line, without control characters (which could
    forge lines in a report or break a diagram)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("it is empty; write the text, or remove the key")
        # isprintable() is false for every character of those categories (and for a few
        # harmless ones, such as the ideographic space): only then look at each character
        bad = None if value.isprintable() else next(
            (ch for ch in value if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")), None)
        if bad is not None:
            raise ValueError(f"it contains the control character U+{ord(bad):04X}; write it on one line, "
                             "without control characters")
    return value


def _tier(value):
    if isinstance(value, float):  # 99.9 written without quotes
        return format(value, "g")
    return value


def _bandwidth(value):
    """'10Gbps', '500Mbps', '1G' -> Mbps."""
    if isinstance(value, bool) or not isinstance(value, str):
        raise TypeError("write it with a unit, e.g. 10Gbps or 500Mbps")
    text = value.strip().lower().replace(" ", "")
    for unit, factor in (("gbps", 1000), ("mbps", 1), ("g", 1000), ("m", 1)):
        if text.endswith(unit) and text[: -len(unit)].isdigit():
            return int(text[: -len(unit)]) * factor
    raise ValueError("write it with a unit, e.g. 10Gbps or 500Mbps")


def _port(value):
    """443 or '8000-8080' -> (lo, hi)."""
    if isinstance(value, bool):
        raise TypeError("a boolean")
    if isinstance(value, int):
        lo = hi = value
    elif isinstance(value, str) and value.count("-") == 1 and all(p.strip().isdigit() for p in value.split("-")):
        lo, hi = (int(p) for p in value.split("-"))
    elif isinstance(value, str) and value.strip().isdigit():
        lo = hi = int(value)
    else:
        raise ValueError("write a port (443) or a range ('8000-8080')")
    if not (1 <= lo <= hi <= 65535):
        raise ValueError("ports run 1–65535, and a range is low-high")
    return (lo, hi)


def _slug_rule(what: str):
    def check(value):
        if isinstance(value, str) and value and value[0].isascii() and value[0].isalpha() and \
                all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in value) and len(value) <= 40:
            return value
        raise ValueError(f"a {what} is lowercase ASCII letters, digits and '-', starting with a letter, "
                         "at most 40 characters")
    check.slug = True  # network/jsonschema.py writes the same rule as a pattern
    return check


def _tag_key(key: str) -> str | None:
    if not key or len(key) > 128:
        return "tag keys are 1–128 characters"
    if key.lower().startswith(("aws:", "goog")):
        return f"tag key {key!r} uses a prefix reserved by the cloud"
    return None


STR = Scalar(str, "string", convert=_text)
INT = Scalar(int, "integer")
BOOL = Scalar(bool, "boolean")
CIDR = Scalar(str, "CIDR (e.g. 10.1.0.0/20)")
IP = Scalar(str, "IPv4 address")
SLUG = Scalar(str, "lowercase id", convert=_slug_rule("lowercase id"))
