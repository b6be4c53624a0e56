"""`govcloud validate` and `govcloud ipam`: load, cross-check, format, exit code."""
from __future__ import annotations

import click

from network.declaration import stack_name
from network.stacks import Footprint, Result, cross_check, footprint, load_many, peek

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def load_checked(targets, stacks, use_all, jobs) -> list[Result]:
    """Load the chosen stacks and add the cross-stack diagnostics (against every stack in
    stacks/, including the ones not chosen)."""
    paths = targets.resolve(stacks, use_all)
    results = load_many(paths, jobs)
    # A chosen file replaces the stack of the same name in stacks/ (a proposed change
    # to that stack is checked against the others, not against its own current version).
    chosen = {r.stack for r in results}
    prints: list[Footprint] = [fp for fp in map(footprint, results) if fp]
    for other in targets.all():
        if stack_name(other) not in chosen:
            fp = peek(other)
            if fp:
                prints.append(fp)
    extra = cross_check(prints, focus={r.stack for r in results})
    return [Result(r.path, r.tenancy,
                   tuple(sorted(set(r.diagnostics) | set(extra.get(r.stack, ()))))) for r in results]


def run_validate(targets, stacks, use_all, jobs, fmt, policy_config, schema_only) -> int:
    """Schema and cross-stack checks, then (unless --schema-only) the plan and the policies."""
    results = load_checked(targets, stacks, use_all, jobs)
    from network.stacks import display_path
    from scripts import report as formats
    from scripts.checking import StackReport, check_many
    config = {}
    if policy_config is not None:
        from network.errors import DeclarationError
        from policies.evaluate import load_config
        try:
            config = load_config(policy_config, display_path(policy_config))
        except DeclarationError as exc:
            for d in exc.diagnostics:
                click.echo(click.style("error ", fg="red") + d.render(), err=True)
            return EXIT_INVALID
    if schema_only:
        reports = [StackReport(r.stack, r.tenancy.source.file if r.tenancy else display_path(r.path),
                               list(r.diagnostics), summary=_summary(r.tenancy)) for r in results]
    else:
        invalid = [StackReport(r.stack, display_path(r.path), list(r.diagnostics)) for r in results if not r.ok]
        valid = check_many([(r.path, r.tenancy.source.file, r.tenancy) for r in results if r.ok], config, jobs)
        by_stack = {rep.stack: rep for rep in invalid + valid}
        reports = [by_stack[r.stack] for r in results]
    output = {"text": formats.text, "json": formats.as_json, "sarif": formats.sarif, "junit": formats.junit}[fmt]
    click.echo(output(reports))
    if any(not r.valid for r in reports):
        return EXIT_INVALID
    return EXIT_FINDINGS if any(r.blocking for r in reports) else EXIT_OK


def _summary(tenancy) -> str:
    if tenancy is None:
        return ""
    spec = tenancy.spec
    return (f"{spec.municipality.name}, {spec.cloud}: {len(spec.enabled_layers)} layers, "
            f"{len(spec.connectivity.lines)} lines, {len(spec.flows)} permitted flows")


def run_ipam(targets, stacks, use_all, jobs, fmt) -> int:
    results = load_checked(targets, stacks, use_all, jobs)
    rows, errors = [], []
    for r in results:
        errors.extend(r.diagnostics)
        if r.tenancy is None:
            continue
        spec, plan = r.tenancy.spec, r.tenancy.plan
        rows.append({"stack": r.stack, "layer": "-", "role": "space", "zone": "-", "cidr": plan.space,
                     "usable": None, "state": "allocated"})
        for lp in plan.layers:
            state = "enabled" if lp.enabled else "reserved"
            rows.append({"stack": r.stack, "layer": lp.layer, "role": "layer", "zone": "-", "cidr": lp.cidr,
                         "usable": None, "state": state + (" (explicit)" if lp.explicit else "")})
            for s in lp.subnets:
                rows.append({"stack": r.stack, "layer": s.layer, "role": s.role, "zone": s.zone, "cidr": s.cidr,
                             "usable": s.usable, "state": state})
        for layer_id, prefixes in spec.data_center.prefixes:
            for p in prefixes:
                rows.append({"stack": r.stack, "layer": layer_id, "role": "on-prem", "zone": "dc", "cidr": p,
                             "usable": None, "state": "on-prem"})
        for free in plan.free:
            rows.append({"stack": r.stack, "layer": "-", "role": "free", "zone": "-", "cidr": free,
                         "usable": None, "state": "free"})
    conflicts = [d for d in errors if d.code in ("GC120", "GC121")]
    if fmt == "json":
        from scripts.cli import emit_json
        emit_json({"plan": rows, "conflicts": [d.as_dict() for d in conflicts],
                   "errors": [d.as_dict() for d in errors if d not in conflicts]})
    else:
        out = [f"{'stack':<24} {'layer':<9} {'role':<8} {'zone':<16} {'cidr':<18} {'usable':>6}  state"]
        out += [f"{r['stack']:<24} {r['layer']:<9} {r['role']:<8} {r['zone']:<16} {r['cidr']:<18} "
                f"{'' if r['usable'] is None else r['usable']:>6}  {r['state']}" for r in rows]
        click.echo("\n".join(out))
        click.echo(f"\n{len(conflicts)} conflict(s) (アドレス重複)" if conflicts else "\nno conflicts (アドレス重複なし)")
        for d in errors:
            click.echo(click.style("error ", fg="red") + d.render())
    return EXIT_INVALID if errors else EXIT_OK
