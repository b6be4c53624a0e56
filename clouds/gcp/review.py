"""How the review draws the Google Cloud edge: the Cloud Routers, the VLAN attachments, and
the BGP sessions the data center (or, for a partner line, the carrier) configures."""
from __future__ import annotations

import re

from clouds.gcp.catalog import PARTNER_ROUTER_ASN
from clouds.gcp.components.interconnect import INTERCONNECT_PRIORITY
from clouds.gcp.components.routers import accepted_imports, advertised, router_asn
from clouds.gcp.components.vpn import VPN_PRIORITY
from clouds.gcp.declaration import managed_peers
from network.catalog import LAYER_IDS
from review.i18n import TEXT, t
from review.tables import route_row


def routing(model) -> dict:
    """Google Cloud has no transit hub and no blackhole routes: each layer is its own VPC
    network whose Cloud Routers learn from the data center exactly the prefixes their import
    policy accepts. A flow between two layers leaves one network over the line, crosses the
    data center (its firewall leaks the one prefix between the VRFs) and enters the other:
    the inter-layer path goes through the data center."""
    layers = {}
    for r in model.routing:
        vpc = [route_row(p, "via_router", "why_onprem") for p in r.onprem]
        vpc += [route_row(x.prefix, "via_router", "why_flow" if x.onprem else "why_flow_via_dc", x.flow) for x in r.reach]
        if r.default_via_datacenter:
            vpc.append(route_row("0.0.0.0/0", "via_router", "why_internet_dc"))
        if r.internet_gateway:
            vpc.append(route_row("0.0.0.0/0", "via_default_igw", "why_internet_egress"))
        layers[r.layer] = {"vpc": vpc, "transit": [], "advertised": [a["range"] for a in advertised(model, r)],
                           "accepted": accepted_imports(r), "path": "path_datacenter"}
    return layers


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
                adopted = layer in managed_peers(line)
                note = "pairing_adopted" if adopted else "pairing_pending"
                vlan = None  # the carrier sets it
                md5, bfd = ("md5_set", "bfd_gcp") if adopted else ("md5_at_activation", "bfd_at_activation")
            else:
                note, vlan = "md5_bfd", line.layer_vlan(LAYER_IDS.index(layer))
                md5, bfd = "md5_set", "bfd_gcp"
            rows.append({**common, "kind": line.type, "line": line.name, "vlan": vlan, "name": line.name,
                         "cloud_asn": router_asn(model, line.type), "priority": INTERCONNECT_PRIORITY, "note": note,
                         "md5": md5, "bfd": bfd, "preference": "pref_gcp_primary"})
        if spec.connectivity.vpn_backup:
            for i in (0, 1):
                rows.append({**common, "kind": "vpn", "line": f"HA VPN {i}", "vlan": None, "name": f"vpn-{i}",
                             "cloud_asn": spec.connectivity.cloud_asn, "priority": VPN_PRIORITY, "note": None,
                             "md5": "md5_ipsec", "bfd": "bfd_none", "preference": "pref_gcp_backup"})
    return rows


ROUTER = "gcp:compute/router:Router"


def built(inventory: dict | None) -> dict:
    """The Cloud Routers the program creates: (region, layer, ASN) each, from the planned
    inventory, so the diagram draws them where they are built and nowhere else."""
    routers = [{"region": r["inputs"].get("region"), "layer": r.get("layer"),
                "asn": (r["inputs"].get("bgp") or {}).get("asn")}
               for r in (inventory or {}).get("resources", ()) if r["type"] == ROUTER]
    return {"routers": sorted(routers, key=lambda r: (str(r["region"]), str(r["layer"]), str(r["asn"])))}


def _asns(c: dict) -> list[str]:
    """The router ASNs built: the cloud's private ASN (dedicated lines, VPN), 16550 (partner)."""
    types = {ln["type"] for ln in c["lines"]}
    private = "dedicated" in types or c["overview"]["vpn_backup"]
    return ([f"ASN {c['overview']['cloud_asn']}"] if private else []) + \
        ([f"ASN {PARTNER_ROUTER_ASN} (partner)"] if "partner" in types else [])


def edge(c: dict, lang: str) -> list[tuple[str, list[str]]]:
    routers = c.get("built", {}).get("routers", [])
    regions = sorted({r["region"] for r in routers})
    rows = _asns(c) + [t("routers_per_layer", lang)]
    rows += [f"  {region}: {sum(1 for r in routers if r['region'] == region)} "
             f"({', '.join(sorted({r['layer'] for r in routers if r['region'] == region}))})" for region in regions]
    return [("Cloud Router", rows),
            ("VLAN attachments", [t("attachment_per_line", lang), t("import_policy", lang)])]


def mermaid(c: dict, lang: str) -> tuple[list[str], str, str]:
    regions = sorted({r["region"] for r in c.get("built", {}).get("routers", [])})
    return [f'  CR["Cloud Router<br/>{" / ".join(_asns(c))}<br/>{", ".join(regions)}"]'], "CR", "CR"


CRYPTO_KEY, KEY_MEMBER = "gcp:kms/cryptoKey:CryptoKey", "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember"
ATTACHMENT, TUNNEL = "gcp:compute/interconnectAttachment:InterconnectAttachment", "gcp:compute/vPNTunnel:VPNTunnel"
USE_ROLES = ("roles/cloudkms.cryptoKeyEncrypterDecrypter", "roles/cloudkms.cryptoKeyEncrypter",
             "roles/cloudkms.cryptoKeyDecrypter")


def _days(duration) -> int | None:
    """'7776000s' -> 90."""
    text = str(duration or "").removesuffix("s")
    return int(float(text)) // 86400 if text.replace(".", "", 1).isdigit() else None


#: Google's per-project service agents, `service-<project number>@gcp-sa-<service>...`: the
#: plan knows no project number (clouds/gcp/mocks.py writes a stand-in), so the document names
#: the agent by what it is, never by a number that is not the project's
_AGENT = re.compile(r"serviceAccount:service-\d+@gcp-sa-([a-z0-9-]+)\.iam\.gserviceaccount\.com")


def _member(member: str | None) -> str | None:
    """A key's user as the review shows it: a service agent the review has words for as
    `@agent-<service>` (review/i18n.py), any other member as written."""
    found = _AGENT.fullmatch(member or "")
    return f"@agent-{found[1]}" if found and f"@agent-{found[1]}" in TEXT else member


def encryption(model, inventory: dict | None) -> dict:
    """CMEK keys per layer (rotation, scheduled-destroy window, who may use them), the
    attachments' encryption per line and the HA VPN tunnels, from the planned inventory.
    Google Cloud has no account-wide default key: each service names its key."""
    resources = (inventory or {}).get("resources", [])
    users: dict = {}
    for r in resources:
        if r["type"] == KEY_MEMBER and r["inputs"].get("role") in USE_ROLES:
            key = str(r["inputs"].get("cryptoKeyId", "")).rsplit("/", 1)[-1]
            users.setdefault(key, []).append(_member(r["inputs"].get("member")))
    keys = []
    for r in resources:
        if r["type"] == CRYPTO_KEY:
            i = r["inputs"]
            ring = str(i.get("keyRing", ""))
            region = ring.split("/locations/", 1)[1].split("/", 1)[0] if "/locations/" in ring else "?"
            keys.append({"name": i.get("name") or r["name"], "account": model.spec.gcp_project, "layer": r.get("layer"),
                         "region": region, "rotation": bool(i.get("rotationPeriod")),
                         "rotation_days": _days(i.get("rotationPeriod")),
                         # "If not specified at creation time, the default duration is 30 days" (CryptoKey docstring)
                         "deletion_days": _days(i.get("destroyScheduledDuration")) or 30,
                         "users": list(dict.fromkeys(users.get(i.get("name"), [])))})
    lines = []
    for line in model.spec.connectivity.lines:
        attachments = [r for r in resources if r["type"] == ATTACHMENT and r["name"].endswith(f"-{line.name}")]
        ipsec = bool(attachments) and all(r["inputs"].get("encryption") == "IPSEC" for r in attachments)
        lines.append({"name": line.name, "type": line.type, "layers": [r.layer for r in model.routing],
                      "macsec": "none", "ipsec": ipsec})
    vpn = [{"name": r["name"], "layer": r.get("layer"), "ike": f"ikev{r['inputs'].get('ikeVersion') or 2}",
            "phase1": "@gcp_proposal", "phase2": "@gcp_proposal",
            "psk": "sharedSecret" in r.get("secretInputs", [])}
           for r in resources if r["type"] == TUNNEL]
    return {"keys": keys, "account_defaults": [], "lines": lines, "vpn": vpn}
