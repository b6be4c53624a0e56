"""Turn command-line stack arguments (a stack name or a path) into stack files."""
from __future__ import annotations

from pathlib import Path

import click

from network.naming import STACKS_DIR, display_name, stack_file


class Targets:
    def __init__(self, root: Path):
        self.root = root
        self.stacks_dir = root / STACKS_DIR

    def all(self) -> list[Path]:
        """The stack files; files named like stacks that are not regular files are skipped,
        never opened, with a warning (once)."""
        from network.stacks import discover, display_path, skipped
        if not getattr(self, "_warned", False):
            self._warned = True
            for path, what in skipped(self.stacks_dir):
                click.echo(click.style("warning ", fg="yellow") + f"{display_path(path)} is {what}, not a regular "
                           "file; skipped", err=True)
        return discover(self.stacks_dir)

    def resolve(self, args: tuple[str, ...], use_all: bool) -> list[Path]:
        """Stack files for `args`; a usage error (exit 2) for one that does not exist."""
        if use_all and args:
            raise click.UsageError("give stack names or --all, not both")
        if use_all:
            found = self.all()
            if not found:
                raise click.UsageError(f"no stack files (Pulumi.*.yaml) in {self.stacks_dir}")
            return found
        if not args:
            raise click.UsageError("name a stack (e.g. 131032-minato) or a stack file, or use --all")
        return [self.one(arg) for arg in args]

    def one(self, arg: str) -> Path:
        path = Path(arg)
        if path.is_file():
            return path
        by_name = stack_file(self.root, arg)
        if by_name.is_file():
            return by_name
        known = [display_name(p) for p in self.all()]
        from network.fields import suggest
        hint = suggest(arg, known)
        raise click.BadParameter(
            f"no stack file {arg!r} and no stack named {arg!r} in {self.stacks_dir}"
            + (f"; {hint}" if hint else f"; known stacks: {', '.join(known) or 'none'}"),
            param_hint="STACK")


class InvalidDeclaration(click.exceptions.Exit):
    """A stack that does not validate: its diagnostics are printed, the command exits 2."""


def load_tenancy(path: Path):
    """The validated tenancy of a stack file; on bad input print every diagnostic (file,
    line, key, fix) and exit 2."""
    from network.declaration import load
    from network.errors import DeclarationError
    from network.stacks import display_path
    from scripts.output import EXIT_INVALID, diagnostics
    try:
        return load(path, display_path(path))
    except DeclarationError as exc:
        diagnostics(exc.diagnostics)
        raise InvalidDeclaration(EXIT_INVALID) from None
