"""Google Cloud resources that name a place abroad by a resource path in an input no rule was
written for: a dataset's, topic's or disk's key in a key ring abroad, a service's connector in
another region (GOV-REG-003 by property, policies/rules/places.py; session 20's held-out
probe). Built with the real SDK classes."""
import pulumi_gcp as gcp

from tests.policies.corpus import TOKYO

#: a key in the `us` multi-region: pulumi_gcp bigquery.Dataset kms_key_name "Describes the
#: Cloud KMS encryption key that will be used to protect destination BigQuery table"
KEY_US = "projects/itabashi-vendor/locations/us/keyRings/app/cryptoKeys/app"
IMAGE = "asia-northeast1-docker.pkg.dev/itabashi/app/web"


def entries(key, opts, labels):
    """(name, the rules it must break, a function that builds it)."""
    def dataset(n, dataset_key):
        return gcp.bigquery.Dataset(n, dataset_id=n.replace("-", "_"), location=TOKYO, labels=labels, opts=opts,
                                    default_encryption_configuration={"kms_key_name": dataset_key})

    def run(n, connector):
        return gcp.cloudrunv2.Service(n, location=TOKYO, ingress="INGRESS_TRAFFIC_INTERNAL_ONLY", labels=labels,
                                      deletion_protection=False, opts=opts, template={
                                          "containers": [{"image": IMAGE}], "encryption_key": key,
                                          "vpc_access": {"connector": connector, "egress": "ALL_TRAFFIC"}})
    return [
        ("p-dataset-key-abroad", {"GOV-REG-003"}, lambda n: dataset(n, KEY_US)),
        ("p-dataset", set(), lambda n: dataset(n, key)),
        ("p-topic-key-abroad", {"GOV-REG-003"}, lambda n: gcp.pubsub.Topic(
            n, kms_key_name=KEY_US, labels=labels, opts=opts,
            message_storage_policy={"allowed_persistence_regions": [TOKYO]})),
        ("p-disk-key-abroad", {"GOV-REG-003"}, lambda n: gcp.compute.Disk(
            n, zone=f"{TOKYO}-a", size=10, labels=labels, opts=opts,
            disk_encryption_key={"kms_key_self_link": KEY_US.replace("/us/", "/us-central1/")})),
        ("p-service-connector-abroad", {"GOV-REG-003"}, lambda n: run(
            n, "projects/itabashi-vendor/locations/us-central1/connectors/app")),
        ("p-service-connector", set(), lambda n: run(n, f"projects/itabashi-vendor/locations/{TOKYO}/connectors/app")),
    ]
