"""TransitHub: the transit gateway and two route tables per layer, so the layers never
share a table and every path between them is a declared flow.

- `<layer>`: associated with the layer's VPC attachment. It learns the layer's on-prem
  prefixes by BGP from that layer's Direct Connect gateway and VPN attachments only (the
  transit gateway prefers Direct Connect routes over VPN routes for one prefix, so the VPN
  is the backup, and a prefix withdrawn with the VIFs falls back to it). Other layers'
  blocks and on-prem prefixes are blackholed, except the far ends of declared flows;
  the closed layers also blackhole the default route. A flow to another layer's cloud
  system is a static route to that layer's VPC attachment. A flow to another layer's
  on-prem prefix goes through the data center: its firewall leaks that prefix into this
  layer's VRF, and the route arrives by BGP like any other.
- `<layer>-dc`: associated with the layer's Direct Connect gateway and VPN attachments,
  it holds only the layer's VPC (propagated), so the data center reaches this layer and
  nothing else over this layer's sessions, and the VPN advertises only this layer's block.

Default association and propagation are off: nothing lands in a shared table. No static
route points at the data center: a static route does not withdraw when the line fails.
"""
from __future__ import annotations

import pulumi
import pulumi_aws as aws
from netaddr import IPNetwork

from clouds.aws.components.segments import ThreeLayerSegments
from clouds.aws.components.tags import SHARED, aws_tags
from clouds.aws.routing import static_routes
from network.model import NetworkModel

COMPONENT = "TransitHub"


def dc_table(layer: str) -> str:
    """The name of the table a layer's data-center attachments are associated with."""
    return f"{layer}-dc"


class TransitHub(pulumi.ComponentResource):
    TYPE = "govcloud:aws:TransitHub"

    def __init__(self, name: str, model: NetworkModel, segments: ThreeLayerSegments,
                 opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        self.name, self.model = name, model
        stack = model.spec.stack
        child = pulumi.ResourceOptions(parent=self)
        self.gateway = aws.ec2transitgateway.TransitGateway(
            name, description=f"govcloud {stack} transit hub", amazon_side_asn=model.transit_asn,
            default_route_table_association="disable", default_route_table_propagation="disable",
            auto_accept_shared_attachments="disable", dns_support="enable", vpn_ecmp_support="enable",
            tags=aws_tags(SHARED, COMPONENT, f"{stack}-tgw"), opts=child)
        gw = pulumi.ResourceOptions(parent=self.gateway)
        self.tables: dict[str, aws.ec2transitgateway.RouteTable] = {}
        for routing in model.routing:
            for table in (routing.layer, dc_table(routing.layer)):
                self.tables[table] = aws.ec2transitgateway.RouteTable(
                    f"{name}-{table}", transit_gateway_id=self.gateway.id,
                    tags=aws_tags(routing.layer, COMPONENT, f"{stack}-tgw-rt-{table}"), opts=gw)
        self.attachments: dict[str, aws.ec2transitgateway.VpcAttachment] = {}
        for routing in model.routing:
            layer, segment = routing.layer, segments.segments[routing.layer]
            attachment = aws.ec2transitgateway.VpcAttachment(
                f"{name}-{layer}", transit_gateway_id=self.gateway.id, vpc_id=segment.vpc.id,
                subnet_ids=[s.id for s in segment.transit_subnets],
                transit_gateway_default_route_table_association=False,
                transit_gateway_default_route_table_propagation=False, dns_support="enable",
                tags=aws_tags(layer, COMPONENT, f"{stack}-tgw-attach-{layer}"), opts=gw)
            self.attachments[layer] = attachment
            at = pulumi.ResourceOptions(parent=attachment)
            aws.ec2transitgateway.RouteTableAssociation(
                f"{name}-{layer}-assoc", transit_gateway_attachment_id=attachment.id,
                transit_gateway_route_table_id=self.tables[layer].id, opts=at)
            aws.ec2transitgateway.RouteTablePropagation(
                f"{name}-{layer}-to-{dc_table(layer)}", transit_gateway_attachment_id=attachment.id,
                transit_gateway_route_table_id=self.tables[dc_table(layer)].id, opts=at)
            if model.spec.multi_account:  # the layer's systems reach the network account's VPC
                aws.ec2transitgateway.RouteTablePropagation(
                    f"{name}-{layer}-to-{layer}", transit_gateway_attachment_id=attachment.id,
                    transit_gateway_route_table_id=self.tables[layer].id, opts=at)
        self.system_attachments: dict[str, aws.ec2transitgateway.VpcAttachment] = {}
        self.register_outputs({"transitGatewayId": self.gateway.id,
                               "routeTableIds": {k: v.id for k, v in self.tables.items()}})

    def attach_system(self, system, attachment: aws.ec2transitgateway.VpcAttachment,
                      accepted: pulumi.Resource) -> None:
        """A system's attachment (from its own account, accepted here): associated with its
        layer's table, propagated into its layer's two tables, never another layer's."""
        layer = system.layer
        self.system_attachments[system.system] = attachment
        opts = pulumi.ResourceOptions(parent=accepted, depends_on=[accepted])
        base = f"{self.name}-{layer}-{system.system}"
        aws.ec2transitgateway.RouteTableAssociation(
            f"{base}-assoc", transit_gateway_attachment_id=attachment.id,
            transit_gateway_route_table_id=self.tables[layer].id, opts=opts)
        for table in (layer, dc_table(layer)):
            aws.ec2transitgateway.RouteTablePropagation(
                f"{base}-to-{table}", transit_gateway_attachment_id=attachment.id,
                transit_gateway_route_table_id=self.tables[table].id, opts=opts)

    def route_layers(self) -> None:
        """The static routes of each layer's table: blackholes for the other layers, and
        the far ends of declared flows to the attachment that holds them (a system's own,
        where systems have their own accounts)."""
        name = self.name
        for routing in self.model.routing:
            table = pulumi.ResourceOptions(parent=self.tables[routing.layer])
            for route in static_routes(routing):
                if route.via is None:
                    aws.ec2transitgateway.Route(
                        f"{name}-{routing.layer}-blackhole-{route.prefix}", destination_cidr_block=route.prefix,
                        blackhole=True, transit_gateway_route_table_id=self.tables[routing.layer].id, opts=table)
                    continue
                for prefix, attachment in self._targets(route.prefix, route.via):
                    aws.ec2transitgateway.Route(
                        f"{name}-{routing.layer}-flow-{route.flow}-{prefix}", destination_cidr_block=prefix,
                        transit_gateway_route_table_id=self.tables[routing.layer].id,
                        transit_gateway_attachment_id=attachment.id, opts=table)

    def _targets(self, prefix: str, layer: str) -> list[tuple[str, pulumi.Resource]]:
        """(prefix, attachment) that carry `prefix` into `layer`: the one VPC that holds it,
        or, for a prefix spanning several, each system block and the network account's VPC."""
        plan = self.model.plan
        systems = [(s.cidr, self.system_attachments[s.system]) for s in plan.systems_of(layer)]
        owners = systems + [(plan.layer(layer).vpc_cidr, self.attachments[layer])]
        net = IPNetwork(prefix)
        holder = next(((prefix, a) for cidr, a in owners if net in IPNetwork(cidr)), None)
        if holder is not None:
            return [holder]
        return [(cidr, a) for cidr, a in owners if IPNetwork(cidr) in net]

    def connect_datacenter(self, dx_attachment_ids: dict, vpn_attachment_ids: dict) -> None:
        """Wire each layer's Direct Connect gateway and VPN attachments into that layer's
        tables only: associated with `<layer>-dc`, propagated into `<layer>`."""
        gw = pulumi.ResourceOptions(parent=self.gateway)
        for routing in self.model.routing:
            layer = routing.layer
            onprem = [("dx", dx_attachment_ids[layer])] + [
                (f"vpn{i}", a) for i, a in enumerate(vpn_attachment_ids.get(layer, []))]
            for label, attachment_id in onprem:
                aws.ec2transitgateway.RouteTableAssociation(
                    f"{self.name}-{layer}-{label}-assoc", transit_gateway_attachment_id=attachment_id,
                    transit_gateway_route_table_id=self.tables[dc_table(layer)].id,
                    replace_existing_association=True, opts=gw)
                aws.ec2transitgateway.RouteTablePropagation(
                    f"{self.name}-{layer}-{label}-to-{layer}", transit_gateway_attachment_id=attachment_id,
                    transit_gateway_route_table_id=self.tables[layer].id, opts=gw)
