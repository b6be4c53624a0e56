"""A transit route that sends the internet layer into the mynumber block."""
import pulumi
import pulumi_aws as aws

STACK = "minato"
FAMILY = "isolation"
EXPECTED = {"GOV-ISO-005", "GOV-ISO-006"}


def extra(model, component):
    hub = component.parts["hub"]
    aws.ec2transitgateway.Route("131032-minato-rogue-route", destination_cidr_block="10.13.17.0/24",
                                transit_gateway_route_table_id=hub.tables["internet"].id,
                                transit_gateway_attachment_id=hub.attachments["mynumber"].id,
                                opts=pulumi.ResourceOptions(provider=component.parts["provider"]))
