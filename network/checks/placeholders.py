"""Values `govcloud init` wrote for a person to confirm carry a `# 確認` comment saying whom
to ask. Until the marker is deleted the value is a placeholder, and the declaration does
not validate: a stack fresh from init cannot be deployed by mistake."""
from __future__ import annotations

import re

from network import codes
from network.errors import Diagnostic
from network.source import dotted

MARKER = "確認"
#: A line can hold a marker only if a '#' is followed, after blanks, by the marker (what
#: comment() returns is stripped of Unicode whitespace, as \s matches here).
_CANDIDATE = re.compile(r"#\s*" + MARKER)


def comment(line: str) -> str | None:
    """The YAML comment of a line (after a '#' that starts the line or follows a space,
    outside quotes), or None."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[i + 1:].strip()
    return None


def markers(source) -> list[tuple[int, tuple, str]]:
    """(line, key path, what to confirm) of every `# 確認` comment in the document."""
    if not _CANDIDATE.search(source.text):  # the usual case, at the cost of one search
        return []
    notes = []
    for number, text in enumerate(source.text.splitlines(), 1):
        note = comment(text) if _CANDIDATE.search(text) else None
        if note is not None and note.startswith(MARKER):
            notes.append((number, note[len(MARKER):].lstrip(":： ").strip()))
    if not notes:  # 確認 in prose, e.g. the header init writes: the key lines are not needed
        return []
    by_line: dict[int, tuple] = {}
    for path, number in source.lines.items():
        if len(path) > len(by_line.get(number, ())) or number not in by_line:
            by_line[number] = path
    return [(number, by_line.get(number) or by_line.get(number + 1, ()), note) for number, note in notes]


def unconfirmed(source) -> list[Diagnostic]:
    """Each `# 確認` marker is an error at its line, naming what to ask for."""
    return [Diagnostic(source.file, number, dotted(path), f"{'.'.join(map(str, path[2:])) or 'this value'} still holds "
                       f"the value init wrote: {note or 'confirm it'}", "confirm it, write the real value, and delete "
                       "the '# 確認' marker", codes.UNCONFIRMED)
            for number, path, note in markers(source)]
