"""Someone attaches an internet gateway to the mynumber VPC. It carries no Layer tag of its
own: the rule finds its layer through the VPC it attaches to."""
import pulumi
import pulumi_aws as aws

STACK = "minato"
FAMILY = "isolation"
EXPECTED = {"GOV-ISO-001", "GOV-TAG-001"}


def extra(model, component):
    vpc = component.parts["segments"].segments["mynumber"].vpc
    aws.ec2.InternetGateway("131032-minato-rogue-gw", vpc_id=vpc.id, tags={"Name": "rogue"},
                            opts=pulumi.ResourceOptions(provider=component.parts["provider"]))
