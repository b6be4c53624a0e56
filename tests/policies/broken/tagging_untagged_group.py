"""A security group without a Layer tag (the provider still adds MunicipalityCode)."""
import pulumi
import pulumi_aws as aws

STACK = "setagaya"
FAMILY = "tagging"
EXPECTED = {"GOV-TAG-001"}


def extra(model, component):
    vpc = component.parts["segments"].segments["lgwan"].vpc
    aws.ec2.SecurityGroup("131121-setagaya-app-sg", vpc_id=vpc.id,
                          ingress=[{"protocol": "tcp", "from_port": 443, "to_port": 443,
                                    "cidr_blocks": ["10.13.36.0/22"]}],
                          tags={"Name": "app"}, opts=pulumi.ResourceOptions(provider=component.parts["provider"]))
