"""Domestic region (国内リージョン): data centers physically in Japan, no data taken abroad."""
from __future__ import annotations

import re

import clouds
from policies.registry import Finding, resource_rule
from inventory.tokens import AWS, GCP

AWS_REGIONS = tuple(clouds.get("aws").regions)
GCP_REGIONS = tuple(clouds.get("gcp").regions)
#: Google Cloud multi-regions and dual-regions outside a single domestic region.
GCP_MULTI = ("ASIA", "US", "EU", "NAM4", "EUR4", "ASIA1", "EUR5", "NAM5", "EUR7", "EUR8")
ARN_REGION = re.compile(r"^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):")


def _aws_ok(region: str) -> bool:
    return region in AWS_REGIONS


def _gcp_ok(location: str) -> bool:
    """asia-northeast1, asia-northeast1-a, and ASIA-NORTHEAST1 for buckets."""
    loc = location.lower()
    return any(loc == r or loc.startswith(r + "-") for r in GCP_REGIONS)


@resource_rule(id="GOV-REG-001", family="region", severity="critical",
               title_en="AWS providers and resources are in Tokyo or Osaka",
               title_ja="AWSのプロバイダとリソースは東京または大阪リージョン",
               rationale="The Government Cloud requires data centers in Japan; a provider or resource in "
                         "another region would store data abroad.",
               remediation="Use ap-northeast-1 (Tokyo) or ap-northeast-3 (Osaka).",
               types=(AWS.PROVIDER, "aws:"))
def aws_region(resource, ctx):
    region = resource.get("region")
    if region and not _aws_ok(region):
        yield Finding(f"{resource.type} {resource.name} is in {region}, outside Japan", resource.urn, ("regions",))
    if resource.type == AWS.PROVIDER and not region:
        yield Finding(f"provider {resource.name} has no region (it would follow the environment)", resource.urn,
                      ("regions",))


@resource_rule(id="GOV-REG-002", family="region", severity="critical",
               title_en="Google Cloud locations are asia-northeast1 or asia-northeast2",
               title_ja="Google Cloudのロケーションは asia-northeast1 または asia-northeast2",
               rationale="Subnets, routers, key rings, buckets and every other located resource must stay in "
                         "Japan; multi-regions such as ASIA, US or EU spread data abroad.",
               remediation="Set region/location to asia-northeast1 or asia-northeast2 (or a zone in them).",
               types=(GCP.PROVIDER, "gcp:"))
def gcp_location(resource, ctx):
    for key in ("region", "location", "zone"):
        value = resource.get(key)
        if not isinstance(value, str) or not value:
            continue
        if value.upper() in GCP_MULTI:
            yield Finding(f"{resource.type} {resource.name}: {key} {value} is a multi-region", resource.urn,
                          ("regions",))
        elif not _gcp_ok(value) and value.lower() != "global":
            yield Finding(f"{resource.type} {resource.name}: {key} {value} is outside Japan", resource.urn,
                          ("regions",))
    placement = resource.get("customPlacementConfig") or {}
    for location in placement.get("dataLocations", []) if hasattr(placement, "get") else []:
        if not _gcp_ok(location):
            yield Finding(f"{resource.name}: dual-region location {location} is outside Japan", resource.urn,
                          ("regions",))


@resource_rule(id="GOV-REG-003", family="region", severity="high",
               title_en="Replication and backup copies stay in Japan",
               title_ja="レプリケーションとバックアップの複製先は国内",
               rationale="A copy of the data is still the data: cross-region replication and backup copies must "
                         "not leave Japan.",
               remediation="Point replicas and copy actions at ap-northeast-1/3 (or asia-northeast1/2).",
               types=(AWS.BACKUP_PLAN, AWS.DYNAMODB_TABLE, "aws:ecr/replicationConfiguration:",
                      AWS.S3_REPLICATION, "aws:rds/",
                      GCP.SQL_INSTANCE))
def replication(resource, ctx):
    def arn_region(arn):
        match = ARN_REGION.match(arn or "")
        return match.group(1) if match else None

    for rule in resource.get("rules") or []:
        for action in rule.get("copyActions") or []:
            region = arn_region(action.get("destinationVaultArn"))
            if region and not _aws_ok(region):
                yield Finding(f"backup plan {resource.name} copies to {region}", resource.urn)
        destination = rule.get("destination") if hasattr(rule, "get") else None
        if destination and hasattr(destination, "get"):
            region = destination.get("region") or arn_region(destination.get("bucket"))
            if region and not _aws_ok(region):
                yield Finding(f"{resource.name} replicates to {region}", resource.urn)
            for d in destination.get("destinations") or []:  # ECR
                if d.get("region") and not _aws_ok(d["region"]):
                    yield Finding(f"{resource.name} replicates images to {d['region']}", resource.urn)
    for replica in resource.get("replicas") or []:
        if replica.get("regionName") and not _aws_ok(replica["regionName"]):
            yield Finding(f"table {resource.name} has a replica in {replica['regionName']}", resource.urn)
    for key in ("sourceDbInstanceArn", "replicateSourceDb", "kmsKeyId"):
        region = arn_region(resource.get(key)) if isinstance(resource.get(key), str) else None
        if region and not _aws_ok(region):
            yield Finding(f"{resource.name}: {key} is in {region}", resource.urn)
    settings = resource.get("settings") or {}
    backup = settings.get("backupConfiguration") if hasattr(settings, "get") else None
    if backup and backup.get("location") and not _gcp_ok(backup["location"]):
        yield Finding(f"{resource.name} keeps backups in {backup['location']}", resource.urn)


@resource_rule(id="GOV-REG-004", family="region", severity="high",
               title_en="Dedicated lines land in Japan",
               title_ja="専用線の接続拠点は国内",
               rationale="The dedicated line must not carry municipal traffic through a location abroad.",
               remediation="Use a Direct Connect location or Interconnect facility in Tokyo or Osaka.",
               types=(AWS.DX_CONNECTION, "aws:directconnect/hostedConnection:",
                      GCP.INTERCONNECT_ATTACHMENT, "gcp:compute/interconnect:"))
def line_location(resource, ctx):
    cloud = clouds.for_package(resource.package)
    location = resource.get("location")
    if resource.type in (AWS.DX_CONNECTION, AWS.DX_HOSTED_CONNECTION):
        if location not in cloud.line_locations:
            yield Finding(f"line {resource.name} is at {location!r}, not a Japanese Direct Connect location",
                          resource.urn, ctx.line_entry(resource))
        return
    region = resource.get("region")
    if region and region not in cloud.regions:
        yield Finding(f"attachment {resource.name} is in {region}", resource.urn, ctx.line_entry(resource))
    if location and isinstance(location, str) and location.rsplit("/", 1)[-1] not in cloud.location_names():
        yield Finding(f"interconnect {resource.name} is at {location}, not a Tokyo or Osaka colocation facility",
                      resource.urn, ctx.line_entry(resource))
