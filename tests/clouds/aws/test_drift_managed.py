"""Red team on moto, session 24: managed services given public addresses of their own in a
layer's subnets, which on AWS show as interfaces with public addresses (or, for a notebook, not
at all) and on moto show nothing: an ECS service assigning its tasks public IPs, a SageMaker
notebook keeping SageMaker's internet access, an MSK cluster with public brokers, a Transfer
Family server given Elastic IPs. Each is read from its own service (clouds/aws/drift_managed.py).
The 港区 state and helpers are test_drift_tampering.py's."""
from __future__ import annotations

from tests.clouds.aws.materialize import session
from tests.clouds.aws.test_drift import by_name
from tests.clouds.aws.test_drift_tampering import drift_of
from tests.clouds.aws.test_drift_tampering import external_id, live  # noqa: F401 - fixtures


def managed_services(moto, ec2, layer, public, name="vendor"):
    """An ECS service, a SageMaker notebook, an MSK cluster, a WorkSpaces directory and a
    Transfer Family server in a layer's subnets, each taking a public address when `public`;
    returns the server's id."""
    subnets = [by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1{z}") for z in "ac"]
    vpc = by_name(ec2, "vpc", f"131032-minato-{layer}-vpc")
    group = ec2.create_security_group(GroupName=f"{name}-{layer}", Description="vendor", VpcId=vpc)["GroupId"]
    switch = "ENABLED" if public else "DISABLED"
    ecs = session().client("ecs", endpoint_url=moto.url)
    ecs.create_cluster(clusterName=f"{name}-apps")
    ecs.register_task_definition(family=f"{name}-web", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
                                 cpu="256", memory="512", containerDefinitions=[{"name": "web", "image": "nginx"}])
    ecs.create_service(cluster=f"{name}-apps", serviceName="web", taskDefinition=f"{name}-web", desiredCount=1,
                       launchType="FARGATE", networkConfiguration={"awsvpcConfiguration": {
                           "subnets": subnets, "securityGroups": [group], "assignPublicIp": switch}})
    session().client("sagemaker", endpoint_url=moto.url).create_notebook_instance(
        NotebookInstanceName=f"{name}-notebook", InstanceType="ml.t3.medium", SubnetId=subnets[0],
        RoleArn="arn:aws:iam::401234560001:role/sagemaker", SecurityGroupIds=[group],
        DirectInternetAccess="Enabled" if public else "Disabled")
    session().client("kafka", endpoint_url=moto.url).create_cluster(
        ClusterName=f"{name}-stream", KafkaVersion="3.6.0", NumberOfBrokerNodes=2, BrokerNodeGroupInfo={
            "InstanceType": "kafka.m5.large", "ClientSubnets": subnets,
            "ConnectivityInfo": {"PublicAccess": {"Type": "SERVICE_PROVIDED_EIPS" if public else "DISABLED"}}})
    directory = session().client("ds", endpoint_url=moto.url).create_directory(
        Name=f"{name}.{layer}.minato.local", Password="Passw0rd!234", Size="Small",
        VpcSettings={"VpcId": vpc, "SubnetIds": subnets})["DirectoryId"]
    desktops = session().client("workspaces", endpoint_url=moto.url)
    desktops.register_workspace_directory(DirectoryId=directory, SubnetIds=subnets)
    desktops.modify_workspace_creation_properties(ResourceId=directory, WorkspaceCreationProperties={
        "EnableInternetAccess": public})
    addresses = [ec2.allocate_address(Domain="vpc")["AllocationId"]] if public else []
    return session().client("transfer", endpoint_url=moto.url).create_server(
        EndpointType="VPC", EndpointDetails={"VpcId": vpc, "SubnetIds": subnets[:1], "SecurityGroupIds": [group],
                                             **({"AddressAllocationIds": addresses} if public else {})})["ServerId"]


def test_managed_services_given_public_addresses_in_a_layer_are_found(live):
    """mynumber's: each critical; lgwan's kept private: none found. The report drifts (exit 1)."""
    moto, _, ec2 = live
    server = managed_services(moto, ec2, "mynumber", True, "juki")
    managed_services(moto, ec2, "lgwan", False, "kyotsu")
    report = drift_of(moto)
    found = {(f.kind, f.key[-1]): (f.category, f.severity, f.layer) for f in report.findings
             if f.kind in ("public_task", "notebook_internet", "public_transfer")
             or (f.kind == "public_db" and f.details.get("engine") == "kafka")}
    desktops = [(f.category, f.severity, f.layer, f.details.get("directory")) for f in report.findings
                if f.kind == "public_desktop"]
    assert desktops == [("unmanaged", "critical", "mynumber", "juki.mynumber.minato.local")]
    assert found == {("public_task", "juki-apps/web"): ("unmanaged", "critical", "mynumber"),
                     ("notebook_internet", "juki-notebook"): ("unmanaged", "critical", "mynumber"),
                     ("public_db", "juki-stream"): ("unmanaged", "critical", "mynumber"),
                     ("public_transfer", server): ("unmanaged", "critical", "mynumber")}
    assert report.drifted


def test_in_the_internet_layer_they_are_high(live):
    moto, _, ec2 = live
    managed_services(moto, ec2, "internet", True, "web")
    report = drift_of(moto)
    severities = {f.kind: f.severity for f in report.findings
                  if f.kind in ("public_task", "notebook_internet", "public_transfer", "public_db", "public_desktop")}
    assert severities == {"public_task": "high", "notebook_internet": "high", "public_transfer": "high",
                          "public_db": "high", "public_desktop": "high"}


def test_a_service_or_a_notebook_deleted_since_is_not_there(live):
    """A service deleted (moto keeps it, INACTIVE, as ECS does for a while) and a notebook
    stopped and deleted are not found; what still takes a public address is."""
    moto, _, ec2 = live
    managed_services(moto, ec2, "mynumber", True, "juki")
    ecs = session().client("ecs", endpoint_url=moto.url)
    ecs.delete_service(cluster="juki-apps", service="web", force=True)
    sagemaker = session().client("sagemaker", endpoint_url=moto.url)
    sagemaker.stop_notebook_instance(NotebookInstanceName="juki-notebook")  # SageMaker deletes only a stopped one
    sagemaker.delete_notebook_instance(NotebookInstanceName="juki-notebook")
    kinds = {f.kind for f in drift_of(moto).findings}
    assert "public_task" not in kinds and "notebook_internet" not in kinds
    assert {"public_transfer", "public_db"} <= kinds


def test_a_carrier_gateway_on_a_closed_layers_vpc_is_critical(live):
    """A Wavelength carrier gateway attached to mynumber's VPC (GOV-ISO-001 in the pack): the
    carrier's network, and the internet through it, in and out of the layer with no internet
    gateway; in the internet layer, high."""
    moto, _, ec2 = live
    ec2.create_carrier_gateway(VpcId=by_name(ec2, "vpc", "131032-minato-mynumber-vpc"))
    ec2.create_carrier_gateway(VpcId=by_name(ec2, "vpc", "131032-minato-internet-vpc"))
    report = drift_of(moto)
    found = {f.key: (f.category, f.severity, f.layer) for f in report.findings if f.kind == "cagw"}
    assert found == {("131032-minato-mynumber-vpc",): ("unmanaged", "critical", "mynumber"),
                     ("131032-minato-internet-vpc",): ("unmanaged", "high", "internet")}
    assert report.drifted


def test_a_multi_region_key_with_a_copy_abroad_is_critical(live):
    """A key nobody declared, carrying the municipality code, made multi-Region and replicated
    to us-east-1: whatever it encrypts can be decrypted there (drift reads its copies from the
    same DescribeKey). The same key replicated to Osaka only stays medium."""
    moto, _, _ = live
    kms = session().client("kms", endpoint_url=moto.url)

    def key(name, region):
        made = kms.create_key(Description=name, MultiRegion=True, Tags=[
            {"TagKey": "MunicipalityCode", "TagValue": "131032"}, {"TagKey": "Name", "TagValue": name}])
        kms.replicate_key(KeyId=made["KeyMetadata"]["KeyId"], ReplicaRegion=region)
    key("131032-vendor-abroad", "us-east-1")
    key("131032-vendor-osaka", "ap-northeast-3")
    report = drift_of(moto)
    found = {f.key[0]: (f.category, f.severity, f.actual.get("copies_in")) for f in report.findings
             if f.kind == "kms_key" and f.key[0].startswith("131032-vendor-")}
    assert found["131032-vendor-abroad"] == ("unmanaged", "critical", ["us-east-1"])
    assert found["131032-vendor-osaka"][:2] == ("unmanaged", "medium")
