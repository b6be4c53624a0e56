"""`govcloud review`: the review package for one stack, or the change review against a base."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import click

from scripts.output import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, diagnostics


def _error(found) -> int:
    diagnostics(found, err=True)
    return EXIT_INVALID


def run_review(targets, stack: str, out: Path | None, lang: str, fmt: str, base: str | None,
               policy_config: Path | None = None, use_cache: bool = True) -> int:
    from network.declaration import loads
    from network.naming import stack_name
    from network.errors import DeclarationError
    from network.stacks import display_path
    from pipeline.review import review_content
    from scripts.targets import load_tenancy
    if base is None and fmt != "json" and out is None:  # a usage error, before the plan
        raise click.UsageError("--out DIR is needed to write the review package (or use --format json)")
    path = targets.one(stack)
    tenancy = load_tenancy(path)
    config = {}
    try:
        if policy_config is not None:
            from policies.evaluate import load_config
            config = load_config(policy_config, display_path(policy_config))
    except DeclarationError as exc:
        return _error(exc.diagnostics)
    cache_root = targets.root if use_cache else None
    head = review_content(tenancy, config, keep_plan=base is not None, cache_root=cache_root)
    from pipeline.review import document_control
    head["document"] = document_control(path, targets.root)
    if base is not None:
        text, label = _base_text(targets.root, path, base)
        base_content = None  # a stack the base does not have: all of it is new
        if text is not None:
            try:  # a committed draft from init may still hold its placeholders
                base_content = review_content(loads(text, label, stack_name(path), draft=True), config,
                                              keep_plan=True, cache_root=cache_root)
            except DeclarationError as exc:
                return _error(exc.diagnostics)
        from review.diff import diff, markdown
        changes = diff(base_content, head)
        click.echo(json.dumps(changes, ensure_ascii=False, indent=2) if fmt == "json"
                   else markdown(changes, tenancy.stack, base, lang))
        return EXIT_FINDINGS if changes["introduces_mandatory_violation"] else EXIT_OK
    if fmt == "json":
        click.echo(json.dumps(head, ensure_ascii=False, indent=2))
        return EXIT_OK
    from review import html, markdown as md
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, render in (("html", html.render), ("md", md.render)):
        target = out / f"{tenancy.stack}-review.{lang}.{suffix}"
        target.write_text(render(head, lang), encoding="utf-8")
        written.append(display_path(target))
    click.echo("wrote " + ", ".join(written))
    return EXIT_OK


def _base_text(root: Path, path: Path, base: str) -> tuple[str | None, str]:
    """The base declaration: a file, or the same stack file at a git ref (None when the ref
    exists but the stack does not: the change adds it)."""
    candidate = Path(base)
    if candidate.is_file():
        return candidate.read_text(encoding="utf-8"), base
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        raise click.BadParameter(f"{path} is not inside the project, so {base!r} cannot be a git ref for it",
                                 param_hint="--diff") from None
    label = f"{base}:{relative.as_posix()}"
    ref = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], cwd=root,
                         capture_output=True, text=True)
    if ref.returncode != 0:
        raise click.BadParameter(f"{base!r} is neither a file nor a git ref", param_hint="--diff")
    found = subprocess.run(["git", "cat-file", "-e", label], cwd=root, capture_output=True, text=True)
    if found.returncode != 0:
        return None, label
    result = subprocess.run(["git", "show", label], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise click.BadParameter(f"{label} cannot be read ({result.stderr.strip()})", param_hint="--diff")
    return result.stdout, label
