"""Google Cloud reads of what decides traffic into a layer's network besides its VPC
firewall rules and routes: network firewall policies associated with it and hierarchical
ones above the project (its effective firewalls), and packet mirroring that copies its
traffic (one aggregated list each, global and every region; one call per layer network).

The stack declares neither, so each one found on a layer network is unmanaged, whatever it
is called: a policy is found by its association with the network (`attachmentTarget`), a
mirroring by the network it mirrors."""
from __future__ import annotations

from clouds.gcp.declared import last
from drift.items import Item

#: the rules Google adds to every network firewall policy (priorities 2147483644-7,
#: "goto_next" for each direction and family): nobody's decision, left out
DEFAULT_RULE_PRIORITY = 2147483644


def rule_props(rule: dict) -> list:
    """A firewall policy rule in one normal form: (priority, direction, action, disabled,
    source ranges, source networks, source secure tags, layer-4 "protocol:ports",
    destination ranges: where an egress rule lets the layer go)."""
    match = rule.get("match") or {}
    return [int(rule.get("priority") or 0), rule.get("direction") or "INGRESS", rule.get("action"),
            bool(rule.get("disabled")), sorted(match.get("srcIpRanges") or []),
            sorted(last(n) for n in match.get("srcNetworks") or []),
            sorted(t.get("name", "") for t in match.get("srcSecureTags") or []),
            sorted(f"{c.get('ipProtocol')}:{','.join(c.get('ports') or [])}" for c in match.get("layer4Configs") or []),
            sorted(match.get("destIpRanges") or [])]


def firewall_policies(policies, networks: set, layer_of) -> list[Item]:
    """One `g_fw_policy` item per (policy, layer network) association: its rules, Google's
    default ones left out. `policies`: networkFirewallPolicies.aggregatedList entries."""
    items = []
    for policy in policies:
        rules = sorted(rule_props(r) for r in policy.get("rules") or []
                       if int(r.get("priority") or 0) < DEFAULT_RULE_PRIORITY)
        for association in policy.get("associations") or []:
            network = last(association.get("attachmentTarget"))
            if network in networks:
                items.append(Item("g_fw_policy", (policy["name"], network), layer_of(network),
                                  {"region": last(policy.get("region")) or "global", "rules": rules},
                                  policy.get("selfLink")))
    return items


def hierarchy_policies(effective: dict, layer_of) -> list[Item]:
    """One `g_fw_policy` item per hierarchical firewall policy (organization or folder)
    with an enabled allow rule on a layer network. `effective`: network name ->
    networks.getEffectiveFirewalls body, whose `firewallPolicys[]` (type HIERARCHY; the
    network policies there are read by association already) are evaluated before the
    network's own firewall rules: an allow there lets traffic in or out whatever the layer's
    rules say. A policy that only denies or passes on (goto_next) narrows what the layer's
    rules allow, and is not read: the Digital Agency's guardrails are of that kind."""
    items = []
    for network, body in sorted(effective.items()):
        for policy in body.get("firewallPolicys") or []:
            if policy.get("type") != "HIERARCHY":
                continue
            rules = sorted(rule_props(r) for r in policy.get("rules") or [])
            if any(r[2] == "allow" and not r[3] for r in rules):
                items.append(Item("g_fw_policy", (policy.get("shortName") or policy["name"], network),
                                  layer_of(network), {"region": "hierarchy", "rules": rules}, policy.get("name")))
    return items


def packet_mirrorings(mirrorings, networks: set, layer_of) -> list[Item]:
    """One `g_mirroring` item per packet mirroring of a layer network: what it copies and
    where to (the collector forwarding rule). `mirrorings`: packetMirrorings.aggregatedList."""
    items = []
    for m in mirrorings:
        network = last((m.get("network") or {}).get("url"))
        if network not in networks:
            continue
        mirrored = m.get("mirroredResources") or {}
        items.append(Item("g_mirroring", (m["name"],), layer_of(network), {
            "enabled": m.get("enable", "TRUE") != "FALSE",
            "collector": last((m.get("collectorIlb") or {}).get("url")),
            "subnets": sorted(last(s.get("url")) for s in mirrored.get("subnetworks") or []),
            "instances": sorted(last(i.get("url")) for i in mirrored.get("instances") or []),
            "tags": sorted(mirrored.get("tags") or [])}, m.get("selfLink")))
    return items


#: a Private Service Connect endpoint to Google APIs: `vpc-sc` reaches only the APIs VPC
#: Service Controls supports; `all-apis` reaches every Google API, past the perimeter
PSC_BUNDLES = ("all-apis", "vpc-sc")


def forwarding_rules(rules, networks: set, layer_of) -> tuple[list[Item], dict]:
    """One `g_forwarding_rule` item per forwarding rule (regional and global) on a layer
    network, or in the project with an external scheme (an internet-facing load balancer
    names no network: it is the tenancy's by being in its project). Also returns each
    regional rule's URL → its network, for the service attachments that publish one."""
    items, network_of = [], {}
    for rule in rules:
        network = last(rule.get("network"))
        network_of[rule.get("selfLink") or rule["name"]] = network
        scheme = rule.get("loadBalancingScheme") or ""
        if network not in networks and not scheme.startswith("EXTERNAL"):
            continue
        target = rule.get("target") or ""
        items.append(Item("g_forwarding_rule", (rule["name"],), layer_of(network or rule["name"]), {
            "scheme": scheme, "network": network, "address": rule.get("IPAddress"),
            # a PSC endpoint: a Google API bundle, or another producer's service attachment
            "psc_target": target if target in PSC_BUNDLES else
            (target if "/serviceAttachments/" in target else None),
            "backend": last(rule.get("backendService")) or last(target) or None}, rule.get("selfLink")))
    return items, network_of


def _network_at(network_of: dict, url) -> str | None:
    """The network of what `url` names (URL -> network), by its URL or, written otherwise (a
    partial path, another API version's host), by its name."""
    return network_of.get(url) or next((n for named, n in network_of.items() if last(named) == last(url)), None)


def service_attachments(attachments, network_of: dict, networks: set, layer_of) -> list[Item]:
    """One `g_service_attachment` item per Private Service Connect service attachment that
    publishes a load balancer on a layer network: who may connect (ACCEPT_AUTOMATIC: any
    project; otherwise the accept list) from their own network, into the layer."""
    items = []
    for a in attachments:
        network = _network_at(network_of, a.get("targetService"))
        if network not in networks:
            continue
        items.append(Item("g_service_attachment", (a["name"],), layer_of(network), {
            "preference": a.get("connectionPreference"),
            "accepts": sorted(str(x.get("projectIdOrNum") or x.get("networkUrl") or x.get("endpointUrl"))
                              for x in a.get("consumerAcceptLists") or []),
            "target": last(a.get("targetService"))}, a.get("selfLink")))
    return items


def external_backends(services, groups, networks: set, layer_of) -> list[Item]:
    """One `g_external_backend` item per external load balancer's backend service (global or
    regional, loadBalancingScheme EXTERNAL or EXTERNAL_MANAGED) and layer network its backends
    are on: instance groups and network endpoint groups name their network ("The URL of the
    network to which all instances in the instance group belong", Compute API InstanceGroup).
    The forwarding rule in front names no network (an internet-facing load balancer's), so the
    layer is where its backends are: the internet reaches that layer's instances through it."""
    network_of = {group.get("selfLink") or group["name"]: last(group.get("network")) for group in groups}
    items = []
    for service in services:
        scheme = str(service.get("loadBalancingScheme") or "")
        if not scheme.startswith("EXTERNAL"):
            continue
        reached = sorted({_network_at(network_of, b.get("group")) for b in service.get("backends") or []} & networks)
        items += [Item("g_external_backend", (service["name"], network), layer_of(network), {
            "scheme": scheme, "groups": sorted(last(b.get("group")) for b in service.get("backends") or [])},
            service.get("selfLink")) for network in reached]
    return items
