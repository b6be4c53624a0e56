"""Google Cloud resources vendors' workloads add (session 19's held-out probe): GKE with
and without its Secrets under the layer's key, Dataproc and Dataflow over the resident data,
and the SSL policies of the load balancers clients connect through (a proxy without one has
Google's default, TLS 1.0), built with the real SDK classes."""
import pulumi_gcp as gcp

from tests.policies.corpus import TOKYO


PROJECT = "projects/itabashi-app"
CERTIFICATE = f"{PROJECT}/global/sslCertificates/www"


def entries(key, opts, labels):
    """(name, the rules it must break, a function that builds it)."""
    def https_proxy(n, **policy):
        return gcp.compute.TargetHttpsProxy(n, url_map=f"{PROJECT}/global/urlMaps/app", ssl_certificates=[CERTIFICATE],
                                            opts=opts, **policy)

    def ssl_proxy(n, **policy):
        return gcp.compute.TargetSSLProxy(n, backend_service=f"{PROJECT}/global/backendServices/app",
                                          ssl_certificates=[CERTIFICATE], opts=opts, **policy)

    def region_proxy(n, **policy):
        regional = f"{PROJECT}/regions/{TOKYO}"
        return gcp.compute.RegionTargetHttpsProxy(n, region=TOKYO, url_map=f"{regional}/urlMaps/app", opts=opts,
                                                  ssl_certificates=[f"{regional}/sslCertificates/www"], **policy)

    def gke(n, **more):
        return gcp.container.Cluster(n, location=TOKYO, initial_node_count=1, resource_labels=labels,
                                     deletion_protection=False, opts=opts,
                                     private_cluster_config={"enable_private_nodes": True,
                                                             "enable_private_endpoint": True,
                                                             "master_ipv4_cidr_block": "172.16.0.48/28"}, **more)

    def dataproc(n, **config):
        return gcp.dataproc.Cluster(n, region=TOKYO, labels=labels, opts=opts,
                                    cluster_config={"gce_cluster_config": {"internal_ip_only": True}, **config})

    def dataflow(n, **more):
        return gcp.dataflow.Job(n, template_gcs_path="gs://itabashi-templates/batch",
                                temp_gcs_location="gs://itabashi-templates/tmp", region=TOKYO, labels=labels,
                                ip_configuration="WORKER_IP_PRIVATE", opts=opts, **more)

    def notebook(n, **boot):
        return gcp.workbench.Instance(n, location=f"{TOKYO}-a", labels=labels, opts=opts,
                                      gce_setup={"disable_public_ip": True, "boot_disk": boot or None})

    return [
        ("notebook-cmek", set(), lambda n: notebook(n, disk_encryption="CMEK", kms_key=key)),
        ("notebook-google-key", {"GOV-ENC-007"}, lambda n: notebook(n)),
        ("ml-dataset-google-key", {"GOV-ENC-007"}, lambda n: gcp.vertex.AiDataset(
            n, display_name="forms", region=TOKYO, labels=labels, opts=opts,
            metadata_schema_uri="gs://google-cloud-aiplatform/schema/dataset/metadata/image_1.0.0.yaml")),
        # the node disks' key alone leaves the Secrets under Google's (DECRYPTED is the default)
        ("gke-node-key-only", {"GOV-ENC-007"}, lambda n: gke(n, node_config={"boot_disk_kms_key": key})),
        ("gke-secrets-decrypted", {"GOV-ENC-007"}, lambda n: gke(n, database_encryption={"state": "DECRYPTED"})),
        ("dataproc-key", set(), lambda n: dataproc(n, encryption_config={"kms_key_name": key})),
        ("dataproc-google-key", {"GOV-ENC-007"}, lambda n: dataproc(n)),
        ("dataflow-google-key", {"GOV-ENC-007"}, lambda n: dataflow(n)),
        # workers with external addresses in a closed layer (GOV-ISO-001)
        ("dataproc-lgwan-external-ips", {"GOV-ISO-001"}, lambda n: gcp.dataproc.Cluster(
            n, region=TOKYO, labels=labels, opts=opts, cluster_config={"encryption_config": {"kms_key_name": key}})),
        ("dataflow-public-workers", {"GOV-ISO-001"}, lambda n: gcp.dataflow.Job(
            n, template_gcs_path="gs://itabashi-templates/batch", temp_gcs_location="gs://itabashi-templates/tmp",
            region=TOKYO, labels=labels, kms_key_name=key, ip_configuration="WORKER_IP_PUBLIC", opts=opts)),
        ("ssl-policy-tls12", set(), lambda n: gcp.compute.SSLPolicy(n, min_tls_version="TLS_1_2", profile="MODERN",
                                                                    opts=opts)),
        ("ssl-policy-default", {"GOV-TLS-004"}, lambda n: gcp.compute.SSLPolicy(n, profile="COMPATIBLE", opts=opts)),
        ("region-ssl-policy-tls11", {"GOV-TLS-004"}, lambda n: gcp.compute.RegionSslPolicy(
            n, region=TOKYO, min_tls_version="TLS_1_1", opts=opts)),
        ("region-ssl-policy-tls13", set(), lambda n: gcp.compute.RegionSslPolicy(
            n, region=TOKYO, min_tls_version="TLS_1_3", profile="RESTRICTED", opts=opts)),
        # a proxy without an SSL policy has Google's default one (TLS 1.0, COMPATIBLE)
        ("https-proxy-default-policy", {"GOV-TLS-004"}, lambda n: https_proxy(n)),
        ("https-proxy-tls12", set(), lambda n: https_proxy(n, ssl_policy=f"{PROJECT}/global/sslPolicies/tls12")),
        ("ssl-proxy-default-policy", {"GOV-TLS-004"}, lambda n: ssl_proxy(n)),
        ("ssl-proxy-tls12", set(), lambda n: ssl_proxy(n, ssl_policy=f"{PROJECT}/global/sslPolicies/tls12")),
        ("region-https-proxy-default-policy", {"GOV-TLS-004"}, lambda n: region_proxy(n)),
        ("region-https-proxy-tls13", set(), lambda n: region_proxy(
            n, ssl_policy=f"{PROJECT}/regions/{TOKYO}/sslPolicies/tls13")),
    ]
