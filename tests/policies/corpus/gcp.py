"""Google Cloud corpus, added to 板橋区 (itabashi). KEY is the lgwan layer's crypto key."""
import pulumi
import pulumi_gcp as gcp

from tests.policies.corpus import build_all
from tests.policies.corpus.gcp_platforms import entries as platforms
from tests.policies.corpus.gcp_services import entries as services
from tests.policies.corpus.gcp_isolation import entries as isolation
from tests.policies.corpus.gcp_matchers import entries as matchers
from tests.policies.corpus.gcp_places import entries as places
from tests.policies.corpus.gcp_public import entries as public
from tests.policies.corpus.gcp_workloads import entries as workloads
from tests.policies.corpus.gcp_edges import entries as edges
from tests.policies.corpus.gcp_fronts import fronts
from tests.policies.corpus.gcp_hidden import hidden

STACK = "itabashi"
P = "131199-itabashi-corpus-"
JP = ["ASIA-NORTHEAST1", "ASIA-NORTHEAST2"]


def entries(component):
    key = component.parts["cmek"].key_ids["lgwan"]
    opts = pulumi.ResourceOptions(provider=component.parts["provider"])
    labels = {"layer": "lgwan", "component": "vendoraddition"}
    foreign = gcp.Provider(f"{P}provider-us", project="itabashi-vendor", region="us-central1", zone="us-central1-a",
                           default_labels={"municipality-code": "131199"})

    def bucket(n, location, placement=None, **more):
        return gcp.storage.Bucket(n, name=n, location=location, encryption={"default_kms_key_name": key},
                                  uniform_bucket_level_access=True, labels=labels,
                                  custom_placement_config=placement, opts=opts, **more)

    def sql(n, backup_location="asia-northeast1", cmek=True):
        return gcp.sql.DatabaseInstance(n, region="asia-northeast1", database_version="POSTGRES_15",
                                        encryption_key_name=key if cmek else None, deletion_protection=True,
                                        settings={"tier": "db-custom-2-7680", "user_labels": labels,
                                                  "ip_configuration": {"ssl_mode": "ENCRYPTED_ONLY"},
                                                  "backup_configuration": {"enabled": True,
                                                                           "location": backup_location}}, opts=opts)

    def topic(n, regions):
        return gcp.pubsub.Topic(n, kms_key_name=key, labels=labels, opts=opts,
                                message_storage_policy={"allowed_persistence_regions": regions} if regions else None)

    def interconnect(n, facility):
        return gcp.compute.Interconnect(
            n, name=n, customer_name="板橋区", interconnect_type="DEDICATED", link_type="LINK_TYPE_ETHERNET_10G_LR",
            requested_link_count=1, macsec_enabled=True, labels=labels, opts=opts,
            location=f"https://www.googleapis.com/compute/v1/projects/itabashi-net/global/interconnectLocations/{facility}")

    return [
        ("disk", set(), lambda n: gcp.compute.Disk(n, zone="asia-northeast1-a", size=50, labels=labels,
                                                   disk_encryption_key={"kms_key_self_link": key}, opts=opts)),
        ("vm", set(), lambda n: gcp.compute.Instance(n, zone="asia-northeast1-a", machine_type="e2-small",
                                                     boot_disk={"kms_key_self_link": key,
                                                                "initialize_params": {"image": "debian-12"}},
                                                     network_interfaces=[{"network": "default"}], labels=labels,
                                                     opts=opts)),
        ("bucket-tokyo", set(), lambda n: bucket(n, "ASIA-NORTHEAST1")),
        ("bucket-asia1", set(), lambda n: bucket(n, "ASIA1")),
        ("bucket-custom-dual", set(), lambda n: bucket(n, "ASIA", {"data_locations": JP})),
        ("sql", set(), lambda n: sql(n)),
        ("topic", set(), lambda n: topic(n, ["asia-northeast1", "asia-northeast2"])),
        ("keyring", set(), lambda n: gcp.kms.KeyRing(n, location="asia-northeast1",
                                                     opts=pulumi.ResourceOptions(provider=opts.provider,
                                                                                 protect=True))),
        ("interconnect", set(), lambda n: interconnect(n, "nrt-zone1-452")),
        # non-compliant
        ("interconnect-abroad", {"GOV-REG-004"}, lambda n: interconnect(n, "sin-zone1-2260")),
        ("disk-plain", {"GOV-ENC-005"}, lambda n: gcp.compute.Disk(n, zone="asia-northeast1-a", size=50,
                                                                   labels=labels, opts=opts)),
        ("sql-plain", {"GOV-ENC-005"}, lambda n: sql(n, cmek=False)),
        ("sql-backup-abroad", {"GOV-REG-003"}, lambda n: sql(n, backup_location="us")),
        ("bucket-us", {"GOV-REG-002"}, lambda n: bucket(n, "US")),
        ("bucket-asia", {"GOV-REG-002"}, lambda n: bucket(n, "ASIA")),
        ("bucket-dual-abroad", {"GOV-REG-002"}, lambda n: bucket(n, "ASIA", {"data_locations": [JP[0], "ASIA-EAST1"]})),
        ("topic-unconstrained", {"GOV-REG-002"}, lambda n: topic(n, None)),
        ("topic-abroad", {"GOV-REG-002"}, lambda n: topic(n, ["asia-northeast1", "us-central1"])),
        ("keyring-global", {"GOV-REG-002"}, lambda n: gcp.kms.KeyRing(
            n, location="global", opts=pulumi.ResourceOptions(provider=opts.provider, protect=True))),
        ("vm-abroad", {"GOV-REG-002"}, lambda n: gcp.compute.Instance(
            n, zone="us-central1-a", machine_type="e2-small", labels=labels,
            boot_disk={"kms_key_self_link": key, "initialize_params": {"image": "debian-12"}},
            network_interfaces=[{"network": "default"}], opts=opts)),
        ("disk-foreign-provider", {"GOV-REG-002"}, lambda n: gcp.compute.Disk(
            n, size=50, labels=labels, disk_encryption_key={"kms_key_self_link": key},
            opts=pulumi.ResourceOptions(provider=foreign))),
        ("unlabelled", {"GOV-TAG-001"}, lambda n: gcp.compute.Disk(n, zone="asia-northeast1-a", size=50,
                                                                   disk_encryption_key={"kms_key_self_link": key},
                                                                   opts=opts)),
    ] + services(key, opts, labels) + platforms(key, opts, labels) + workloads(key, opts, labels) \
        + matchers(key, opts, labels) + isolation(key, opts, labels) + public(key, opts, labels) \
        + places(key, opts, labels) + edges(key, opts, labels) \
        + fronts(component.parts["networks"].networks, opts, labels) \
        + hidden(component.parts["networks"].networks, opts, labels)


#: resource name -> the rules it must break, filled when the corpus is built
EXPECTED: dict = {}


def extra(model, component):
    build_all(EXPECTED, P, entries(component), "GOV-REG-002")
