"""The review content of a tenancy: plan under the mock runtime, judge the policies, then
the data every review document renders."""
from __future__ import annotations


def review_content(tenancy, config: dict | None = None) -> dict:
    """Plan under the mock runtime, policies, then the review data."""
    from components.plan import record
    from network.model import build
    from pipeline.checks import StackReport, add_verdicts, verdicts_as_dicts
    from review.content import build as build_content
    inventory = record(tenancy)
    checked = add_verdicts(StackReport(tenancy.stack, tenancy.source.file), tenancy, inventory, config or {})
    verdicts = verdicts_as_dicts(checked)
    return build_content(build(tenancy), inventory.as_dict(), verdicts)
