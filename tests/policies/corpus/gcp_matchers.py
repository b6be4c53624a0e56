"""One non-compliant Google Cloud resource for every (rule, type) a resource rule names that
the rest of the corpus does not break (see aws_matchers.py), built with the real SDK classes."""
import pulumi
import pulumi_gcp as gcp

from tests.policies.corpus import TOKYO

GLOBAL_BUCKET = "logging.googleapis.com/projects/itabashi-logs/locations/global/buckets/audit"


def entries(key, opts, labels):
    """(name, the rules it must break, a function that builds it)."""
    protected = pulumi.ResourceOptions(provider=opts.provider, protect=True, retain_on_delete=True)
    return [
        ("m-crypto-key-one-day", {"GOV-DATA-003"}, lambda n: gcp.kms.CryptoKey(
            n, key_ring=f"projects/itabashi-net/locations/{TOKYO}/keyRings/lgwan", rotation_period="7776000s",
            destroy_scheduled_duration="86400s", labels=labels, opts=protected)),
        ("m-vm-google-key", {"GOV-ENC-005"}, lambda n: gcp.compute.Instance(
            n, zone=f"{TOKYO}-a", machine_type="e2-small", boot_disk={"initialize_params": {"image": "debian-12"}},
            network_interfaces=[{"network": "default"}], labels=labels, opts=opts)),
        ("m-bucket-google-key", {"GOV-ENC-005"}, lambda n: gcp.storage.Bucket(
            n, name=n, location="ASIA-NORTHEAST1", uniform_bucket_level_access=True, labels=labels, opts=opts)),
        ("m-region-template-google-key", {"GOV-ENC-005"}, lambda n: gcp.compute.RegionInstanceTemplate(
            n, region=TOKYO, machine_type="e2-small", disks=[{"source_image": "debian-12", "boot": True}],
            network_interfaces=[{"network": "default"}], labels=labels, opts=opts)),
        ("m-filestore-google-key", {"GOV-ENC-007"}, lambda n: gcp.filestore.Instance(
            n, location=f"{TOKYO}-a", tier="BASIC_HDD", labels=labels, opts=opts,
            file_shares={"name": "share", "capacity_gb": 1024}, networks=[{"network": "lgwan", "modes": ["MODE_IPV4"]}])),
        ("m-repository-google-key", {"GOV-ENC-007"}, lambda n: gcp.artifactregistry.Repository(
            n, repository_id=n, location=TOKYO, format="DOCKER", labels=labels, opts=opts)),
        ("m-alloydb-google-key", {"GOV-ENC-007"}, lambda n: gcp.alloydb.Cluster(
            n, cluster_id=n, location=TOKYO, labels=labels, opts=opts,
            network_config={"network": "projects/itabashi-net/global/networks/lgwan"})),
        ("m-log-bucket-google-key", {"GOV-ENC-007"}, lambda n: gcp.logging.ProjectBucketConfig(
            n, project="itabashi-vendor", location=TOKYO, bucket_id="audit-plain", retention_days=400,
            opts=protected)),
        ("m-regional-secret-google-key", {"GOV-ENC-007"}, lambda n: gcp.secretmanager.RegionalSecret(
            n, secret_id=n, location=TOKYO, labels=labels, opts=opts)),
        ("m-sink-folder-global", {"GOV-REG-003"}, lambda n: gcp.logging.FolderSink(
            n, folder="folders/1234567", destination=GLOBAL_BUCKET, include_children=True, opts=opts)),
        ("m-sink-organization-global", {"GOV-REG-003"}, lambda n: gcp.logging.OrganizationSink(
            n, org_id="123456789", destination=GLOBAL_BUCKET, opts=opts)),
        ("m-sink-billing-global", {"GOV-REG-003"}, lambda n: gcp.logging.BillingAccountSink(
            n, billing_account="00AA00-000AAA-00AA0A", destination=GLOBAL_BUCKET, opts=opts)),
        # the data center's side of a Cloud Router session may be a public ASN; Cloud Router's
        # own must be private (exempted in the test)
        ("m-peer-public-asn", {"GOV-LINE-003"}, lambda n: gcp.compute.RouterPeer(
            n, router="itabashi-lgwan-router", region=TOKYO, interface="lgwan-if-0", peer_asn=2516,
            peer_ip_address="169.254.10.2", opts=opts)),
        # a line landing in Seoul is abroad as a region (GOV-REG-002) and as a line (GOV-REG-004)
        ("m-attachment-seoul", {"GOV-REG-002", "GOV-REG-004"}, lambda n: gcp.compute.InterconnectAttachment(
            n, region="asia-northeast3", router="itabashi-lgwan-router-seoul", type="PARTNER",
            edge_availability_domain="AVAILABILITY_DOMAIN_1", labels=labels, opts=opts)),
    ]
