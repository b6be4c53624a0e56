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


def test_a_flow_log_on_a_layer_subnet_or_interface_is_read_wherever_it_writes(live):
    """Session 21's red team: flow logs were read by VPC only, so one made on a mynumber subnet
    (or on one interface) sending the layer's traffic records to someone's bucket went unseen.
    Every flow log of a layer VPC's subnets and interfaces is read too: into a bucket that is
    not the tenancy's, critical; a second one into the tenancy's own bucket, medium."""
    from tests.clouds.aws.materialize import session
    moto, _, ec2 = live
    s3 = session().client("s3", endpoint_url=moto.url)
    s3.create_bucket(Bucket="vendor-collected-logs", CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"})
    subnet = by_name(ec2, "subnet", SUBNET)
    eni = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
    (declared,) = ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [
        by_name(ec2, "vpc", "131032-minato-mynumber-vpc")]}])["FlowLogs"]
    for resource, kind, destination in ((subnet, "Subnet", "arn:aws:s3:::vendor-collected-logs"),
                                        (eni, "NetworkInterface", declared["LogDestination"])):
        ec2.create_flow_logs(ResourceIds=[resource], ResourceType=kind, TrafficType="ALL", LogDestinationType="s3",
                             LogDestination=destination)
    report = drift_of(moto)
    logs = {f.key: (f.category, f.severity) for f in report.findings if f.kind == "flow_log"}
    assert logs == {("131032-minato-mynumber-vpc", subnet): ("unmanaged", "critical"),
                    ("131032-minato-mynumber-vpc", eni): ("unmanaged", "medium")}


@pytest.mark.parametrize("layer, severity", [("mynumber", "critical"), ("internet", "high")])
def test_a_lattice_resource_gateway_in_a_layer_vpc_is_found(live, layer, severity):
    """Session 21's red team: a VPC Lattice resource gateway in a layer VPC's subnets, the way
    in for resource configurations (the layer's database, an address range) that a service
    network or another account then reaches, with no route or peering to show it. moto lacks
    the API: tests/clouds/aws/moto_lattice_gateways.py serves it in the reference's shape."""
    from tests.clouds.aws.materialize import session
    moto, _, ec2 = live
    vpc = by_name(ec2, "vpc", f"131032-minato-{layer}-vpc")
    subnet = by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")
    client = session().client("vpc-lattice", endpoint_url=moto.url)
    made = client.create_resource_gateway(name="vendor-db-gateway", vpcIdentifier=vpc, subnetIds=[subnet])
    assert made["id"].startswith("rgw-") and len(made["id"]) == 21
    report = drift_of(moto)
    (finding,) = [f for f in report.findings if f.kind == "resource_gateway"]
    assert (finding.category, finding.severity, finding.key) == (
        "unmanaged", severity, (f"131032-minato-{layer}-vpc", "vendor-db-gateway"))
    assert finding.actual["subnets"] == [subnet] and finding.layer == layer


def test_an_endpoint_to_a_service_network_or_a_resource_is_keyed_by_what_it_reaches():
    """DescribeVpcEndpoints names no ServiceName for an endpoint of type ServiceNetwork or
    Resource (it has ServiceNetworkArn or ResourceConfigurationArn): read, not a KeyError."""
    from clouds.aws.drift_exposure import vpc_endpoints

    class Scanner:
        table_names, group_names, vpc_owners = {}, {}, {}

        def as_planned(self, form, account):
            return form

        def _all(self, *args, **kwargs):
            return [{"VpcEndpointId": "vpce-01", "VpcId": "vpc-1", "VpcEndpointType": "ServiceNetwork",
                     "ServiceNetworkArn": "arn:aws:vpc-lattice:ap-northeast-1:111122223333:servicenetwork/sn-0123",
                     "State": "Available"},
                    {"VpcEndpointId": "vpce-02", "VpcId": "vpc-1", "VpcEndpointType": "Resource", "State": "Available",
                     "ResourceConfigurationArn": "arn:aws:vpc-lattice:ap-northeast-1:111122223333:"
                                                 "resourceconfiguration/rcfg-0123"}]

    items = vpc_endpoints(Scanner(), [], {"vpc-1": "131032-minato-mynumber-vpc"}, {"vpc-1": "mynumber"})
    assert [i.key[1].rsplit(":", 1)[-1] for i in items] == ["servicenetwork/sn-0123", "resourceconfiguration/rcfg-0123"]
    assert all(unmanaged_severity(i) == "critical" for i in items)


def test_an_instance_with_an_interface_in_a_vpc_outside_the_tenancy_is_a_critical_bridge(live):
    """Session 21's red team: a mynumber instance given a second interface in a VPC that is none
    of the tenancy's (the account's default VPC, out of the scan's scope): the layer VPCs' own
    interfaces show one VPC only, so the instance's other interfaces are read (one call, only
    when a layer interface is attached to an instance)."""
    moto, _, ec2 = live
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1,
                                 SubnetId=by_name(ec2, "subnet", SUBNET))["Instances"][0]["InstanceId"]
    # the account's default VPC, out of the scan's scope (untagged), as another municipality's
    # VPC in a shared vendor account is
    default = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    subnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [default]}])["Subnets"][0]["SubnetId"]
    eni = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=eni, InstanceId=instance, DeviceIndex=1)
    report = drift_of(moto)
    (bridge,) = [f for f in report.findings if f.kind == "bridge"]
    assert (bridge.category, bridge.severity, bridge.key, bridge.layer) == ("unmanaged", "critical", (instance,),
                                                                          "mynumber")
    assert bridge.layers == ["mynumber", "outside the tenancy"]


@pytest.mark.parametrize("layer, severity", [("mynumber", "critical"), ("internet", "high")])
def test_resolver_query_logging_on_a_layer_vpc_is_found(live, layer, severity):
    """Session 21's red team: Route 53 Resolver query logging associated with a layer VPC copies
    every DNS query its instances make (the names of the layer's systems and of whatever they
    reach) to a destination nobody declared, here another account's bucket."""
    from tests.clouds.aws.materialize import session
    moto, _, ec2 = live
    resolver = session().client("route53resolver", endpoint_url=moto.url)
    config = resolver.create_resolver_query_log_config(
        Name="vendor-dns-audit", DestinationArn="arn:aws:s3:::vendor-dns-logs", CreatorRequestId="r1")[
        "ResolverQueryLogConfig"]
    resolver.associate_resolver_query_log_config(ResolverQueryLogConfigId=config["Id"],
                                                 ResourceId=by_name(ec2, "vpc", f"131032-minato-{layer}-vpc"))
    report = drift_of(moto)
    (finding,) = [f for f in report.findings if f.kind == "query_log"]
    assert (finding.category, finding.severity, finding.key) == (
        "unmanaged", severity, (f"131032-minato-{layer}-vpc", "vendor-dns-audit"))
    assert finding.actual["destination"] == "arn:aws:s3:::vendor-dns-logs" and finding.layer == layer
