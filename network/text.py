"""User text made safe for line-based and XML outputs: every character that can end a line
or hide itself (control, format, line and paragraph separators; the categories
str.splitlines and terminals act on) is written as a visible escape, so a name can never
forge a line in a report, a terminal sequence, or an XML document that does not parse."""
from __future__ import annotations

import unicodedata

_HIDDEN = ("Cc", "Cf", "Zl", "Zp", "Cs")


def _escape(ch: str) -> str:
    code = ord(ch)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
    if named:
        return named
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def one_line(text) -> str:
    """`text` on one line with its hidden characters visible; printable text (Japanese
    included) is unchanged."""
    text = str(text)
    if all(unicodedata.category(ch) not in _HIDDEN for ch in text):
        return text
    return "".join(_escape(ch) if unicodedata.category(ch) in _HIDDEN else ch for ch in text)


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 line`, `3 lines`, `1 permitted flow`."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


def article(phrase: str) -> str:
    """`an integer`, `a list`, `an IPv4 address`: the indefinite article a phrase takes."""
    return f"{'an' if phrase[:1].lower() in 'aeiou' else 'a'} {phrase}"
