"""A log bucket created in us-east-1 (per-resource region), otherwise compliant."""
import json

import pulumi
import pulumi_aws as aws

STACK = "minato"
FAMILY = "region"
EXPECTED = {"GOV-REG-001"}


def extra(model, component):
    key = component.parts["encryption"].key_arns["mynumber"]
    tags = {"Layer": "mynumber", "Component": "VendorAddition", "Name": "abroad"}
    bucket = aws.s3.Bucket("131032-minato-vendor-abroad", bucket="minato-vendor-abroad", region="us-east-1",
                           tags=tags, opts=pulumi.ResourceOptions(provider=component.parts["provider"]))
    opts = pulumi.ResourceOptions(provider=component.parts["provider"])
    aws.s3.BucketServerSideEncryptionConfiguration(
        "131032-minato-vendor-abroad-sse", bucket=bucket.id, region="us-east-1",
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key}}],
        opts=opts)
    aws.s3.BucketPolicy("131032-minato-vendor-abroad-policy", bucket=bucket.id, region="us-east-1", opts=opts,
                        policy=bucket.arn.apply(lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [
                            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [arn, f"{arn}/*"],
                             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})))
