"""Session 20's red team on moto, tamperings outside the tests that went unseen: an interface
endpoint handed to a group nobody declared, a closed layer's network ACL widened without
opening to the internet, a snapshot or image made public, a flow log made again recording
fewer fields. The 港区 state and helpers are test_drift_tampering.py's."""
from __future__ import annotations

from tests.clouds.aws.test_drift import by_name
from tests.clouds.aws.materialize import session
from tests.clouds.aws.test_drift_tampering import MYNUMBER_VPC, SUBNET, drift_of, found
from tests.clouds.aws.test_drift_tampering import external_id, live  # noqa: F401 - fixtures


def test_an_endpoints_groups_swapped_and_a_closed_layers_acl_widened_are_critical(live):
    """Session 20's red team: the layer's interface endpoint handed to a group nobody declared
    (whoever that group admits reaches the layer's AWS APIs), a network ACL that lets
    everything out, and one that lets another layer's block in without opening to the
    internet: each critical in a closed layer, as a security group's new source is."""
    moto, _, ec2 = live
    mynumber = by_name(ec2, "vpc", MYNUMBER_VPC)
    endpoint = next(e for e in ec2.describe_vpc_endpoints(Filters=[{"Name": "vpc-id", "Values": [mynumber]}])[
        "VpcEndpoints"] if e["ServiceName"].endswith(".kms"))
    wide = ec2.create_security_group(GroupName="vendor-wide", Description="vendor", VpcId=mynumber)["GroupId"]
    ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"], AddSecurityGroupIds=[wide],
                            RemoveSecurityGroupIds=[g["GroupId"] for g in endpoint["Groups"]])

    def acl(name):
        return ec2.describe_network_acls(Filters=[{"Name": "tag:Name", "Values": [name]}])["NetworkAcls"][0][
            "NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=acl("131032-minato-mynumber-nacl"), RuleNumber=1, Protocol="-1",
                                 RuleAction="allow", Egress=True, CidrBlock="0.0.0.0/0")
    internet = ec2.describe_vpcs(VpcIds=[by_name(ec2, "vpc", "131032-minato-internet-vpc")])["Vpcs"][0]["CidrBlock"]
    ec2.create_network_acl_entry(NetworkAclId=acl("131032-minato-lgwan-nacl"), RuleNumber=2, Protocol="6",
                                 RuleAction="allow", Egress=False, CidrBlock=internet,
                                 PortRange={"From": 22, "To": 22})
    report = drift_of(moto)
    (swapped,) = [f for f in report.findings if f.kind == "endpoint" and f.key[-1] == endpoint["ServiceName"]]
    assert (swapped.category, swapped.severity, swapped.details["actual"]) == ("changed", "critical", ["vendor-wide"])
    assert swapped.details["expected"] == ["131032-minato-mynumber-endpoints"]
    assert found(report, "nacl", "131032-minato-mynumber-nacl") == {("changed", "critical")}
    assert found(report, "nacl", "131032-minato-lgwan-nacl") == {("changed", "critical")}
    assert report.drifted  # govcloud drift exits 1 (test_cli_exit_codes_and_formats)


def test_a_snapshot_or_an_image_made_public_is_critical_whatever_its_tags(live):
    """A copy of a layer's disk that every AWS account may restore: found by who may use it,
    not by its tags; one shared with a named account only, or kept private, is not public."""
    moto, _, ec2 = live
    volume = ec2.create_volume(AvailabilityZone="ap-northeast-1a", Size=1)["VolumeId"]
    public, named, private = (ec2.create_snapshot(VolumeId=volume)["SnapshotId"] for _ in range(3))
    ec2.modify_snapshot_attribute(SnapshotId=public, Attribute="createVolumePermission", OperationType="add",
                                  GroupNames=["all"])
    ec2.modify_snapshot_attribute(SnapshotId=named, Attribute="createVolumePermission", OperationType="add",
                                  UserIds=["111122223333"])
    instance = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1,
                                 SubnetId=by_name(ec2, "subnet", SUBNET))["Instances"][0]["InstanceId"]
    image = ec2.create_image(InstanceId=instance, Name="vendor-golden")["ImageId"]
    ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"Group": "all"}]})
    report = drift_of(moto)
    copies = {f.ref: (f.category, f.severity, f.details["type"]) for f in report.findings if f.kind == "public_copy"}
    assert copies == {public: ("unmanaged", "critical", "snapshot"), image: ("unmanaged", "critical", "image")}
    assert report.drifted


def test_a_flow_log_made_again_without_the_addresses_is_high(live):
    """Red team: the mynumber flow log deleted and made again into the same bucket, same
    traffic, but recording only the action: the layer's addresses and ports are no longer in
    its logs. The fields are compared, not the format's spelling (none given is AWS's default)."""
    moto, _, ec2 = live
    mynumber = by_name(ec2, "vpc", MYNUMBER_VPC)
    (log,) = ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [mynumber]}])["FlowLogs"]
    ec2.delete_flow_logs(FlowLogIds=[log["FlowLogId"]])
    ec2.create_flow_logs(ResourceIds=[mynumber], ResourceType="VPC", TrafficType=log["TrafficType"],
                         LogDestinationType=log["LogDestinationType"], LogDestination=log["LogDestination"],
                         LogFormat="${version} ${action} ${log-status}")
    (changed,) = [f for f in drift_of(moto).findings if f.kind == "flow_log"]
    assert (changed.category, changed.severity, changed.details["field"]) == ("changed", "high", "fields")
    assert changed.details["actual"] == ["action", "log-status", "version"]


def test_the_default_format_spelled_out_is_the_default():
    """AWS answers a flow log made without a format with the default format spelled out."""
    from clouds.aws.drift_forms import DEFAULT_FLOW_FIELDS, flow_fields
    assert flow_fields(" ".join("${%s}" % f for f in DEFAULT_FLOW_FIELDS)) == flow_fields(None)
    assert "srcaddr" not in flow_fields("${version} ${dstaddr}")


def test_a_privatelink_endpoint_to_someone_elses_service_or_another_region_is_critical(live):
    """Red team: a third party's endpoint service is named com.amazonaws.vpce.<region>.vpce-svc-...
    (it starts like AWS's own, which made it only 'high'); AWS's own service in another region
    (a cross-region endpoint) takes the data abroad. AWS's own service in Tokyo stays high."""
    moto, _, ec2 = live
    mynumber = by_name(ec2, "vpc", MYNUMBER_VPC)
    services = ("com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0", "com.amazonaws.us-east-1.s3",
                "com.amazonaws.ap-northeast-1.sqs")
    for service in services:
        ec2.create_vpc_endpoint(VpcId=mynumber, ServiceName=service, VpcEndpointType="Interface")
    report = drift_of(moto)
    assert [found(report, "endpoint", service) for service in services] == [
        {("unmanaged", "critical")}, {("unmanaged", "critical")}, {("unmanaged", "high")}]


def test_a_database_answering_on_a_public_address_is_found_in_any_layer(live):
    """Session 23's red team: a vendor's database in a layer VPC made publicly accessible. On
    AWS its interface gets a public address (which drift would see as a `public_ip`), but moto
    makes no interface for it: drift asks RDS itself (DescribeDBInstances), so the finding is
    the same on both. Critical in a closed layer, high in internet; a private one is the
    layer's business; made private again, the finding is gone."""
    moto, _, ec2 = live
    rds = session().client("rds", endpoint_url=moto.url)

    def subnet_group(layer):
        vpc = by_name(ec2, "vpc", f"131032-minato-{layer}-vpc")
        subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]
        rds.create_db_subnet_group(DBSubnetGroupName=f"vendor-{layer}", DBSubnetGroupDescription="vendor",
                                   SubnetIds=[s["SubnetId"] for s in subnets[:2]])
        return f"vendor-{layer}"

    def database(name, group, public):
        rds.create_db_instance(DBInstanceIdentifier=name, DBInstanceClass="db.t4g.micro", Engine="postgres",
                               AllocatedStorage=20, MasterUsername="app", MasterUserPassword="p" * 16,
                               DBSubnetGroupName=group, PubliclyAccessible=public)
    mynumber, internet = subnet_group("mynumber"), subnet_group("internet")
    database("juki-db", mynumber, True)
    database("portal-db", internet, True)
    database("kyotsu-db", mynumber, False)

    def public_databases():
        report = drift_of(moto)
        return report, {f.key: (f.category, f.severity, f.layer) for f in report.findings if f.kind == "public_db"}
    report, found_now = public_databases()
    assert found_now == {(MYNUMBER_VPC, "juki-db"): ("unmanaged", "critical", "mynumber"),
                         ("131032-minato-internet-vpc", "portal-db"): ("unmanaged", "high", "internet")}
    assert report.drifted
    rds.modify_db_instance(DBInstanceIdentifier="juki-db", PubliclyAccessible=False, ApplyImmediately=True)
    assert set(public_databases()[1]) == {("131032-minato-internet-vpc", "portal-db")}


def test_an_internet_facing_load_balancer_in_a_layer_vpc_is_found(live):
    """Red team: a vendor's internet-facing load balancer (current or Classic) put in a layer
    VPC passes what the internet sends to targets inside the layer. AWS gives its nodes
    public addresses (and refuses one in a VPC without an internet gateway; moto does not, and
    makes no interface): drift asks Elastic Load Balancing itself. An internal one is not a
    way in from the internet."""
    moto, _, ec2 = live
    elbv2 = session().client("elbv2", endpoint_url=moto.url)
    elb = session().client("elb", endpoint_url=moto.url)

    def subnets(layer):
        vpc = by_name(ec2, "vpc", f"131032-minato-{layer}-vpc")
        return [s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])[
            "Subnets"]][:2]
    elbv2.create_load_balancer(Name="juki-public", Subnets=subnets("mynumber"), Scheme="internet-facing",
                               Type="application")
    elbv2.create_load_balancer(Name="juki-internal", Subnets=subnets("mynumber"), Scheme="internal",
                               Type="network")
    elb.create_load_balancer(LoadBalancerName="portal-classic", Subnets=subnets("internet"),
                             Scheme="internet-facing", Listeners=[{"Protocol": "TCP", "LoadBalancerPort": 443,
                                                                   "InstanceProtocol": "TCP", "InstancePort": 443}])
    report = drift_of(moto)
    balancers = {f.key: (f.category, f.severity, f.layer) for f in report.findings if f.kind == "public_lb"}
    assert balancers == {(MYNUMBER_VPC, "juki-public"): ("unmanaged", "critical", "mynumber"),
                         ("131032-minato-internet-vpc", "portal-classic"): ("unmanaged", "high", "internet")}
    assert report.drifted


def test_a_kubernetes_api_on_the_internet_is_found_by_where_its_pods_run(live):
    """Red team: an EKS cluster whose pods run in a layer's subnets, its API endpoint left at
    EKS's defaults (public, from 0.0.0.0/0), or public but narrowed to the data center's
    range: whoever reaches the API schedules workloads inside the layer. Critical in a closed
    layer or open to every address, high otherwise; a private endpoint only is not found."""
    moto, _, ec2 = live
    eks = session().client("eks", endpoint_url=moto.url)

    def cluster(name, layer, **endpoint):
        subnet = by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")
        eks.create_cluster(name=name, roleArn="arn:aws:iam::401234560001:role/eks",
                           resourcesVpcConfig={"subnetIds": [subnet], **endpoint})
    cluster("juki-k8s", "mynumber")  # EKS's defaults: a public endpoint open to 0.0.0.0/0
    cluster("portal-k8s", "internet", endpointPublicAccess=True, publicAccessCidrs=["203.0.113.0/24"])
    cluster("portal-open", "internet", endpointPublicAccess=True, publicAccessCidrs=["0.0.0.0/1", "128.0.0.0/1"])
    cluster("kyotsu-k8s", "lgwan", endpointPublicAccess=False, endpointPrivateAccess=True)
    report = drift_of(moto)
    clusters = {f.key[-1]: (f.category, f.severity, f.layer) for f in report.findings if f.kind == "eks_public"}
    assert clusters == {"juki-k8s": ("unmanaged", "critical", "mynumber"),
                        "portal-k8s": ("unmanaged", "high", "internet"),
                        "portal-open": ("unmanaged", "critical", "internet")}
    assert report.drifted


def test_a_vpc_link_puts_a_layer_behind_a_public_api(live):
    """Red team: an API Gateway VPC link to an internal Network Load Balancer in mynumber (a
    REST API's) and one into lgwan's subnets (an HTTP API's): the public API passes its
    requests inside the layer, and no gateway, route or public address shows it."""
    moto, _, ec2 = live
    elbv2 = session().client("elbv2", endpoint_url=moto.url)

    def subnet(layer):
        return by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")
    internal = elbv2.create_load_balancer(Name="juki-internal", Subnets=[subnet("mynumber")], Scheme="internal",
                                          Type="network")["LoadBalancers"][0]["LoadBalancerArn"]
    session().client("apigateway", endpoint_url=moto.url).create_vpc_link(name="juki-api", targetArns=[internal])
    session().client("apigatewayv2", endpoint_url=moto.url).create_vpc_link(Name="kyotsu-api",
                                                                             SubnetIds=[subnet("lgwan")])
    report = drift_of(moto)
    links = {f.key: (f.category, f.severity, f.layer) for f in report.findings if f.kind == "vpc_link"}
    assert links == {(MYNUMBER_VPC, "juki-api"): ("unmanaged", "critical", "mynumber"),
                     ("131032-minato-lgwan-vpc", "kyotsu-api"): ("unmanaged", "critical", "lgwan")}
    assert not [f for f in report.findings if f.kind == "public_lb"]  # the balancer itself is internal


def layer_function(moto, ec2, name, layer, auth=None, grouped=False):
    """A function attached to a layer's subnet (moto checks the role exists), with a URL when
    `auth` is given; `grouped`, with the VPC's default security group (moto then answers a
    made-up VpcId: the subnet decides the VPC). Returns the Lambda client."""
    import io
    import json
    import zipfile
    iam, functions = session().client("iam", endpoint_url=moto.url), session().client("lambda", endpoint_url=moto.url)
    role = iam.create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                                "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as z:
        z.writestr("app.py", "def handler(event, context):\n    return 1\n")
    groups = [g["GroupId"] for g in ec2.describe_security_groups(Filters=[
        {"Name": "vpc-id", "Values": [by_name(ec2, "vpc", f"131032-minato-{layer}-vpc")]},
        {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"]] if grouped else []
    vpc = {"VpcConfig": {"SubnetIds": [by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")],
                         "SecurityGroupIds": groups}} if layer else {}
    functions.create_function(FunctionName=name, Runtime="python3.12", Role=role, Handler="app.handler",
                              Code={"ZipFile": code.getvalue()}, **vpc)
    if auth:
        functions.create_function_url_config(FunctionName=name, AuthType=auth)
    return functions


def test_a_function_url_calls_code_inside_the_layer_from_the_internet(live):
    """Red team: a Lambda function attached to mynumber's subnets given a function URL anyone may
    call (AuthType NONE): critical; one in lgwan behind IAM authentication: high; a function
    outside every layer VPC, or one in a layer without a URL, is not a way in."""
    moto, _, ec2 = live
    layer_function(moto, ec2, "juki-hook", "mynumber", "NONE")
    layer_function(moto, ec2, "kyotsu-hook", "lgwan", "AWS_IAM")
    layer_function(moto, ec2, "kyotsu-batch", "lgwan")
    layer_function(moto, ec2, "vendor-site", None, "NONE")
    report = drift_of(moto)
    urls = {f.key: (f.category, f.severity, f.layer) for f in report.findings if f.kind == "function_url"}
    assert urls == {(MYNUMBER_VPC, "juki-hook"): ("unmanaged", "critical", "mynumber"),
                    ("131032-minato-lgwan-vpc", "kyotsu-hook"): ("unmanaged", "high", "lgwan")}


def test_a_cluster_or_function_deleted_while_drift_reads_is_not_there_but_a_refusal_stops_it():
    """Between the list and the read of one cluster (or one function's URLs) the resource may
    go: EKS and Lambda answer ResourceNotFoundException, which is nothing to report. Any other
    error, AccessDenied above all, is raised (drift exits 3), not taken for "no public API"."""
    import pytest
    from botocore.exceptions import ClientError
    from clouds.aws.drift_public import function_urls, public_clusters

    class Scanner:
        subnet_vpcs = {"subnet-1": "vpc-1"}

        def __init__(self, code):
            self.code = code

        def _all(self, service, operation, key, **kwargs):
            if operation == "list_clusters":
                return ["gone"]
            if operation == "list_functions":
                return [{"FunctionName": "gone", "VpcConfig": {"SubnetIds": ["subnet-1"]}}]
            raise ClientError({"Error": {"Code": self.code, "Message": "x"}}, operation)

        def _page(self, service, operation, **kwargs):  # the read of one cluster
            return self._all(service, operation, None, **kwargs)
    names = {"vpc-1": "131032-minato-mynumber-vpc"}
    assert public_clusters(Scanner("ResourceNotFoundException"), names, {}) == []
    assert function_urls(Scanner("ResourceNotFoundException"), names, {}) == []
    for read in (public_clusters, function_urls):
        with pytest.raises(ClientError, match="AccessDenied"):
            read(Scanner("AccessDeniedException"), names, {})


def warehouse_and_broker(moto, ec2, layer, public, name="vendor"):
    """A Redshift cluster and an ActiveMQ broker in a layer's subnets."""
    subnet = by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1a")
    redshift = session().client("redshift", endpoint_url=moto.url)
    redshift.create_cluster_subnet_group(ClusterSubnetGroupName=f"{name}-{layer}", Description="vendor",
                                         SubnetIds=[subnet])
    redshift.create_cluster(ClusterIdentifier=f"{name}-dwh", NodeType="ra3.xlplus", MasterUsername="app",
                            MasterUserPassword="Pw" * 8 + "1", ClusterSubnetGroupName=f"{name}-{layer}",
                            PubliclyAccessible=public)
    session().client("mq", endpoint_url=moto.url).create_broker(
        BrokerName=f"{name}-mq", EngineType="ACTIVEMQ", EngineVersion="5.18", HostInstanceType="mq.t3.micro",
        DeploymentMode="SINGLE_INSTANCE", PubliclyAccessible=public, SubnetIds=[subnet], AutoMinorVersionUpgrade=True,
        Users=[{"Username": "app", "Password": "Pw" * 8 + "1"}])


def migration_instance(moto, ec2, layer, public, name):
    """A DMS replication instance in a layer's subnets (moto_dms_subnets.py keeps them)."""
    dms = session().client("dms", endpoint_url=moto.url)
    subnets = [by_name(ec2, "subnet", f"131032-minato-{layer}-workload-ap-northeast-1{z}") for z in "ac"]
    dms.create_replication_subnet_group(ReplicationSubnetGroupIdentifier=f"{name}-{layer}",
                                        ReplicationSubnetGroupDescription="vendor", SubnetIds=subnets)
    dms.create_replication_instance(ReplicationInstanceIdentifier=name, ReplicationInstanceClass="dms.t3.micro",
                                    ReplicationSubnetGroupIdentifier=f"{name}-{layer}", PubliclyAccessible=public)


def test_a_warehouse_a_migration_or_a_message_broker_made_public_in_a_layer_is_found(live):
    """Red team: a Redshift cluster, a DMS replication instance (public unless told otherwise)
    and an ActiveMQ broker in mynumber's subnets made publicly accessible (each gets public
    addresses; moto makes no interface for any): public_db, critical. The same in lgwan kept
    private is not found."""
    moto, _, ec2 = live
    warehouse_and_broker(moto, ec2, "mynumber", True, "juki")
    warehouse_and_broker(moto, ec2, "lgwan", False, "kyotsu")
    migration_instance(moto, ec2, "mynumber", True, "juki-migration")
    migration_instance(moto, ec2, "lgwan", False, "kyotsu-migration")
    report = drift_of(moto)
    found = {f.key: (f.category, f.severity, f.actual.get("engine")) for f in report.findings if f.kind == "public_db"}
    assert found == {(MYNUMBER_VPC, "juki-dwh"): ("unmanaged", "critical", "redshift"),
                     (MYNUMBER_VPC, "juki-mq"): ("unmanaged", "critical", "activemq"),
                     (MYNUMBER_VPC, "juki-migration"): ("unmanaged", "critical", "dms")}
