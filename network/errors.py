"""Diagnostics people can act on: file, line, key path, what is wrong, how to fix it."""
from __future__ import annotations

from dataclasses import dataclass

from . import codes


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int  # 1-based; 0 when the problem has no single line
    path: str  # dotted key path, e.g. govcloud:tenancy.municipality.code
    message: str
    fix: str = ""
    code: str = codes.UNCLASSIFIED  # stable id for SARIF/JSON consumers (network/codes.py)

    def render(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where} {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return f"{text}\n    fix: {self.fix}" if self.fix else text

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "path": self.path, "code": self.code,
                "message": self.message, "fix": self.fix}


class DeclarationError(Exception):
    """One or more diagnostics that make a declaration unusable."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__("\n".join(d.render() for d in self.diagnostics))
