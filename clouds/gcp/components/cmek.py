"""Cmek: a KMS key ring in the primary (domestic) region, one crypto key per layer
(rotation ≤ 90 days, protected), and per layer a Cloud Logging bucket encrypted with the
layer's key that receives the layer's VPC flow logs through a sink."""
from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from clouds.gcp.components.naming import gname
from clouds.gcp.components.labels import gcp_labels
from network.model import NetworkModel

COMPONENT = "Cmek"
ROTATION_SECONDS = 90 * 24 * 3600
DESTROY_SCHEDULED_SECONDS = 30 * 24 * 3600


class Cmek(pulumi.ComponentResource):
    TYPE = "govcloud:gcp:Cmek"

    def __init__(self, name: str, model: NetworkModel, opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        spec = model.spec
        project, region = spec.gcp_project, spec.primary_region
        keep = pulumi.ResourceOptions(parent=self, protect=True)
        self.ring = gcp.kms.KeyRing(name, name=gname(model, "keyring"), location=region, project=project, opts=keep)
        # the Log Router's service account, as Logging names it: "Use v2.getCmekSettings to
        # obtain the service account ID" (pulumi-gcp logging.get_project_cmek_settings)
        logging_account = gcp.logging.get_project_cmek_settings_output(
            project=project, opts=pulumi.InvokeOptions(parent=self)).service_account_id
        self.keys: dict[str, gcp.kms.CryptoKey] = {}
        self.log_buckets: dict[str, str] = {}
        for routing in model.routing:
            layer = routing.layer
            key = gcp.kms.CryptoKey(
                f"{name}-{layer}", name=gname(model, layer), key_ring=self.ring.id, purpose="ENCRYPT_DECRYPT",
                rotation_period=f"{ROTATION_SECONDS}s", destroy_scheduled_duration=f"{DESTROY_SCHEDULED_SECONDS}s",
                labels=gcp_labels(model, layer, COMPONENT), opts=pulumi.ResourceOptions(parent=self.ring, protect=True))
            self.keys[layer] = key
            grant = gcp.kms.CryptoKeyIAMMember(
                f"{name}-{layer}-logging", crypto_key_id=key.id, role="roles/cloudkms.cryptoKeyEncrypterDecrypter",
                member=logging_account.apply(lambda account: f"serviceAccount:{account}"),
                opts=pulumi.ResourceOptions(parent=key))
            bucket_id = gname(model, layer, "flowlogs")
            bucket = gcp.logging.ProjectBucketConfig(
                f"{name}-{layer}-flowlogs", project=project, location=region, bucket_id=bucket_id,
                retention_days=400, cmek_settings={"kms_key_name": key.id},
                opts=pulumi.ResourceOptions(parent=key, protect=True, retain_on_delete=True, depends_on=[grant]))
            self.log_buckets[layer] = f"logging.googleapis.com/projects/{project}/locations/{region}/buckets/{bucket_id}"
            subnets = " OR ".join(f'resource.labels.subnetwork_name="{gname(model, layer, r)}"' for r in spec.regions)
            gcp.logging.ProjectSink(
                f"{name}-{layer}-flowlogs-sink", name=gname(model, layer, "flowlogs-sink"), project=project,
                destination=self.log_buckets[layer], unique_writer_identity=True,
                filter=f'log_id("compute.googleapis.com/vpc_flows") AND ({subnets})',
                opts=pulumi.ResourceOptions(parent=bucket))
        self.key_ids = {layer: key.id for layer, key in self.keys.items()}
        self.register_outputs({"keyRingId": self.ring.id, "cryptoKeyIds": self.key_ids})
