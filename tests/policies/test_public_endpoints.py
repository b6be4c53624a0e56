"""Each entry of policies/rules/public_endpoints.py matches a resource that answers from the
internet and passes the same resource told otherwise, so that no entry can never match (the
corpus, tests/policies/corpus/*_isolation.py, runs the common ones through all three paths)."""
from __future__ import annotations

import pytest

from inventory.view import Resource
from policies.rules.public_endpoints import PUBLIC_WHEN, TYPES, public_findings

#: type -> (inputs that answer from the internet, the same told otherwise)
CASES = {
    "aws:ec2/launchConfiguration:LaunchConfiguration": ({"associatePublicIpAddress": True},
                                                        {"associatePublicIpAddress": False}),
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": ({"associatePublicIpAddress": True}, {}),
    "aws:eks/cluster:Cluster": ({"vpcConfig": {"subnetIds": ["s"]}},
                                {"vpcConfig": {"endpointPublicAccess": False}}),
    "aws:rds/clusterInstance:ClusterInstance": ({"publiclyAccessible": True}, {}),
    "aws:neptune/clusterInstance:ClusterInstance": ({"publiclyAccessible": True}, {"publiclyAccessible": False}),
    "aws:mq/broker:Broker": ({"publiclyAccessible": True}, {"publiclyAccessible": False}),
    "aws:dms/replicationInstance:ReplicationInstance": ({}, {"publiclyAccessible": False}),
    "aws:opensearch/domain:Domain": ({}, {"vpcOptions": {"subnetIds": ["s"]}}),
    "aws:elasticsearch/domain:Domain": ({}, {"vpcOptions": {"subnetIds": ["s"]}}),
    "aws:sagemaker/notebookInstance:NotebookInstance": ({}, {"directInternetAccess": "Disabled"}),
    "aws:msk/cluster:Cluster": ({"brokerNodeGroupInfo": {"connectivityInfo": {"publicAccess": {
        "type": "SERVICE_PROVIDED_EIPS"}}}}, {"brokerNodeGroupInfo": {"instanceType": "kafka.m5.large"}}),
    "aws:transfer/server:Server": ({}, {"endpointType": "VPC"}),
    "aws:apigatewayv2/api:Api": ({"protocolType": "HTTP"}, {"protocolType": "HTTP", "disableExecuteApiEndpoint": True}),
    "aws:apprunner/service:Service": ({"networkConfiguration": {"ingressConfiguration": {}}}, {
        "networkConfiguration": {"ingressConfiguration": {"isPubliclyAccessible": False}}}),
    "aws:apigateway/restApi:RestApi": ({"endpointConfiguration": {"types": "REGIONAL"}},
                                       {"endpointConfiguration": {"types": "PRIVATE"}}),
    "gcp:compute/instanceTemplate:InstanceTemplate": ({"networkInterfaces": [{"accessConfigs": [{}]}]},
                                                      {"networkInterfaces": [{"network": "n"}]}),
    "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate": ({"networkInterfaces": [{"accessConfigs": [{}]}]},
                                                                  {"networkInterfaces": [{}]}),
    "gcp:cloudrunv2/service:Service": ({}, {"ingress": "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"}),
    "gcp:cloudfunctionsv2/function:Function": ({"serviceConfig": {"ingressSettings": "ALLOW_ALL"}},
                                               {"serviceConfig": {"ingressSettings": "ALLOW_INTERNAL_AND_GCLB"}}),
    "gcp:container/cluster:Cluster": ({"privateClusterConfig": {"enablePrivateNodes": False}},
                                      {"privateClusterConfig": {"enablePrivateNodes": True,
                                                                "enablePrivateEndpoint": True}}),
    "gcp:workbench/instance:Instance": ({"gceSetup": {}}, {"gceSetup": {"disablePublicIp": True}}),
    "gcp:alloydb/instance:Instance": ({"networkConfig": {"enablePublicIp": True}}, {}),
    "gcp:dataproc/cluster:Cluster": ({"clusterConfig": {}}, {"clusterConfig": {"gceClusterConfig": {
        "internalIpOnly": True}}}),
    "gcp:dataflow/job:Job": ({"ipConfiguration": "WORKER_IP_PUBLIC"}, {"ipConfiguration": "WORKER_IP_PRIVATE"}),
}


def test_every_entry_has_a_case():
    assert set(CASES) == set(TYPES) and len(TYPES) == len(PUBLIC_WHEN)


@pytest.mark.parametrize("token", sorted(CASES))
def test_an_entry_matches_the_public_resource_and_not_the_private_one(token):
    public, private = CASES[token]
    found = public_findings(Resource(token, "r", f"urn:pulumi:s::p::{token}::r", public))
    assert len(found) == 1 and found[0]
    assert public_findings(Resource(token, "r", f"urn:pulumi:s::p::{token}::r", private)) == []


def test_a_vpc_transfer_server_given_elastic_ips_is_internet_facing():
    token = "aws:transfer/server:Server"
    facing = {"endpointType": "VPC", "endpointDetails": {"vpcId": "v", "addressAllocationIds": ["eipalloc-1"]}}
    inside = {"endpointType": "VPC", "endpointDetails": {"vpcId": "v", "subnetIds": ["s"]}}
    assert public_findings(Resource(token, "r", f"urn:pulumi:s::p::{token}::r", facing))
    assert public_findings(Resource(token, "r", f"urn:pulumi:s::p::{token}::r", inside)) == []


GKE = "gcp:container/cluster:Cluster"
PRIVATE_NODES = {"privateClusterConfig": {"enablePrivateNodes": True}}


@pytest.mark.parametrize("props, public", [
    (PRIVATE_NODES, True),  # the public endpoint is kept unless told otherwise
    ({"privateClusterConfig": {"enablePrivateNodes": True, "enablePrivateEndpoint": False}}, True),
    ({**PRIVATE_NODES, "controlPlaneEndpointsConfig": {"ipEndpointsConfig": {"enabled": False}}}, False),
    ({**PRIVATE_NODES, "controlPlaneEndpointsConfig": {"ipEndpointsConfig": {"enabled": False},
                                                       "dnsEndpointConfig": {"allowExternalTraffic": True}}}, True),
    ({"privateClusterConfig": {"enablePrivateNodes": True, "enablePrivateEndpoint": True},
      "controlPlaneEndpointsConfig": {"dnsEndpointConfig": {"allowExternalTraffic": True}}}, True),
    ({"privateClusterConfig": {"enablePrivateNodes": False, "enablePrivateEndpoint": True}}, True),
])
def test_a_gke_control_plane_on_the_internet_is_public_even_with_private_nodes(props, public):
    assert bool(public_findings(Resource(GKE, "r", f"urn:pulumi:s::p::{GKE}::r", props))) is public
