"""Account-wide settings (アカウント全体の設定): who may set them, and that they are set.

A tenancy that owns its account (operatingModel: single) sets EBS encryption by default
under a dedicated account-default key and the account's S3 public access block. Under
`shared` the account is someone else's: the stack must change nothing account-wide, and
the account owner must set these, so the review lists them."""
from __future__ import annotations

from policies.registry import Finding, stack_rule
from inventory.tokens import AWS, package

ACCOUNT_WIDE = (AWS.EBS_ENCRYPTION_BY_DEFAULT, AWS.EBS_DEFAULT_KEY, AWS.S3_ACCOUNT_PUBLIC_ACCESS)
BLOCK = ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")
OWNER_MUST_SET = ("EBS encryption by default (EBSのデフォルト暗号化) with a customer managed key",
                  "the account's S3 Block Public Access, all four settings (S3パブリックアクセスブロック)")


def _on_aws(resources) -> bool:
    return any(r.package == package(AWS.PROVIDER) for r in resources)


@stack_rule(id="GOV-ACCT-001", family="account", severity="high", needs_declaration=True, clouds=("aws",),
            title_en="Account-wide encryption defaults are set by the account's owner only",
            title_ja="アカウント全体の暗号化既定値はアカウント所有者のみが設定",
            rationale="EBS encryption by default and the S3 public access block hold for every workload of the "
                      "account; a stack that owns the account must set them, one that shares it must not change "
                      "them, and the default key is never a layer's (other layers' volumes would use it).",
            remediation="operatingModel: single builds them (docs/aws.md); under shared, remove them from the stack.")
def account_defaults(resources, ctx):
    if not _on_aws(resources):
        return
    wide = [r for r in resources if r.type in ACCOUNT_WIDE]
    if ctx.model.spec.operating_model != "single":
        for r in wide:
            yield Finding(f"{r.name} changes an account the tenancy shares (operatingModel: "
                          f"{ctx.model.spec.operating_model})", r.urn, ("operatingModel",))
        return
    by_type = {r.type: r for r in wide}
    defaults = [r for r in wide if r.type == AWS.EBS_ENCRYPTION_BY_DEFAULT]
    if not defaults:
        yield Finding("EBS encryption by default is not enabled", None, ("operatingModel",))
    for r in defaults:  # every one: a second that switches it off is not hidden by the first
        if r.get("enabled") is not True:
            yield Finding(f"{r.name} does not enable EBS encryption by default (enabled: true)", r.urn,
                          ("operatingModel",))
    key = by_type.get(AWS.EBS_DEFAULT_KEY)
    source = ctx.target(key, "keyArn") if key is not None else None
    if source is None:
        yield Finding("the account's default EBS key is not a key of this stack", None, ("operatingModel",))
    elif ctx.layer(source) in {r.layer for r in ctx.model.routing}:
        yield Finding(f"the account's default EBS key is the {ctx.layer(source)} layer's key", key.urn,
                      ("operatingModel",))
    block = by_type.get(AWS.S3_ACCOUNT_PUBLIC_ACCESS)
    if block is None or not all(block.get(k) is True for k in BLOCK):
        yield Finding("the account's S3 public access block is not fully on", getattr(block, "urn", None),
                      ("operatingModel",))


@stack_rule(id="GOV-ACCT-002", family="account", severity="medium", enforcement="advisory",
            needs_declaration=True, clouds=("aws",),
            title_en="In a shared account, the account owner sets the account-wide defaults",
            title_ja="共有アカウントではアカウント所有者が全体の既定値を設定",
            rationale="Under operatingModel: shared the stack changes nothing account-wide; the review must say "
                      "what the account owner (the Digital Agency or the vendor) has to set instead.",
            remediation="Ask the account owner to set: " + "; ".join(OWNER_MUST_SET) + ".")
def owner_sets_defaults(resources, ctx):
    if _on_aws(resources) and ctx.model.spec.operating_model != "single":
        for setting in OWNER_MUST_SET:
            yield Finding(f"the account owner must set {setting}", None, ("operatingModel",))
