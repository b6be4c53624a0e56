"""Domestic region (国内リージョン): data centers physically in Japan, no data taken abroad."""
from __future__ import annotations

import re

import clouds
from policies.evaluate import unknown_in_preview
from policies.props import values
from policies.rules.places import aws_places, gcp_places, plain
from policies.registry import Finding, resource_rule, stack_rule
from inventory.tokens import AWS, GCP

AWS_REGIONS = tuple(clouds.get("aws").regions)
#: Google Cloud multi-regions and predefined dual-regions that leave Japan. ASIA1 is not
#: here: it is the predefined dual-region of Tokyo and Osaka ("a pair of regions such as
#: Tokyo and Osaka (ASIA1)", https://cloud.google.com/storage/docs/locations).
GCP_MULTI = ("ASIA", "US", "EU", "NAM4", "EUR4", "EUR5", "NAM5", "EUR7", "EUR8")
#: Predefined dual-regions entirely in Japan.
GCP_DOMESTIC_DUAL = ("ASIA1",)
#: Where a Google Cloud resource type keeps its location in a nested field, read as well as
#: region/location/zone: (field path, what it names).
#: Absent is a violation only for Pub/Sub (pulumi_gcp: "If not present, then no constraints
#: are in effect"); a Bigtable instance without clusters has nothing stored.
GCP_NESTED = {
    GCP.PUBSUB_TOPIC: ("messageStoragePolicy.allowedPersistenceRegions", "message storage region", True),
    GCP.BIGTABLE_INSTANCE: ("clusters.zone", "cluster zone", False),
    GCP.SPANNER_INSTANCE_CONFIG: ("replicas.location", "replica location", False),
    GCP.SECRET: ("replication.userManaged.replicas.location", "replica location", False),
}
#: Compute Engine keeps snapshots, images and machine images in Cloud Storage locations
#: (storage_locations: "Cloud Storage bucket storage location of the snapshot (regional or
#: multi-regional)", pulumi_gcp compute.Snapshot), so ASIA, a multi-region, takes them
#: abroad. A snapshot given none is stored as the project's snapshot settings say, by
#: default NEAREST_MULTI_REGION ("Store snapshot in the nearest multi region Cloud Storage
#: bucket, relative to the originating disk", Compute API SnapshotSettings), which for a
#: disk in Tokyo or Osaka is ASIA: absent is a violation for snapshots and snapshot
#: schedules. An image without one is not judged (documented exception); a machine image
#: cannot be given one (pulumi_gcp: storage_locations is an output of MachineImage).
#: type -> (field path, whether absent is a violation)
COMPUTE_STORAGE = {
    "gcp:compute/snapshot:Snapshot": ("storageLocations", True),
    "gcp:compute/image:Image": ("storageLocations", False),
    # only a snapshot schedule takes snapshots (an instance schedule does not)
    "gcp:compute/resourcePolicy:ResourcePolicy": ("snapshotSchedulePolicy.snapshotProperties.storageLocations", True),
}
SNAPSHOT_SETTINGS = "gcp:compute/snapshotSettings:SnapshotSettings"
#: Where data is kept "in global": a log bucket in `global` is not regionalized (Cloud
#: Logging, "Regionalize your logs", https://cloud.google.com/logging/docs/regionalized-logs:
#: only a bucket in a region keeps its logs there). Other types take `global` for a
#: control-plane object and are not judged by it.
GCP_GLOBAL_IS_ABROAD = (GCP.LOGGING_BUCKET, "gcp:logging/folderBucketConfig:FolderBucketConfig",
                        "gcp:logging/organizationBucketConfig:OrganizationBucketConfig",
                        "gcp:logging/billingAccountBucketConfig:BillingAccountBucketConfig")
#: Spanner instance configurations wholly in Japan: the regional ones of Tokyo and Osaka and
#: the dual-region of the two (dual-region-japan1: "Tokyo: asia-northeast1 ..., Osaka:
#: asia-northeast2", https://cloud.google.com/spanner/docs/instance-configurations). A
#: multi-region such as asia1 keeps replicas in several countries; a custom configuration
#: (custom-...) is judged by its own replicas (GCP_NESTED).
SPANNER_DOMESTIC = ("regional-asia-northeast1", "regional-asia-northeast2", "dual-region-japan1")
#: Fields named like a location that name something else: an Interconnect's `location` is
#: its colocation facility (a URL of an interconnectLocation), judged by GOV-REG-004.
GCP_NOT_A_REGION = {"gcp:compute/interconnect:Interconnect": ("location",)}
#: The location inputs a Google Cloud resource may have itself. `locationId` is the location
#: of a Firestore database ("Available locations are listed at
#: https://cloud.google.com/firestore/docs/locations": nam5, eur3 are multi-regions), an App
#: Engine application and a Memorystore for Redis instance's zone (pulumi_gcp docstrings).
GCP_OWN_LOCATION = ("region", "location", "zone", "locationId")
#: A crypto key lives where its key ring does: `key_ring` is the ring's id,
#: projects/P/locations/L/keyRings/R, so a key in a ring outside Japan (or global) is caught
#: even when the ring is not in the stack.
RING_LOCATION = re.compile(r"/locations/([A-Za-z0-9-]+)/keyRings/")


def _aws_ok(region: str) -> bool:
    return region in AWS_REGIONS


def _gcp_ok(location: str) -> bool:
    """asia-northeast1, asia-northeast1-a, and ASIA-NORTHEAST1 for buckets."""
    return clouds.get("gcp").is_domestic(location)


@resource_rule(id="GOV-REG-001", family="region", severity="critical",
               title_en="AWS providers and resources are in Tokyo or Osaka",
               title_ja="AWSのプロバイダとリソースは東京または大阪リージョン",
               rationale="The Government Cloud requires data centers in Japan; a provider or resource in "
                         "another region would store data abroad.",
               remediation="Use ap-northeast-1 (Tokyo) or ap-northeast-3 (Osaka).",
               types=(AWS.PROVIDER, "aws:"))
def aws_region(resource, ctx):
    """The region a resource is managed in: its own `region` input (pulumi-aws 7: "Region
    where this resource will be managed. Defaults to the Region set in the provider
    configuration."), else its provider's, including the default provider's from stack
    config; a resource through a provider abroad is abroad even without a region input."""
    region = resource.get("region")
    if region and not _aws_ok(region):
        yield Finding(f"{resource.type} {resource.name} is in {region}, outside Japan", resource.urn, ("regions",))
    if resource.type == AWS.PROVIDER:
        if not region:
            yield Finding(f"provider {resource.name} has no region (it would follow the environment)", resource.urn,
                          ("regions",))
        return
    inherited = (resource.provider_props or {}).get("region")
    if not region and inherited and not _aws_ok(inherited):
        yield Finding(f"{resource.type} {resource.name} is created through a provider in {inherited}, outside Japan",
                      resource.urn, ("regions",))


def _ring_location(resource) -> str | None:
    """The location in a crypto key's key ring id; None when the id is not known yet (the ring
    is created in this stack, and judged itself) or names no location."""
    try:
        found = RING_LOCATION.search(str(resource.get("keyRing") or ""))
    except unknown_in_preview():
        return None
    return found.group(1) if found else None


@resource_rule(id="GOV-REG-002", family="region", severity="critical",
               title_en="Google Cloud locations are asia-northeast1 or asia-northeast2",
               title_ja="Google Cloudのロケーションは asia-northeast1 または asia-northeast2",
               rationale="Subnets, routers, key rings, buckets and every other located resource must stay in "
                         "Japan; multi-regions such as ASIA, US or EU spread data abroad.",
               remediation="Set region/location to asia-northeast1 or asia-northeast2 (or a zone in them, or the "
                           "dual-region ASIA1); key rings not in global; Pub/Sub topics with "
                           "message_storage_policy.allowed_persistence_regions in Japan.",
               types=(GCP.PROVIDER, "gcp:"))
def gcp_location(resource, ctx):
    """region/location/zone of the resource, else its provider's region or zone; a custom
    dual-region (location ASIA with customPlacementConfig.dataLocations) by its two
    regions; a key ring in `global` is outside Japan; nested locations (GCP_NESTED)."""
    placement = resource.get("customPlacementConfig") or {}
    data_locations = list(placement.get("dataLocations") or []) if hasattr(placement, "get") else []
    own = {key: resource.get(key) for key in GCP_OWN_LOCATION}
    own = {k: v for k, v in own.items() if isinstance(v, str) and v and k not in GCP_NOT_A_REGION.get(resource.type, ())}
    if not own and resource.type != GCP.PROVIDER and resource.type not in GCP_NOT_A_REGION:
        inherited = resource.provider_props or {}
        own = {f"provider {k}": inherited[k] for k in ("region", "zone") if isinstance(inherited.get(k), str)
               and inherited.get(k)}
    ring = _ring_location(resource) if resource.type == GCP.KMS_CRYPTO_KEY else None
    if ring:
        own["key ring location"] = ring
    for key, value in own.items():
        if value.lower() == "global" and resource.type == GCP.KMS_CRYPTO_KEY:
            yield Finding(f"crypto key {resource.name} is in a global key ring: it is not kept in Japan", resource.urn,
                          ("regions",))
            continue
        if value.upper() in GCP_DOMESTIC_DUAL or (data_locations and key == "location"):
            continue  # a dual-region: judged by its data locations below
        if value.upper() in GCP_MULTI:
            yield Finding(f"{resource.type} {resource.name}: {key} {value} is a multi-region", resource.urn,
                          ("regions",))
        elif value.lower() == "global" and resource.type == GCP.KMS_KEY_RING:
            yield Finding(f"key ring {resource.name} is global: its keys are not kept in Japan", resource.urn,
                          ("regions",))
        elif value.lower() == "global" and resource.type in GCP_GLOBAL_IS_ABROAD:
            yield Finding(f"log bucket {resource.name} is global: its logs may be stored in any region", resource.urn,
                          ("regions",))
        elif not _gcp_ok(value) and value.lower() != "global":
            yield Finding(f"{resource.type} {resource.name}: {key} {value} is outside Japan", resource.urn,
                          ("regions",))
    for location in data_locations:
        if not _gcp_ok(location):
            yield Finding(f"{resource.name}: dual-region location {location} is outside Japan", resource.urn,
                          ("regions",))
    if resource.type == GCP.SECRET and (resource.get("replication") or {}).get("auto") is not None:
        # pulumi_gcp: "The Secret will automatically be replicated without any restrictions."
        yield Finding(f"secret {resource.name} is replicated automatically, to any region (use user_managed "
                      "replicas in asia-northeast1/2)", resource.urn, ("regions",))
    yield from _compute_storage(resource)
    nested = GCP_NESTED.get(resource.type)
    if nested:
        path, label, required = nested
        found = [v for v in values(resource.props, path) if v is not None]
        if not found and required:
            yield Finding(f"{resource.type} {resource.name}: no {path.split('.')[0]}, so messages may be stored "
                          "outside Japan", resource.urn, ("regions",))
        for value in found:
            if not _gcp_ok(str(value)):
                yield Finding(f"{resource.type} {resource.name}: {label} {value} is outside Japan", resource.urn,
                              ("regions",))
    if resource.type == GCP.SPANNER_INSTANCE:
        config = str(resource.get("config") or "").rsplit("/", 1)[-1]
        if config not in SPANNER_DOMESTIC and not config.startswith("custom-"):
            yield Finding(f"Spanner instance {resource.name}: configuration {config or '(none)'} is not wholly in "
                          f"Japan (use {', '.join(SPANNER_DOMESTIC)})", resource.urn, ("regions",))


def _storage_ok(location: str) -> bool:
    return _gcp_ok(location) or location.upper() in GCP_DOMESTIC_DUAL


def _compute_storage(resource):
    """Where Compute Engine keeps a snapshot, an image, a machine image or a schedule's
    snapshots (COMPUTE_STORAGE), and the project's default for snapshots (SnapshotSettings)."""
    if resource.type == SNAPSHOT_SETTINGS:
        setting = resource.get("storageLocation") or {}
        policy = setting.get("policy") if hasattr(setting, "get") else None
        if policy == "NEAREST_MULTI_REGION":
            yield Finding(f"snapshot settings {resource.name}: the nearest multi-region (ASIA for Tokyo and Osaka) "
                          "keeps snapshots outside Japan (use LOCAL_REGION or asia-northeast1/2)", resource.urn,
                          ("regions",))
        for entry in (setting.get("locations") or []) if hasattr(setting, "get") else []:
            for value in {entry.get("name"), entry.get("location")} - {None}:
                if not _storage_ok(str(value)):
                    yield Finding(f"snapshot settings {resource.name}: storage location {value} is outside Japan",
                                  resource.urn, ("regions",))
        return
    storage = COMPUTE_STORAGE.get(resource.type)
    if storage is None:
        return
    path, required = storage
    if resource.type.endswith("ResourcePolicy") and not resource.get("snapshotSchedulePolicy"):
        return
    found = [v for v in values(resource.props, path) if v is not None]
    kind = resource.type.rsplit(":", 1)[-1]
    if not found and required:
        yield Finding(f"{kind} {resource.name}: no storage_locations, so snapshots go where the project's snapshot "
                      "settings say, by default the nearest multi-region (ASIA), outside Japan (set "
                      "storage_locations to asia-northeast1 or asia-northeast2)", resource.urn, ("regions",))
    for value in found:
        if not _storage_ok(str(value)):
            yield Finding(f"{kind} {resource.name}: storage location {value} is outside Japan", resource.urn,
                          ("regions",))


#: the types whose copies, replicas, deliveries and peerings GOV-REG-003 was first written for,
#: each named so the corpus must break it (tests/policies/test_corpus.py); the rule reads
#: every AWS and Google Cloud type by property (policies/rules/places.py)
COPIES = (AWS.BACKUP_PLAN, AWS.DYNAMODB_TABLE, "aws:dynamodb/globalTable:", AWS.SECRET, "aws:ecr/replicationConfiguration:",
          AWS.S3_REPLICATION, "aws:rds/", GCP.SQL_INSTANCE, "aws:sns/topicSubscription:TopicSubscription",
          "aws:cloudwatch/eventTarget:EventTarget", "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
          "aws:cloudwatch/logDestination:LogDestination", "aws:pipes/pipe:Pipe",
          "aws:ec2transitgateway/peeringAttachment:PeeringAttachment")
#: Cloud Logging sinks: a destination in a log bucket names the bucket's location
#: (pulumi_gcp: `logging.googleapis.com/projects/[PROJECT_ID]/locations/global/buckets/[BUCKET_ID]`);
#: a bucket in `global` is not regionalized, as GCP_GLOBAL_IS_ABROAD says (a bucket in a region
#: abroad is found as every resource path is). Other destinations (a Cloud Storage bucket, a
#: BigQuery dataset, a topic, a project) name no location: judged where those are declared.
GCP_SINKS = ("gcp:logging/projectSink:ProjectSink", "gcp:logging/folderSink:FolderSink",
             "gcp:logging/organizationSink:OrganizationSink", "gcp:logging/billingAccountSink:BillingAccountSink")
SINK_BUCKET = re.compile(r"^logging\.googleapis\.com/projects/[^/]+/locations/global/buckets/")


@stack_rule(id="GOV-REG-007", family="region", severity="high",
            title_en="A hosted connection is carved from a line in Japan",
            title_ja="ホスト型接続は国内の接続拠点の回線から切り出す",
            rationale="A hosted connection has no location of its own (pulumi-aws HostedConnection has no location "
                      "input): it is where the interconnect it is carved from lands. Judged with the stack, where "
                      "that interconnect is seen, so the offline path and the Analyzer agree.",
            remediation="Carve the hosted connection from a connection at a Direct Connect location in Tokyo or "
                        "Osaka.",
            types=(AWS.DX_HOSTED_CONNECTION,))
def hosted_connection_location(resources, ctx):
    """Each hosted connection by the location of the connection its connection_id names,
    when that connection is in the stack (else it is judged where it is declared)."""
    locations = clouds.get("aws").line_locations
    for hosted in (r for r in resources if r.type == AWS.DX_HOSTED_CONNECTION and r.get("location") is None):
        parent = ctx.target(hosted, "connectionId")
        location = parent.get("location") if parent is not None else None
        if location is not None and location not in locations:
            yield Finding(f"hosted connection {hosted.name} is carved from {parent.name} at {location!r}, not a "
                          "Japanese Direct Connect location", hosted.urn, ctx.line_entry(hosted))


@resource_rule(id="GOV-REG-003", family="region", severity="high",
               title_en="Copies, replicas, keys and destinations stay in Japan",
               title_ja="複製・レプリカ・暗号鍵・送信先は国内",
               rationale="A copy of the data is still the data: cross-region replication, backup and snapshot copies, "
                         "what subscriptions, event targets, streams and log sinks deliver, and the keys that "
                         "encrypt it must not leave Japan. Judged by property: any ARN, region input or Google "
                         "Cloud resource path a resource names, at any depth, whatever the type.",
               remediation="Point replicas, copy rules, keys, subscriptions, event targets and log sinks at "
                           "ap-northeast-1/3 (or asia-northeast1/2).",
               types=COPIES + GCP_SINKS + ("aws:", "gcp:"))
def replication(resource, ctx):
    kind = resource.type.rsplit(":", 1)[-1] or resource.type
    if resource.type.startswith("aws:"):
        for path, region in aws_places(resource):
            if not _aws_ok(region):
                yield Finding(f"{kind} {resource.name}: {path} names {region}, outside Japan", resource.urn)
        return
    for path, location in gcp_places(resource):
        if not _storage_ok(location):  # ASIA1, Tokyo and Osaka, as a resource's own location
            yield Finding(f"{kind} {resource.name}: {path} names {location}, outside Japan", resource.urn)
    if resource.type in GCP_SINKS and SINK_BUCKET.match(str(plain(resource.props).get("destination") or "")):
        yield Finding(f"log sink {resource.name} writes to a log bucket in global (not regionalized), outside Japan",
                      resource.urn)
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
    if resource.type == AWS.DX_HOSTED_CONNECTION and location is None:
        # a hosted connection has no location input: it is its interconnect's, judged with
        # the stack (GOV-REG-007), where that interconnect can be seen
        return
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
