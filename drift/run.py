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
    mark_crossings(live, tenancy)
    report.declared, report.live = len(declared), len(live)
    findings = compare(declared, live)
    report.findings, report.suppressed = apply(tenancy.stack, findings, list(suppressions), today or dt.date.today())
    return report


def mark_crossings(items, tenancy) -> None:
    """Each live route toward another layer's addresses (its block in the address plan, or its
    prefixes in the data center), whatever it leads to: `crosses`, the layers it reaches. A
    route nobody declared from one layer to another's addresses is a path between the layers
    (through an appliance's interface, an endpoint, any target), critical (drift/severity.py).
    Only the live side is marked: compare reads the declared item's fields."""
    from network.model import build, layer_blocks, layers_reached
    blocks = layer_blocks(build(tenancy).routing)
    for item in items:
        if item.kind in ("route", "g_route"):
            crosses = layers_reached(item.props.get("dest") or item.key[-1], blocks, item.layer)
            if crosses:
                item.props["crosses"] = crosses
