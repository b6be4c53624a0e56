"""Read a YAML document and remember where each key and item came from.

PyYAML's composer keeps the start mark of every node; we build plain Python data and,
beside it, a map from key path (a tuple of keys and list indexes) to the 1-based line.
Duplicate keys, which PyYAML would silently let win, are reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

try:  # the C composer is much faster for the whole-country runs
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

from . import codes
from .errors import Diagnostic

KeyPath = tuple  # of str | int


@dataclass
class Source:
    """A parsed document: its data and the line of every key path in it."""

    file: str
    data: object
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line(self, path: KeyPath) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def _build(node: yaml.Node, path: KeyPath, lines: dict, problems: list, file: str, budget: list):
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge()
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = _build(key_node, path + ("<key>",), {}, problems, file, budget)
            if isinstance(key, (list, dict)):
                problems.append(Diagnostic(file, key_node.start_mark.line + 1, _dotted(path),
                                           "a mapping key must be a plain value", "write the key as text",
                                           codes.YAML))
                continue
            if key in out:
                problems.append(Diagnostic(
                    file, key_node.start_mark.line + 1, _dotted(path + (key,)),
                    f"duplicate key {key!r} (first on line {lines[path + (key,)]})",
                    "keep one of them", codes.YAML))
                continue
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(value_node, path + (key,), lines, problems, file, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), lines, problems, file, budget) for i, item in enumerate(node.value)]
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge()
    construct = _SCALAR_CONSTRUCTORS.get(node.tag)
    if construct is None:  # an unknown tag, e.g. !!python/object
        raise yaml.constructor.ConstructorError(None, None, f"could not determine a constructor for the tag "
                                                f"{node.tag!r}", node.start_mark)
    try:
        return construct(_SCALARS, node)
    except (ValueError, TypeError, OverflowError):
        # e.g. 2026-13-01 looks like a date but is not one: keep the text, so that the
        # schema reports it with its line and key instead of the whole file failing
        return node.value


class _TooLarge(Exception):
    """The document expands (through aliases) beyond any real declaration."""


#: One shared constructor for scalars: SafeConstructor knows every YAML 1.1 scalar type
#: and nothing that can run code.
_SCALARS = yaml.constructor.SafeConstructor()
_SCALAR_CONSTRUCTORS = {tag: fn for tag, fn in yaml.constructor.SafeConstructor.yaml_constructors.items()
                        if tag is not None and not tag.endswith((":map", ":seq", ":omap", ":pairs", ":set"))}
#: Nodes a document may expand to; a declaration has a few hundred.
MAX_NODES = 100_000


def _dotted(path: KeyPath) -> str:
    """`govcloud:tenancy.lines[0].vlan`: the key path as people read it. A stack file's
    leading `config` is left out, as Pulumi's own messages do."""
    if path[:1] == ("config",) and len(path) > 1:
        path = path[1:]
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


dotted = _dotted


def parse(text: str, file: str) -> tuple[Source | None, list[Diagnostic]]:
    """Parse one YAML document. Returns the source, or None with the reasons."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        return None, [Diagnostic(file, line, "", f"malformed YAML: {what}",
                                 "fix the YAML syntax at that line (indentation, quotes, colons)", codes.YAML)]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(file, 0, "", f"malformed YAML: {exc}", "fix the YAML syntax", codes.YAML)]
    if node is None:
        return Source(file, None, {(): 1}), []
    lines: dict = {}
    problems: list[Diagnostic] = []
    try:
        data = _build(node, (), lines, problems, file, [MAX_NODES])
    except yaml.MarkedYAMLError as exc:  # an unknown tag, e.g. !!python/object
        mark = exc.problem_mark or exc.context_mark
        return None, [Diagnostic(file, mark.line + 1 if mark else 0, "", f"malformed YAML: {exc.problem}",
                                 "remove the tag or quote the value", codes.YAML)]
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:  # e.g. 2001-13-45 as a date
        return None, [Diagnostic(file, 0, "", f"malformed YAML: a value cannot be read ({exc})",
                                 "quote values that are meant as text", codes.YAML)]
    except _TooLarge:
        return None, [Diagnostic(file, 0, "", f"the document expands to more than {MAX_NODES} values "
                                 "(aliases?)", "write the declaration without recursive aliases", codes.YAML)]
    except RecursionError:
        return None, [Diagnostic(file, 0, "", "malformed YAML: nesting too deep", "flatten the document",
                                 codes.YAML)]
    return Source(file, data, lines), problems


def read(path: Path, display: str | None = None) -> tuple[Source | None, list[Diagnostic]]:
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Diagnostic(name, 0, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                 "save the file as UTF-8", codes.YAML)]
    except OSError as exc:
        return None, [Diagnostic(name, 0, "", f"cannot read the file: {exc.strerror}",
                                 "check the path and its permissions", codes.YAML)]
    return parse(text, name)
