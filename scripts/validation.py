"""`govcloud validate` and `govcloud ipam`: choose the stacks, run the pipeline, format,
exit."""
from __future__ import annotations

import click

from network import codes
from scripts.output import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, diagnostics, emit_json, environment


def _load(targets, stacks, use_all, jobs):
    from pipeline.select import load_checked
    return load_checked(targets.resolve(stacks, use_all), targets.all(), jobs)


def _no_dead_workers(run):
    """A command body, with a worker that died reported as an environment problem (exit 3)."""
    def guarded(*args, **kwargs):
        from network.stacks import WorkerDied
        try:
            return run(*args, **kwargs)
        except WorkerDied as exc:
            return environment(str(exc))
    guarded.__doc__ = run.__doc__
    return guarded


@_no_dead_workers
def run_validate(targets, stacks, use_all, jobs, fmt, policy_config, schema_only, changed=None,
                 use_cache=True) -> int:
    """Schema and cross-stack checks, then (unless --schema-only) the plan and the policies."""
    from network.errors import DeclarationError
    from network.stacks import display_path
    from pipeline.checks import StackReport, summary
    from scripts import report as formats
    if changed is not None:
        if stacks or use_all:
            raise click.UsageError("--changed chooses the stacks itself: give no stack names and no --all")
        from pipeline.changed import select
        selection = select(targets.root, targets.all(), changed or None)
        click.echo(f"changed: {selection.reason}" + (f"; skipped {len(selection.skipped)} unchanged: "
                                                     f"{', '.join(selection.skipped)}" if selection.skipped else ""),
                   err=True)
        if not selection.paths:
            click.echo("no stack to check (変更なし)", err=True)
            return EXIT_OK
        from pipeline.select import load_checked
        results = load_checked(selection.paths, targets.all(), jobs)
    else:
        results = _load(targets, stacks, use_all, jobs)
    config = {}
    if policy_config is not None:
        from policies.evaluate import load_config
        try:
            config = load_config(policy_config, display_path(policy_config))
        except DeclarationError as exc:
            diagnostics(exc.diagnostics, err=True)
            return EXIT_INVALID
    if schema_only:
        reports = [StackReport(r.stack, r.tenancy.source.file if r.tenancy else display_path(r.path),
                               list(r.diagnostics), summary=summary(r.tenancy) if r.tenancy else "")
                   for r in results]
    else:
        invalid = [StackReport(r.stack, display_path(r.path), list(r.diagnostics)) for r in results if not r.ok]
        valid = _checked([r for r in results if r.ok], config, jobs, targets.root if use_cache else None)
        by_stack = {rep.stack: rep for rep in invalid + valid}
        reports = [by_stack[r.stack] for r in results]
    output = {"text": formats.text, "json": formats.as_json, "sarif": formats.sarif, "junit": formats.junit}[fmt]
    click.echo(output(reports))
    if any(not r.valid for r in reports):
        return EXIT_INVALID
    return EXIT_FINDINGS if any(r.blocking for r in reports) else EXIT_OK


def _checked(results, config: dict, jobs: int, cache_root) -> list:
    """The full check of valid stacks: from the plan cache where an entry matches exactly,
    else planned (in `jobs` processes) and stored."""
    from pipeline.checks import check_many
    if cache_root is None:
        return check_many([(r.path, r.tenancy.source.file, r.tenancy) for r in results], config, jobs)
    from pipeline import cache
    # keyed by the text the stack was loaded from (not a second read of the file, which may
    # have changed since): the report stored is the one that text gives
    keys = {r.stack: cache.key(r.tenancy.source.text.encode("utf-8"), config, file=r.tenancy.source.file)
            for r in results}
    found = {r.stack: cache.load(cache_root, keys[r.stack]) for r in results}
    missing = [r for r in results if found[r.stack] is None]
    for report in check_many([(r.path, r.tenancy.source.file, r.tenancy) for r in missing], config, jobs):
        cache.store(cache_root, keys[report.stack], report)
        found[report.stack] = report
    return [found[r.stack] for r in results]


@_no_dead_workers
def run_ipam(targets, stacks, use_all, jobs, fmt, use_cache: bool = True) -> int:
    """Every chosen stack's rows (an unchanged one from .govcloud/cache), then the checks
    across every stack, which are never cached."""
    from network.stacks import collector_paused
    from pipeline.ipam import planned
    from pipeline.select import across
    with collector_paused():  # a row per block: over the whole country, 100,000 rows
        paths = targets.resolve(stacks, use_all)
        stacks_planned = planned(paths, jobs, targets.root if use_cache else None)
        every = paths if use_all else targets.all()  # --all has just listed them: not twice
        extra = across([(p.stack, p.path, p.file, p.footprint) for p in stacks_planned], every)
        return _ipam(stacks_planned, extra, fmt)


def _ipam(stacks_planned, extra: dict, fmt) -> int:
    from pipeline.ipam import as_dicts
    errors = []
    for p in stacks_planned:
        errors.extend(sorted(set(p.diagnostics) | set(extra.get(p.stack, ()))))
    conflicts = [d for d in errors if d.code in (codes.DUPLICATE_CODE, codes.SPACE_OVERLAP)]
    if fmt == "json":
        emit_json({"plan": [row for p in stacks_planned for row in as_dicts(p.stack, p.rows)],
                   "conflicts": [d.as_dict() for d in conflicts],
                   "errors": [d.as_dict() for d in errors if d not in conflicts]})
    else:
        out = [f"{'stack':<24} {'layer':<9} {'role':<8} {'zone or region':<25} {'cidr':<18} {'usable':>6}  state"]
        for p in stacks_planned:
            stack = p.stack
            out += [f"{stack:<24} {layer:<9} {role:<8} {zone:<25} {cidr:<18} {'' if usable is None else usable:>6}  "
                    f"{state}" for layer, role, zone, cidr, usable, state in p.rows]
        click.echo("\n".join(out))
        click.echo(f"\n{len(conflicts)} conflict(s) (アドレス重複)" if conflicts else "\nno conflicts (アドレス重複なし)")
        diagnostics(errors)
    return EXIT_INVALID if errors else EXIT_OK
