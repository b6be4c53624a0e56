"""The Google Cloud implementation of MunicipalityTenancy."""
from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from clouds.gcp.components.cmek import Cmek
from clouds.gcp.components.dns import HybridDns
from clouds.gcp.components.firewall import LayerFirewall
from clouds.gcp.components.interconnect import Interconnect
from clouds.gcp.components.location import LocationPolicy
from clouds.gcp.components.networks import LayerNetworks
from clouds.gcp.components.shared_vpc import SharedVpc
from clouds.gcp.components.vpn import HaVpnBackup
from clouds.gcp.components.labels import default_labels
from network.model import NetworkModel


def build(parent: pulumi.ComponentResource, name: str, model: NetworkModel) -> dict:
    spec = model.spec
    defaults = default_labels(model)
    provider = gcp.Provider(f"{name}-gcp", project=spec.gcp_project, region=spec.primary_region,
                            default_labels=defaults, opts=pulumi.ResourceOptions(parent=parent))
    opts = pulumi.ResourceOptions(parent=parent, providers={"gcp": provider})
    if spec.owns_project:
        LocationPolicy(f"{name}-locations", model, opts)
    cmek = Cmek(f"{name}-cmek", model, opts)
    networks = LayerNetworks(f"{name}-net", model, opts)
    LayerFirewall(f"{name}-fw", model, networks.networks, opts)
    interconnect = Interconnect(f"{name}-ic", model, networks.networks, opts)
    vpn = HaVpnBackup(f"{name}-vpn", model, networks.networks, opts) if spec.connectivity.vpn_backup else None
    dns = HybridDns(f"{name}-dns", model, networks.networks, opts)
    shared = SharedVpc(f"{name}-xpn", model, networks.networks, opts) if spec.multi_account else None
    parent.parts = {"provider": provider, "cmek": cmek, "networks": networks, "interconnect": interconnect, "vpn": vpn,
                    "dns": dns, "shared_vpc": shared}
    return {
        "networkIds": networks.network_ids,
        "routerIds": {"/".join(k.parts): r.id for k, r in interconnect.routers.items()},
        "pairingKeys": interconnect.pairing_keys,
        "kmsKeyIds": cmek.key_ids,
    }
