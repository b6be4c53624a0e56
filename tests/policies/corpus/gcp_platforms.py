"""Google Cloud platforms vendors add around the data services (session 13's probe):
clusters, serverless, pipelines and ML, each where it runs and with the key it is given,
built with the real SDK classes. None is judged by an encryption rule of its own type; what
they must break is where they run (GOV-REG-002) and, for Cloud SQL without TLS, GOV-TLS-004."""
import pulumi_gcp as gcp

TOKYO = "asia-northeast1"


def entries(key, opts, labels):
    """(name, the rules it must break, a function that builds it)."""
    def gke(n, location, **more):
        return gcp.container.Cluster(n, location=location, initial_node_count=1, resource_labels=labels,
                                     deletion_protection=False, opts=opts, **more)

    secrets_cmek = {"state": "ENCRYPTED", "key_name": key}
    return [
        ("gke-secrets-cmek", set(), lambda n: gke(n, TOKYO, database_encryption=secrets_cmek)),
        ("gke-us", {"GOV-REG-002"}, lambda n: gke(n, "us-central1", database_encryption=secrets_cmek)),
        ("run-v2", set(), lambda n: gcp.cloudrunv2.Service(n, location=TOKYO, labels=labels, opts=opts, template={
            "containers": [{"image": "asia-northeast1-docker.pkg.dev/itabashi/app/web"}], "encryption_key": key})),
        ("run-v2-us", {"GOV-REG-002"}, lambda n: gcp.cloudrunv2.Service(
            n, location="us-central1", labels=labels, opts=opts,
            template={"containers": [{"image": "app"}], "encryption_key": key})),
        ("function-v2", set(), lambda n: gcp.cloudfunctionsv2.Function(n, location=TOKYO, kms_key_name=key,
                                                                        labels=labels, opts=opts)),
        ("function-v2-eu", {"GOV-REG-002"}, lambda n: gcp.cloudfunctionsv2.Function(
            n, location="europe-west1", kms_key_name=key, labels=labels, opts=opts)),
        ("dataflow-job", set(), lambda n: gcp.dataflow.Job(
            n, template_gcs_path="gs://itabashi-templates/job", temp_gcs_location="gs://itabashi-templates/tmp",
            region=TOKYO, kms_key_name=key, labels=labels, opts=opts)),
        ("composer-us", {"GOV-REG-002"}, lambda n: gcp.composer.Environment(
            n, region="us-east1", labels=labels, config={"encryption_config": {"kms_key_name": key}}, opts=opts)),
        ("vertex-dataset", set(), lambda n: gcp.vertex.AiDataset(
            n, display_name="images", region=TOKYO, encryption_spec={"kms_key_name": key}, labels=labels, opts=opts,
            metadata_schema_uri="gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml")),
        ("sql-without-tls", {"GOV-TLS-004"}, lambda n: gcp.sql.DatabaseInstance(
            n, region=TOKYO, database_version="POSTGRES_15", encryption_key_name=key, deletion_protection=True,
            settings={"tier": "db-custom-2-7680", "user_labels": labels}, opts=opts)),
        ("bucket-lowercase-region", set(), lambda n: gcp.storage.Bucket(
            n, name=n, location=TOKYO, encryption={"default_kms_key_name": key}, uniform_bucket_level_access=True,
            labels=labels, opts=opts)),
        ("registry-us", {"GOV-REG-002"}, lambda n: gcp.artifactregistry.Repository(
            n, location="us", repository_id="images", format="DOCKER", kms_key_name=key, labels=labels, opts=opts)),
        ("subscription", set(), lambda n: gcp.pubsub.Subscription(
            n, topic="projects/itabashi-gov-network/topics/events", labels=labels, opts=opts)),
        ("workflow-eu", {"GOV-REG-002"}, lambda n: gcp.workflows.Workflow(
            n, region="europe-west1", crypto_key_name=key, source_contents="main: {}", labels=labels, opts=opts)),
    ]
