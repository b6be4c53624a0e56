"""A plain-HTTP load balancer listener in the internet layer."""
import pulumi
import pulumi_aws as aws

STACK = "minato"
FAMILY = "encryption-in-transit"
EXPECTED = {"GOV-TLS-002"}


def extra(model, component):
    aws.lb.Listener("131032-minato-vendor-web", port=80, protocol="HTTP",
                    load_balancer_arn="arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/web/1",
                    default_actions=[{"type": "forward",
                                      "target_group_arn": "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:"
                                                          "targetgroup/web/1"}],
                    tags={"Layer": "internet", "Component": "VendorAddition", "Name": "web"},
                    opts=pulumi.ResourceOptions(provider=component.parts["provider"]))
