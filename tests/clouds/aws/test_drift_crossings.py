"""Session 21's red team on moto: a route nobody declared from a closed layer toward another
layer's addresses, through something in the VPC that forwards (an appliance's interface), is a
path between the layers whatever its target: critical, with the layers it reaches. A route to
addresses no layer or data center uses stays high. Routes to a Cloud WAN core network, a
carrier or a local gateway lead out of the Region by themselves. The 港区 state and helpers
are test_drift_tampering.py's."""
from __future__ import annotations

import pytest

from clouds.aws.drift_reads import _target
from drift.items import Item
from drift.severity import unmanaged_severity
from tests.clouds.aws.test_drift import by_name
from tests.clouds.aws.test_drift_tampering import SUBNET, drift_of, table_of
from tests.clouds.aws.test_drift_tampering import external_id, live  # noqa: F401 - fixtures


def test_a_route_toward_another_layer_through_an_appliance_is_critical(live):
    moto, _, ec2 = live
    eni = ec2.create_network_interface(SubnetId=by_name(ec2, "subnet", SUBNET), Description="vendor router")[
        "NetworkInterface"]["NetworkInterfaceId"]
    table = table_of(ec2, "131032-minato-mynumber-rt")["RouteTableId"]
    # lgwan's block in the address plan, lgwan's prefix in the data center, and an address
    # range no layer and no data center uses
    for destination in ("10.13.20.0/24", "172.21.4.0/24", "192.168.50.0/24"):
        ec2.create_route(RouteTableId=table, DestinationCidrBlock=destination, NetworkInterfaceId=eni)
    report = drift_of(moto)
    routes = {f.key[-1]: f for f in report.findings if f.kind == "route"}
    assert {d: (f.category, f.severity) for d, f in routes.items()} == {
        "10.13.20.0/24": ("unmanaged", "critical"), "172.21.4.0/24": ("unmanaged", "critical"),
        "192.168.50.0/24": ("unmanaged", "high")}
    assert routes["10.13.20.0/24"].details["crosses"] == ["lgwan"]
    assert routes["10.13.20.0/24"].details["target"] == f"network-interface {eni}"
    assert "crosses" not in routes["192.168.50.0/24"].details
    assert report.drifted


@pytest.mark.parametrize("route, target", [
    ({"CoreNetworkArn": "arn:aws:networkmanager::111122223333:core-network/core-network-0123"},
     "core-network arn:aws:networkmanager::111122223333:core-network/core-network-0123"),
    ({"CarrierGatewayId": "cagw-0123456789abcdef0"}, "carrier-gateway cagw-0123456789abcdef0"),
    ({"LocalGatewayId": "lgw-0123456789abcdef0"}, "local-gateway lgw-0123456789abcdef0"),
], ids=["cloud-wan", "wavelength", "outpost"])
def test_a_route_out_of_the_region_is_critical_in_any_layer(route, target):
    """DescribeRouteTables' Route names these targets in their own members (EC2 API Reference,
    Route: CoreNetworkArn, CarrierGatewayId, LocalGatewayId); moto creates none of them."""
    assert _target({"DestinationCidrBlock": "192.168.50.0/24", **route}) == target
    item = Item("route", ("131032-minato-internet-rt", "192.168.50.0/24"), "internet", {"target": target})
    assert unmanaged_severity(item) == "critical"
