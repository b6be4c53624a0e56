"""One stack's drift: the declared items (from the plan or a state export) against the
live ones, then the suppressions."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from drift.compare import DriftFinding, compare
from drift.desired import Declared


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


def detect(tenancy, inventory: dict, *, aws_session=None, aws_endpoint=None, gcp_endpoint=None, gcp_credentials=None,
           suppressions=(), today: dt.date | None = None) -> DriftReport:
    spec = tenancy.spec
    report = DriftReport(tenancy.stack, tenancy.source.file, spec.cloud)
    declared = Declared(inventory).items()
    if spec.cloud == "aws":
        from drift.aws import AwsScanner
        scanner = AwsScanner(aws_session, spec.primary_region, aws_endpoint)
        live = scanner.scan(spec.municipality.code)
    else:
        from drift.gcp import GcpScanner
        scanner = GcpScanner(spec.gcp_project, f"gc{spec.municipality.code}-", gcp_endpoint, gcp_credentials)
        live = scanner.scan()
    report.declared, report.live, report.calls = len(declared), len(live), sum(scanner.calls.values())
    findings = compare(declared, live)
    from drift.ignore import apply
    report.findings, report.suppressed = apply(tenancy.stack, findings, list(suppressions), today or dt.date.today())
    return report
