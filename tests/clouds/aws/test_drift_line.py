"""Tamperings of the line (issue 18, item 6) on moto: MACsec switched off, VPNs removed and
added, Direct Connect gateways' allowed prefixes, virtual interfaces, and the line's
transit attachments. Split from test_drift_tampering.py so that the two CI workers share
the AWS drift tests (each file builds 港区 in moto per test)."""
from __future__ import annotations

from tests.clouds.aws.materialize import session
from tests.clouds.aws.test_drift_tampering import drift_of, external_id, found, live  # noqa: F401 - fixtures


def test_the_line_macsec_off_a_vpn_removed_and_a_vpn_added(live):
    moto, ids, ec2 = live
    dx = session().client("directconnect", endpoint_url=moto.url)
    tokyo = next(c for c in dx.describe_connections()["connections"]
                 if c["connectionName"] == "govcloud-131032-minato-tokyo-1")
    dx.update_connection(connectionId=tokyo["connectionId"], encryptionMode="no_encrypt")
    vpns = {next((t["Value"] for t in v.get("Tags", []) if t["Key"] == "Name"), ""): v["VpnConnectionId"]
            for v in ec2.describe_vpn_connections()["VpnConnections"]}
    ec2.delete_vpn_connection(VpnConnectionId=vpns["131032-minato-vpn-1-lgwan"])
    # someone's own VPN onto the tenancy's transit gateway: a path into whatever it is associated with
    gateway = next(g["TransitGatewayId"] for g in ec2.describe_transit_gateways()["TransitGateways"]
                   if {"Key": "Name", "Value": "131032-minato-tgw"} in g.get("Tags", []))
    peer = ec2.create_customer_gateway(Type="ipsec.1", IpAddress="198.51.100.77", BgpAsn=65400)
    ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=peer["CustomerGateway"]["CustomerGatewayId"],
                              TransitGatewayId=gateway)
    report = drift_of(moto)
    line = next(f for f in report.findings if f.kind == "dx_connection")
    assert (line.category, line.severity, line.details["actual"]) == ("changed", "critical", "no_encrypt")
    assert found(report, "vpn", "131032-minato-vpn-1-lgwan") == {("missing", "high")}
    added = [f for f in report.findings if f.kind == "vpn" and f.category == "unmanaged"]
    assert [(f.severity, f.details["peer"]) for f in added] == [("critical", "198.51.100.77")]


def test_the_line_prefixes_vifs_and_gateways_are_compared(live):
    """Direct Connect gateways, associations and transit VIFs (served by
    tests/clouds/aws/moto_directconnect.py: moto lacks them): an allowed prefix of another
    layer on mynumber's association, a declared VIF moved onto another layer's gateway, a
    VLAN changed, and an undeclared VIF on a tenancy gateway."""
    moto, _, _ = live
    dx = session().client("directconnect", endpoint_url=moto.url)
    gateways = {g["directConnectGatewayName"]: g["directConnectGatewayId"]
                for g in dx.describe_direct_connect_gateways()["directConnectGateways"]}
    mynumber, lgwan = gateways["govcloud-131032-minato-mynumber"], gateways["govcloud-131032-minato-lgwan"]
    association = dx.describe_direct_connect_gateway_associations(
        directConnectGatewayId=mynumber)["directConnectGatewayAssociations"][0]
    dx.update_direct_connect_gateway_association(associationId=association["associationId"],
                                                 addAllowedPrefixesToDirectConnectGateway=[{"cidr": "10.13.20.0/22"}])
    vifs = {v["virtualInterfaceName"]: v for v in dx.describe_virtual_interfaces()["virtualInterfaces"]}
    moved = vifs["govcloud-131032-minato-tokyo-1-mynumber"]
    dx.delete_virtual_interface(virtualInterfaceId=moved["virtualInterfaceId"])
    dx.create_transit_virtual_interface(connectionId=moved["connectionId"], newTransitVirtualInterface={
        "virtualInterfaceName": moved["virtualInterfaceName"], "vlan": moved["vlan"], "asn": moved["asn"],
        "directConnectGatewayId": lgwan})
    renumbered = vifs["govcloud-131032-minato-osaka-1-internet"]
    dx.delete_virtual_interface(virtualInterfaceId=renumbered["virtualInterfaceId"])
    dx.create_transit_virtual_interface(connectionId=renumbered["connectionId"], newTransitVirtualInterface={
        "virtualInterfaceName": renumbered["virtualInterfaceName"], "vlan": 999, "asn": renumbered["asn"],
        "directConnectGatewayId": renumbered["directConnectGatewayId"]})
    dx.create_transit_virtual_interface(connectionId=moved["connectionId"], newTransitVirtualInterface={
        "virtualInterfaceName": "vendor-maintenance", "vlan": 777, "asn": 65999, "directConnectGatewayId": mynumber})
    report = drift_of(moto)
    prefixes = next(f for f in report.findings if f.kind == "dx_association" and "mynumber" in f.key[0])
    assert (prefixes.category, prefixes.severity, prefixes.details["field"]) == ("changed", "critical", "allowed")
    assert "10.13.20.0/22" in prefixes.details["actual"] and "10.13.20.0/22" not in prefixes.details["expected"]
    gateway = next(f for f in report.findings if f.kind == "dx_vif" and f.key == (moved["virtualInterfaceName"],))
    assert (gateway.category, gateway.severity, gateway.details["actual"]) == \
        ("changed", "critical", "govcloud-131032-minato-lgwan")
    vlan = next(f for f in report.findings if f.kind == "dx_vif" and f.key == (renumbered["virtualInterfaceName"],))
    assert (vlan.category, vlan.severity, vlan.details["field"], vlan.details["actual"]) == \
        ("changed", "high", "vlan", 999)
    assert found(report, "dx_vif", "vendor-maintenance") == {("unmanaged", "critical")}
    assert report.drifted  # exit 1


def test_the_lines_transit_attachments_are_compared_by_identity(live):
    """The internet layer's Direct Connect attachment propagated into mynumber's transit
    table: mynumber would learn the internet layer's on-prem routes. Critical, and named by
    the gateway it attaches, not by an id."""
    moto, _, ec2 = live
    tables = {next((t["Value"] for t in rt.get("Tags", []) if t["Key"] == "Name"), ""): rt["TransitGatewayRouteTableId"]
              for rt in ec2.describe_transit_gateway_route_tables()["TransitGatewayRouteTables"]}
    dx = session().client("directconnect", endpoint_url=moto.url)
    internet_gateway = next(g["directConnectGatewayId"] for g in dx.describe_direct_connect_gateways()["directConnectGateways"]
                            if g["directConnectGatewayName"] == "govcloud-131032-minato-internet")
    attachment = ec2.describe_transit_gateway_attachments(Filters=[{"Name": "resource-id", "Values": [internet_gateway]}]
                                                          )["TransitGatewayAttachments"][0]["TransitGatewayAttachmentId"]
    mynumber_table = next(v for k, v in tables.items() if "mynumber" in k)
    ec2.enable_transit_gateway_route_table_propagation(TransitGatewayRouteTableId=mynumber_table,
                                                       TransitGatewayAttachmentId=attachment)
    report = drift_of(moto)
    leak = [f for f in report.findings if f.kind == "tgw_propagation" and f.category == "unmanaged"]
    assert [(f.severity, f.key[1]) for f in leak] == [("critical", "dx govcloud-131032-minato-internet")]
    assert "mynumber" in leak[0].key[0]


def test_the_vpn_tunnels_ike_and_ipsec_suites_are_compared(live):
    """Each tunnel's IKE versions, phase 1 and 2 encryption, integrity and DH groups (moto
    keeps none: tests/clouds/aws/moto_vpn.py keeps them and serves ModifyVpnTunnelOptions).
    A tunnel that may now negotiate IKEv1 and DH group 2 is critical; one only narrowed is
    high."""
    moto, _, ec2 = live
    vpns = {next((t["Value"] for t in v.get("Tags", []) if t["Key"] == "Name"), ""): v
            for v in ec2.describe_vpn_connections()["VpnConnections"]}
    mynumber, lgwan = vpns["131032-minato-vpn-1-mynumber"], vpns["131032-minato-vpn-1-lgwan"]
    assert mynumber["Options"]["TunnelOptions"][0]["IkeVersions"] == [{"Value": "ikev2"}]  # as declared
    ec2.modify_vpn_tunnel_options(
        VpnConnectionId=mynumber["VpnConnectionId"],
        VpnTunnelOutsideIpAddress=mynumber["Options"]["TunnelOptions"][0]["OutsideIpAddress"],
        TunnelOptions={"IKEVersions": [{"Value": "ikev1"}, {"Value": "ikev2"}],
                       "Phase1DHGroupNumbers": [{"Value": 2}, {"Value": 20}, {"Value": 21}]})
    ec2.modify_vpn_tunnel_options(
        VpnConnectionId=lgwan["VpnConnectionId"],
        VpnTunnelOutsideIpAddress=lgwan["Options"]["TunnelOptions"][1]["OutsideIpAddress"],
        TunnelOptions={"Phase2EncryptionAlgorithms": [{"Value": "AES256-GCM-16"}]})
    report = drift_of(moto)
    by_field = {(f.key[0], f.details.get("field")): f for f in report.findings if f.kind == "vpn"}
    ike = by_field[("131032-minato-vpn-1-mynumber", "tunnel1_ikeVersions")]
    assert (ike.category, ike.severity, ike.expected, ike.actual) == \
        ("changed", "critical", ["ikev2"], ["ikev1", "ikev2"])
    assert by_field[("131032-minato-vpn-1-mynumber", "tunnel1_phase1DhGroupNumbers")].severity == "critical"
    narrowed = by_field[("131032-minato-vpn-1-lgwan", "tunnel2_phase2EncryptionAlgorithms")]
    assert (narrowed.severity, narrowed.actual) == ("high", ["AES256-GCM-16"])
    assert len(by_field) == 3 and report.drifted


def test_a_vifs_bgp_sessions_and_their_md5_keys_are_compared(live):
    """A VIF's BGP sessions (CreateBGPPeer/DeleteBGPPeer, served by moto_directconnect.py):
    mynumber's session replaced by one without an MD5 key is high; a second session nobody
    declared on lgwan's VIF is critical. Only whether a key is set is read, never the key."""
    moto, _, _ = live
    dx = session().client("directconnect", endpoint_url=moto.url)
    vifs = {v["virtualInterfaceName"]: v for v in dx.describe_virtual_interfaces()["virtualInterfaces"]}
    mynumber = vifs["govcloud-131032-minato-tokyo-1-mynumber"]
    old = mynumber["bgpPeers"][0]
    dx.create_bgp_peer(virtualInterfaceId=mynumber["virtualInterfaceId"],
                       newBGPPeer={"asn": old["asn"], "addressFamily": "ipv4", "customerAddress": "169.254.9.2/30"})
    dx.delete_bgp_peer(virtualInterfaceId=mynumber["virtualInterfaceId"], bgpPeerId=old["bgpPeerId"])
    lgwan = vifs["govcloud-131032-minato-tokyo-1-lgwan"]
    dx.create_bgp_peer(virtualInterfaceId=lgwan["virtualInterfaceId"],
                       newBGPPeer={"asn": 65400, "addressFamily": "ipv4", "authKey": "vendor-key"})
    report = drift_of(moto)
    by_name = {f.key[0]: f for f in report.findings if f.kind == "dx_vif"}
    unkeyed = by_name["govcloud-131032-minato-tokyo-1-mynumber"]
    assert (unkeyed.category, unkeyed.severity, unkeyed.details["field"]) == ("changed", "high", "bgp_peers")
    assert unkeyed.actual == [[old["asn"], "ipv4", "no md5"]] and unkeyed.expected == [[old["asn"], "ipv4", "md5"]]
    added = by_name["govcloud-131032-minato-tokyo-1-lgwan"]
    assert added.severity == "critical" and [65400, "ipv4", "md5"] in added.actual
    assert "vendor-key" not in str([f.details for f in report.findings])  # never the key itself
    assert len(by_name) == 2 and report.drifted


def test_a_peering_with_someone_elses_transit_gateway_is_a_path_in(live):
    """A transit gateway peering with a vendor's gateway in another account, associated with
    mynumber's transit route table: what comes over the peering is routed as mynumber's own
    traffic. Neither the attachment (not a VPC, VPN or Direct Connect one) nor its
    association was read; both are critical, named by the peer gateway. The gateway turned
    to accept shared attachments by itself is high."""
    moto, _, ec2 = live
    gateway = next(g["TransitGatewayId"] for g in ec2.describe_transit_gateways()["TransitGateways"]
                   if {"Key": "Name", "Value": "131032-minato-tgw"} in g.get("Tags", []))
    peering = ec2.create_transit_gateway_peering_attachment(
        TransitGatewayId=gateway, PeerTransitGatewayId="tgw-0vendor0000000001", PeerAccountId="999988887777",
        PeerRegion="ap-northeast-1")["TransitGatewayPeeringAttachment"]["TransitGatewayAttachmentId"]
    mynumber = next(rt["TransitGatewayRouteTableId"]
                    for rt in ec2.describe_transit_gateway_route_tables()["TransitGatewayRouteTables"]
                    if {"Key": "Layer", "Value": "mynumber"} in rt.get("Tags", []))
    ec2.associate_transit_gateway_route_table(TransitGatewayRouteTableId=mynumber, TransitGatewayAttachmentId=peering)
    # and the gateway set to accept whatever its sharers attach, without the network account
    ec2.modify_transit_gateway(TransitGatewayId=gateway, Options={"AutoAcceptSharedAttachments": "enable"})
    report = drift_of(moto)
    accept = [f for f in report.findings if f.kind == "tgw"]
    assert [(f.category, f.severity, f.details["field"], f.actual) for f in accept] == \
        [("changed", "high", "auto_accept", "enable")]
    attachment = [f for f in report.findings if f.kind == "tgw_attachment"]
    assert [(f.category, f.severity, f.key) for f in attachment] == \
        [("unmanaged", "critical", ("peering tgw-0vendor0000000001",))]
    assert attachment[0].actual["type"] == "peering" and attachment[0].ref == peering
    association = [f for f in report.findings if f.kind == "tgw_association"]
    assert [(f.category, f.severity, f.key[1], f.layer) for f in association] == \
        [("unmanaged", "critical", "peering tgw-0vendor0000000001", "mynumber")]
    assert report.drifted


def test_a_macsec_key_added_to_a_line_or_taken_away_is_found(live):
    """Each MACsec line of 港区 accepts the one key the stack associates. A second key on
    tokyo-1 is one more party able to join the link's session; osaka-1's key taken away leaves
    a must_encrypt line that cannot come up. Both high, compared in count (the plan's CKNs are
    random until applied; the CAKs are never read)."""
    moto, _, _ = live
    dx = session().client("directconnect", endpoint_url=moto.url)
    lines = {c["connectionName"]: c for c in dx.describe_connections()["connections"]}
    tokyo, osaka = lines["govcloud-131032-minato-tokyo-1"], lines["govcloud-131032-minato-osaka-1"]
    assert [k["state"] for k in tokyo["macSecKeys"]] == ["associated"]  # as the stack associates it
    dx.associate_mac_sec_key(connectionId=tokyo["connectionId"], ckn="a" * 64, cak="b" * 64)
    dx.disassociate_mac_sec_key(connectionId=osaka["connectionId"], secretARN=osaka["macSecKeys"][0]["secretARN"])
    report = drift_of(moto)
    keys = {f.key[0]: f for f in report.findings if f.kind == "dx_connection"}
    assert {name: (f.category, f.severity, f.details["field"], f.expected, f.actual) for name, f in keys.items()} == {
        "govcloud-131032-minato-tokyo-1": ("changed", "high", "macsec_keys", 1, 2),
        "govcloud-131032-minato-osaka-1": ("changed", "high", "macsec_keys", 1, 0)}
    assert "b" * 64 not in str([f.details for f in report.findings])
