"""EncryptionBaseline: a customer-managed KMS key per layer and, where the tenancy owns the
account (operatingModel: single), the account-wide settings: EBS encryption by default
with a dedicated account-default key (never a layer's: a volume of another layer would be
encrypted with mynumber's key), and the account's S3 public access block. Under
`shared` the account is someone else's, so nothing account-wide changes; GOV-ACCT-002
reports what the account owner must set."""
from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from clouds.aws.components.tags import SHARED, aws_tags
from network.model import NetworkModel

KEY_DELETION_WINDOW_DAYS = 30


KEY_USE = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]


def _administers(account_id: str) -> dict:
    return {"Sid": "AccountAdministers", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
            "Action": "kms:*", "Resource": "*"}


def key_policy(account_id: str, region: str) -> str:
    """A layer key: administration by the account only; VPC flow-log delivery may use the
    key for this account's logs only."""
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            _administers(account_id),
            {"Sid": "FlowLogDelivery", "Effect": "Allow", "Principal": {"Service": "delivery.logs.amazonaws.com"},
             "Action": KEY_USE, "Resource": "*",
             "Condition": {"StringEquals": {"aws:SourceAccount": account_id},
                           "ArnLike": {"aws:SourceArn": f"arn:aws:logs:{region}:{account_id}:*"}}},
        ],
    }, sort_keys=True)


def account_default_key_policy(account_id: str) -> str:
    """The account's default EBS key: the two statements Amazon EC2 Auto Scaling's
    service-linked role needs to launch instances with volumes under a customer managed
    key ("Required AWS KMS key policy for use with encrypted volumes", EC2 Auto Scaling
    User Guide): key use, and CreateGrant only for AWS resources."""
    role = f"arn:aws:iam::{account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            _administers(account_id),
            {"Sid": "AutoScalingUsesTheKey", "Effect": "Allow", "Principal": {"AWS": [role]}, "Action": KEY_USE,
             "Resource": "*"},
            {"Sid": "AutoScalingAttachesPersistentResources", "Effect": "Allow", "Principal": {"AWS": [role]},
             "Action": ["kms:CreateGrant"], "Resource": "*",
             "Condition": {"Bool": {"kms:GrantIsForAWSResource": True}}},
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
        if model.spec.operating_model == "single":
            account_wide_settings(name, model.spec.stack, account_id, child,
                                  secondary_region=model.spec.secondary_region)
        self.key_arns = {layer: key.arn for layer, key in self.keys.items()}
        self.register_outputs({"keyArns": self.key_arns, "layer": SHARED})


def account_wide_settings(name: str, stack: str, account_id, opts: pulumi.ResourceOptions,
                          label: str | None = None, secondary_region: str | None = None) -> None:
    """EBS encryption by default under a dedicated account-default key, and the account's
    S3 public access block: only where the tenancy owns the account (operatingModel:
    single), in the network account and in each system account through its provider.
    EBS encryption by default and its key are per region: the declared secondary region
    gets its own (pulumi-aws 7 `region`: "Region where this resource will be managed.
    Defaults to the Region set in the provider configuration."), so a volume a vendor
    creates in Osaka is encrypted too, and drift reads the setting there."""
    parent = opts.parent
    child = pulumi.ResourceOptions(parent=parent)
    policy = pulumi.Output.from_input(account_id).apply(account_default_key_policy)
    for region in (None, secondary_region) if secondary_region else (None,):
        suffix, where = (f"-{region}", {"region": region}) if region else ("", {})
        default_key = aws.kms.Key(
            f"{name}-account-default{suffix}", description=f"govcloud {stack} account default (EBS)",
            enable_key_rotation=True, deletion_window_in_days=KEY_DELETION_WINDOW_DAYS, policy=policy,
            tags=aws_tags(SHARED, "EncryptionBaseline", f"{label or stack}-account-default-key{suffix}"),
            opts=pulumi.ResourceOptions(parent=parent, protect=True, retain_on_delete=True), **where)
        aws.kms.Alias(f"{name}-account-default-alias{suffix}", name=f"alias/govcloud/{stack}/account-default",
                      target_key_id=default_key.key_id, opts=child, **where)
        aws.ebs.EncryptionByDefault(f"{name}-ebs-default{suffix}", enabled=True, opts=child, **where)
        aws.ebs.DefaultKmsKey(f"{name}-ebs-default-key{suffix}", key_arn=default_key.arn, opts=child, **where)
    aws.s3.AccountPublicAccessBlock(f"{name}-s3-public-access", block_public_acls=True,
                                    block_public_policy=True, ignore_public_acls=True,
                                    restrict_public_buckets=True, opts=child)
