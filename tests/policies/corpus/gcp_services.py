"""Google Cloud managed data services vendors add (GOV-ENC-007, GOV-TLS-004): compliant
resources and the ways they go wrong, built with the real SDK classes."""
import pulumi
import pulumi_gcp as gcp

from tests.policies.corpus import TOKYO


def entries(key, opts, labels):
    """(name, the rules it must break, a function that builds it)."""
    def dataset(n, **more):
        return gcp.bigquery.Dataset(n, dataset_id=n.replace("-", "_"), location=TOKYO, labels=labels, opts=opts,
                                    **more)

    def redis(n, **more):
        return gcp.redis.Instance(n, memory_size_gb=1, tier="STANDARD_HA", region=TOKYO, labels=labels, opts=opts,
                                  **more)

    def spanner(n, **more):
        return gcp.spanner.Database(n, instance="itabashi-core", deletion_protection=True, opts=opts, **more)

    def secret(n, **more):
        return gcp.secretmanager.Secret(n, secret_id=n, labels=labels, opts=opts, **more)

    tokyo_replica = {"location": TOKYO, "customer_managed_encryption": {"kms_key_name": key}}
    protected = pulumi.ResourceOptions(provider=opts.provider, protect=True)

    def crypto_key(n, ring=f"projects/itabashi-vendor/locations/{TOKYO}/keyRings/vendor", **more):
        return gcp.kms.CryptoKey(n, key_ring=ring, destroy_scheduled_duration="2592000s", labels=labels,
                                 opts=protected, **more)

    def firestore(n, location=TOKYO, **more):
        return gcp.firestore.Database(n, project="itabashi-vendor", location_id=location, type="FIRESTORE_NATIVE",
                                      opts=opts, **more)

    def template(cls, n, disk, **more):
        return cls(n, machine_type="e2-medium", labels=labels, opts=opts, disks=[
            {"source_image": "debian-cloud/debian-12", "boot": True, "auto_delete": True, **disk}],
            network_interfaces=[{"subnetwork": "lgwan-apps"}], **more)

    def redis_cluster(n, **more):
        return gcp.redis.Cluster(n, region=TOKYO, shard_count=3, psc_configs=[{
            "network": "projects/itabashi-net/global/networks/lgwan"}], labels=labels, opts=opts, **more)

    def valkey(n, **more):
        return gcp.memorystore.Instance(n, instance_id=n, location=TOKYO, shard_count=1, labels=labels, opts=opts,
                                        **more)

    def kafka(n, **more):
        return gcp.managedkafka.Cluster(n, cluster_id=n, location=TOKYO, labels=labels, opts=opts,
                                        capacity_config={"vcpu_count": "3", "memory_bytes": "3221225472"},
                                        gcp_config={"access_config": {"network_configs": [{
                                            "subnet": f"projects/itabashi-net/regions/{TOKYO}/subnetworks/lgwan-apps"}]},
                                            **more})

    cmek_disk = {"disk_encryption_key": {"kms_key_self_link": key}}
    return [
        # keys, stores and caches that issue 19's held-out families name
        ("crypto-key", set(), lambda n: crypto_key(n, rotation_period="7776000s")),
        ("crypto-key-signing", set(), lambda n: crypto_key(  # asymmetric: Cloud KMS cannot rotate it automatically
            n, purpose="ASYMMETRIC_SIGN", version_template={"algorithm": "EC_SIGN_P256_SHA256"})),
        ("region-disk", set(), lambda n: gcp.compute.RegionDisk(
            n, region=TOKYO, replica_zones=[f"{TOKYO}-a", f"{TOKYO}-b"], size=50, labels=labels, opts=opts,
            disk_encryption_key={"kms_key_name": key})),
        ("template", set(), lambda n: template(gcp.compute.InstanceTemplate, n, cmek_disk)),
        ("region-template", set(), lambda n: template(gcp.compute.RegionInstanceTemplate, n, cmek_disk, region=TOKYO)),
        ("firestore", set(), lambda n: firestore(n, cmek_config={"kms_key_name": key})),
        ("healthcare-dataset", set(), lambda n: gcp.healthcare.Dataset(
            n, location=TOKYO, encryption_spec={"kms_key_name": key}, opts=opts)),
        ("redis-cluster", set(), lambda n: redis_cluster(
            n, kms_key=key, transit_encryption_mode="TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION")),
        ("valkey", set(), lambda n: valkey(n, kms_key=key, transit_encryption_mode="SERVER_AUTHENTICATION")),
        ("regional-secret", set(), lambda n: gcp.secretmanager.RegionalSecret(
            n, secret_id=n, location=TOKYO, labels=labels, opts=opts, customer_managed_encryption={"kms_key_name": key})),
        ("kafka", set(), lambda n: kafka(n, kms_key=key)),
        ("table-dataset-default-key", set(), lambda n: gcp.bigquery.Table(
            n, dataset_id=dataset(f"{n}-ds", default_encryption_configuration={"kms_key_name": key}).dataset_id,
            table_id="visits", deletion_protection=True, labels=labels, opts=opts)),
        ("crypto-key-no-rotation", {"GOV-ENC-006"}, lambda n: crypto_key(n)),
        ("table-google-key", {"GOV-ENC-008"}, lambda n: gcp.bigquery.Table(
            n, dataset_id="itabashi_core", table_id="visits_plain", deletion_protection=True, labels=labels,
            opts=opts)),
        ("table-dataset-google-key", {"GOV-ENC-008"}, lambda n: gcp.bigquery.Table(  # in the dataset below
            n, dataset_id="131199_itabashi_corpus_dataset_google_key", table_id="visits", deletion_protection=True,
            labels=labels, opts=opts)),
        ("crypto-key-global-ring", {"GOV-REG-002"}, lambda n: crypto_key(
            n, ring="projects/itabashi-vendor/locations/global/keyRings/vendor", rotation_period="7776000s")),
        ("crypto-key-ring-abroad", {"GOV-REG-002"}, lambda n: crypto_key(
            n, ring="projects/itabashi-vendor/locations/us-central1/keyRings/vendor", rotation_period="7776000s")),
        ("region-disk-google-key", {"GOV-ENC-005"}, lambda n: gcp.compute.RegionDisk(
            n, region=TOKYO, replica_zones=[f"{TOKYO}-a", f"{TOKYO}-b"], size=50, labels=labels, opts=opts)),
        ("template-second-disk-google-key", {"GOV-ENC-005"}, lambda n: gcp.compute.InstanceTemplate(
            n, machine_type="e2-medium", labels=labels, opts=opts, network_interfaces=[{"subnetwork": "lgwan-apps"}],
            disks=[{"source_image": "debian-cloud/debian-12", "boot": True, **cmek_disk},
                   {"disk_size_gb": 100, "boot": False}])),
        ("firestore-multi-region", {"GOV-REG-002"}, lambda n: firestore(n, "nam5", cmek_config={"kms_key_name": key})),
        ("firestore-google-key", {"GOV-ENC-007"}, lambda n: firestore(n)),
        ("healthcare-dataset-google-key", {"GOV-ENC-007"}, lambda n: gcp.healthcare.Dataset(n, location=TOKYO,
                                                                                             opts=opts)),
        ("healthcare-dataset-abroad", {"GOV-REG-002"}, lambda n: gcp.healthcare.Dataset(
            n, location="us-central1", encryption_spec={"kms_key_name": key}, opts=opts)),
        ("redis-cluster-plain", {"GOV-ENC-007", "GOV-TLS-004"}, lambda n: redis_cluster(n)),
        ("valkey-plain", {"GOV-ENC-007", "GOV-TLS-004"}, lambda n: valkey(n)),
        ("regional-secret-abroad", {"GOV-REG-002"}, lambda n: gcp.secretmanager.RegionalSecret(
            n, secret_id=n, location="us-central1", labels=labels, opts=opts,
            customer_managed_encryption={"kms_key_name": key})),
        ("kafka-google-key", {"GOV-ENC-007"}, lambda n: kafka(n)),
        ("secret-automatic-replication", {"GOV-REG-002"}, lambda n: secret(n, replication={
            "auto": {"customer_managed_encryption": {"kms_key_name": key}}})),
        ("secret-replica-abroad", {"GOV-REG-002"}, lambda n: secret(n, replication={"user_managed": {
            "replicas": [tokyo_replica, {"location": "us-central1",
                                         "customer_managed_encryption": {"kms_key_name": key}}]}})),
        ("log-bucket-global", {"GOV-REG-002"}, lambda n: gcp.logging.ProjectBucketConfig(
            n, project="itabashi-vendor", location="global", bucket_id="audit-global", retention_days=400,
            cmek_settings={"kms_key_name": key},
            opts=pulumi.ResourceOptions(provider=opts.provider, protect=True, retain_on_delete=True))),

        ("dataset", set(), lambda n: dataset(n, default_encryption_configuration={"kms_key_name": key})),
        ("redis", set(), lambda n: redis(n, customer_managed_key=key, transit_encryption_mode="SERVER_AUTHENTICATION")),
        ("spanner", set(), lambda n: spanner(n, encryption_config={"kms_key_name": key})),
        ("secret", set(), lambda n: secret(n, replication={"user_managed": {"replicas": [tokyo_replica]}})),
        ("repository", set(), lambda n: gcp.artifactregistry.Repository(
            n, repository_id=n, location=TOKYO, format="DOCKER", kms_key_name=key, labels=labels, opts=opts)),
        ("table", set(), lambda n: gcp.bigquery.Table(n, dataset_id="itabashi_core", table_id="residents",
                                                       deletion_protection=True, labels=labels, opts=opts,
                                                       encryption_configuration={"kms_key_name": key})),
        ("bigtable", set(), lambda n: gcp.bigtable.Instance(n, deletion_protection=True, labels=labels, opts=opts,
                                                            clusters=[{"cluster_id": f"{n}-tokyo", "zone": f"{TOKYO}-a",
                                                                       "kms_key_name": key}])),
        ("filestore", set(), lambda n: gcp.filestore.Instance(
            n, location=f"{TOKYO}-a", tier="BASIC_HDD", kms_key_name=key, labels=labels, opts=opts,
            file_shares={"name": "share", "capacity_gb": 1024}, networks=[{"network": "lgwan", "modes": ["MODE_IPV4"]}])),
        ("alloydb", set(), lambda n: gcp.alloydb.Cluster(n, cluster_id=n, location=TOKYO, labels=labels, opts=opts,
                                                         network_config={"network": "projects/itabashi-net/global/"
                                                                         "networks/lgwan"},
                                                         encryption_config={"kms_key_name": key})),
        ("log-bucket", set(), lambda n: gcp.logging.ProjectBucketConfig(
            n, project="itabashi-vendor", location=TOKYO, bucket_id="audit", retention_days=400,
            cmek_settings={"kms_key_name": key},
            opts=pulumi.ResourceOptions(provider=opts.provider, protect=True, retain_on_delete=True))),
        ("spanner-instance", set(), lambda n: gcp.spanner.Instance(n, config="regional-asia-northeast1",
                                                                   display_name="itabashi-core", num_nodes=1,
                                                                   labels=labels, opts=opts)),
        ("spanner-instance-dual", set(), lambda n: gcp.spanner.Instance(
            n, config="projects/itabashi-vendor/instanceConfigs/dual-region-japan1", display_name="itabashi-dr",
            num_nodes=1, labels=labels, opts=opts)),
        ("spanner-config", set(), lambda n: gcp.spanner.InstanceConfig(
            n, name="custom-itabashi", display_name="itabashi", base_config="regional-asia-northeast1",
            replicas=[{"location": "asia-northeast1", "type": "READ_WRITE", "default_leader_location": True},
                      {"location": "asia-northeast2", "type": "READ_ONLY"}], labels=labels, opts=opts)),
        # non-compliant
        ("spanner-instance-asia1", {"GOV-REG-002"}, lambda n: gcp.spanner.Instance(
            n, config="asia1", display_name="itabashi-multi", num_nodes=1, labels=labels, opts=opts)),
        ("spanner-config-replica-seoul", {"GOV-REG-002"}, lambda n: gcp.spanner.InstanceConfig(
            n, name="custom-itabashi-seoul", display_name="itabashi", base_config="regional-asia-northeast1",
            replicas=[{"location": "asia-northeast1", "type": "READ_WRITE", "default_leader_location": True},
                      {"location": "asia-northeast3", "type": "READ_ONLY"}], labels=labels, opts=opts)),
        ("bigtable-cluster-abroad", {"GOV-REG-002"}, lambda n: gcp.bigtable.Instance(
            n, deletion_protection=True, labels=labels, opts=opts, clusters=[
                {"cluster_id": f"{n}-tokyo", "zone": f"{TOKYO}-a", "kms_key_name": key},
                {"cluster_id": f"{n}-us", "zone": "us-central1-b", "kms_key_name": key}])),
        ("bigtable-one-cluster-google-key", {"GOV-ENC-007"}, lambda n: gcp.bigtable.Instance(
            n, deletion_protection=True, labels=labels, opts=opts, clusters=[
                {"cluster_id": f"{n}-tokyo", "zone": f"{TOKYO}-a", "kms_key_name": key},
                {"cluster_id": f"{n}-osaka", "zone": "asia-northeast2-a"}])),
        ("dataset-google-key", {"GOV-ENC-007"}, lambda n: dataset(n)),
        ("redis-plain", {"GOV-ENC-007", "GOV-TLS-004"}, lambda n: redis(n)),
        ("spanner-google-key", {"GOV-ENC-007"}, lambda n: spanner(n)),
        ("secret-one-replica-google-key", {"GOV-ENC-007"}, lambda n: secret(n, replication={"user_managed": {
            "replicas": [tokyo_replica, {"location": "asia-northeast2"}]}})),
        ("topic-google-key", {"GOV-ENC-007"}, lambda n: gcp.pubsub.Topic(
            n, labels=labels, opts=opts, message_storage_policy={"allowed_persistence_regions": [TOKYO]})),
    ]
