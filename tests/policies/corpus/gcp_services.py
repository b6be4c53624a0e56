"""Google Cloud managed data services vendors add (GOV-ENC-007, GOV-TLS-004): compliant
resources and the ways they go wrong, built with the real SDK classes."""
import pulumi
import pulumi_gcp as gcp

TOKYO = "asia-northeast1"


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
    return [
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
