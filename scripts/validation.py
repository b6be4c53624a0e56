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
    keys = {r.stack: cache.key(r.path.read_bytes(), config, file=r.tenancy.source.file) for r in results}
    found = {r.stack: cache.load(cache_root, keys[r.stack]) for r in results}
    missing = [r for r in results if found[r.stack] is None]
    for report in check_many([(r.path, r.tenancy.source.file, r.tenancy) for r in missing], config, jobs):
        cache.store(cache_root, keys[report.stack], report)
        found[report.stack] = report
    return [found[r.stack] for r in results]


@_no_dead_workers
def run_ipam(targets, stacks, use_all, jobs, fmt) -> int:
    from network.stacks import collector_paused
    with collector_paused():  # a row per block: over the whole country, 100,000 rows
        return _ipam(_load(targets, stacks, use_all, jobs), fmt)


def _ipam(results, fmt) -> int:
    rows, errors = [], []
    for result in results:
        errors.extend(result.diagnostics)
        if result.tenancy is None:
            continue
        stack = result.stack  # worked out once for the stack's hundred rows
        spec, plan = result.tenancy.spec, result.tenancy.plan
        regions = set(spec.regions)
        rows.append({"stack": stack, "layer": "-", "role": "space", "zone": "-", "cidr": plan.space,
                     "usable": None, "state": "allocated"})
        for lp in plan.layers:
            state = "enabled" if lp.enabled else "reserved"
            rows.append({"stack": stack, "layer": lp.layer, "role": "layer", "zone": "-", "cidr": lp.cidr,
                         "usable": None, "state": state + (" (explicit)" if lp.explicit else "")})
            if lp.services:  # systems in their own accounts: the network account's VPC in the layer
                rows.append({"stack": stack, "layer": lp.layer, "role": "network", "zone": "-",
                             "cidr": lp.services, "usable": None, "state": f"{state} (account {spec.network_account})"})
            subnets = list(lp.subnets)
            for sp in plan.systems_of(lp.layer):
                rows.append({"stack": stack, "layer": lp.layer, "role": "system", "zone": sp.system,
                             "cidr": sp.cidr, "usable": None, "state": f"{state} (account {sp.account})"})
                subnets += sp.subnets
            for s in subnets:
                # a Google Cloud subnet is regional: its "zone" is a region, and says so
                where = f"{s.zone} (region)" if s.zone in regions else s.zone
                rows.append({"stack": stack, "layer": s.layer, "role": s.role, "zone": where, "cidr": s.cidr,
                             "usable": s.usable, "state": state + (f" (system {s.system})" if s.system else "")})
        for layer_id, prefixes in spec.data_center.prefixes:
            for p in prefixes:
                rows.append({"stack": stack, "layer": layer_id, "role": "on-prem", "zone": "dc", "cidr": p,
                             "usable": None, "state": "on-prem"})
        for free in plan.free:
            rows.append({"stack": stack, "layer": "-", "role": "free", "zone": "-", "cidr": free,
                         "usable": None, "state": "free"})
    conflicts = [d for d in errors if d.code in (codes.DUPLICATE_CODE, codes.SPACE_OVERLAP)]
    if fmt == "json":
        emit_json({"plan": rows, "conflicts": [d.as_dict() for d in conflicts],
                   "errors": [d.as_dict() for d in errors if d not in conflicts]})
    else:
        out = [f"{'stack':<24} {'layer':<9} {'role':<8} {'zone or region':<25} {'cidr':<18} {'usable':>6}  state"]
        out += [f"{r['stack']:<24} {r['layer']:<9} {r['role']:<8} {r['zone']:<25} {r['cidr']:<18} "
                f"{'' if r['usable'] is None else r['usable']:>6}  {r['state']}" for r in rows]
        click.echo("\n".join(out))
        click.echo(f"\n{len(conflicts)} conflict(s) (アドレス重複)" if conflicts else "\nno conflicts (アドレス重複なし)")
        diagnostics(errors)
    return EXIT_INVALID if errors else EXIT_OK
