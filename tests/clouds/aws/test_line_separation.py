"""The three layers stay apart on the line (三層分離 on the 専用線), and the VPN really backs
up everything: proven on the planned inventory of 港区 and 世田谷区 through the routing AWS
would compute (clouds/aws/routing.py), and each Direct Connect contract the program relies
on, with the document that states it."""
from __future__ import annotations

import pytest
from netaddr import IPNetwork

from clouds.aws.routing import derive
from components.mocks import CloudMocks
from components.plan import record
from inventory.format import views
from inventory.tokens import AWS
from network.catalog import LAYER_IDS
from network.declaration import load, loads
from network.model import build
from tests.conftest import SAMPLES, inventory_of, variant

SAMPLE_STACKS = ("minato", "setagaya")


def routing_of(sample):
    model = build(load(SAMPLES[sample]))
    return model, derive(model, views(inventory_of(sample)))


def owner(model, prefix: str) -> str | None:
    """The layer whose cloud block or on-prem prefixes hold a prefix."""
    net = IPNetwork(prefix)
    for layer in model.plan.layers:
        if net in IPNetwork(layer.cidr) or any(net in IPNetwork(p) for p in model.spec.data_center.prefixes_of(
                layer.layer)):
            return layer.layer
    return None


@pytest.mark.parametrize("sample", SAMPLE_STACKS)
def test_each_session_carries_exactly_one_layer(sample):
    """Per line and per layer one transit VIF on its own VLAN; the cloud advertises on it the
    layer's block and nothing else (its Direct Connect gateway's allowed prefixes); the
    data center is asked for that layer's prefixes only, plus the on-prem ends of that
    layer's declared flows. The VPN sessions are cut the same way."""
    model, routing = routing_of(sample)
    spec = model.spec
    layers = {r.layer: r for r in model.routing}
    dx = [s for s in routing.sessions if s.kind == "dx"]
    assert len(dx) == len(spec.connectivity.lines) * len(layers)
    assert len({(s.line, s.vlan) for s in dx}) == len(dx)
    for session in routing.sessions:
        block = layers[session.layer].cidr
        if session.kind == "dx":  # the gateway association's allowed prefixes: the layer block
            assert session.cloud_advertises == [block], session
        else:  # what the layer's -dc table holds: the layer's VPCs (its own, and each system's)
            vpcs = {model.plan.layer(session.layer).vpc_cidr} | {
                s.cidr for s in model.plan.systems_of(session.layer)}
            assert set(session.cloud_advertises) == vpcs, session
        declared_ends = {r.prefix for r in layers[session.layer].reach if r.onprem}
        for prefix in session.datacenter_advertises:
            assert prefix == "0.0.0.0/0" and layers[session.layer].default_via_datacenter \
                or owner(model, prefix) == session.layer or prefix in declared_ends, (session.name, prefix)
    for line in spec.connectivity.lines:
        vlans = sorted(s.vlan for s in dx if s.line == line.name)
        assert vlans == sorted(line.layer_vlan(LAYER_IDS.index(layer)) for layer in layers)
    from clouds.aws.catalog import TRANSIT_VIFS_PER_DEDICATED, VIFS_PER_HOSTED
    per_connection: dict = {}
    for vif in inventory_of(sample).of_type(AWS.DX_TRANSIT_VIF):
        per_connection[vif["inputs"]["connectionId"]] = per_connection.get(vif["inputs"]["connectionId"], 0) + 1
    limit = {"dedicated": TRANSIT_VIFS_PER_DEDICATED, "hosted": VIFS_PER_HOSTED}
    assert all(n <= limit[spec.connectivity.lines[0].type] for n in per_connection.values())
    vpn = [s for s in routing.sessions if s.kind == "vpn"]
    assert len(vpn) == (len(spec.data_center.vpn_peer_addresses) * len(layers) if spec.connectivity.vpn_backup else 0)


def _flows_between(model, layer: str) -> set[str]:
    return {r.prefix for r in model.layer(layer).reach if not r.onprem}


@pytest.mark.parametrize("sample", SAMPLE_STACKS)
def test_no_table_reaches_another_layer_except_through_a_declared_flow(sample):
    """Every route in a layer's tables that leads to another layer's attachment is a static
    route to a declared flow's far end; every address of another layer (its block, its
    on-prem prefixes) is blackholed or unreachable, unless a declared flow names it."""
    model, routing = routing_of(sample)
    for table in routing.tables.values():
        for route in table.routes:
            if route.target is not None and route.target.layer != table.layer:
                assert route.origin == "static" and route.prefix in _flows_between(model, table.layer), \
                    (table.name, route)
        for other in model.plan.layers:
            if other.layer == table.layer:
                continue
            targets = [other.cidr] + list(model.spec.data_center.prefixes_of(other.layer))
            declared = {r.prefix for r in model.layer(table.layer).reach}
            for prefix in targets:
                address = str(IPNetwork(prefix)[1])
                route = table.lookup(address)
                if route is not None and route.target is not None:
                    assert any(IPNetwork(address) in IPNetwork(p) for p in declared), (table.name, address, route)


@pytest.mark.parametrize("sample", SAMPLE_STACKS)
def test_a_line_outage_fails_over_to_the_vpn_and_mynumber_still_reaches_nothing_else(sample):
    """Withdraw every route the Direct Connect attachments propagated: each prefix that went
    over Direct Connect now goes over the same layer's VPN (no static route pins it to the
    lines), and the mynumber layer still reaches no other layer."""
    model, routing = routing_of(sample)
    had_dx = 0
    for table in routing.tables.values():
        for route in [r for r in table.routes if r.origin == "dx"]:
            address = str(IPNetwork(route.prefix)[1])
            if table.lookup(address).origin != "dx":
                continue
            had_dx += 1
            backup = table.lookup(address, without=frozenset({"dx"}))
            if model.spec.connectivity.vpn_backup:
                assert backup is not None and backup.origin == "vpn" and backup.target.layer == table.layer, \
                    (table.name, route.prefix, backup)
            else:
                assert backup is None or backup.target is None
    assert had_dx
    mynumber = [t for t in routing.tables.values() if t.layer == "mynumber"]
    for table in mynumber:
        for other in model.plan.layers:
            if other.layer == "mynumber":
                continue
            for prefix in [other.cidr] + list(model.spec.data_center.prefixes_of(other.layer)):
                address = str(IPNetwork(prefix)[1])
                route = table.lookup(address, without=frozenset({"dx"}))
                assert route is None or route.target is None or \
                    any(IPNetwork(address) in IPNetwork(p) for p in _flows_between(model, "mynumber")), \
                    (table.name, address, route)


def test_setagaya_without_vpn_has_no_backup_path():
    """The model is not built to pass: without a VPN, a line outage leaves no path."""
    model, routing = routing_of("setagaya")
    assert not model.spec.connectivity.vpn_backup
    table = next(t for t in routing.tables.values() if t.layer == "mynumber" and
                 any(a.kind == "vpc" for a in t.associated))
    address = str(IPNetwork(model.spec.data_center.prefixes_of("mynumber")[0])[1])
    assert table.lookup(address).origin == "dx"
    assert table.lookup(address, without=frozenset({"dx"})).target is None  # the default blackhole


def test_no_static_route_points_at_the_data_center():
    """"A static route does not withdraw when the line fails" (../shared/DOMAIN.md, the
    transit gateway's route evaluation order): the on-prem flow ends and the internet
    layer's default route come by BGP from the data center, so they fail over."""
    model, routing = routing_of("minato")
    statics = [r for t in routing.tables.values() for r in t.routes if r.origin == "static" and r.target]
    assert statics and all(r.target.kind == "vpc" for r in statics)
    internet = next(t for t in routing.tables.values() if t.layer == "internet" and
                    any(a.kind == "vpc" for a in t.associated))
    assert internet.lookup("8.8.8.8").origin == "dx"
    assert internet.lookup("8.8.8.8", without=frozenset({"dx"})).origin == "vpn"


# --- the Direct Connect contracts -----------------------------------------------------------

def _plan(sample: str, *changes, mocks=None):
    tenancy = loads(variant(sample, *changes), "t.yaml", load(SAMPLES[sample]).stack)
    return tenancy, record(tenancy, mocks=mocks)


def _line(inventory, name: str):
    return next(r for r in inventory.of_type(AWS.DX_CONNECTION) if r["name"].endswith(f"-dx-{name}"))


@pytest.mark.parametrize("phase, request_macsec, keys, mode", [
    ("requested", True, 0, None), ("associated", True, 1, None), ("enforced", True, 1, "must_encrypt")])
def test_macsec_goes_in_its_declared_phase(phase, request_macsec, keys, mode):
    """pulumi-aws directconnect.Connection: "You can only specify the encryption_mode argument
    once the connection is in an Available state"; MacsecKeyAssociation: "The connection
    must be a dedicated connection in the AVAILABLE state". So a new line is created with
    request_macsec only, keys come in a later step, must_encrypt in the last."""
    _, inventory = _plan("minato", ("vlan: 101, carrier: NTT東日本, device: dc-rt-01, macsec: true, macsecPhase: enforced",
                                    f"vlan: 101, carrier: NTT東日本, device: dc-rt-01, macsec: true, macsecPhase: {phase}"))
    connection = _line(inventory, "tokyo-1")
    assert connection["inputs"].get("requestMacsec") is request_macsec
    assert connection["inputs"].get("encryptionMode") == mode
    associations = [r for r in inventory.of_type(AWS.DX_MACSEC_KEY) if r["parent"] == connection["urn"]]
    assert len(associations) == keys
    for association in associations:
        assert "cak" in association["secretInputs"]


def test_macsec_defaults_to_the_first_phase():
    tenancy, inventory = _plan("minato", (", macsecPhase: enforced}\n        - {name: tokyo-2", "}\n        - {name: tokyo-2"))
    connection = _line(inventory, "tokyo-1")
    assert connection["inputs"].get("requestMacsec") is True and "encryptionMode" not in connection["inputs"]


def test_each_connection_is_created_in_the_region_that_lists_its_location():
    """DescribeLocations "Lists the Direct Connect locations in the current Amazon Web
    Services Region. These are the locations that can be selected when calling
    CreateConnection" (Direct Connect API Reference): Equinix OS1, in Osaka, is served by
    the Tokyo region's API (../shared/DOMAIN.md)."""
    from clouds.aws.catalog import LINE_LOCATIONS
    from clouds.aws.mocks import call
    inventory = inventory_of("minato")
    for connection in inventory.of_type(AWS.DX_CONNECTION):
        site = LINE_LOCATIONS[connection["inputs"]["location"]]
        assert connection["inputs"]["region"] == site.region == "ap-northeast-1"
    for vif in inventory.of_type(AWS.DX_TRANSIT_VIF):
        assert vif["inputs"]["region"] == "ap-northeast-1"
    with pytest.raises(ValueError, match="no Direct Connect location 'EqOS1' in region ap-northeast-3"):
        call("aws:directconnect/getLocation:getLocation", {"locationCode": "EqOS1", "region": "ap-northeast-3"},
             "ap-northeast-1")


def test_four_byte_asns_go_in_the_long_fields():
    """TransitVirtualInterface.bgp_asn: "an integer between 1 and 2147483646. For larger
    values, use bgp_asn_long"; CustomerGateway.bgp_asn: "Valid values are from 1 to
    2147483647", larger in bgp_asn_extended (pulumi-aws docstrings)."""
    _, inventory = _plan("minato", ("asn: 65101", "asn: 4200000101"))
    vifs = inventory.of_type(AWS.DX_TRANSIT_VIF)
    assert vifs and all(v["inputs"].get("bgpAsnLong") == "4200000101" and "bgpAsn" not in v["inputs"] for v in vifs)
    gateways = inventory.of_type(AWS.CUSTOMER_GATEWAY)
    assert gateways and all(g["inputs"].get("bgpAsnExtended") == "4200000101" and "bgpAsn" not in g["inputs"]
                            for g in gateways)
    two_byte = inventory_of("minato")
    assert all(v["inputs"]["bgpAsn"] == 65101 and "bgpAsnLong" not in v["inputs"]
               for v in two_byte.of_type(AWS.DX_TRANSIT_VIF))
    assert all(g["inputs"]["bgpAsn"] == "65101" for g in two_byte.of_type(AWS.CUSTOMER_GATEWAY))


def test_a_hosted_connection_carries_one_vif_and_its_partner_set_vlan_is_checked():
    """"Private, public, or transit virtual interfaces per AWS Direct Connect hosted
    connection: 1" (Direct Connect quotas). The partner sets the VLAN: the program reads the
    connection and stops when the declaration contradicts it."""
    from clouds.aws.components.line import HostedVlanMismatch
    tenancy = load(SAMPLES["setagaya"])
    inventory = inventory_of("setagaya")
    vifs = inventory.of_type(AWS.DX_TRANSIT_VIF)
    per_connection = {}
    for vif in vifs:
        per_connection[vif["inputs"]["connectionId"]] = per_connection.get(vif["inputs"]["connectionId"], 0) + 1
    assert set(per_connection.values()) == {1} and len(per_connection) == 4
    observed = {k: dict(v) for k, v in __import__("clouds").get("aws").offline_observations(tenancy.spec).items()}
    observed["dxcon-fg5tk3ac"]["vlanId"] = 999
    mocks = CloudMocks(tenancy.spec.primary_region, observed=observed)
    with pytest.raises(Exception) as raised:
        record(tenancy, mocks=mocks)
    error = raised.value
    while error is not None and not isinstance(error, HostedVlanMismatch):
        error = error.__cause__ or error.__context__
    assert isinstance(error, HostedVlanMismatch), raised.value
    assert "dxcon-fg5tk3ac carries VLAN 999" in str(error) and "vlans: {lgwan: 999}" in str(error)


def test_a_hosted_connection_the_account_does_not_have_stops_the_plan():
    tenancy = load(SAMPLES["setagaya"])
    observed = __import__("clouds").get("aws").offline_observations(tenancy.spec)
    del observed["dxcon-fg5tk3ab"]
    with pytest.raises(Exception, match="dxcon-fg5tk3ab"):
        record(tenancy, mocks=CloudMocks(tenancy.spec.primary_region, observed=observed))


def test_hosted_transit_vifs_are_accepted_onto_each_layers_gateway():
    """HostedTransitVirtualInterfaceAcceptor: "The ID of the Direct Connect virtual interface
    to accept" onto "the Direct Connect gateway to which to connect" (pulumi-aws docstring)."""
    line = ("type: hosted, bandwidth: 1Gbps, vlan: 310, carrier: NTT東日本, connectionIds: {mynumber: dxcon-fg5tk3ab, "
            "lgwan: dxcon-fg5tk3ac}",
            "type: hosted-vif, bandwidth: 1Gbps, vlan: 310, carrier: NTT東日本, virtualInterfaceIds: {mynumber: "
            "dxvif-fg5tk3ab, lgwan: dxvif-fg5tk3ac}")
    _, inventory = _plan("setagaya", line)
    acceptors = inventory.of_type(AWS.DX_HOSTED_TRANSIT_VIF_ACCEPTOR)
    gateways = {r["urn"]: r["inputs"]["tags"]["Layer"] for r in inventory.of_type(AWS.DX_GATEWAY)}
    accepted = {r["inputs"]["virtualInterfaceId"]: gateways[r["dependencies"]["dxGatewayId"][0]] for r in acceptors}
    assert accepted == {"dxvif-fg5tk3ab": "mynumber", "dxvif-fg5tk3ac": "lgwan"}


def test_what_must_not_be_deleted_by_accident_is_protected():
    inventory = inventory_of("minato")
    assert all(r["protect"] for r in inventory.of_type(AWS.DX_CONNECTION))
    assert all(r["protect"] and r["retainOnDelete"] for r in inventory.of_type(AWS.KMS_KEY))
    assert all(r["protect"] and r["retainOnDelete"] for r in inventory.of_type(AWS.S3_BUCKET))


def test_each_layer_gateway_uses_an_asn_other_than_the_transit_gateways():
    """"If you associate your transit gateway with one or more Direct Connect gateways, the
    Autonomous System Number (ASN) used by the transit gateway and the Direct Connect gateway
    must be different" (Direct Connect API Reference, CreateTransitVirtualInterface)."""
    for sample in SAMPLE_STACKS:
        inventory = inventory_of(sample)
        tgw = inventory.of_type(AWS.TRANSIT_GATEWAY)[0]["inputs"]["amazonSideAsn"]
        gateways = inventory.of_type(AWS.DX_GATEWAY)
        assert len(gateways) == len(load(SAMPLES[sample]).spec.enabled_layers)
        assert all(int(g["inputs"]["amazonSideAsn"]) != int(tgw) for g in gateways)
