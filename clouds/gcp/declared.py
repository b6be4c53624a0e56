"""The drift items a declared Google Cloud resource stands for (drift/desired.py asks),
keyed by resource names, never by ids."""
from __future__ import annotations

from drift.items import Item
from inventory.tokens import GCP
from inventory.view import Resource


def name(r: Resource) -> str:
    """A Google Cloud resource is known by its name."""
    return r.get("name") or r.name


def items(declared, r: Resource):
    t, i, layer, name, urn = r.type, r.props, declared.layers.get(r.urn), declared.name(r), r.urn
    if t == GCP.NETWORK:
        yield Item("network", (name,), layer, {"auto_subnets": bool(i.get("autoCreateSubnetworks"))}, urn)
    elif t == GCP.SUBNETWORK:
        yield Item("g_subnet", (name,), layer, {"cidr": i["ipCidrRange"], "region": i["region"],
                                                "private_google_access": bool(i.get("privateIpGoogleAccess")),
                                                "flow_logs": bool(i.get("logConfig"))}, urn)
    elif t == GCP.FIREWALL:
        yield Item("firewall", (name,), layer, firewall_props(i), urn)
    elif t == GCP.ROUTE:
        yield Item("g_route", (name,), layer, {"dest": i.get("destRange"), "next_hop": i.get("nextHopGateway")},
                   urn)
    elif t == GCP.ROUTER:
        yield Item("router", (name,), layer, {"asn": (i.get("bgp") or {}).get("asn")}, urn)
    elif t == GCP.ROUTER_NAT:
        yield Item("g_nat", (name,), layer, {}, urn)
    elif t == GCP.INTERCONNECT_ATTACHMENT:
        labels = r.tags
        yield Item("attachment", (name,), layer, {"type": i.get("type"), "region": i.get("region"), "tags": labels},
                   urn)


def firewall_props(i: dict) -> dict:
    """Firewall properties in one normal form for both sides (API JSON uses the same names)."""
    def rules(entries):
        return sorted((e.get("protocol") or e.get("IPProtocol"), tuple(sorted(e.get("ports") or []))) for e in entries or [])
    return {"direction": i.get("direction", "INGRESS"), "priority": int(i.get("priority", 1000)),
            "sources": sorted(i.get("sourceRanges") or []), "destinations": sorted(i.get("destinationRanges") or []),
            "allows": rules(i.get("allows") or i.get("allowed")), "denies": rules(i.get("denies") or i.get("denied")),
            "logging": bool(i.get("logConfig") and (i["logConfig"].get("enable", True))),
            # who a rule applies to and admits, besides ranges; a disabled rule does nothing at all
            "disabled": bool(i.get("disabled")),
            "source_tags": sorted(i.get("sourceTags") or []), "target_tags": sorted(i.get("targetTags") or []),
            "source_service_accounts": sorted(i.get("sourceServiceAccounts") or []),
            "target_service_accounts": sorted(i.get("targetServiceAccounts") or [])}
