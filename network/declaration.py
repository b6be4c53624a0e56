"""Load one stack file into a validated TenancySpec and its AddressPlan.

The stack file is a Pulumi stack config file: `config:` holds `govcloud:tenancy` and
may hold provider settings (`aws:region`, `gcp:project`, ...), which must agree with the
declaration. Everything wrong is reported at once, as Diagnostics, in a DeclarationError.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import clouds
from . import codes
from .addressing import AddressPlan, PlanError, plan
from .catalog import LAYER_IDS
from .checks import check_model, check_plan, check_spec
from .checks.placeholders import unconfirmed
from .errors import DeclarationError, Diagnostic
from .model import build
from .naming import stack_name
from .schema import INVALID, TENANCY, Context, suggest
from .source import Source, parse, read
from .spec import (Connectivity, DataCenter, Endpoint, Flow, LayerSpec, Line, Municipality, System,
                   TenancySpec)

KEY = "govcloud:tenancy"
#: The external id of the role the network stack assumes in each system account (AWS): a
#: secret, set with `pulumi config set --secret`, so the stack file holds only its ciphertext.
EXTERNAL_ID_KEY = "govcloud:externalId"
#: Top-level keys Pulumi itself writes into stack files.
PULUMI_STACK_KEYS = ("config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment")


@dataclass(frozen=True)
class Tenancy:
    """A validated declaration: the spec, its address plan, and where it came from."""

    spec: TenancySpec
    plan: AddressPlan
    source: Source

    @property
    def stack(self) -> str:
        return self.spec.stack

    def line(self, path: tuple) -> int:
        """The line of a key path relative to govcloud:tenancy."""
        return self.source.line(("config", KEY) + tuple(path))


def load(path: Path, display: str | None = None) -> Tenancy:
    source, problems = read(path, display)
    if source is None:
        raise DeclarationError(problems)
    return from_source(source, stack_name(path), problems)


def loads(text: str, file: str, stack: str | None, draft: bool = False) -> Tenancy:
    """`draft`: a stack init has just written, whose placeholders (# 確認) are expected."""
    source, problems = parse(text, file)
    if source is None:
        raise DeclarationError(problems)
    return from_source(source, stack, problems, draft)


def from_source(source: Source, stack: str | None, problems: list[Diagnostic] | None = None,
                draft: bool = False) -> Tenancy:
    problems = list(problems or [])
    top = Context(source)
    tenancy_raw = _tenancy_node(source, top)
    problems += top.diagnostics
    if tenancy_raw is INVALID:
        raise DeclarationError(problems)
    ctx = Context(source, ("config", KEY))
    checked = TENANCY.check(tenancy_raw, (), ctx)
    if checked is INVALID:  # a wrong type or a missing key: nothing typed can be built
        raise DeclarationError(problems + ctx.diagnostics)
    if stack is None:
        problems.append(Diagnostic(source.file, 0, "", "the file name is not Pulumi.<stack>.yaml",
                                   "name it Pulumi.<code>-<romaji>.yaml, e.g. Pulumi.131032-minato.yaml",
                                   codes.STACK_NAME))
        raise DeclarationError(problems + ctx.diagnostics)
    spec = build_spec(checked, stack, source.file)

    def report(path, message, fix="", code=codes.STRUCTURE):
        if not (draft and code == codes.UNCONFIRMED):
            ctx.error(path, message, fix, code)

    check_spec(spec, report)
    _provider_settings(source, spec, top)
    _external_id(source, spec, top)
    problems += ctx.diagnostics + top.diagnostics + ([] if draft else unconfirmed(source))
    if problems:  # the plan needs the checks above to hold
        raise DeclarationError(problems)
    try:
        address_plan = plan(spec)
    except PlanError as exc:
        ctx.error(exc.path, exc.message, exc.fix, codes.SIZES)
        raise DeclarationError(ctx.diagnostics) from None
    check_plan(spec, address_plan, report)
    if ctx.diagnostics:  # the checks above have all passed, so these are the plan's
        raise DeclarationError(ctx.diagnostics)
    tenancy = Tenancy(spec, address_plan, source)
    check_model(build(tenancy), report)
    if ctx.diagnostics:  # provider limits of what the flows resolve to
        raise DeclarationError(ctx.diagnostics)
    return tenancy


def _tenancy_node(source: Source, top: Context):
    data = source.data
    if not isinstance(data, dict):
        top.error((), "a stack file is a mapping with a 'config:' section",
                  f"start the file with 'config:' and put the declaration under '{KEY}:'", codes.YAML)
        return INVALID
    for key in data:
        if key not in PULUMI_STACK_KEYS:
            top.error((key,), f"unknown top-level key {key!r}",
                      suggest(str(key), list(PULUMI_STACK_KEYS)) or "move it under config:", codes.STRUCTURE)
    config = data.get("config")
    if not isinstance(config, dict):
        top.error(("config",) if "config" in data else (), "no 'config:' mapping",
                  f"put the declaration under config: {KEY}:", codes.STRUCTURE)
        return INVALID
    for key in config:
        if isinstance(key, str) and key.startswith("govcloud:") and key not in (KEY, EXTERNAL_ID_KEY):
            top.error(("config", key), f"unknown key {key!r}", suggest(key, [KEY, EXTERNAL_ID_KEY]) or
                      f"the govcloud keys are {KEY} and {EXTERNAL_ID_KEY}", codes.STRUCTURE)
    if KEY not in config:
        top.error(("config",), f"no {KEY!r} key", suggest_key(config) or f"add {KEY}: with the declaration "
                  "(see docs/declaration.md)", codes.STRUCTURE)
        return INVALID
    return config[KEY]


def suggest_key(config: dict) -> str:
    return next((suggest(k, [KEY]) for k in config if isinstance(k, str) and suggest(k, [KEY])), "")


def _provider_settings(source: Source, spec: TenancySpec, top: Context) -> None:
    """Provider settings in the stack file (aws:region, gcp:project, ...) must be the
    declaration's own cloud's, and agree with the declaration."""
    config = source.data["config"]
    own = clouds.get(spec.cloud)
    for cloud in clouds.all().values():
        for key, attr in cloud.provider_settings.items():
            if key not in config:
                continue
            if cloud is not own:
                top.error(("config", key), f"{key} is set, but cloud is {spec.cloud}", "remove it", codes.CLOUD)
            elif config[key] != getattr(spec, attr):
                top.error(("config", key), f"{key} is {config[key]!r} but the declaration says "
                          f"{getattr(spec, attr)!r}", f"set {key}: {getattr(spec, attr)} or remove it (the "
                          "program sets the provider from the declaration)", codes.CLOUD)


def _external_id(source: Source, spec: TenancySpec, top: Context) -> None:
    """The role assumed in system accounts is guarded by an external id: a secret, so only
    its ciphertext may be in the file; required where the cloud assumes roles (AWS)."""
    config = source.data["config"]
    fix = f"pulumi config set --secret {EXTERNAL_ID_KEY} <the external id agreed with each account's owner>"
    if EXTERNAL_ID_KEY not in config:
        if spec.multi_account and clouds.get(spec.cloud).assumes_roles:
            top.error(("config",), f"systems run in their own accounts, but {EXTERNAL_ID_KEY} (the external id of "
                      "the role assumed in them) is not set", fix, codes.ACCOUNTS)
        return
    value = config[EXTERNAL_ID_KEY]
    if not (isinstance(value, dict) and set(value) == {"secure"} and isinstance(value["secure"], str)):
        top.error(("config", EXTERNAL_ID_KEY), f"{EXTERNAL_ID_KEY} is written in plain text; it is a secret",
                  f"remove it from the file and run: {fix}", codes.ACCOUNTS)


def _options(raw: dict, where: str) -> tuple:
    """The keys the clouds add to a shared mapping, as given (in declaration order)."""
    names = {f.name for cloud in clouds.all().values() for f in cloud.fields(where)}
    return tuple((k, v) for k, v in raw.items() if k in names)


def build_spec(raw: dict, stack: str, file: str) -> TenancySpec:
    """Typed spec from a structurally checked mapping (defaults already applied)."""
    m = raw["municipality"]
    dc = raw["dataCenter"]
    conn = raw["connectivity"]
    locations = clouds.all_line_locations()
    dns = dc.get("dns") or {}
    layers = []
    for layer_id in LAYER_IDS:
        lr = raw["layers"][layer_id]
        layers.append(LayerSpec(
            id=layer_id, enabled=lr["enabled"], prefix_length=lr["prefixLength"], cidr=lr.get("cidr"),
            subnet_prefix_length=lr["subnetPrefixLength"], azs=lr["azs"],
            egress=lr.get("egress", "datacenter" if layer_id == "internet" else None),
            systems=tuple(System(s["id"], s["name"], s.get("cidr"), s.get("vendor"), s.get("account"),
                                 s.get("prefixLength")) for s in lr["systems"]),
            system_prefix_length=lr["systemPrefixLength"], services_prefix_length=lr["servicesPrefixLength"],
        ))
    return TenancySpec(
        stack=stack, file=file,
        municipality=Municipality(m["code"], m["name"], m["romaji"], m.get("prefecture")),
        cloud=raw["cloud"], operating_model=raw["operatingModel"],
        primary_region=raw["regions"]["primary"], secondary_region=raw["regions"].get("secondary"),
        address_space=raw["addressSpace"],
        data_center=DataCenter(dc["name"], dc["asn"],
                               tuple((lid, tuple(dc["prefixes"].get(lid, ()))) for lid in LAYER_IDS),
                               tuple(dc["vpnPeerAddresses"]),
                               tuple(dns.get("domains") or ()),
                               tuple((lid, tuple((dns.get("servers") or {}).get(lid, ()))) for lid in LAYER_IDS)),
        connectivity=Connectivity(conn["cloudAsn"], conn["redundancy"], conn["vpnBackup"], tuple(
            Line(ln["name"], ln["location"], ln["type"], ln["bandwidth"], ln["vlan"], ln.get("carrier"),
                 ln.get("device"), ln["macsec"], locations.get(ln["location"]), _options(ln, "line"))
            for ln in conn["lines"]), _options(conn, "connectivity")),
        layers=tuple(layers),
        flows=tuple(Flow(f["name"], _endpoint(f["from"]), _endpoint(f["to"]), f["protocol"],
                         tuple(f["ports"]), f["reason"]) for f in raw["flows"]),
        tags=tuple(sorted(raw["tags"].items())),
        sections=_options(raw, "tenancy"),
        network_account=(raw.get("accounts") or {}).get("network"),
    )


def _endpoint(raw: dict) -> Endpoint:
    return Endpoint(raw["layer"], raw.get("system"), raw.get("prefix"))
