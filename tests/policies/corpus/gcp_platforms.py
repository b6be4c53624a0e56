"""Google Cloud platforms vendors add around the data services (session 13's probe):
clusters, serverless, pipelines and ML, each where it runs and with the key it is given,
built with the real SDK classes. What they must break is where they run (GOV-REG-002) and, for
Cloud SQL without TLS, GOV-TLS-004, or with a public IPv4 address in a closed layer, GOV-ISO-001;
GKE's Secrets and Dataflow's key (GOV-ENC-007) are probed in gcp_workloads.py."""
import pulumi_gcp as gcp

from tests.policies.corpus import TOKYO

#: a closed layer's clusters and functions answer only inside (GOV-ISO-001)
PRIVATE_NODES = {"enable_private_nodes": True, "enable_private_endpoint": True, "master_ipv4_cidr_block": "172.16.0.32/28"}
#: a closed layer's serverless code: reached from inside only, and leaving only through the
#: layer's network (a connector in Tokyo; GOV-ISO-001 reads both)
CONNECTOR = "projects/itabashi-gov-network/locations/asia-northeast1/connectors/lgwan"
INTERNAL_ONLY = {"ingress_settings": "ALLOW_INTERNAL_ONLY", "vpc_connector": CONNECTOR,
                 "vpc_connector_egress_settings": "ALL_TRAFFIC"}
ALL_TRAFFIC = {"connector": CONNECTOR, "egress": "ALL_TRAFFIC"}
TOKYO_BUCKET = f"logging.googleapis.com/projects/itabashi-logs/locations/{TOKYO}/buckets/audit"


def entries(key, opts, labels):
    """(name, the rules it must break, a function that builds it)."""
    def gke(n, location, **more):
        return gcp.container.Cluster(n, location=location, initial_node_count=1, resource_labels=labels,
                                     deletion_protection=False, opts=opts, private_cluster_config=PRIVATE_NODES,
                                     **more)

    secrets_cmek = {"state": "ENCRYPTED", "key_name": key}

    def sql(n, ip_configuration):
        # its layer from its own settings.user_labels (no top-level labels on a Cloud SQL instance)
        return gcp.sql.DatabaseInstance(n, region=TOKYO, database_version="POSTGRES_15", encryption_key_name=key,
                                        deletion_protection=True, opts=opts, settings={
                                            "tier": "db-custom-2-7680", "user_labels": labels,
                                            "ip_configuration": {"ssl_mode": "ENCRYPTED_ONLY", **ip_configuration}})

    def snapshot(n, **more):
        return gcp.compute.Snapshot(n, source_disk=f"projects/itabashi/zones/{TOKYO}-a/disks/app", zone=f"{TOKYO}-a",
                                    snapshot_encryption_key={"kms_key_self_link": key}, labels=labels, opts=opts,
                                    **more)

    def schedule(n, properties):
        return gcp.compute.ResourcePolicy(n, region=TOKYO, opts=opts, snapshot_schedule_policy={
            "schedule": {"daily_schedule": {"days_in_cycle": 1, "start_time": "04:00"}},
            "retention_policy": {"max_retention_days": 14}, "snapshot_properties": properties})
    return [
        ("gke-secrets-cmek", set(), lambda n: gke(n, TOKYO, database_encryption=secrets_cmek)),
        ("gke-us", {"GOV-REG-002"}, lambda n: gke(n, "us-central1", database_encryption=secrets_cmek)),
        ("run-v2", set(), lambda n: gcp.cloudrunv2.Service(n, location=TOKYO, labels=labels, opts=opts,
                                                           ingress="INGRESS_TRAFFIC_INTERNAL_ONLY", template={
            "containers": [{"image": "asia-northeast1-docker.pkg.dev/itabashi/app/web"}], "encryption_key": key,
            "vpc_access": ALL_TRAFFIC})),
        ("run-v2-us", {"GOV-REG-002"}, lambda n: gcp.cloudrunv2.Service(
            n, location="us-central1", labels=labels, opts=opts, ingress="INGRESS_TRAFFIC_INTERNAL_ONLY",
            template={"containers": [{"image": "app"}], "encryption_key": key, "vpc_access": ALL_TRAFFIC})),
        ("function-v2", set(), lambda n: gcp.cloudfunctionsv2.Function(n, location=TOKYO, kms_key_name=key,
                                                                        labels=labels, opts=opts,
                                                                        service_config=INTERNAL_ONLY)),
        ("function-v2-eu", {"GOV-REG-002"}, lambda n: gcp.cloudfunctionsv2.Function(
            n, location="europe-west1", kms_key_name=key, labels=labels, opts=opts, service_config=INTERNAL_ONLY)),
        ("dataflow-job", set(), lambda n: gcp.dataflow.Job(
            n, template_gcs_path="gs://itabashi-templates/job", temp_gcs_location="gs://itabashi-templates/tmp",
            region=TOKYO, kms_key_name=key, labels=labels, ip_configuration="WORKER_IP_PRIVATE", opts=opts)),
        ("composer-us", {"GOV-REG-002"}, lambda n: gcp.composer.Environment(
            n, region="us-east1", labels=labels, config={"encryption_config": {"kms_key_name": key}}, opts=opts)),
        ("vertex-dataset", set(), lambda n: gcp.vertex.AiDataset(
            n, display_name="images", region=TOKYO, encryption_spec={"kms_key_name": key}, labels=labels, opts=opts,
            metadata_schema_uri="gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml")),
        ("sql-without-tls", {"GOV-TLS-004"}, lambda n: gcp.sql.DatabaseInstance(
            n, region=TOKYO, database_version="POSTGRES_15", encryption_key_name=key, deletion_protection=True,
            settings={"tier": "db-custom-2-7680", "user_labels": labels}, opts=opts)),
        # a closed layer's database takes no public IPv4 address (GOV-ISO-001): asked for, or implied by
        # authorized networks; turned off it is compliant; left out, not judged (no documented default)
        ("sql-public-ip", {"GOV-ISO-001"}, lambda n: sql(n, {"ipv4_enabled": True})),
        ("sql-authorized-networks", {"GOV-ISO-001"}, lambda n: sql(
            n, {"authorized_networks": [{"name": "vendor-office", "value": "203.0.113.0/24"}]})),
        ("sql-private-only", set(), lambda n: sql(
            n, {"ipv4_enabled": False, "private_network": "projects/itabashi-net/global/networks/lgwan"})),
        ("bucket-lowercase-region", set(), lambda n: gcp.storage.Bucket(
            n, name=n, location=TOKYO, encryption={"default_kms_key_name": key}, uniform_bucket_level_access=True,
            labels=labels, opts=opts)),
        ("registry-us", {"GOV-REG-002"}, lambda n: gcp.artifactregistry.Repository(
            n, location="us", repository_id="images", format="DOCKER", kms_key_name=key, labels=labels, opts=opts)),
        ("subscription", set(), lambda n: gcp.pubsub.Subscription(
            n, topic="projects/itabashi-gov-network/topics/events", labels=labels, opts=opts)),
        ("workflow-eu", {"GOV-REG-002"}, lambda n: gcp.workflows.Workflow(
            n, region="europe-west1", crypto_key_name=key, source_contents="main: {}", labels=labels, opts=opts)),
        # a closed layer's front ends are internal (GOV-ISO-001); a PSC endpoint's scheme is ""
        ("rule-internal", set(), lambda n: gcp.compute.ForwardingRule(
            n, region=TOKYO, load_balancing_scheme="INTERNAL", backend_service="lgwan-apps", ports=["443"],
            network="lgwan", subnetwork="lgwan-apps", labels=labels, opts=opts)),
        ("rule-external", {"GOV-ISO-001"}, lambda n: gcp.compute.ForwardingRule(
            n, region=TOKYO, load_balancing_scheme="EXTERNAL_MANAGED", target="lgwan-proxy", port_range="443",
            labels=labels, opts=opts)),
        ("rule-default-scheme", {"GOV-ISO-001"}, lambda n: gcp.compute.ForwardingRule(
            n, region=TOKYO, backend_service="lgwan-apps", ports=["443"], labels=labels, opts=opts)),
        ("psc-google-apis", set(), lambda n: gcp.compute.GlobalForwardingRule(
            n, target="vpc-sc", network="lgwan", ip_address="lgwan-psc", load_balancing_scheme="", labels=labels,
            opts=opts)),
        # every Google API, past the VPC Service Controls perimeter (GOV-ISO-007)
        ("psc-all-apis", {"GOV-ISO-007"}, lambda n: gcp.compute.GlobalForwardingRule(
            n, target="all-apis", network="lgwan", ip_address="lgwan-psc-all", load_balancing_scheme="",
            labels=labels, opts=opts)),
        # log sinks: a log bucket's location is in the destination
        ("sink-tokyo-bucket", set(), lambda n: gcp.logging.ProjectSink(
            n, destination=f"logging.googleapis.com/projects/itabashi-logs/locations/{TOKYO}/buckets/audit",
            filter="severity>=WARNING", unique_writer_identity=True, opts=opts)),
        ("sink-global-bucket", {"GOV-REG-003"}, lambda n: gcp.logging.ProjectSink(
            n, destination="logging.googleapis.com/projects/itabashi-logs/locations/global/buckets/audit",
            unique_writer_identity=True, opts=opts)),
        ("sink-us-bucket", {"GOV-REG-003"}, lambda n: gcp.logging.ProjectSink(
            n, destination="logging.googleapis.com/projects/vendor/locations/us-central1/buckets/siem",
            unique_writer_identity=True, opts=opts)),
        ("sink-folder", set(), lambda n: gcp.logging.FolderSink(n, folder="folders/1234567", destination=TOKYO_BUCKET,
                                                               include_children=True, opts=opts)),
        ("sink-organization", set(), lambda n: gcp.logging.OrganizationSink(n, org_id="123456789",
                                                                           destination=TOKYO_BUCKET, opts=opts)),
        ("sink-billing", set(), lambda n: gcp.logging.BillingAccountSink(n, billing_account="00AA00-000AAA-00AA0A",
                                                                        destination=TOKYO_BUCKET, opts=opts)),
        ("sink-storage", set(), lambda n: gcp.logging.ProjectSink(
            n, destination="storage.googleapis.com/itabashi-audit-logs", unique_writer_identity=True, opts=opts)),
        # Compute Engine copies of disks: kept in Cloud Storage locations (region.py COMPUTE_STORAGE)
        ("snapshot-tokyo", set(), lambda n: snapshot(n, storage_locations=[TOKYO])),
        ("snapshot-dual-region", set(), lambda n: snapshot(n, storage_locations=["asia1"])),
        ("snapshot-default-location", {"GOV-REG-002"}, lambda n: snapshot(n)),
        ("snapshot-asia", {"GOV-REG-002"}, lambda n: snapshot(n, storage_locations=["asia"])),
        ("snapshot-schedule-osaka", set(), lambda n: schedule(n, {"storage_locations": "asia-northeast2"})),
        ("snapshot-schedule-default", {"GOV-REG-002"}, lambda n: schedule(n, {"labels": labels})),
        ("instance-schedule", set(), lambda n: gcp.compute.ResourcePolicy(n, region=TOKYO, opts=opts,
                                                                           instance_schedule_policy={
            "vm_start_schedule": {"schedule": "0 8 * * 1-5"}, "time_zone": "Asia/Tokyo"})),
        ("image-us", {"GOV-REG-002"}, lambda n: gcp.compute.Image(
            n, source_disk=f"projects/itabashi/zones/{TOKYO}-a/disks/app", storage_locations=["us"],
            image_encryption_key={"kms_key_self_link": key}, labels=labels, opts=opts)),
        # pulumi_gcp's MachineImage has storage_locations as an output only: nothing to judge
        ("machine-image", set(), lambda n: gcp.compute.MachineImage(
            n, source_instance=f"projects/itabashi/zones/{TOKYO}-a/instances/app",
            machine_image_encryption_key={"kms_key_self_link": key}, opts=opts)),
        ("snapshot-settings-multi-region", {"GOV-REG-002"}, lambda n: gcp.compute.SnapshotSettings(
            n, storage_location={"policy": "NEAREST_MULTI_REGION"}, opts=opts)),
        ("snapshot-settings-local", set(), lambda n: gcp.compute.SnapshotSettings(
            n, storage_location={"policy": "LOCAL_REGION"}, opts=opts)),
        ("snapshot-settings-us", {"GOV-REG-002"}, lambda n: gcp.compute.SnapshotSettings(
            n, storage_location={"policy": "SPECIFIC_LOCATIONS", "locations": [{"name": "us-central1",
                                                                                 "location": "us-central1"}]},
            opts=opts)),
    ]
