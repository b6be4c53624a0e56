"""Interconnect (専用線 on Google Cloud): per declared line one VLAN attachment per layer,
each on its layer network's router for the line's region, type and edge availability
domain (clouds/gcp/components/routers.py).

- Dedicated: the attachment rides the named Dedicated Interconnect on the layer's VLAN;
  the program makes its router interface and BGP peer (the data center's ASN, a random
  MD5 key, BFD, the import policy, priority 100).
- Partner: the attachment is created with its edge availability domain and yields a
  pairing key for the carrier (a secret stack output). Google creates its interface and
  BGP peer when the carrier provisions the circuit (MANAGED_BY_ATTACHMENT), so the program
  makes none. After activation the declaration names that peer (`managedPeers`) and the
  next `up` adopts it (import) and sets the MD5 key, BFD, the priority and the import
  policy on it: docs/gcp.md, step 4. The advertised prefixes are the router's from the
  start, so the layer block alone is advertised from the first session.

Inter-layer flows hairpin through the data center: each layer is its own VRF there, and
the data center's firewall carries exactly the declared flows between them (docs/gcp.md).
"""
from __future__ import annotations

import pulumi
import pulumi_gcp as gcp
import pulumi_random as random

from clouds.gcp.components.labels import gcp_labels
from clouds.gcp.components.naming import RouterKey, gname, peer_import_id, router_key
from clouds.gcp.components.routers import advertised, layer_router
from clouds.gcp.declaration import managed_peers, mtu
from network.catalog import LAYER_IDS
from network.model import NetworkModel

__all__ = ["Interconnect", "INTERCONNECT_PRIORITY"]

COMPONENT = "Interconnect"
#: advertised route priority (MED) toward the data center: the Interconnect is preferred
INTERCONNECT_PRIORITY = 100
BFD = {"session_initialization_mode": "ACTIVE"}
BANDWIDTH_ENUM = {50: "BPS_50M", 100: "BPS_100M", 200: "BPS_200M", 300: "BPS_300M", 400: "BPS_400M",
                  500: "BPS_500M", 1000: "BPS_1G", 2000: "BPS_2G", 5000: "BPS_5G", 10000: "BPS_10G",
                  20000: "BPS_20G", 50000: "BPS_50G", 100000: "BPS_100G"}


class Interconnect(pulumi.ComponentResource):
    TYPE = "govcloud:gcp:Interconnect"

    def __init__(self, name: str, model: NetworkModel, networks: dict, opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        self.routers: dict[RouterKey, gcp.compute.Router] = {}
        self.policies: dict[RouterKey, gcp.compute.RouterRoutePolicy] = {}
        self.pairing_keys: dict[str, pulumi.Output] = {}
        for line in model.spec.connectivity.lines:
            for routing in model.routing:
                key = router_key(line, routing.layer)
                if key not in self.routers:
                    self.routers[key], self.policies[key] = layer_router(
                        name, model, routing, networks[routing.layer], key, self)
                self._attachment(name, model, line, routing, key)
        self.register_outputs({"routerIds": {"/".join(k.parts): r.id for k, r in self.routers.items()},
                               "pairingKeys": self.pairing_keys})

    def _attachment(self, name, model, line, routing, key: RouterKey):
        spec, layer = model.spec, routing.layer
        router = self.routers[key]
        base = f"{name}-{layer}-{line.name}"
        args = dict(name=gname(model, layer, line.name), project=spec.gcp_project, region=key.region,
                    router=router.id, admin_enabled=True, mtu=str(mtu(spec)),
                    labels={**gcp_labels(model, layer, COMPONENT), "edge-domain": str(line.edge_domain)},
                    description=f"{line.name} at {line.location} for layer {layer}")
        if line.type == "dedicated":
            args.update(type="DEDICATED", vlan_tag8021q=line.layer_vlan(LAYER_IDS.index(layer)),
                        bandwidth=BANDWIDTH_ENUM[line.bandwidth_mbps],
                        interconnect=f"projects/{spec.gcp_project}/global/interconnects/{line.interconnect}")
        else:
            args.update(type="PARTNER", edge_availability_domain=f"AVAILABILITY_DOMAIN_{line.edge_domain}")
        attachment = gcp.compute.InterconnectAttachment(base, **args, opts=pulumi.ResourceOptions(parent=router))
        child = pulumi.ResourceOptions(parent=attachment)
        if line.type == "partner":
            self.pairing_keys[f"{layer}/{line.name}"] = pulumi.Output.secret(attachment.pairing_key)
            names = managed_peers(line).get(layer)
            if names:
                self._adopt_managed_peer(base, model, line, routing, key, names, child)
            return
        interface = gcp.compute.RouterInterface(
            f"{base}-if", name=gname(model, layer, line.name, "if"), project=spec.gcp_project, region=key.region,
            router=router.name, ip_range=attachment.cloud_router_ip_address, interconnect_attachment=attachment.name,
            opts=child)
        gcp.compute.RouterPeer(
            f"{base}-peer", name=gname(model, layer, line.name, "peer"), interface=interface.name,
            peer_ip_address=attachment.customer_router_ip_address.apply(lambda ip: ip.split("/")[0] if ip else ip),
            **self._peer_settings(base, model, line, routing, key, child), opts=child)

    def _adopt_managed_peer(self, base, model, line, routing, key, names, child):
        """Step 4 of docs/gcp.md: the peer Google made for an activated partner attachment,
        imported and given what can be set on it. Google deletes it with the attachment, so
        Pulumi never deletes it itself."""
        project = model.spec.gcp_project
        router_name = gname(model, *key.parts)
        gcp.compute.RouterPeer(
            f"{base}-peer", name=names["peer"], interface=names["interface"],
            **self._peer_settings(base, model, line, routing, key, child),
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(
                import_=peer_import_id(project, key.region, router_name, names["peer"]), retain_on_delete=True)))

    def _peer_settings(self, base, model, line, routing, key, child) -> dict:
        spec = model.spec
        md5 = random.RandomPassword(f"{base}-md5", length=32, special=False, opts=child)
        return dict(project=spec.gcp_project, region=key.region, router=self.routers[key].name,
                    peer_asn=spec.data_center.asn, advertised_route_priority=INTERCONNECT_PRIORITY,
                    advertise_mode="CUSTOM", advertised_ip_ranges=[{"range": r["range"]}
                                                                   for r in advertised(model, routing)],
                    md5_authentication_key={"name": gname(model, routing.layer, line.name, "md5"),
                                            "key": pulumi.Output.secret(md5.result)},
                    import_policies=[self.policies[key].name], bfd=BFD)
