"""板橋区 as Google Cloud documents it: Partner Interconnect on Google's routers, HA VPN on its
own, real facilities, the attachment contracts, private Google APIs and hybrid DNS. Each
test reads the planned inventory and names the document or docstring it holds to."""
from __future__ import annotations

from collections import defaultdict

import pytest

import clouds
from clouds.gcp.catalog import (ATTACHMENT_MTUS, DNS_FORWARDING_SOURCE, FACILITIES, PARTNER_ROUTER_ASN,
                                RESTRICTED_ADDRESSES, ROUTERS_PER_NETWORK_REGION, VLAN_RANGE, location_name)
from clouds.gcp.components.interconnect import INTERCONNECT_PRIORITY
from clouds.gcp.components.naming import gname, peer_import_id
from clouds.gcp.components.vpn import VPN_PRIORITY
from components.plan import record
from inventory.format import SECRET, views
from inventory.tokens import GCP
from network.catalog import asn_kind
from network.declaration import load, loads
from network.errors import DeclarationError
from network.model import build
from policies.rules.line import redundancy
from tests.conftest import SAMPLES, inventory_of, variant

ITABASHI = load(SAMPLES["itabashi"])
_PLANS: dict = {}


def plan(key: str, *replacements):
    if key not in _PLANS:
        _PLANS[key] = record(loads(variant("itabashi", *replacements), "t.yaml", "131199-itabashi"))
    return _PLANS[key]


#: after activation: the peers Google made for tokyo-a, as `gcloud compute routers describe` shows them
ACTIVATED = ("carrier: NTT東日本}", "carrier: NTT東日本, managedPeers: {"
             "mynumber: {peer: auto-ia-bgp-gc131199-mynumber-tokyo-a-0c1d, interface: auto-ia-if-gc131199-mynumber-tokyo-a-0c1d}, "
             "lgwan: {peer: auto-ia-bgp-gc131199-lgwan-tokyo-a-9f2e, interface: auto-ia-if-gc131199-lgwan-tokyo-a-9f2e}}}")
#: 99.99%: dedicated lines at two facilities of two metros, both edge availability domains in each
FOUR_NINES_DEDICATED = (
    ('redundancy: "99.9"', 'redundancy: "99.99"'),
    ("        - {name: tokyo-a, location: tokyo, type: partner, bandwidth: 1Gbps, vlan: 401, edgeAvailabilityDomain: 1, carrier: NTT東日本}\n"
     "        - {name: tokyo-b, location: tokyo, type: partner, bandwidth: 1Gbps, vlan: 411, edgeAvailabilityDomain: 2, carrier: KDDI}\n",
     "        - {name: tokyo-a, location: nrt-452, type: dedicated, interconnect: ic-tokyo-a, bandwidth: 10Gbps, vlan: 401, edgeAvailabilityDomain: 1}\n"
     "        - {name: tokyo-b, location: nrt-738, type: dedicated, interconnect: ic-tokyo-b, bandwidth: 10Gbps, vlan: 411, edgeAvailabilityDomain: 2}\n"
     "        - {name: osaka-a, location: kix-1791, type: dedicated, interconnect: ic-osaka-a, bandwidth: 10Gbps, vlan: 501, edgeAvailabilityDomain: 1}\n"
     "        - {name: osaka-b, location: kix-2072, type: dedicated, interconnect: ic-osaka-b, bandwidth: 10Gbps, vlan: 511, edgeAvailabilityDomain: 2}\n"))
DNS = ("vpnPeerAddresses: [203.0.113.20, 203.0.113.21]", "vpnPeerAddresses: [203.0.113.20, 203.0.113.21]\n"
       "      dns: {domains: [itabashi.local, chiiki.itabashi.lg.jp], servers: {mynumber: [172.28.0.53, 172.28.1.53], "
       "lgwan: [172.29.0.53]}}")


def of(inventory, typ):
    return inventory.of_type(typ)


def routers_by_reference(inventory) -> dict:
    """A router is referred to by id (attachments, tunnels) or by name (interfaces, peers)."""
    out = {}
    for r in of(inventory, GCP.ROUTER):
        out[r["id"]] = out[r["inputs"]["name"]] = r
    return out


def router_users(inventory) -> dict[str, list[tuple[str, dict]]]:
    """router name -> what it manages: (kind, resource)."""
    routers = routers_by_reference(inventory)
    users = defaultdict(list)
    for typ, kind in ((GCP.INTERCONNECT_ATTACHMENT, "attachment"), (GCP.ROUTER_INTERFACE, "interface"),
                      (GCP.ROUTER_PEER, "peer"), (GCP.VPN_TUNNEL, "tunnel")):
        for r in of(inventory, typ):
            router = routers[r["inputs"]["router"]]
            users[router["inputs"]["name"]].append((kind, r))
    return users


# --- Partner Interconnect ------------------------------------------------------------

@pytest.mark.parametrize("key, replacements", [("sample", ()), ("activated", (ACTIVATED,))])
def test_no_router_carries_a_partner_attachment_and_anything_else(key, replacements):
    """"A Cloud Router that manages a Partner VLAN attachment's BGP session cannot manage any
    other kind of interface" (Cloud Router, "Establish BGP sessions"; ../shared/DOMAIN.md)."""
    inventory = inventory_of("itabashi") if key == "sample" else plan(key, *replacements)
    users = router_users(inventory)
    partner_routers = {name for name, used in users.items()
                       if any(k == "attachment" and r["inputs"]["type"] == "PARTNER" for k, r in used)}
    assert len(partner_routers) == 6  # 3 layers x 2 edge availability domains
    for name in partner_routers:
        others = [(k, r["name"]) for k, r in users[name]
                  if k in ("interface", "tunnel") or (k == "attachment" and r["inputs"]["type"] != "PARTNER")]
        assert others == [], f"{name} also manages {others}"


def test_partner_routers_use_16550_and_have_no_hand_made_interface_or_peer():
    """"Partner Interconnect requires a public ASN": 16550. The peer of a PARTNER attachment is
    created by Google (RouterInterface.ManagementType MANAGED_BY_ATTACHMENT)."""
    inventory = inventory_of("itabashi")
    users = router_users(inventory)
    for router in of(inventory, GCP.ROUTER):
        kinds = {r["inputs"]["type"] for k, r in users[router["inputs"]["name"]] if k == "attachment"}
        if kinds == {"PARTNER"}:
            assert router["inputs"]["bgp"]["asn"] == PARTNER_ROUTER_ASN, router["name"]
            assert {k for k, _ in users[router["inputs"]["name"]]} == {"attachment"}
    partner_peers = [r for r in of(inventory, GCP.ROUTER_PEER)
                     if routers_by_reference(inventory)[r["inputs"]["router"]]["inputs"]["bgp"]["asn"] == PARTNER_ROUTER_ASN]
    assert partner_peers == []


def test_partner_routers_advertise_only_the_layer_block_from_the_first_session():
    """The managed peer inherits the router's advertisement (advertise_mode CUSTOM), so the
    layer block alone reaches the data center before step 4."""
    model = build(ITABASHI)
    blocks = {r.layer: r.cidr for r in model.routing}
    for router in of(inventory_of("itabashi"), GCP.ROUTER):
        bgp = router["inputs"]["bgp"]
        assert bgp["advertiseMode"] == "CUSTOM"
        assert [r["range"] for r in bgp["advertisedIpRanges"]] == [blocks[router["layer"]]]


def test_pairing_keys_are_secret_stack_outputs_per_layer_and_line():
    inventory = inventory_of("itabashi")
    keys = inventory.outputs["pairingKeys"]
    assert set(keys) == {f"{layer}/{line}" for layer in ("mynumber", "lgwan", "internet") for line in ("tokyo-a", "tokyo-b")}
    assert all(value == SECRET for value in keys.values())
    assert {f"pairingKeys.{k}" for k in keys} <= set(inventory.secret_outputs)


def test_step_four_adopts_the_managed_peer_and_sets_md5_bfd_and_the_import_policy():
    """After activation the declared peer is imported (pulumi import id of RouterPeer:
    projects/{{project}}/regions/{{region}}/routers/{{router}}/{{name}}) and updated; the
    import option updates a resource whose inputs differ ("the import will succeed, and the
    resource will then be modified", Pulumi docs, resource option import)."""
    inventory = plan("activated", ACTIVATED)
    peers = {r["inputs"]["name"]: r for r in of(inventory, GCP.ROUTER_PEER) if r["importId"]}
    assert set(peers) == {"auto-ia-bgp-gc131199-mynumber-tokyo-a-0c1d", "auto-ia-bgp-gc131199-lgwan-tokyo-a-9f2e"}
    model = build(loads(variant("itabashi", ACTIVATED), "t.yaml", "131199-itabashi"))
    for layer, peer_name in (("mynumber", "auto-ia-bgp-gc131199-mynumber-tokyo-a-0c1d"),
                             ("lgwan", "auto-ia-bgp-gc131199-lgwan-tokyo-a-9f2e")):
        peer = peers[peer_name]
        router = gname(model, layer, "asia-northeast1", "partner", "1")
        assert peer["importId"] == peer_import_id("itabashi-gov-network", "asia-northeast1", router, peer_name)
        assert peer["inputs"]["router"] == router and peer["inputs"]["interface"].startswith("auto-ia-if-")
        assert peer["inputs"]["peerAsn"] == 65199
        assert "md5AuthenticationKey.key" in peer["secretInputs"]
        assert peer["inputs"]["bfd"]["sessionInitializationMode"] == "ACTIVE"
        assert peer["inputs"]["importPolicies"] == [gname(model, layer, "import")]
        assert peer["inputs"]["advertisedRoutePriority"] == INTERCONNECT_PRIORITY
        assert peer["retainOnDelete"], "Google deletes the peer with its attachment"
    assert not [r for r in of(inventory, GCP.ROUTER_INTERFACE) if "partner" in r["inputs"]["router"]], \
        "the managed interface is Google's"


# --- HA VPN -----------------------------------------------------------------------------

def test_ha_vpn_has_its_own_private_asn_router_and_loses_to_the_interconnect():
    inventory = inventory_of("itabashi")
    users = router_users(inventory)
    routers = routers_by_reference(inventory)
    tunnel_routers = {routers[t["inputs"]["router"]]["inputs"]["name"] for t in of(inventory, GCP.VPN_TUNNEL)}
    assert len(tunnel_routers) == 3  # one per layer
    for name in tunnel_routers:
        router = routers[name]
        assert asn_kind(router["inputs"]["bgp"]["asn"]) == "private", name
        assert {k for k, _ in users[name]} == {"tunnel", "interface", "peer"}, f"{name}: {users[name]}"
    vpn_peers = [r for r in of(inventory, GCP.ROUTER_PEER) if routers[r["inputs"]["router"]]["inputs"]["name"] in tunnel_routers]
    assert vpn_peers and all(p["inputs"]["advertisedRoutePriority"] == VPN_PRIORITY > INTERCONNECT_PRIORITY
                             for p in vpn_peers)


# --- locations, VLANs, MTU, routers per region ------------------------------------------------

def test_facilities_are_google_locations_with_the_domain_apart():
    """choosing-colocation-facilities: Equinix Tokyo (TY2) is nrt-zone1-452 and nrt-zone2-452."""
    assert location_name("nrt-452", 1) == "nrt-zone1-452" and location_name("kix-1791", 2) == "kix-zone2-1791"
    assert FACILITIES["nrt-452"].facility == "Equinix Tokyo (TY2)" and FACILITIES["kix-1791"].metro == "osaka"
    assert all(loc.source.startswith("https://cloud.google.com/") for loc in clouds.get("gcp").line_locations.values())


@pytest.mark.parametrize("key, replacements", [("sample", ()), ("four-nines", FOUR_NINES_DEDICATED)])
def test_vlans_and_mtus_are_within_the_contract(key, replacements):
    """vlan_tag8021q "in the range 2-4094"; mtu "Valid values are 1440, 1460, 1500, and 8896";
    the attachment's MTU equals its network's (pulumi-gcp InterconnectAttachment, Network)."""
    inventory = inventory_of("itabashi") if key == "sample" else plan(key, *replacements)
    networks = {r["id"]: r["inputs"]["mtu"] for r in of(inventory, GCP.NETWORK)}
    assert set(networks.values()) == {1500}
    routers = routers_by_reference(inventory)
    for a in of(inventory, GCP.INTERCONNECT_ATTACHMENT):
        assert int(a["inputs"]["mtu"]) in ATTACHMENT_MTUS
        assert int(a["inputs"]["mtu"]) == networks[routers[a["inputs"]["router"]]["inputs"]["network"]]
        if "vlanTag8021q" in a["inputs"]:
            assert VLAN_RANGE[0] <= a["inputs"]["vlanTag8021q"] <= VLAN_RANGE[1]
        else:
            assert a["inputs"]["type"] == "PARTNER", "the partner sets the VLAN of a partner attachment"


def test_a_declared_jumbo_mtu_reaches_networks_and_attachments_alike():
    inventory = plan("jumbo", ("ownsProject: true", "ownsProject: true\n      mtu: 8896"))
    assert {r["inputs"]["mtu"] for r in of(inventory, GCP.NETWORK)} == {8896}
    assert {r["inputs"]["mtu"] for r in of(inventory, GCP.INTERCONNECT_ATTACHMENT)} == {"8896"}


@pytest.mark.parametrize("key, replacements", [("sample", ()), ("four-nines", FOUR_NINES_DEDICATED),
                                               ("dns", (DNS,))])
def test_no_network_has_more_than_five_routers_in_a_region(key, replacements):
    """"each network is limited to five Cloud Routers per region" (Cloud Router quotas)."""
    inventory = inventory_of("itabashi") if key == "sample" else plan(key, *replacements)
    count = defaultdict(int)
    for r in of(inventory, GCP.ROUTER):
        count[(r["inputs"]["network"], r["inputs"]["region"])] += 1
    assert count and max(count.values()) <= ROUTERS_PER_NETWORK_REGION


# --- 99.99% on Dedicated Interconnect -------------------------------------------------------

def test_four_nines_dedicated_plans_with_two_routers_per_region_and_meets_the_tier():
    tenancy = loads(variant("itabashi", *FOUR_NINES_DEDICATED), "t.yaml", "131199-itabashi")  # validates
    inventory = plan("four-nines", *FOUR_NINES_DEDICATED)
    routers = defaultdict(set)
    for r in of(inventory, GCP.ROUTER):
        if r["inputs"]["bgp"]["asn"] == tenancy.spec.connectivity.cloud_asn and "vpn" not in r["inputs"]["name"]:
            routers[(r["layer"], r["inputs"]["region"])].add(r["inputs"]["name"])
    assert set(routers) == {(layer, region) for layer in ("mynumber", "lgwan", "internet")
                            for region in ("asia-northeast1", "asia-northeast2")}
    assert all(len(names) == 2 for names in routers.values())
    assert all(a["inputs"]["type"] == "DEDICATED" for a in of(inventory, GCP.INTERCONNECT_ATTACHMENT))

    class Ctx:
        model = build(tenancy)

        def layer(self, r):
            return r.tags.get("layer")
    assert list(redundancy(views(inventory), Ctx())) == []


def test_both_lines_in_one_edge_domain_is_refused_with_the_reason():
    text = variant("itabashi", ("vlan: 411, edgeAvailabilityDomain: 2", "vlan: 411, edgeAvailabilityDomain: 1"))
    with pytest.raises(DeclarationError) as caught:
        loads(text, "t.yaml", "131199-itabashi")
    assert "tokyo: every line is in edge availability domain 1" in str(caught.value)


# --- private Google APIs and hybrid DNS -------------------------------------------------------

def test_every_layer_network_resolves_googleapis_to_the_restricted_vip():
    """With the default route removed, *.googleapis.com must resolve to restricted.googleapis.com
    (199.36.153.4/30) through a private zone (../shared/DOMAIN.md; VPC Service Controls,
    private connectivity)."""
    inventory = inventory_of("itabashi")
    zones = {r["inputs"]["name"]: r for r in of(inventory, GCP.DNS_ZONE) if r["inputs"]["dnsName"] == "googleapis.com."}
    bound = {n["networkUrl"] for z in zones.values() for n in z["inputs"]["privateVisibilityConfig"]["networks"]}
    assert bound == {r["id"] for r in of(inventory, GCP.NETWORK)}
    assert all(z["inputs"]["visibility"] == "private" for z in zones.values())
    records = defaultdict(dict)
    for r in of(inventory, GCP.DNS_RECORD_SET):
        records[r["inputs"]["managedZone"]][(r["inputs"]["name"], r["inputs"]["type"])] = r["inputs"]["rrdatas"]
    for name in zones:
        assert records[name] == {("restricted.googleapis.com.", "A"): list(RESTRICTED_ADDRESSES),
                                 ("*.googleapis.com.", "CNAME"): ["restricted.googleapis.com."]}


def test_data_center_domains_are_forwarded_to_each_layers_own_resolvers_and_answered_back():
    inventory = plan("dns", DNS)
    networks = {r["id"]: r["layer"] for r in of(inventory, GCP.NETWORK)}
    forwarding = defaultdict(dict)
    for z in of(inventory, GCP.DNS_ZONE):
        if "forwardingConfig" in z["inputs"]:
            (network,) = [n["networkUrl"] for n in z["inputs"]["privateVisibilityConfig"]["networks"]]
            targets = z["inputs"]["forwardingConfig"]["targetNameServers"]
            assert all(t["forwardingPath"] == "private" for t in targets)
            forwarding[networks[network]][z["inputs"]["dnsName"]] = [t["ipv4Address"] for t in targets]
    assert forwarding == {"mynumber": {"itabashi.local.": ["172.28.0.53", "172.28.1.53"],
                                       "chiiki.itabashi.lg.jp.": ["172.28.0.53", "172.28.1.53"]},
                          "lgwan": {"itabashi.local.": ["172.29.0.53"], "chiiki.itabashi.lg.jp.": ["172.29.0.53"]}}
    # the answers come back to Cloud DNS's 35.199.192.0/19 only in the layers that forward
    for router in of(inventory, GCP.ROUTER):
        ranges = [r["range"] for r in router["inputs"]["bgp"]["advertisedIpRanges"]]
        assert (DNS_FORWARDING_SOURCE in ranges) == (router["layer"] in ("mynumber", "lgwan")), router["name"]
    policies = of(inventory, GCP.DNS_POLICY)
    assert {networks[p["inputs"]["networks"][0]["networkUrl"]] for p in policies} == {"mynumber", "lgwan", "internet"}
    assert all(p["inputs"]["enableInboundForwarding"] for p in policies)


# --- logging CMEK -------------------------------------------------------------------------------

def test_the_log_router_account_comes_from_the_cmek_settings_not_a_hand_built_address():
    """"Use v2.getCmekSettings to obtain the service account ID" (pulumi-gcp
    logging.get_project_cmek_settings, serviceAccountId)."""
    from clouds.gcp.mocks import call
    answer = call("gcp:logging/getProjectCmekSettings:getProjectCmekSettings", {"project": "itabashi-gov-network"},
                  "asia-northeast1", "itabashi-gov-network")
    grants = of(inventory_of("itabashi"), GCP.KMS_KEY_IAM_MEMBER)
    assert len(grants) == 3
    assert {g["inputs"]["member"] for g in grants} == {f"serviceAccount:{answer['serviceAccountId']}"}


def test_beta_import_policies_need_no_second_provider():
    """`import_policies` is "(Optional, Beta)" in pulumi-gcp, which is generated from
    Terraform's google-beta provider: the tenancy's one gcp.Provider serves it."""
    import inspect

    import pulumi_gcp
    assert "(Optional, Beta)" in inspect.getdoc(pulumi_gcp.compute.RouterPeerArgs.import_policies.fget)
    inventory = inventory_of("itabashi")
    providers = {r["name"] for r in inventory.resources if r["type"] == GCP.PROVIDER}
    assert providers == {"131199-itabashi-gcp"}


# --- the review ----------------------------------------------------------------------------------

def test_review_lists_each_partner_session_with_its_pairing_step_and_the_vpn_at_a_higher_med():
    from pipeline.review import review_content
    from review import markdown
    content = review_content(ITABASHI)
    partner = [s for s in content["sessions"] if s["kind"] == "partner"]
    assert {(s["layer"], s["line"]) for s in partner} == {(layer, line) for layer in ("mynumber", "lgwan", "internet")
                                                          for line in ("tokyo-a", "tokyo-b")}
    assert all(s["cloud_asn"] == PARTNER_ROUTER_ASN and s["note"] == "pairing_pending" and s["vlan"] is None
               for s in partner)
    vpn = [s for s in content["sessions"] if s["kind"] == "vpn"]
    assert len(vpn) == 6 and all(s["priority"] == VPN_PRIORITY for s in vpn)
    text = markdown.render(content, "ja")
    assert "Partner Interconnect" in text and "pairingKeys --show-secrets" in text and "| 16550 / 65199 |" in text
