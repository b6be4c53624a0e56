"""Google Cloud bindings that publish data to everyone (GOV-DATA-004; session 19's held-out
probe): allUsers and allAuthenticatedUsers on buckets, keys, topics, datasets and projects,
through members, bindings and whole policies; built with the real SDK classes."""
import json

import pulumi_gcp as gcp

KEY = "projects/itabashi-net/locations/asia-northeast1/keyRings/lgwan/cryptoKeys/data"
GROUP = "group:itabashi-lgwan-ops@city.itabashi.lg.jp"


def entries(key, opts, labels):
    """(name, the rules it must break, a function that builds it)."""
    viewer = "roles/storage.objectViewer"
    return [
        ("pub-bucket-all-users", {"GOV-DATA-004"}, lambda n: gcp.storage.BucketIAMMember(
            n, bucket="itabashi-app", role=viewer, member="allUsers", opts=opts)),
        ("pub-bucket-group", set(), lambda n: gcp.storage.BucketIAMMember(
            n, bucket="itabashi-app", role=viewer, member=GROUP, opts=opts)),
        ("pub-bucket-binding-all-authenticated", {"GOV-DATA-004"}, lambda n: gcp.storage.BucketIAMBinding(
            n, bucket="itabashi-app", role=viewer, members=[GROUP, "allAuthenticatedUsers"], opts=opts)),
        ("pub-bucket-policy-all-users", {"GOV-DATA-004"}, lambda n: gcp.storage.BucketIAMPolicy(
            n, bucket="itabashi-app", opts=opts, policy_data=json.dumps({"bindings": [
                {"role": viewer, "members": ["allUsers"]}]}))),
        ("pub-key-all-users", {"GOV-DATA-004"}, lambda n: gcp.kms.CryptoKeyIAMMember(
            n, crypto_key_id=KEY, role="roles/cloudkms.cryptoKeyEncrypterDecrypter", member="allUsers", opts=opts)),
        ("pub-topic-all-users", {"GOV-DATA-004"}, lambda n: gcp.pubsub.TopicIAMMember(
            n, topic="events", role="roles/pubsub.subscriber", member="allUsers", opts=opts)),
        ("pub-dataset-all-authenticated", {"GOV-DATA-004"}, lambda n: gcp.bigquery.DatasetIamMember(
            n, dataset_id="itabashi_core", role="roles/bigquery.dataViewer", member="allAuthenticatedUsers",
            opts=opts)),
        ("pub-project-all-authenticated", {"GOV-DATA-004"}, lambda n: gcp.projects.IAMMember(
            n, project="itabashi-vendor", role="roles/viewer", member="allAuthenticatedUsers", opts=opts)),
        ("pub-project-service-account", set(), lambda n: gcp.projects.IAMMember(
            n, project="itabashi-vendor", role="roles/viewer",
            member="serviceAccount:batch@itabashi-vendor.iam.gserviceaccount.com", opts=opts)),
    ]
