"""`govcloud preview|up|destroy`: the real engine through Pulumi's Automation API, as a
user with the Pulumi CLI and cloud credentials runs it. Without those, one clear message
and exit 3."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import click

from scripts.output import EXIT_ENVIRONMENT, EXIT_OK, environment
STATE_DIR = ".pulumi-state"
DOMESTIC_BACKEND_HINT = ("use s3://<bucket>?region=ap-northeast-1 (or ap-northeast-3), gs://<bucket> in "
                         "asia-northeast1/2, or file://<folder>")


def environment_problems(cloud: str) -> list[str]:
    """Everything missing to run the engine for `cloud`, each a sentence with the fix."""
    problems = []
    if shutil.which("pulumi") is None:
        problems.append("the Pulumi CLI is not installed (needed for preview, up and destroy). Install it: "
                        "https://www.pulumi.com/docs/iac/download-install/ , then check `pulumi version`. "
                        "`govcloud plan` works without it.")
    if not (os.environ.get("PULUMI_CONFIG_PASSPHRASE") or os.environ.get("PULUMI_CONFIG_PASSPHRASE_FILE")):
        problems.append("no passphrase for the stack's secrets: set PULUMI_CONFIG_PASSPHRASE or "
                        "PULUMI_CONFIG_PASSPHRASE_FILE (keep it in your secret store, never in the repository).")
    import clouds
    credentials = clouds.get(cloud).credentials_problem()
    if credentials:
        problems.append(credentials)
    return problems


def backend_url(root: Path, backend: str | None) -> str:
    if backend is None:
        return f"file://{root / STATE_DIR}"
    if backend.startswith("s3://"):
        if not any(f"region={r}" in backend for r in ("ap-northeast-1", "ap-northeast-3")):
            raise click.BadParameter(f"{backend} does not name a domestic region; {DOMESTIC_BACKEND_HINT}",
                                     param_hint="--backend")
    elif not backend.startswith(("gs://", "file://")):
        raise click.BadParameter(f"{backend} is not a supported backend; {DOMESTIC_BACKEND_HINT}",
                                 param_hint="--backend")
    return backend


def run_engine(targets, operation: str, stack_arg: str, backend: str | None, policy_pack: bool, yes: bool) -> int:
    from network.naming import stack_name
    from scripts.targets import load_tenancy
    path = targets.one(stack_arg)
    tenancy = load_tenancy(path)
    if path.resolve().parent != targets.stacks_dir.resolve():
        raise click.BadParameter(f"{path} is not in {targets.stacks_dir}; the engine deploys stacks from stacks/",
                                 param_hint="STACK")
    url = backend_url(targets.root, backend)  # a usage error before anything else
    problems = environment_problems(tenancy.spec.cloud)
    if problems:  # all at once, and before anything is created (no .pulumi-state/)
        for problem in problems:
            environment(problem)
        return EXIT_ENVIRONMENT
    if backend is None:
        (targets.root / STATE_DIR).mkdir(exist_ok=True)
    from pulumi import automation as auto
    workspace = auto.LocalWorkspaceOptions(work_dir=str(targets.root), env_vars={"PULUMI_BACKEND_URL": url},
                                           secrets_provider="passphrase")
    try:
        stack = auto.create_or_select_stack(stack_name=stack_name(path), work_dir=str(targets.root),
                                            opts=workspace)
        packs = [str(targets.root / "policies")] if policy_pack and (targets.root / "policies" / "PulumiPolicy.yaml").exists() else None
        if operation == "preview":
            stack.preview(on_output=click.echo, policy_packs=packs)
        elif operation == "up":
            if not yes:
                click.confirm(f"Deploy {tenancy.stack} ({tenancy.spec.municipality.name})?", abort=True)
            stack.up(on_output=click.echo, policy_packs=packs)
        else:
            if not yes:
                click.confirm(f"Destroy {tenancy.stack}? Protected keys and log buckets stay.", abort=True)
            stack.destroy(on_output=click.echo)
    except auto.CommandError as exc:
        click.echo(click.style("engine ", fg="red") + str(exc).strip()[-4000:], err=True)
        return EXIT_ENVIRONMENT
    return EXIT_OK
