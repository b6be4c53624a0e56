"""Cloud DNS in drift (issue 18): where a layer's names are resolved. The tenancy's private
zones map *.googleapis.com to restricted.googleapis.com (VPC Service Controls' address) for
each layer network, and its DNS policies open inbound forwarding from the data center. A
zone's records pointed elsewhere (private.googleapis.com bypasses the perimeter), a zone
made visible to another layer's network, forwarding to other resolvers, or a policy that
sends every query to alternative name servers changes where the layer's names go.

Read through Cloud DNS's REST API (v1: managedZones.list, resourceRecordSets.list per zone,
policies.list), with the same read-only session as the other REST reads; the properties are
the same on both sides (declared: clouds/gcp/declared.py)."""
from __future__ import annotations

from drift.items import Item

DNS = "https://dns.googleapis.com"
#: records Cloud DNS makes in every zone itself
AUTOMATIC_RECORDS = ("SOA", "NS")


def last(path) -> str | None:
    """The last part of a resource path or URL: the name (clouds/gcp/declared.py's, here so
    that declared.py can import this module)."""
    return str(path).rstrip("/").rsplit("/", 1)[-1] if path else None


def zone_props(zone: dict) -> dict:
    """A managed zone as both sides see it (REST field names; the declared inputs use the same)."""
    private = zone.get("privateVisibilityConfig") or {}
    forwarding = zone.get("forwardingConfig") or {}
    peering = (zone.get("peeringConfig") or {}).get("targetNetwork") or {}
    return {"dns_name": zone.get("dnsName"), "visibility": zone.get("visibility") or "public",
            "networks": sorted(last(n.get("networkUrl")) or "" for n in private.get("networks") or []),
            "forwarding": sorted(t.get("ipv4Address") or t.get("ipv6Address") for t in
                                 forwarding.get("targetNameServers") or []),
            "peering": last(peering.get("networkUrl")) or None}


def record_props(record: dict) -> dict:
    return {"rrdatas": sorted(record.get("rrdatas") or []), "ttl": int(record.get("ttl") or 0) or None}


def policy_props(policy: dict) -> dict:
    alternative = (policy.get("alternativeNameServerConfig") or {}).get("targetNameServers") or []
    return {"networks": sorted(last(n.get("networkUrl")) or "" for n in policy.get("networks") or []),
            "inbound": bool(policy.get("enableInboundForwarding")), "logging": bool(policy.get("enableLogging")),
            "alternative": sorted(t.get("ipv4Address") or t.get("ipv6Address") for t in alternative)}


def dns_items(lists, project: str, networks: set, ours, layer_of) -> list[Item]:
    """The zones and policies that are the tenancy's (by name) or that reach one of its
    networks, and the records of each such zone but the ones Cloud DNS makes itself."""
    items = []
    for zone in lists.each(DNS, f"dns/v1/projects/{project}/managedZones", "managedZones", "dns.managedZones.list"):
        props = zone_props(zone)
        if not (ours(zone["name"]) or set(props["networks"]) & networks or props["peering"] in networks):
            continue
        layer = layer_of(zone["name"]) or next((layer_of(n) for n in props["networks"] if layer_of(n)), None)
        items.append(Item("g_dns_zone", (zone["name"],), layer, props, zone.get("id") or zone["name"]))
        for record in lists.each(DNS, f"dns/v1/projects/{project}/managedZones/{zone['name']}/rrsets", "rrsets",
                                 "dns.resourceRecordSets.list"):
            if record.get("type") in AUTOMATIC_RECORDS:
                continue
            items.append(Item("g_dns_record", (zone["name"], record["name"], record["type"]), layer,
                              record_props(record), zone["name"]))
    for policy in lists.each(DNS, f"dns/v1/projects/{project}/policies", "policies", "dns.policies.list"):
        props = policy_props(policy)
        if ours(policy["name"]) or set(props["networks"]) & networks:
            layer = layer_of(policy["name"]) or next((layer_of(n) for n in props["networks"] if layer_of(n)), None)
            items.append(Item("g_dns_policy", (policy["name"],), layer, props, policy.get("id") or policy["name"]))
    for policy in lists.each(DNS, f"dns/v1/projects/{project}/responsePolicies", "responsePolicies",
                             "dns.responsePolicies.list"):
        # a response policy answers the networks' queries for the names its rules select, with
        # local data or by passing them on: the stack declares none
        name, attached = policy.get("responsePolicyName") or str(policy.get("id")), \
            sorted(last(n.get("networkUrl")) or "" for n in policy.get("networks") or [])
        if not set(attached) & networks:
            continue
        rules = sorted([r.get("dnsName"), r.get("behavior"),
                        sorted(f"{d.get('type')} {' '.join(sorted(d.get('rrdatas') or []))}"
                               for d in (r.get("localData") or {}).get("localDatas") or [])]
                       for r in lists.each(DNS, f"dns/v1/projects/{project}/responsePolicies/{name}/rules",
                                           "responsePolicyRules", "dns.responsePolicyRules.list"))
        layer = min((layer_of(n) for n in attached if n in networks and layer_of(n)),
                    key=lambda x: ("mynumber", "lgwan", "internet").index(x), default=None)
        items.append(Item("g_dns_response_policy", (name,), layer, {"networks": attached, "rules": rules},
                          policy.get("id") or name))
    return items
