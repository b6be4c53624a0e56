"""Data protection (データ保護): keys and logs survive mistakes."""
from __future__ import annotations

from policies.registry import Finding, resource_rule, stack_rule
from inventory.tokens import AWS, GCP

FLOW_LOG = AWS.FLOW_LOG
MIN_DELETION_DAYS = 7


def _log_buckets(resources, ctx):
    """AWS buckets that receive flow logs, through the flow log's destination dependency."""
    found = {}
    for r in resources:
        if r.type == FLOW_LOG:
            bucket = ctx.target(r, "logDestination")
            if bucket is not None and bucket.type in AWS.S3_BUCKETS:
                found[bucket.urn] = bucket
    return found


@stack_rule(id="GOV-DATA-001", family="data-protection", severity="high",
            title_en="KMS keys and log buckets are protected from deletion",
            title_ja="KMSキーとログバケットを削除から保護",
            rationale="Deleting a key makes the data it encrypts unreadable; deleting logs erases the evidence.",
            remediation="Set protect=True (and retain_on_delete=True for log buckets).")
def protected(resources, ctx):
    keys = [r for r in resources if r.type in (AWS.KMS_KEY, GCP.KMS_CRYPTO_KEY, GCP.KMS_KEY_RING)]
    logs = list(_log_buckets(resources, ctx).values()) + \
        [r for r in resources if r.type == GCP.LOGGING_BUCKET]
    log_urns = {r.urn for r in logs}
    for r in keys + logs:
        if not r.protect:
            yield Finding(f"{r.type.split(':')[-1]} {r.name} is not protected", r.urn)
        elif r.urn in log_urns and r.retain_on_delete is False:
            yield Finding(f"log bucket {r.name} is not retained on delete", r.urn)


@stack_rule(id="GOV-DATA-002", family="data-protection", severity="medium",
            title_en="Log buckets are versioned", title_ja="ログバケットはバージョニング有効",
            rationale="Versioning keeps overwritten or deleted log objects recoverable.",
            remediation="Add aws.s3.BucketVersioning with status Enabled for each log bucket.",
            types=AWS.S3_BUCKETS)  # the buckets flow logs are written to: S3's versioning, AWS only
def versioned(resources, ctx):
    enabled = set()
    for r in resources:
        if r.type in AWS.S3_BUCKET_VERSIONINGS and \
                (r.get("versioningConfiguration") or {}).get("status") == "Enabled":
            target = ctx.target(r, "bucket")
            if target is not None:
                enabled.add(target.urn)
    for urn, bucket in _log_buckets(resources, ctx).items():
        if urn not in enabled:
            yield Finding(f"log bucket {bucket.name} is not versioned", urn)


@resource_rule(id="GOV-DATA-003", family="data-protection", severity="medium",
               title_en="Key deletion waits at least 7 days", title_ja="キー削除の待機期間は7日以上",
               rationale="A waiting period lets a mistaken key deletion be cancelled.",
               remediation="AWS: deletion_window_in_days ≥ 7 (30 recommended); Google Cloud: "
                           "destroy_scheduled_duration ≥ 604800s.",
               types=(AWS.KMS_KEY, GCP.KMS_CRYPTO_KEY))
def deletion_window(resource, ctx):
    if resource.type == AWS.KMS_KEY:
        days = resource.get("deletionWindowInDays")
        if days is not None and int(days) < MIN_DELETION_DAYS:
            yield Finding(f"key {resource.name} is deleted after {days} days", resource.urn)
    else:
        text = str(resource.get("destroyScheduledDuration") or "")
        if text.endswith("s") and float(text[:-1]) < MIN_DELETION_DAYS * 86400:
            yield Finding(f"crypto key {resource.name} is destroyed after {text}", resource.urn)
