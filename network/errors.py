"""Diagnostics people can act on: file, line, key path, what is wrong, how to fix it."""
from __future__ import annotations

from dataclasses import dataclass

from . import codes
from .text import one_line


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int  # 1-based; 0 when the problem has no single line
    path: str  # dotted key path, e.g. govcloud:tenancy.municipality.code
    message: str
    fix: str = ""
    code: str = codes.UNCLASSIFIED  # stable id for SARIF/JSON consumers (network/codes.py)

    def render(self) -> str:
        """Two lines at most, whatever the user wrote: the text parts are made one-line."""
        file, path, message, fix = (one_line(x) for x in (self.file, self.path, self.message, self.fix))
        where = f"{file}:{self.line}" if self.line else file
        text = f"{where} {path}: {message}" if path else f"{where}: {message}"
        return f"{text}\n    fix: {fix}" if fix else text

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "path": self.path, "code": self.code,
                "message": self.message, "fix": self.fix}


class DeclarationError(Exception):
    """One or more diagnostics that make a declaration unusable."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__("\n".join(d.render() for d in self.diagnostics))
