"""Google Cloud bindings that publish data to everyone (GOV-DATA-004; session 19's held-out
probe): allUsers and allAuthenticatedUsers on buckets, keys, topics, datasets and projects,
through members, bindings and whole policies, and Cloud Storage ACLs (session 20); built with the
real SDK classes."""
import json

import pulumi_gcp as gcp

KEY = "projects/itabashi-net/locations/asia-northeast1/keyRings/lgwan/cryptoKeys/data"
GROUP = "group:itabashi-lgwan-ops@city.itabashi.lg.jp"
ACL_GROUP = "group-itabashi-lgwan-ops@city.itabashi.lg.jp"  # an ACL entity: group-<email>


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
        # Cloud Storage ACLs (beside IAM): an entity, a role/entity pair or a predefined ACL naming everyone
        ("pub-bucket-acl-all-users", {"GOV-DATA-004"}, lambda n: gcp.storage.BucketAccessControl(
            n, bucket="itabashi-app", entity="allUsers", role="READER", opts=opts)),
        ("pub-bucket-acl-group", set(), lambda n: gcp.storage.BucketAccessControl(
            n, bucket="itabashi-app", entity=ACL_GROUP, role="READER", opts=opts)),
        ("pub-default-object-acl-all-users", {"GOV-DATA-004"}, lambda n: gcp.storage.DefaultObjectAccessControl(
            n, bucket="itabashi-app", entity="allUsers", role="READER", opts=opts)),
        ("pub-default-object-acl-group", set(), lambda n: gcp.storage.DefaultObjectAccessControl(
            n, bucket="itabashi-app", entity=ACL_GROUP, role="READER", opts=opts)),
        ("pub-object-acl-all-authenticated", {"GOV-DATA-004"}, lambda n: gcp.storage.ObjectAccessControl(
            n, bucket="itabashi-app", object="report.csv", entity="allAuthenticatedUsers", role="READER", opts=opts)),
        ("pub-object-acl-group", set(), lambda n: gcp.storage.ObjectAccessControl(
            n, bucket="itabashi-app", object="report.csv", entity=ACL_GROUP, role="READER", opts=opts)),
        ("pub-bucket-acl-role-entities", {"GOV-DATA-004"}, lambda n: gcp.storage.BucketACL(
            n, bucket="itabashi-app", role_entities=[f"OWNER:{ACL_GROUP}", "READER:allUsers"], opts=opts)),
        ("pub-bucket-acl-private", set(), lambda n: gcp.storage.BucketACL(
            n, bucket="itabashi-app", predefined_acl="projectPrivate", opts=opts)),
        ("pub-default-object-acl-role-entities", {"GOV-DATA-004"}, lambda n: gcp.storage.DefaultObjectACL(
            n, bucket="itabashi-app", role_entities=["READER:allAuthenticatedUsers"], opts=opts)),
        ("pub-default-object-acl-owner", set(), lambda n: gcp.storage.DefaultObjectACL(
            n, bucket="itabashi-app", role_entities=[f"OWNER:{ACL_GROUP}"], opts=opts)),
        ("pub-object-acl-public-read", {"GOV-DATA-004"}, lambda n: gcp.storage.ObjectACL(
            n, bucket="itabashi-app", object="report.csv", predefined_acl="publicRead", opts=opts)),
        ("pub-object-acl-private", set(), lambda n: gcp.storage.ObjectACL(
            n, bucket="itabashi-app", object="report.csv", predefined_acl="private", opts=opts)),
        ("pub-project-service-account", set(), lambda n: gcp.projects.IAMMember(
            n, project="itabashi-vendor", role="roles/viewer",
            member="serviceAccount:batch@itabashi-vendor.iam.gserviceaccount.com", opts=opts)),
    ]
