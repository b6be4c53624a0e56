"""govcloud: declare, check and plan municipal tenancies in the Government Cloud.

Exit codes (every command): 0 ok; 1 findings; 2 invalid input or usage;
3 environment (Pulumi CLI missing, no credentials, cloud unreachable).
Heavy libraries are imported inside the commands, so `govcloud --help` is fast.
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

#: third-party notices for developers, not for the people running govcloud (google.api_core
#: warns every run about the Python version it will stop supporting)
warnings.filterwarnings("ignore", message=r"You are using a Python version .* which Google will stop supporting",
                        category=FutureWarning)

from clouds import REGISTRY
from network.collector import YOUNG_GC_THRESHOLD, collect_less_often
from scripts.output import EXIT_OK, emit_json
from scripts.targets import Targets

FORMATS = ("text", "json")

format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
                             help="Output for people (text) or for tools (json).")
jobs_option = click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
                           help="Stacks processed in parallel (processes).")


def _version(ctx: click.Context) -> None:
    from importlib.metadata import version

    from network.municipalities import load
    click.echo(f"govcloud {version('govcloud-hybrid')}\ncode list: {load().source}")
    ctx.exit(EXIT_OK)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Project folder (default: the nearest folder with this project's Pulumi.yaml).")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=lambda ctx, _, on: _version(ctx)
              if on else None, help="Show the version and the source of the local government code list, and exit.")
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """Municipal tenancies in the Government Cloud (ガバメントクラウド): the declaration,
    the dedicated line (専用線) and the three layers (三層の対策), checked before they are built.

    \b
    Exit codes: 0 ok, 1 findings, 2 invalid input or usage, 3 environment.
    """
    from network.stacks import project_root
    collect_less_often(YOUNG_GC_THRESHOLD)  # for the whole one-shot process, imports and the work after a plan too
    ctx.obj = Targets((root or project_root()).resolve())


@main.command()
@click.argument("stacks", nargs=-1)
@click.option("--all", "use_all", is_flag=True, help="Every stack in stacks/.")
@jobs_option
@click.option("--format", "fmt", type=click.Choice(("text", "json", "sarif", "junit")), default="text",
              show_default=True, help="text for people; json; sarif (2.1.0, GitHub code scanning); junit.")
@click.option("--policy-config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Policy pack configuration (JSON, as for pulumi preview --policy-pack-config).")
@click.option("--schema-only", is_flag=True, help="Only the declaration checks: no plan, no policies.")
@click.option("--changed", "changed", is_flag=False, flag_value="", default=None, metavar="[BASE]",
              help="Only the stacks changed since BASE (a git ref; default: the merge base with the default "
                   "branch), or all of them when shared code changed; the cross-stack checks still read every stack.")
@click.option("--no-cache", is_flag=True, help="Plan every stack again instead of answering unchanged ones from "
                                               ".govcloud/cache.")
@click.pass_obj
def validate(targets: Targets, stacks: tuple[str, ...], use_all: bool, jobs: int, fmt: str,
             policy_config: Path | None, schema_only: bool, changed: str | None, no_cache: bool) -> None:
    """Validate stacks (STACK is a name like 131032-minato, or a path): the declaration,
    then the plan under the mock runtime, then every policy rule (ポリシー検査).

    \b
    Declaration: schema, local government code, domestic regions, addresses, BGP ASNs,
    lines and redundancy, permitted flows, overlaps with every other stack.
    Policies: domestic regions, encryption, three-layer isolation, lines, data
    protection, tagging (govcloud rules lists them).
    Exit 2 on an invalid declaration, 1 on a mandatory policy violation.
    """
    from scripts.validation import run_validate
    sys.exit(run_validate(targets, stacks, use_all, jobs, fmt, policy_config, schema_only, changed, not no_cache))


@main.command()
@format_option
def rules(fmt: str) -> None:
    """List the policy rules (ポリシールール): id, family, severity, default enforcement, title."""
    from policies.registry import FAMILIES, all_rules
    found = all_rules()
    if fmt == "json":
        emit_json([{"id": r.id, "family": r.family, "severity": r.severity, "enforcement": r.enforcement,
                    "scope": r.scope, "title_en": r.title_en, "title_ja": r.title_ja, "rationale": r.rationale,
                    "remediation": r.remediation} for r in found])
    else:
        click.echo(f"{'rule':<13} {'family':<22} {'severity':<8} {'default':<9} title (タイトル)")
        for r in found:
            click.echo(f"{r.id:<13} {FAMILIES[r.family][1]:<22} {r.severity:<8} {r.enforcement:<9} {r.title_en}")
            click.echo(f"{'':<13} {r.title_ja}")
    sys.exit(EXIT_OK)


@main.command()
@click.argument("stacks", nargs=-1)
@click.option("--all", "use_all", is_flag=True, help="Every stack in stacks/.")
@jobs_option
@format_option
@click.option("--no-cache", is_flag=True, help="Read every stack again instead of answering unchanged ones from "
                                               ".govcloud/cache (the checks across stacks always run).")
@click.pass_obj
def ipam(targets: Targets, stacks: tuple[str, ...], use_all: bool, jobs: int, fmt: str, no_cache: bool) -> None:
    """The address plan (アドレス設計) as a table, and every conflict between stacks.

    An unchanged stack's rows come from .govcloud/cache (keyed by the file's bytes, its
    name and the code); the checks across stacks (codes, overlaps) run over every stack."""
    from scripts.validation import run_ipam
    sys.exit(run_ipam(targets, stacks, use_all, jobs, fmt, use_cache=not no_cache))


@main.command()
@click.option("--code", required=True, help="Local government code (全国地方公共団体コード), six digits.")
@click.option("--name", default=None,
              help="Municipality name; it comes from the code (全国地方公共団体コード). A romaji name (minato) is "
                   "taken as --romaji.")
@click.option("--romaji", default=None, help="Romaji name for the stack name (<code>-<romaji>).")
@click.option("--cloud", type=click.Choice(REGISTRY), required=True, help="Target cloud.")
@format_option
@click.pass_obj
def init(targets: Targets, code: str, name: str | None, romaji: str | None, cloud: str, fmt: str) -> None:
    """Write a new stack file with a free address block from the national pool and the
    defaults filled in. Edit the data center, lines and systems, then validate."""
    from scripts.initialise import run_init
    sys.exit(run_init(targets, code, name, romaji, cloud, fmt))


@main.command()
@click.argument("stack")
@format_option
@click.pass_obj
def plan(targets: Targets, stack: str, fmt: str) -> None:
    """What `pulumi up` would build for STACK, without the Pulumi CLI or a cloud account:
    runs the real program under Pulumi's mock runtime and prints the resources as a tree
    by component (--format json: the inventory, docs/inventory.md)."""
    from scripts.planning import run_plan
    sys.exit(run_plan(targets, stack, fmt))


def _engine_command(operation: str, summary: str):
    @click.argument("stack")
    @click.option("--backend", default=None, metavar="URL",
                  help="State backend (default: file:// in .pulumi-state/). s3:// must name a domestic region.")
    @click.pass_obj
    def command(targets: Targets, stack: str, backend: str | None, **options) -> None:
        from scripts.engine import run_engine
        sys.exit(run_engine(targets, operation, stack, backend, options.get("policy_pack", False),
                            options.get("yes", False)))
    command.__doc__ = summary + ("\n\nNeeds the Pulumi CLI, PULUMI_CONFIG_PASSPHRASE and cloud credentials; "
                                 "without them it says what to set and exits 3.")
    if operation != "destroy":
        command = click.option("--policy-pack/--no-policy-pack", default=True,
                               help="Run the policies/ pack in the engine.")(command)
    if operation != "preview":
        command = click.option("--yes", is_flag=True, help="Do not ask for confirmation.")(command)
    return main.command(operation)(command)


_engine_command("preview", "Preview STACK's changes with the Pulumi engine (pulumi preview).")
_engine_command("up", "Deploy STACK with the Pulumi engine (pulumi up).")
_engine_command("destroy", "Destroy STACK's resources (protected KMS keys and log buckets are kept).")


def _endpoint(_ctx, param, value: str | None) -> str | None:
    """An endpoint is an http(s) URL with a host: anything else is bad input (exit 2), said
    before any planning or call, not a traceback from the SDK."""
    if value is None:
        return None
    from urllib.parse import urlsplit
    try:
        parts = urlsplit(value)
        host, _ = parts.hostname, parts.port  # .port raises on a port that is not a number
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a URL ({exc}); write it as http://HOST:PORT or https://HOST",
                                 param=param) from None
    if parts.scheme not in ("http", "https") or not host:
        raise click.BadParameter(f"{value!r} is not an http:// or https:// URL with a host; write it as "
                                 "http://HOST:PORT (an emulator) or https://HOST (a private endpoint)", param=param)
    return value


@main.command()
@click.argument("stacks", nargs=-1)
@click.option("--all", "use_all", is_flag=True, help="Every stack in stacks/.")
@click.option("--state", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Desired state from `pulumi stack export` (default: the offline plan).")
@click.option("--format", "fmt", type=click.Choice(("text", "json", "sarif", "junit")), default="text",
              show_default=True)
@click.option("--endpoint-url", default=None, callback=_endpoint,
              help="AWS endpoint (an emulator or a private endpoint), http:// or https://.")
@click.option("--gcp-endpoint", default=None, callback=_endpoint,
              help="Compute API endpoint (an emulator; http:// endpoints are used without credentials).")
@click.option("--ignore", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Suppressions file (default: .driftignore in the project).")
@click.option("--pulumi-refresh", is_flag=True,
              help="Also run `pulumi refresh --preview-only --expect-no-changes` and merge its verdict.")
@click.option("--regions", type=click.Choice(("declared", "all")), default="declared", show_default=True,
              help="AWS: 'all' also sweeps every enabled region for resources tagged with the municipality code; "
                   "outside Japan they are critical (国外リージョン).")
@click.option("--no-cache", is_flag=True, help="Plan the desired side again instead of taking an unchanged stack's "
                                               "planned inventory from .govcloud/cache.")
@click.pass_obj
def drift(targets: Targets, stacks, use_all, state, fmt, endpoint_url, gcp_endpoint, ignore, pulumi_refresh,
          regions, no_cache) -> None:
    """Compare declared stacks with the live cloud (ドリフト検知), read-only.

    \b
    Finds changed properties, resources deleted out of band (missing) and resources inside
    the tenancy that nobody declared (unmanaged), each with a severity; breaches of the
    three-layer separation are critical. Exit 0 no drift, 1 drift, 2 bad input,
    3 cloud unreachable or no credentials.
    """
    from scripts.drifting import run_drift
    sys.exit(run_drift(targets, stacks, use_all, state, fmt, endpoint_url, gcp_endpoint, ignore, pulumi_refresh,
                       regions, use_cache=not no_cache))


@main.command()
@click.argument("stack")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the package: <stack>-review.<lang>.html and .md.")
@click.option("--lang", type=click.Choice(("ja", "en")), default="ja", show_default=True)
@click.option("--format", "fmt", type=click.Choice(("files", "json")), default="files", show_default=True,
              help="files: HTML + Markdown into --out (the change review: Markdown); json: the same content.")
@click.option("--diff", "base", default=None, metavar="BASE",
              help="Change review against BASE: a git ref or another stack file. Exit 1 if the change introduces "
                   "a mandatory policy violation.")
@click.option("--policy-config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Policy pack configuration (JSON), as for validate.")
@click.option("--no-cache", is_flag=True, help="Plan again instead of taking an unchanged stack's planned inventory "
                                               "from .govcloud/cache.")
@click.pass_obj
def review(targets: Targets, stack: str, out: Path | None, lang: str, fmt: str, base: str | None,
           policy_config: Path | None, no_cache: bool) -> None:
    """Network design review (ネットワーク設計レビュー資料) generated from the declaration:
    overview, diagram, address plan, routing, three-layer matrix, line redundancy,
    policy compliance and inventory."""
    from scripts.reviewing import run_review
    sys.exit(run_review(targets, stack, out, lang, fmt, base, policy_config, not no_cache))


@main.command("stacks")
@format_option
@click.pass_obj
def list_stacks(targets: Targets, fmt: str) -> None:
    """List the stacks (for a CI matrix: --format json)."""
    from network.naming import display_name
    from network.stacks import display_path, peek
    rows = []
    for path in targets.all():
        fp = peek(path)
        rows.append({"stack": display_name(path), "file": display_path(path),
                     "code": fp.code if fp else None, "addressSpace": fp.space if fp else None})
    if fmt == "json":
        emit_json(rows)
    else:
        for row in rows:
            click.echo(f"{row['stack']:<28} {row['addressSpace'] or '-':<18} {row['file']}")
    sys.exit(EXIT_OK)


def run() -> None:
    """The `govcloud` command: the CLI, then the process ends at once with its status
    (scripts/exiting.py: the interpreter's teardown is a third of a cold review)."""
    from scripts.exiting import exit_now
    try:
        main()
    except SystemExit as done:
        exit_now(done.code)
    exit_now(0)


if __name__ == "__main__":  # pragma: no cover
    run()
