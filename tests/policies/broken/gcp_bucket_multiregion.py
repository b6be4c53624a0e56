"""A Cloud Storage bucket in the ASIA multi-region, otherwise compliant (CMEK, labels)."""
import pulumi
import pulumi_gcp as gcp

STACK = "itabashi"
FAMILY = "region"
EXPECTED = {"GOV-REG-002"}


def extra(model, component):
    key = component.parts["cmek"].key_ids["lgwan"]
    gcp.storage.Bucket("131199-itabashi-vendor-exports", name="itabashi-vendor-exports", location="ASIA",
                       encryption={"default_kms_key_name": key}, uniform_bucket_level_access=True,
                       labels={"layer": "lgwan", "component": "vendoraddition"},
                       opts=pulumi.ResourceOptions(provider=component.parts["provider"]))
