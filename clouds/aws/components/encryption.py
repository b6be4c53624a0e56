"""EncryptionBaseline: a customer-managed KMS key per layer, EBS default encryption and
the account-level S3 public access block."""
from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from clouds.aws.components.tags import SHARED, aws_tags
from network.model import NetworkModel

KEY_DELETION_WINDOW_DAYS = 30


def key_policy(account_id: str, region: str) -> str:
    """Administration by the account only; VPC flow-log delivery may use the key for this
    account's logs only."""
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "AccountAdministers", "Effect": "Allow",
             "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"}, "Action": "kms:*", "Resource": "*"},
            {"Sid": "FlowLogDelivery", "Effect": "Allow", "Principal": {"Service": "delivery.logs.amazonaws.com"},
             "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
             "Resource": "*",
             "Condition": {"StringEquals": {"aws:SourceAccount": account_id},
                           "ArnLike": {"aws:SourceArn": f"arn:aws:logs:{region}:{account_id}:*"}}},
        ],
    }, sort_keys=True)


class EncryptionBaseline(pulumi.ComponentResource):
    TYPE = "govcloud:aws:EncryptionBaseline"

    def __init__(self, name: str, model: NetworkModel, opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        region = model.spec.primary_region
        account_id = aws.get_caller_identity_output(opts=pulumi.InvokeOutputOptions(parent=self)).account_id
        self.keys: dict[str, aws.kms.Key] = {}
        for routing in model.routing:
            layer = routing.layer
            key = aws.kms.Key(
                f"{name}-{layer}",
                description=f"govcloud {model.spec.stack} layer {layer} ({routing.layer})",
                enable_key_rotation=True,
                deletion_window_in_days=KEY_DELETION_WINDOW_DAYS,
                policy=account_id.apply(lambda acct: key_policy(acct, region)),
                tags=aws_tags(layer, "EncryptionBaseline", f"{model.spec.stack}-{layer}-key"),
                opts=pulumi.ResourceOptions(parent=self, protect=True, retain_on_delete=True),
            )
            aws.kms.Alias(f"{name}-{layer}-alias", name=f"alias/govcloud/{model.spec.stack}/{layer}",
                          target_key_id=key.key_id, opts=child)
            self.keys[layer] = key
        # The account has one default EBS key: the strictest enabled layer's. Volumes of
        # other layers name their layer's key explicitly (see docs/aws.md).
        default_layer = model.routing[0].layer
        aws.ebs.EncryptionByDefault(f"{name}-ebs-default", enabled=True, opts=child)
        aws.ebs.DefaultKmsKey(f"{name}-ebs-default-key", key_arn=self.keys[default_layer].arn, opts=child)
        aws.s3.AccountPublicAccessBlock(f"{name}-s3-public-access", block_public_acls=True,
                                        block_public_policy=True, ignore_public_acls=True,
                                        restrict_public_buckets=True, opts=child)
        self.key_arns = {layer: key.arn for layer, key in self.keys.items()}
        self.register_outputs({"keyArns": self.key_arns, "layer": SHARED})
