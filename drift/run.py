"""One stack's drift: the declared items (from the plan or a state export) against the
live ones, then the suppressions."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import clouds
from drift.compare import DriftFinding, compare
from drift.desired import Declared
from drift.ignore import apply


@dataclass
class DriftReport:
    stack: str
    file: str
    cloud: str
    findings: list[DriftFinding] = field(default_factory=list)
    suppressed: list = field(default_factory=list)
    declared: int = 0
    live: int = 0
    calls: int = 0

    @property
    def drifted(self) -> bool:
        return bool(self.findings)


def detect(tenancy, inventory: dict, *, options: dict | None = None, suppressions=(),
           today: dt.date | None = None) -> DriftReport:
    """Declared against live for one stack. `options` go to the cloud's scanner (AWS:
    session, endpoint_url; Google Cloud: endpoint, credentials). Raises
    clouds.EnvironmentProblem when the cloud cannot be read."""
    spec = tenancy.spec
    report = DriftReport(tenancy.stack, tenancy.source.file, spec.cloud)
    declared = Declared(inventory).items()
    live, report.calls = clouds.get(spec.cloud).detect_drift(tenancy, options or {})
    report.declared, report.live = len(declared), len(live)
    findings = compare(declared, live)
    report.findings, report.suppressed = apply(tenancy.stack, findings, list(suppressions), today or dt.date.today())
    return report
