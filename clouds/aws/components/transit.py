"""TransitHub: the transit gateway and its route tables, one per layer plus one for the
data center side (onprem).

- Default association and propagation are off: nothing lands in a shared table.
- Each layer's VPC attachment is associated with its own table and propagated only into
  the onprem table, so the data center can answer every layer.
- The Direct Connect gateway and VPN attachments are associated with the onprem table and
  propagated into the layer tables; the transit gateway prefers Direct Connect routes
  over VPN routes for the same prefix, so the VPN is the backup path.
- In each layer table, every other layer's block and on-prem prefixes are blackholed
  (static routes win over propagated ones for the same prefix); the closed layers also
  blackhole the default route. Declared flows add static routes to exactly their far end.
"""
from __future__ import annotations

import pulumi
import pulumi_aws as aws

from clouds.aws.components.segments import ThreeLayerSegments
from clouds.aws.components.tags import SHARED, aws_tags
from network.model import NetworkModel

COMPONENT = "TransitHub"
ONPREM = "onprem"


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
        for table in [r.layer for r in model.routing] + [ONPREM]:
            self.tables[table] = aws.ec2transitgateway.RouteTable(
                f"{name}-{table}", transit_gateway_id=self.gateway.id,
                tags=aws_tags(table if table != ONPREM else SHARED, COMPONENT, f"{stack}-tgw-rt-{table}"), opts=gw)
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
                f"{name}-{layer}-to-{ONPREM}", transit_gateway_attachment_id=attachment.id,
                transit_gateway_route_table_id=self.tables[ONPREM].id, opts=at)
        for routing in model.routing:
            table = pulumi.ResourceOptions(parent=self.tables[routing.layer])
            reach = {r.prefix for r in routing.reach}
            # one route per destination: two flows to one system share it (a transit route table
            # holds one static route per destination CIDR; a second is refused by AWS)
            for r in {x.prefix: x for x in reversed(routing.reach) if not x.onprem}.values():
                if not r.onprem:
                    aws.ec2transitgateway.Route(
                        f"{name}-{routing.layer}-flow-{r.flow}-{r.prefix}", destination_cidr_block=r.prefix,
                        transit_gateway_route_table_id=self.tables[routing.layer].id,
                        transit_gateway_attachment_id=self.attachments[r.via_layer].id, opts=table)
            blackholes = [p for p in routing.blackholes if p not in reach]
            if routing.closed:
                blackholes.append("0.0.0.0/0")
            for prefix in blackholes:
                aws.ec2transitgateway.Route(
                    f"{name}-{routing.layer}-blackhole-{prefix}", destination_cidr_block=prefix, blackhole=True,
                    transit_gateway_route_table_id=self.tables[routing.layer].id, opts=table)
        self.register_outputs({"transitGatewayId": self.gateway.id,
                               "routeTableIds": {k: v.id for k, v in self.tables.items()}})

    def connect_datacenter(self, dx_attachment_id, vpn_attachment_ids: list) -> None:
        """Wire the Direct Connect gateway (and VPN) attachments into the tables."""
        gw = pulumi.ResourceOptions(parent=self.gateway)
        onprem = [("dx", dx_attachment_id)] + [(f"vpn{i}", a) for i, a in enumerate(vpn_attachment_ids)]
        for label, attachment_id in onprem:
            aws.ec2transitgateway.RouteTableAssociation(
                f"{self.name}-{label}-assoc", transit_gateway_attachment_id=attachment_id,
                transit_gateway_route_table_id=self.tables[ONPREM].id, replace_existing_association=True, opts=gw)
            for routing in self.model.routing:
                aws.ec2transitgateway.RouteTablePropagation(
                    f"{self.name}-{label}-to-{routing.layer}", transit_gateway_attachment_id=attachment_id,
                    transit_gateway_route_table_id=self.tables[routing.layer].id, opts=gw)
        for routing in self.model.routing:
            table = pulumi.ResourceOptions(parent=self.tables[routing.layer])
            statics = list({r.prefix: (r.prefix, f"flow-{r.flow}") for r in reversed(routing.reach)
                            if r.onprem}.values())
            if routing.default_via_datacenter:
                statics.append(("0.0.0.0/0", "default-via-dc"))
            for prefix, why in statics:
                aws.ec2transitgateway.Route(
                    f"{self.name}-{routing.layer}-{why}-{prefix}", destination_cidr_block=prefix,
                    transit_gateway_route_table_id=self.tables[routing.layer].id,
                    transit_gateway_attachment_id=dx_attachment_id, opts=table)
