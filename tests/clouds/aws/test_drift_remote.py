"""Tamperings on moto that let people in from outside the tenancy without a route, a gateway
or a public address in the layer: EC2 Instance Connect, Client VPN and Verified Access
endpoints (moto lacks all three: moto_eice.py, moto_client_vpn.py, moto_verified_access.py),
and a route table steering what comes in through a gateway (edge association). Split from
test_drift_reach.py so that CI's two workers share the AWS drift tests (each file builds 港区
in moto once)."""
from __future__ import annotations

import pytest

from tests.clouds.aws.test_drift import by_name
from tests.clouds.aws.test_drift_tampering import drift_of, external_id, found, live  # noqa: F401 (fixtures)


@pytest.mark.parametrize("layer, severity", [("mynumber", "critical"), ("internet", "high")])
def test_an_instance_connect_endpoint_in_a_layer_vpc_is_a_path_in(live, layer, severity):
    """A vendor's "maintenance access": SSH into the layer's instances from anywhere, through
    AWS, with no gateway and no public address (moto lacks the API: moto_eice.py)."""
    moto, _, ec2 = live
    subnet = by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")
    endpoint = ec2.create_instance_connect_endpoint(SubnetId=subnet)["InstanceConnectEndpoint"]
    report = drift_of(moto)
    assert found(report, "connect_endpoint") == {("unmanaged", severity)}
    finding = next(f for f in report.findings if f.kind == "connect_endpoint")
    assert finding.key == (f"131032-minato-{layer}-vpc", endpoint["InstanceConnectEndpointId"])
    ec2.delete_instance_connect_endpoint(InstanceConnectEndpointId=endpoint["InstanceConnectEndpointId"])
    assert not any(f.kind == "connect_endpoint" for f in drift_of(moto).findings)


@pytest.mark.parametrize("layer, severity", [("lgwan", "critical"), ("internet", "high")])
def test_a_client_vpn_into_a_layer_vpc_is_a_path_in(live, layer, severity):
    """Remote users let into the layer from anywhere, their traffic leaving through the
    associated subnet: no route, gateway or public address shows it (moto lacks the API:
    moto_client_vpn.py). An endpoint not yet associated with a subnet reaches nothing."""
    moto, _, ec2 = live
    endpoint = ec2.create_client_vpn_endpoint(
        ClientCidrBlock="172.31.0.0/22", ServerCertificateArn="arn:aws:acm:ap-northeast-1:123456789012:certificate/x",
        AuthenticationOptions=[{"Type": "certificate-authentication", "MutualAuthentication": {
            "ClientRootCertificateChainArn": "arn:aws:acm:ap-northeast-1:123456789012:certificate/x"}}],
        ConnectionLogOptions={"Enabled": False})["ClientVpnEndpointId"]
    assert not any(f.kind == "client_vpn" for f in drift_of(moto).findings)  # pending-associate, no VPC
    subnet = by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")
    ec2.associate_client_vpn_target_network(ClientVpnEndpointId=endpoint, SubnetId=subnet)
    report = drift_of(moto)
    assert found(report, "client_vpn") == {("unmanaged", severity)}
    finding = next(f for f in report.findings if f.kind == "client_vpn")
    assert finding.key == (f"131032-minato-{layer}-vpc", endpoint) and finding.layer == layer
    assert finding.actual["subnets"] == [subnet] and finding.actual["clients"] == "172.31.0.0/22"
    ec2.delete_client_vpn_endpoint(ClientVpnEndpointId=endpoint)
    assert not any(f.kind == "client_vpn" for f in drift_of(moto).findings)


@pytest.mark.parametrize("layer, how, severity", [("mynumber", "network-interface", "critical"),
                                                   ("internet", "cidr", "high")])
def test_a_verified_access_endpoint_into_a_layer_vpc_is_a_path_in(live, layer, how, severity):
    """An application inside the layer published to the internet through Verified Access,
    by an interface or by subnets (moto lacks the API: moto_verified_access.py); placed by
    the layer's own subnets and interfaces, since the endpoint names no VPC."""
    moto, _, ec2 = live
    subnet = by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")
    options = {"NetworkInterfaceOptions": {"NetworkInterfaceId": ec2.create_network_interface(
        SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"], "Protocol": "https", "Port": 443}} \
        if how == "network-interface" else {"CidrOptions": {"Cidr": "10.13.0.0/24", "SubnetIds": [subnet],
                                                            "Protocol": "tcp", "PortRanges": [{"FromPort": 22,
                                                                                               "ToPort": 22}]}}
    endpoint = ec2.create_verified_access_endpoint(
        VerifiedAccessGroupId="vagr-0vendor000000001", EndpointType=how, AttachmentType="vpc",
        **options)["VerifiedAccessEndpoint"]["VerifiedAccessEndpointId"]
    report = drift_of(moto)
    assert found(report, "verified_access") == {("unmanaged", severity)}
    finding = next(f for f in report.findings if f.kind == "verified_access")
    assert finding.key == (f"131032-minato-{layer}-vpc", endpoint) and finding.actual["type"] == how
    ec2.delete_verified_access_endpoint(VerifiedAccessEndpointId=endpoint)
    assert not any(f.kind == "verified_access" for f in drift_of(moto).findings)


def test_a_route_table_steering_what_comes_in_through_a_gateway_is_found(live):
    """An edge association: a table associated with the internet gateway routes the traffic
    coming in (to an appliance of someone's choosing) before the subnets' own tables."""
    moto, _, ec2 = live
    vpc = by_name(ec2, "vpc", "131032-minato-internet-vpc")
    gateway = ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc]}])
    gateway = gateway["InternetGateways"][0]["InternetGatewayId"] if gateway["InternetGateways"] else None
    if gateway is None:  # a layer without its own gateway: the tampering brings one (itself a finding)
        gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    table = ec2.create_route_table(VpcId=vpc, TagSpecifications=[{"ResourceType": "route-table", "Tags": [
        {"Key": "Name", "Value": "vendor-ingress"}]}])["RouteTable"]["RouteTableId"]
    ec2.associate_route_table(RouteTableId=table, GatewayId=gateway)
    report = drift_of(moto)
    assert found(report, "edge_association") == {("unmanaged", "high")}
    finding = next(f for f in report.findings if f.kind == "edge_association")
    assert finding.key == ("131032-minato-internet-vpc", "vendor-ingress") and finding.actual["gateway"] == "igw"
