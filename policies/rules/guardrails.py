"""The organization policies a vendor's program sets on a project (Google Cloud): the location
policy that keeps every new resource in Japan, and the Digital Agency's and the municipality's
other guardrails, which a project-level policy replaces for that project.

Both forms pulumi_gcp offers are read: orgpolicy.Policy (Org Policy API v2: `spec.rules[]` with
`values.allowedValues`, `allowAll` "TRUE", `enforce`; `spec.reset`, `spec.inheritFromParent`) and
the older projects.OrganizationPolicy (`list_policy.allow.all` / `.values`,
`boolean_policy.enforced`, `restore_policy.default`)."""
from __future__ import annotations

import clouds
from inventory.tokens import GCP
from policies.registry import Finding, resource_rule

LEGACY = "gcp:projects/organizationPolicy:OrganizationPolicy"
LOCATIONS = "gcp.resourceLocations"
TYPES = (GCP.ORG_POLICY, LEGACY)


def _true(value) -> bool:
    return str(value).lower() == "true"


def constraint(resource) -> str:
    """The constraint a policy sets: the last part of a v2 policy's name, a legacy one's
    `constraint` without its `constraints/` prefix."""
    name = resource.get("constraint") if resource.type == LEGACY else str(resource.get("name") or "").rsplit("/", 1)[-1]
    return str(name or "").removeprefix("constraints/")


def decides(resource) -> dict:
    """What the policy decides, in one form: the values it allows, whether it allows every
    value, drops the policies above it (reset, restore_policy), adds the parent's (inherit),
    or stops enforcing a boolean constraint."""
    if resource.type == LEGACY:
        listed = resource.get("listPolicy") or {}
        allow = listed.get("allow") or {}
        return {"allowed": [str(v) for v in allow.get("values") or []], "allow_all": _true(allow.get("all")),
                "reset": _true((resource.get("restorePolicy") or {}).get("default")),
                "inherit": _true(listed.get("inheritFromParent")),
                "unenforced": (resource.get("booleanPolicy") or {}).get("enforced") is False}
    spec = resource.get("spec") or {}
    rules = spec.get("rules") or []
    return {"allowed": [str(v) for r in rules for v in (r.get("values") or {}).get("allowedValues") or []],
            "allow_all": any(_true(r.get("allowAll")) for r in rules), "reset": _true(spec.get("reset")),
            "inherit": _true(spec.get("inheritFromParent")),
            "unenforced": any(r.get("enforce") is not None and not _true(r.get("enforce")) for r in rules)}


def domestic_value(value: str) -> bool:
    """A gcp.resourceLocations value in Japan: a domestic region's value group
    (in:asia-northeast1-locations), the region or one of its zones, written plain or with the
    `is:`/`zones:`/`regions:` prefixes; any other group (in:asia-locations) is not."""
    plain = str(value).lower()
    for prefix in ("in:", "is:", "zones:", "regions:"):
        plain = plain.removeprefix(prefix)
    return clouds.get("gcp").is_domestic(plain.removesuffix("-locations"))


@resource_rule(id="GOV-REG-008", family="region", severity="critical",
               title_en="A project's location policy allows Japan only",
               title_ja="プロジェクトのロケーション制約（gcp.resourceLocations）は国内のみを許可",
               rationale="constraints/gcp.resourceLocations is what keeps every resource made in the project, by "
                         "this stack or by hand, in Japan; a policy that allows a location abroad, every location, "
                         "the organization's values (inheritFromParent) or the constraint's default (reset: any "
                         "location) lifts that guarantee for the whole project.",
               remediation="Allow only in:asia-northeast1-locations and in:asia-northeast2-locations (the "
                           "tenancy's LocationPolicy component does), without allow_all, reset or "
                           "inherit_from_parent.",
               types=TYPES)
def location_policy(resource, ctx):
    if constraint(resource) != LOCATIONS:
        return
    d = decides(resource)
    abroad = [v for v in d["allowed"] if not domestic_value(v)]
    what = ([f"allows {', '.join(abroad)}"] if abroad else []) + [
        text for flag, text in (("allow_all", "allows every location"), ("reset", "resets to any location"),
                                ("inherit", "adds the organization's values (inherit_from_parent)")) if d[flag]]
    for text in what:
        yield Finding(f"location policy {resource.name} {text}", resource.urn)


@resource_rule(id="GOV-ACCT-006", family="accounts", severity="high",
               title_en="No organization policy set by the stack lifts a constraint",
               title_ja="スタックで設定する組織のポリシーで制約を解除しない",
               rationale="A policy set on a project replaces, for that project, what the organization or a folder "
                         "decides, the Digital Agency's guardrails among them: allowing every value, resetting to "
                         "the constraint's default or no longer enforcing a boolean constraint lifts the guardrail "
                         "(external IPs on VMs, serial ports, peering with any network).",
               remediation="Leave the constraint to the organization, or list the values the project needs.",
               types=TYPES)
def no_lifted_guardrail(resource, ctx):
    if constraint(resource) == LOCATIONS:
        return  # GOV-REG-008
    d = decides(resource)
    for flag, text in (("allow_all", "allows every value"), ("reset", "resets to the constraint's default"),
                       ("unenforced", "stops enforcing it")):
        if d[flag]:
            yield Finding(f"organization policy {resource.name} on {constraint(resource)} {text}", resource.urn)
