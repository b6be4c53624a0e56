"""What every command prints and how it exits, in one place: the exit codes, JSON, and
diagnostics for people. Every other module in scripts/ prints through here."""
from __future__ import annotations

import json

import click

#: Exit codes, every command (../shared/DESIGN.md): 0 ok; 1 findings (policy violations,
#: drift); 2 invalid input or usage; 3 environment (Pulumi CLI missing, no credentials,
#: cloud unreachable).
EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_ENVIRONMENT = 0, 1, 2, 3


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def diagnostics(items, err: bool = False) -> None:
    """Each diagnostic as `error file:line key: message` and its fix."""
    for d in items:
        click.echo(click.style("error ", fg="red") + d.render(), err=err)


def invalid(message: str, fix: str | None = None) -> int:
    """Report bad input on stderr; returns EXIT_INVALID."""
    click.echo(click.style("error ", fg="red") + message + (f"\n    fix: {fix}" if fix else ""), err=True)
    return EXIT_INVALID


def environment(message: str) -> int:
    """Report a missing prerequisite on stderr; returns EXIT_ENVIRONMENT."""
    click.echo(click.style("environment ", fg="yellow") + message, err=True)
    return EXIT_ENVIRONMENT
