"""A vendor points the account's default EBS key at the mynumber layer's key: every other
layer's new volume would then be encrypted with mynumber's key."""
import pulumi
import pulumi_aws as aws

STACK = "minato"
FAMILY = "account"
EXPECTED = {"GOV-ACCT-001"}


def extra(model, component):
    key = component.parts["encryption"].keys["mynumber"]
    aws.ebs.DefaultKmsKey("131032-minato-vendor-ebs-default", key_arn=key.arn,
                          opts=pulumi.ResourceOptions(provider=component.parts["provider"]))
