"""The whole check of one stack, as `govcloud validate` runs it: the declaration, then the
plan under the mock runtime, then every policy rule over the recorded inventory. Stacks
are independent, so many run in parallel processes (--jobs)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from network.errors import Diagnostic
from network.text import plural


@dataclass
class FindingReport:
    message: str
    urn: str | None
    path: str  # declaration key path shown to people
    line: int


@dataclass
class VerdictReport:
    rule: str
    status: str  # pass | fail | unknown | disabled
    enforcement: str
    findings: list[FindingReport] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        return self.status == "fail" and self.enforcement == "mandatory"


@dataclass
class StackReport:
    stack: str
    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    verdicts: list[VerdictReport] = field(default_factory=list)
    resources: int = 0
    summary: str = ""

    @property
    def valid(self) -> bool:
        return not self.diagnostics

    @property
    def blocking(self) -> list[VerdictReport]:
        return [v for v in self.verdicts if v.blocking]


def check_stack(path: Path, display: str, config: dict, tenancy=None) -> StackReport:
    from network.declaration import load
    from network.naming import display_name
    from network.errors import DeclarationError
    report = StackReport(display_name(path), display)
    if tenancy is None:
        try:
            tenancy = load(path, display)
        except DeclarationError as exc:
            report.diagnostics = list(exc.diagnostics)
            return report
    report.summary = summary(tenancy)
    from components.plan import record
    add_verdicts(report, tenancy, record(tenancy), config)
    return report


def add_verdicts(report: StackReport, tenancy, inventory, config: dict, model=None) -> StackReport:
    """Evaluate every rule over a recorded inventory; findings located in the stack file.
    `model`: the stack's network model, when the caller has built it already."""
    from network.model import build
    from network.source import dotted
    from policies.evaluate import evaluate
    from inventory.format import views
    resources = views(inventory)
    report.resources = len(resources)
    for verdict in evaluate(resources, model or build(tenancy), config):
        findings = []
        for f in verdict.findings:
            key = ("config", "govcloud:tenancy") + tuple(f.path)
            findings.append(FindingReport(f.message, f.urn, dotted(key), tenancy.source.line(key)))
        report.verdicts.append(VerdictReport(verdict.rule.id, verdict.status, verdict.enforcement, findings))
    return report


def verdicts_as_dicts(report: StackReport) -> list[dict]:
    """The verdicts as plain data, with each rule's titles, family and severity."""
    from policies.registry import all_rules
    rules = {r.id: r for r in all_rules()}
    return [{"rule": v.rule, "title_en": rules[v.rule].title_en, "title_ja": rules[v.rule].title_ja,
             "family": rules[v.rule].family, "severity": rules[v.rule].severity, "enforcement": v.enforcement,
             "status": v.status, "findings": [vars(f) for f in v.findings]} for v in report.verdicts]


def summary(tenancy) -> str:
    """One line about a valid declaration."""
    spec = tenancy.spec
    return (f"{spec.municipality.name}, {spec.cloud}: {plural(len(spec.enabled_layers), 'layer')}, "
            f"{plural(len(spec.connectivity.lines), 'line')}, {plural(len(spec.flows), 'permitted flow')}")


def _check_one(args) -> StackReport:
    path, display, config, tenancy = args
    return check_stack(path, display, config, tenancy)


def check_many(items: list[tuple], config: dict, jobs: int) -> list[StackReport]:
    """Check stacks, given as (path, display, already loaded tenancy), in up to `jobs`
    processes. Each process runs the mock runtime for its stacks in turn (its state is per
    process); the declarations are not parsed again. On a terminal a progress line counts
    them."""
    from pipeline.progress import Progress
    work = [(path, display, config, tenancy) for path, display, tenancy in items]
    jobs = max(1, min(jobs, len(work), os.cpu_count() or 1))
    progress = Progress(len(work))

    def each(report: StackReport) -> None:
        progress.step(failed=not report.valid or bool(report.blocking))
    try:
        if jobs == 1:
            reports = []
            for w in work:
                reports.append(_check_one(w))
                each(reports[-1])
            return reports
        from network.stacks import parallel
        return parallel(_check_one, work, jobs, chunks_per_job=4, each=each)
    finally:
        progress.close()
