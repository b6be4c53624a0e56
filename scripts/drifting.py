"""`govcloud drift`: declared vs live for one stack or all; exit 0 none, 1 drift, 2 bad
input, 3 cloud unreachable or no credentials."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import click

from scripts.output import EXIT_ENVIRONMENT, EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, environment, invalid


def _fail(message: str, code: int) -> int:
    return invalid(message) if code == EXIT_INVALID else environment(message)


def run_drift(targets, stacks, use_all, state: Path | None, fmt: str, endpoint_url, gcp_endpoint, ignore: Path | None,
              pulumi_refresh: bool, regions: str = "declared", use_cache: bool = True) -> int:
    from clouds import EnvironmentProblem
    from drift import report as formats
    from drift.run import detect
    from drift.compare import DriftFinding
    from drift.desired import from_state_export
    from network.declaration import load
    from network.errors import DeclarationError
    from network.stacks import display_path
    paths = targets.resolve(stacks, use_all)
    if state is not None and len(paths) != 1:
        raise click.UsageError("--state is the export of one stack: name exactly one stack")
    suppressions = []
    if ignore is not None and not ignore.is_file():
        return _fail(f"{ignore}: --ignore names a suppressions file that does not exist; give the path of one "
                     "(see docs/drift.md, Suppressions) or leave --ignore out to use .driftignore", EXIT_INVALID)
    ignore = ignore if ignore is not None else (targets.root / ".driftignore")
    if ignore.exists():
        from drift.ignore import load as load_ignore
        try:
            suppressions = load_ignore(ignore, display_path(ignore))
        except DeclarationError as exc:
            return _fail("\n".join(d.render() for d in exc.diagnostics), EXIT_INVALID)
    tenancies = []
    for path in paths:
        try:
            tenancies.append(load(path, display_path(path)))
        except DeclarationError as exc:
            return _fail("\n".join(d.render() for d in exc.diagnostics), EXIT_INVALID)
    import clouds
    options = {"endpoint_url": endpoint_url, "endpoint": gcp_endpoint}
    for cloud in sorted({t.spec.cloud for t in tenancies}):  # before any planning
        problem = clouds.get(cloud).drift_credentials_problem(options)
        if problem:
            return _fail(problem, EXIT_ENVIRONMENT)
    if pulumi_refresh and shutil.which("pulumi") is None:
        return _fail("--pulumi-refresh needs the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/)",
                     EXIT_ENVIRONMENT)
    reports = []
    for tenancy in tenancies:
        if state is not None:
            try:
                inventory = from_state_export(state)
            except (OSError, ValueError) as exc:
                return _fail(f"{display_path(state)}: {exc} (make it with `pulumi stack export -s {tenancy.stack} "
                             "--file state.json`)", EXIT_INVALID)
        else:
            # the plan of an unchanged stack and code is the one drift compared last time
            from pipeline.cache import planned
            inventory = planned(tenancy, targets.root if use_cache else None).as_dict()
        try:
            report = detect(tenancy, inventory, suppressions=suppressions,
                            options={"endpoint_url": endpoint_url, "endpoint": gcp_endpoint, "regions": regions,
                                     "desired": "state" if state is not None else "plan"})
            changed = _pulumi_refresh(targets.root, tenancy.stack) if pulumi_refresh else None
        except EnvironmentProblem as exc:
            return _fail(str(exc), EXIT_ENVIRONMENT)
        if changed:
            report.findings.append(DriftFinding("changed", "high", "pulumi", (tenancy.stack,), None, changed))
        reports.append(report)
    lines = {(t.stack, layer): t.line(("layers", layer)) for t in tenancies for layer in ("mynumber", "lgwan", "internet")}
    output = {"text": formats.text, "json": formats.as_json, "junit": formats.junit,
              "sarif": lambda r: formats.sarif(r, lines)}[fmt]
    click.echo(output(reports))
    return EXIT_FINDINGS if any(r.drifted for r in reports) else EXIT_OK


def _pulumi_refresh(root: Path, stack: str) -> str | None:
    """pulumi refresh --preview-only --expect-no-changes: exit 7 means changes."""
    result = subprocess.run(["pulumi", "refresh", "--preview-only", "--expect-no-changes", "--non-interactive",
                             "--stack", stack, "--cwd", str(root)], capture_output=True, text=True, timeout=1800)
    if result.returncode == 7:
        return "pulumi refresh reports changes between the state and the cloud"
    if result.returncode != 0:
        from clouds import EnvironmentProblem
        raise EnvironmentProblem(f"pulumi refresh failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    return None
