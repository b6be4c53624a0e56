"""Tamperings on moto that change who reaches a layer, or whom it asks, without touching a
route, a security group or a gateway: an Elastic IP associated with any network interface
in a layer VPC, and a DHCP option set that hands the layer's instances another name server.
(The built state has AWS's default DHCP option set on every VPC, AmazonProvidedDNS, and a
public NAT gateway's own address: neither is a finding, test_drift.py's untouched state.)"""
from __future__ import annotations

import pytest

from tests.clouds.aws.test_drift import by_name
from tests.clouds.aws.test_drift_tampering import drift_of, external_id, found, live  # noqa: F401 (fixtures)

SUBNET = "131032-minato-mynumber-workload-ap-northeast-1a"


def test_an_elastic_ip_on_any_interface_in_a_closed_layer_is_critical(live):
    """Not only an instance's public address: an interface made by hand (or a load
    balancer's) given an Elastic IP is reachable from the internet wherever a route allows."""
    moto, _, ec2 = live
    eni = ec2.create_network_interface(SubnetId=by_name(ec2, "subnet", SUBNET),
                                       Description="vendor maintenance")["NetworkInterface"]["NetworkInterfaceId"]
    allocation = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=eni)
    report = drift_of(moto)
    assert found(report, "public_ip") == {("unmanaged", "critical")}
    finding = next(f for f in report.findings if f.kind == "public_ip")
    assert finding.key == (eni,) and finding.layer == "mynumber"
    assert finding.actual["address"] == allocation["PublicIp"]


def test_an_instance_with_a_public_address_is_found_by_its_interface(live):
    moto, _, ec2 = live
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, NetworkInterfaces=[
        {"DeviceIndex": 0, "SubnetId": by_name(ec2, "subnet", SUBNET), "AssociatePublicIpAddress": True}])
    instance_id = instance["Instances"][0]["InstanceId"]
    report = drift_of(moto)
    assert {(f.category, f.severity, f.key) for f in report.findings if f.kind == "public_ip"} == \
        {("unmanaged", "critical", (instance_id,))}


def _dhcp(ec2, vpc_name, servers):
    dopt = ec2.create_dhcp_options(DhcpConfigurations=[
        {"Key": "domain-name-servers", "Values": servers}])["DhcpOptions"]["DhcpOptionsId"]
    ec2.associate_dhcp_options(DhcpOptionsId=dopt, VpcId=by_name(ec2, "vpc", vpc_name))


@pytest.mark.parametrize("layer, servers, severity", [
    # the lgwan layer's own resolver answering mynumber's names: queries cross the layers
    ("mynumber", ["10.13.16.10", "AmazonProvidedDNS"], "critical"),
    ("lgwan", ["8.8.8.8"], "critical"),
    ("internet", ["1.1.1.1"], "high"),
])
def test_a_dhcp_option_set_handing_out_another_name_server_is_found(live, layer, servers, severity):
    moto, _, ec2 = live
    _dhcp(ec2, f"131032-minato-{layer}-vpc", servers)
    report = drift_of(moto)
    assert found(report, "vpc", layer) == {("changed", severity)}
    finding = next(f for f in report.findings if f.kind == "vpc")
    assert finding.details["field"] == "dhcp_dns_servers"
    assert finding.actual == sorted(s for s in servers if s != "AmazonProvidedDNS")
    assert finding.expected == []


def test_a_new_option_set_with_the_vpcs_own_resolver_only_is_no_drift(live):
    moto, _, ec2 = live
    _dhcp(ec2, "131032-minato-mynumber-vpc", ["AmazonProvidedDNS"])
    assert drift_of(moto).findings == []


def test_a_nat_gateways_own_address_is_the_nat_gateway_not_a_second_finding(live):
    moto, _, ec2 = live
    subnet = by_name(ec2, "subnet", "131032-minato-internet-workload-ap-northeast-1a")
    ec2.create_nat_gateway(SubnetId=subnet, AllocationId=ec2.allocate_address(Domain="vpc")["AllocationId"])
    report = drift_of(moto)
    assert {f.kind for f in report.findings} == {"nat"}
