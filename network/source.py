"""Read a YAML document and remember where each key and item came from.

PyYAML's composer keeps the start mark of every node; we build plain Python data and,
beside it, a map from key path (a tuple of keys and list indexes) to the 1-based line.
Duplicate keys, which PyYAML would silently let win, are reported.
"""
from __future__ import annotations

import re
import os
import stat
from pathlib import Path

import yaml

try:  # the C composer is much faster for the whole-country runs
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader

#: A scalar's tag depends only on its text and how it was written (SafeLoader has no path
#: resolvers), and stack files repeat the same values thousands of times over a country.
_TAGS: dict = {}
_TAGS_KEPT = 65_536


class _Loader(_BaseLoader):
    """The safe loader, remembering what each scalar text resolves to."""

    def resolve(self, kind, value, implicit):
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _TAGS.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_TAGS) < _TAGS_KEPT:
                _TAGS[key] = tag
        return tag

from . import codes
from .errors import Diagnostic

KeyPath = tuple  # of str | int


class Source:
    """A parsed document: its data and the line of every key path in it.

    The lines are built when first asked for: loading a valid declaration never needs
    them (a diagnostic does), and building them is most of the cost of reading a file in
    a whole-country run. They come from the same text by the same walk as on an error
    found while parsing, so a message's line is the same either way."""

    __slots__ = ("file", "data", "text", "_lines")

    def __init__(self, file: str, data: object, lines: dict[KeyPath, int] | None = None, text: str = ""):
        self.file = file
        self.data = data
        self.text = text  # the document as written, for what parsing drops (comments)
        self._lines = lines

    def __getstate__(self):  # sent to a worker process (--jobs) without lines it may never need
        return (self.file, self.data, self.text, self._lines)

    def __setstate__(self, state):
        self.file, self.data, self.text, self._lines = state

    @property
    def lines(self) -> dict[KeyPath, int]:
        if self._lines is None:
            self._lines = _lines_of(self.text, self.file)
        return self._lines

    def line(self, path: KeyPath) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        lines = self.lines
        path = tuple(path)
        while path:
            if path in lines:
                return lines[path]
            path = path[:-1]
        return lines.get((), 1)


def _build(node: yaml.Node, path: KeyPath, lines: dict, problems: list, file: str, budget: list):
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge()
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        merged: list = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:  # `<<: *defaults`: the anchor's keys, unless given here
                merged.append((key_node, value_node))
                continue
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
        for key_node, value_node in merged:
            _merge(out, key_node, value_node, path, lines, problems, file, budget)
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
        value = construct(_SCALARS, node)
    except (ValueError, TypeError, OverflowError):
        # e.g. 2026-13-01 looks like a date but is not one: keep the text, so that the
        # schema reports it with its line and key instead of the whole file failing
        return node.value
    surprise = _yaml11_surprise(node, value)
    if surprise:
        problems.append(Diagnostic(file, node.start_mark.line + 1, _dotted(path), surprise[0], surprise[1],
                                   codes.YAML))
        return node.value  # what was written, so that no other check reads the reinterpretation
    return value


_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"


class _Unusual(Exception):
    """The fast walk met something the full walk reports or treats specially."""


def _plain(node: yaml.Node, budget: list):
    """The data of a node, as `_build` makes it, without key paths or lines: the fast
    path for a document with nothing to report. Whatever `_build` would report (a
    duplicate or non-scalar key, a YAML 1.1 surprise, an unknown tag, a value that cannot
    be read, too many nodes) or treats specially (a merge key) raises _Unusual, and the
    document is read again by `_build`, which says what it is."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _Unusual
    cls = node.__class__
    if cls is yaml.MappingNode:
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _Unusual
            key = _plain(key_node, budget)
            if key.__class__ in (list, dict) or key in out:
                raise _Unusual
            out[key] = _plain(value_node, budget)
        return out
    if cls is yaml.SequenceNode:
        return [_plain(item, budget) for item in node.value]
    budget[0] -= 1
    if budget[0] < 0:
        raise _Unusual
    if node.tag == _STR:  # most values: the text as written, which YAML 1.1 cannot reinterpret
        return node.value
    construct = _SCALAR_CONSTRUCTORS.get(node.tag)
    if construct is None:
        raise _Unusual
    try:
        value = construct(_SCALARS, node)
    except (ValueError, TypeError, OverflowError):
        raise _Unusual from None
    if _yaml11_surprise(node, value):
        raise _Unusual
    return value


def _lines_of(text: str, file: str) -> dict[KeyPath, int]:
    """The line of every key path of a text that has been parsed once already."""
    node = yaml.compose(text, Loader=_Loader)
    lines: dict = {(): 1}
    if node is not None:
        lines.clear()
        _build(node, (), lines, [], file, [MAX_NODES])
    return lines


_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")


def _yaml11_surprise(node, value) -> tuple[str, str] | None:
    """(message, fix) when YAML 1.1 reads a plain scalar as something other than what it
    looks like: 0443 and 011002 as octal numbers, 1:30 as 90, 1_000 as 1000, yes/no/on/off
    as booleans."""
    if node.style:  # quoted or a block scalar: taken as written (the C composer gives "" for plain)
        return None
    text = node.value
    if isinstance(value, bool) and text.lower() not in ("true", "false"):
        return (f"{text} is read by YAML 1.1 as the boolean {str(value).lower()}",
                f"write {str(value).lower()} for a yes/no value, or quote it (\"{text}\") if it is text")
    if isinstance(value, int) and not isinstance(value, bool) and not _DECIMAL.fullmatch(text):
        how = "the octal number" if re.fullmatch(r"[-+]?0[0-7_]+", text) else "the number"
        lost = ": as a number it lost its leading zero" if text.lstrip("+-").startswith("0") else ""
        return (f"{text} is read by YAML 1.1 as {how} {value}{lost}",
                f"quote it (\"{text}\") if it is a code or text, or write the decimal number you mean")
    if isinstance(value, float) and ("_" in text or ":" in text):
        return (f"{text} is read by YAML 1.1 as the number {value}",
                f"quote it (\"{text}\") if it is text, or write the number without '_' or ':'")
    return None


def _merge(out: dict, key_node, value_node, path, lines, problems, file, budget) -> None:
    """A YAML merge key: the keys of the merged mapping(s) that `out` does not set itself."""
    sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
    for source in sources:
        if not isinstance(source, yaml.MappingNode):
            problems.append(Diagnostic(file, key_node.start_mark.line + 1, _dotted(path + ("<<",)),
                                       "a merge key (<<) takes a mapping or a list of mappings",
                                       "merge an anchored mapping: <<: *name", codes.YAML))
            continue
        merged = _build(source, path, {}, problems, file, budget)
        for key, value in merged.items():
            if key not in out:
                out[key] = value
                lines.setdefault(path + (key,), key_node.start_mark.line + 1)


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


#: The largest stack file read (a real declaration is a few kilobytes).
MAX_BYTES = 1024 * 1024
#: The deepest nesting read. A declaration nests about ten levels; the C parser crashes the
#: whole process somewhere past 20,000, so deeper documents are refused before parsing.
MAX_DEPTH = 200


def nesting(text: str) -> int:
    """An upper bound on the nesting depth of a YAML text, without parsing it: flow
    brackets open at once, block levels by indentation, and '- ' / '? ' / ': ' indicators
    that open a level on the same line."""
    deepest = flow = 0
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        inline = len(re.findall(r"(?:^|\s)[-?:](?=\s)", stripped))
        deepest = max(deepest, (len(line) - len(stripped)) + inline + flow)
        quoted = None
        for ch in stripped:
            if quoted:
                quoted = None if ch == quoted else quoted
            elif ch in "\"'":
                quoted = ch
            elif ch == "#":
                break
            elif ch in "[{":
                flow += 1
                deepest = max(deepest, flow)
            elif ch in "]}":
                flow = max(0, flow - 1)
    return deepest


def _longest_line(text: str) -> int:
    """An upper bound, with the brackets' count, on nesting(): a line's indentation and
    its '- ' indicators together are never longer than the line. It spares the exact
    count for every ordinary file."""
    return max(map(len, text.splitlines()), default=0)


def parse(text: str, file: str) -> tuple[Source | None, list[Diagnostic]]:
    """Parse one YAML document. Returns the source, or None with the reasons."""
    if _longest_line(text) + text.count("[") + text.count("{") > MAX_DEPTH and nesting(text) > MAX_DEPTH:
        return None, [Diagnostic(file, 0, "", f"the document nests deeper than {MAX_DEPTH} levels",
                                 "write the declaration as docs/declaration.md shows; a stack file nests about ten "
                                 "levels", codes.YAML)]
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
        return Source(file, None, {(): 1}, text), []
    try:
        return Source(file, _plain(node, [MAX_NODES]), None, text), []
    except (_Unusual, RecursionError):
        pass
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
    return Source(file, data, lines, text), problems


def special(path: Path) -> str | None:
    """What a path is when it is not a regular file (a FIFO, a device, a socket, a folder),
    found without opening it; None for a regular file or one that does not exist."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    for test, what in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK,
                       "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else "not a regular file"


def read(path: Path, display: str | None = None) -> tuple[Source | None, list[Diagnostic]]:
    """Read and parse a file; never opens a special file, never reads more than MAX_BYTES."""
    name = display or str(path)
    what = special(path)
    if what:
        return None, [Diagnostic(name, 0, "", f"is {what}, not a regular file; it was not opened",
                                 "stack files are regular files: remove it or replace it with one", codes.YAML)]
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            return None, [Diagnostic(name, 0, "", f"the file is {size:,} bytes; a stack file is at most "
                                     f"{MAX_BYTES:,} bytes (1 MiB)", "a declaration is a few kilobytes: check that "
                                     "this is the right file", codes.YAML)]
        with open(path, "rb") as f:
            text = f.read(MAX_BYTES + 1).decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Diagnostic(name, 0, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                 "save the file as UTF-8", codes.YAML)]
    except OSError as exc:
        return None, [Diagnostic(name, 0, "", f"cannot read the file: {exc.strerror}",
                                 "check the path and its permissions", codes.YAML)]
    return parse(text, name)
