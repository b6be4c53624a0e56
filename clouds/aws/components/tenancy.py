"""The AWS implementation of MunicipalityTenancy: provider, encryption, segments, hub, line."""
from __future__ import annotations

import pulumi
import pulumi_aws as aws

from clouds.aws.components.accounts import SystemAccounts
from clouds.aws.components.encryption import EncryptionBaseline
from clouds.aws.components.endpoints import PrivateServices
from clouds.aws.components.line import DedicatedLine
from clouds.aws.components.segments import ThreeLayerSegments
from clouds.aws.components.transit import TransitHub
from components.tagging import provider_default_tags
from network.model import NetworkModel


def build(parent: pulumi.ComponentResource, name: str, model: NetworkModel) -> dict:
    provider = aws.Provider(f"{name}-aws", region=model.spec.primary_region,
                            default_tags={"tags": provider_default_tags(model)},
                            opts=pulumi.ResourceOptions(parent=parent))
    opts = pulumi.ResourceOptions(parent=parent, providers={"aws": provider})
    encryption = EncryptionBaseline(f"{name}-kms", model, opts)
    segments = ThreeLayerSegments(f"{name}-seg", model, encryption.key_arns, opts)
    hub = TransitHub(f"{name}-hub", model, segments, opts)
    line = DedicatedLine(f"{name}-dx", model, hub.gateway.id, opts)
    hub.connect_datacenter(line.dx_attachment_ids, line.vpn_attachment_ids)
    segments.route_via_hub(hub.gateway.id, hub.attachments)
    systems = SystemAccounts(f"{name}-sys", model, hub, opts) if model.spec.multi_account else None
    hub.route_layers()
    services = PrivateServices(f"{name}-svc", model, segments.segments, opts)
    parent.parts = {"provider": provider, "encryption": encryption, "segments": segments, "hub": hub, "line": line,
                    "services": services, "systems": systems}
    outputs = {
        "vpcIds": segments.vpc_ids,
        "transitGatewayId": hub.gateway.id,
        "directConnectGatewayIds": {layer: g.id for layer, g in line.gateways.items()},
        "kmsKeyArns": encryption.key_arns,
    }
    if systems is not None:
        outputs["systemVpcIds"] = systems.vpc_ids
    return outputs
