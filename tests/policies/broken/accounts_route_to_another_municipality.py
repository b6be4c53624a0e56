"""共同利用方式: a route in 港区's mynumber table towards another municipality's block (世田谷区's
10.13.32.0/26, in a vendor account both use)."""
import pulumi
import pulumi_aws as aws

STACK = "minato"
FAMILY = "accounts"
EXPECTED = {"GOV-ACCT-005", "GOV-ISO-005"}  # it is not a declared flow either


def extra(model, component):
    hub = component.parts["hub"]
    aws.ec2transitgateway.Route("131032-minato-route-to-setagaya", destination_cidr_block="10.13.32.0/26",
                                transit_gateway_route_table_id=hub.tables["mynumber"].id,
                                transit_gateway_attachment_id=hub.attachments["mynumber"].id,
                                opts=pulumi.ResourceOptions(provider=component.parts["provider"]))
