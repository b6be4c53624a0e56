"""Suppressions (`.driftignore`): each entry names what it silences, why, and until when.
Expired entries stop suppressing and are reported themselves.

    - stack: 131032-minato          # optional; default: every stack
      kind: security_group          # a drift kind (docs/drift.md)
      key: vendor-maintenance-sg    # optional: the item's key, '/'-joined; '*' suffix matches a prefix
      category: unmanaged           # optional: changed | missing | unmanaged
      reason: 保守業者の一時作業用 (ticket 1234)
      expires: 2026-12-31
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from drift.compare import DriftFinding
from drift.items import KINDS
from network.errors import DeclarationError, Diagnostic
from network.fields import INVALID, STR, Context, Field, ListOf, Obj, Scalar
from network.source import read


def _date(value):
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise TypeError("write a date as YYYY-MM-DD")


ENTRY = Obj((
    Field("stack", STR, "Stack it applies to (default: all).", "スタック", "131032-minato"),
    Field("kind", Scalar(str, "drift kind", choices=tuple(KINDS)), "What kind of item.", "種別", "security_group",
          required=True),
    Field("key", STR, "The item's key, '/'-joined; a trailing '*' matches a prefix.", "キー", "vendor-sg"),
    Field("category", Scalar(str, "category", choices=("changed", "missing", "unmanaged")), "Which finding.",
          "区分", "unmanaged"),
    Field("reason", STR, "Why it is accepted.", "理由", "保守作業", required=True),
    Field("expires", Scalar(dt.date, "date (YYYY-MM-DD)", convert=_date), "Last day it applies.", "期限",
          "2026-12-31", required=True),
))
FILE = ListOf(ENTRY)


@dataclass(frozen=True)
class Suppression:
    stack: str | None
    kind: str
    key: str | None
    category: str | None
    reason: str
    expires: dt.date
    line: int
    file: str = ".driftignore"

    def matches(self, stack: str, finding: DriftFinding) -> bool:
        if self.stack not in (None, stack) or self.kind != finding.kind:
            return False
        if self.category and self.category != finding.category:
            return False
        if self.key:
            key = "/".join(str(k) for k in finding.key)
            return key.startswith(self.key[:-1]) if self.key.endswith("*") else key == self.key
        return True


def load(path: Path, display: str | None = None) -> list[Suppression]:
    name = display or str(path)
    source, problems = read(path, name)
    if source is None:
        raise DeclarationError(problems)
    ctx = Context(source)
    data = FILE.check(source.data if source.data is not None else [], (), ctx)
    if ctx.diagnostics or data is INVALID:
        raise DeclarationError(ctx.diagnostics or [Diagnostic(name, 1, "", "not a list of suppressions",
                                                               "write one '- kind: ...' entry per suppression")])
    return [Suppression(e.get("stack"), e["kind"], e.get("key"), e.get("category"), e["reason"], e["expires"],
                        source.line((i,)), name) for i, e in enumerate(data)]


def apply(stack: str, findings: list[DriftFinding], suppressions: list[Suppression],
          today: dt.date) -> tuple[list[DriftFinding], list[tuple[DriftFinding, Suppression]]]:
    """(findings that remain, findings suppressed). An expired suppression suppresses nothing
    and adds a finding of its own when it would have matched."""
    remaining, suppressed = [], []
    expired_reported = set()
    for finding in findings:
        match = next((s for s in suppressions if s.matches(stack, finding)), None)
        if match is None:
            remaining.append(finding)
        elif match.expires < today:
            remaining.append(finding)
            if (match.file, match.line) not in expired_reported:
                expired_reported.add((match.file, match.line))
                remaining.append(DriftFinding(
                    "expired-suppression", "medium", finding.kind, finding.key, finding.layer,
                    f"{match.file}:{match.line}: the suppression for {finding.kind} expired on {match.expires} "
                    f"({match.reason}); renew it with a new date or fix the drift", finding.ref))
        else:
            suppressed.append((finding, match))
    return remaining, suppressed
