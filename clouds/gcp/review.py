"""How the review draws the Google Cloud edge: the Cloud Routers, the VLAN attachments, and
the BGP sessions the data center (or, for a partner line, the carrier) configures."""
from __future__ import annotations

from clouds.gcp.catalog import PARTNER_ROUTER_ASN
from clouds.gcp.components.interconnect import INTERCONNECT_PRIORITY
from clouds.gcp.components.routers import accepted_imports, advertised, router_asn
from clouds.gcp.components.vpn import VPN_PRIORITY
from clouds.gcp.declaration import managed_peers
from network.catalog import LAYER_IDS


def sessions(model) -> list[dict]:
    """One row per attachment and per VPN tunnel: what each side advertises, at which MED."""
    spec = model.spec
    rows = []
    for routing in model.routing:
        layer = routing.layer
        common = {"layer": layer, "dc_asn": spec.data_center.asn,
                  "cloud_advertises": [r["range"] for r in advertised(model, routing)],
                  "datacenter_advertises": accepted_imports(routing)}
        for line in spec.connectivity.lines:
            if line.type == "partner":
                note = "pairing_adopted" if layer in managed_peers(line) else "pairing_pending"
                vlan = None  # the carrier sets it
            else:
                note, vlan = "md5_bfd", line.layer_vlan(LAYER_IDS.index(layer))
            rows.append({**common, "kind": line.type, "line": line.name, "vlan": vlan, "name": line.name,
                         "cloud_asn": router_asn(model, line.type), "priority": INTERCONNECT_PRIORITY, "note": note})
        if spec.connectivity.vpn_backup:
            for i in (0, 1):
                rows.append({**common, "kind": "vpn", "line": f"HA VPN {i}", "vlan": None, "name": f"vpn-{i}",
                             "cloud_asn": spec.connectivity.cloud_asn, "priority": VPN_PRIORITY, "note": None})
    return rows


def _asns(c: dict) -> list[str]:
    """The router ASNs built: the cloud's private ASN (dedicated lines, VPN), 16550 (partner)."""
    types = {ln["type"] for ln in c["lines"]}
    private = "dedicated" in types or c["overview"]["vpn_backup"]
    return ([f"ASN {c['overview']['cloud_asn']}"] if private else []) + \
        ([f"ASN {PARTNER_ROUTER_ASN} (partner)"] if "partner" in types else [])


def edge(c: dict, lang: str) -> list[tuple[str, list[str]]]:
    return [("Cloud Router", _asns(c) + ["per layer network, in"] + [f"  {r['id']}" for r in c["overview"]["regions"]]),
            ("VLAN attachments", ["one per line and layer", "import policy:", "  declared prefixes only"])]


def mermaid(c: dict, lang: str) -> tuple[list[str], str, str]:
    return [f'  CR["Cloud Router<br/>{" / ".join(_asns(c))}"]'], "CR", "CR"
