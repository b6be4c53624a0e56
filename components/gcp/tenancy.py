"""The Google Cloud implementation of MunicipalityTenancy."""
from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from components.gcp.cmek import Cmek
from components.gcp.firewall import LayerFirewall
from components.gcp.interconnect import Interconnect
from components.gcp.location import LocationPolicy
from components.gcp.networks import LayerNetworks
from components.gcp.vpn import HaVpnBackup
from components.tagging import gcp_label_value, provider_default_tags
from network.model import NetworkModel


def build_gcp(parent: pulumi.ComponentResource, name: str, model: NetworkModel) -> dict:
    spec = model.spec
    defaults = {gcp_label_value(k).replace("municipalitycode", "municipality-code").replace("managedby", "managed-by"):
                gcp_label_value(v) for k, v in provider_default_tags(model).items()}
    provider = gcp.Provider(f"{name}-gcp", project=spec.gcp_project, region=spec.primary_region,
                            default_labels=defaults, opts=pulumi.ResourceOptions(parent=parent))
    opts = pulumi.ResourceOptions(parent=parent, providers={"gcp": provider})
    if spec.owns_project:
        LocationPolicy(f"{name}-locations", model, opts)
    cmek = Cmek(f"{name}-cmek", model, opts)
    networks = LayerNetworks(f"{name}-net", model, opts)
    LayerFirewall(f"{name}-fw", model, networks.networks, opts)
    interconnect = Interconnect(f"{name}-ic", model, networks.networks, opts)
    vpn = HaVpnBackup(f"{name}-vpn", model, networks.networks, interconnect, opts) \
        if spec.connectivity.vpn_backup else None
    parent.parts = {"provider": provider, "cmek": cmek, "networks": networks, "interconnect": interconnect, "vpn": vpn}
    return {
        "networkIds": networks.network_ids,
        "routerIds": {f"{k[0]}/{k[1]}": r.id for k, r in interconnect.routers.items()},
        "pairingKeys": interconnect.pairing_keys,
        "kmsKeyIds": cmek.key_ids,
    }
