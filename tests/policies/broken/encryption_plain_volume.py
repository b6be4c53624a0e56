"""An unencrypted EBS volume in the mynumber layer."""
import pulumi
import pulumi_aws as aws

STACK = "minato"
FAMILY = "encryption-at-rest"
EXPECTED = {"GOV-ENC-001"}


def extra(model, component):
    aws.ebs.Volume("131032-minato-vendor-data", availability_zone="ap-northeast-1a", size=100, encrypted=False,
                   tags={"Layer": "mynumber", "Component": "VendorAddition", "Name": "data"},
                   opts=pulumi.ResourceOptions(provider=component.parts["provider"]))
