"""The provider contracts of the resources that split a tenancy into accounts and projects.
Each test reads the planned inventory of a sample and holds it to the sentence of the
provider's documentation it quotes. Where the sentence is in the installed SDK's docstring,
the test reads it from there, so that a provider upgrade that changes the contract fails here
instead of on a real apply."""
from __future__ import annotations

import inspect
import re

import botocore.session
import pulumi_aws as aws
import pulumi_gcp as gcp
import pytest
from netaddr import IPNetwork

from clouds.aws.components.accounts import SESSION_NAME, role_arn
from clouds.aws.declaration import system_account_role
from inventory.tokens import AWS, GCP
from network.declaration import load
from tests.conftest import SAMPLES, inventory_of

VPC_ATTACHMENT = "aws:ec2transitgateway/vpcAttachment:VpcAttachment"
ACCEPTER = "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter"
PRINCIPAL = "aws:ram/principalAssociation:PrincipalAssociation"
SHARE = "aws:ram/resourceShare:ResourceShare"
SHARE_RESOURCE = "aws:ram/resourceAssociation:ResourceAssociation"
HOST = "gcp:compute/sharedVPCHostProject:SharedVPCHostProject"
SERVICE = "gcp:compute/sharedVPCServiceProject:SharedVPCServiceProject"
SUBNET_MEMBER = "gcp:compute/subnetworkIAMMember:SubnetworkIAMMember"
DEFAULT_TABLE_INPUTS = ("transitGatewayDefaultRouteTableAssociation", "transitGatewayDefaultRouteTablePropagation")


def docstring_of(cls, argument: str) -> str:
    """The `:param ... argument:` text of the SDK class, as installed, on one line."""
    source = inspect.getsource(inspect.getmodule(cls))
    start = re.search(rf"^class {cls.__name__}\b", source, re.MULTILINE).start()
    match = re.search(rf":param [^:\n]*\b{argument}: (.*?)(?=\n\s*:param|\n\s*\"\"\")", source[start:], re.DOTALL)
    assert match, f"{cls.__name__} no longer documents {argument}"
    return " ".join(match.group(1).split())


def of(inventory, token: str) -> list[dict]:
    return [r for r in inventory.resources if r["type"] == token]


@pytest.fixture(scope="module")
def minato():
    return inventory_of("minato")


@pytest.fixture(scope="module")
def itabashi():
    return inventory_of("itabashi")


# --- AWS ---------------------------------------------------------------------------------

def test_system_attachments_leave_the_default_table_inputs_unset(minato):
    """VpcAttachment.transit_gateway_default_route_table_association: "This cannot be
    configured or perform drift detection with Resource Access Manager shared EC2 Transit
    Gateways." A system's attachment is made in its own account against the shared gateway,
    so it must not carry either input; the network account's own attachments may."""
    doc = docstring_of(aws.ec2transitgateway.VpcAttachment, "transit_gateway_default_route_table_association")
    assert "cannot be configured" in doc and "Resource Access Manager shared" in doc
    systems = [r for r in of(minato, VPC_ATTACHMENT) if "-sys-" in r["name"]]
    assert len(systems) == len(load(SAMPLES["minato"]).plan.systems) >= 12
    for r in systems:
        assert not set(DEFAULT_TABLE_INPUTS) & set(r["inputs"]), r["name"]


def test_each_shared_attachment_is_accepted_in_the_network_account_off_the_default_table(minato):
    """VpcAttachmentAccepter: "When a cross-account (requester's AWS account differs from the
    accepter's AWS account) EC2 Transit Gateway VPC Attachment is created, ... the accepter can
    use the ec2transitgateway.VpcAttachmentAccepter resource to "adopt" its side". The gateway
    does not auto-accept (AWS Config rule ec2-transit-gateway-auto-vpc-attach-disabled), so
    every system attachment needs exactly one accepter, and the accepter is where the default
    table is switched off."""
    gateway, = of(minato, AWS.TRANSIT_GATEWAY)
    assert gateway["inputs"]["autoAcceptSharedAttachments"] == "disable"
    assert "cross-account" in inspect.getdoc(aws.ec2transitgateway.VpcAttachmentAccepter.__init__) or \
        "cross-account" in inspect.getsource(aws.ec2transitgateway.VpcAttachmentAccepter)
    attachments = {r["id"]: r for r in of(minato, VPC_ATTACHMENT) if "-sys-" in r["name"]}
    accepted = [r["inputs"]["transitGatewayAttachmentId"] for r in of(minato, ACCEPTER)]
    assert sorted(accepted) == sorted(attachments)
    for r in of(minato, ACCEPTER):
        assert all(r["inputs"][k] is False for k in DEFAULT_TABLE_INPUTS), r["name"]
        # the accepter is the network account's: the default provider, no assumed role
        assert r["provider"].endswith("::131032-minato-aws"), r["name"]


def test_ram_principals_are_account_ids_and_stay_in_the_organization(minato):
    """PrincipalAssociation.principal: "Possible values are an AWS account ID, an AWS
    Organizations Organization ARN, or an AWS Organizations Organization Unit ARN."
    ResourceShare.allow_external_principals: "Whether principals outside your organization
    can be associated with a resource share." 港区 declares aws.sameOrganization: true."""
    assert "an AWS account ID" in docstring_of(aws.ram.PrincipalAssociation, "principal")
    assert "outside your organization" in docstring_of(aws.ram.ResourceShare, "allow_external_principals")
    tenancy = load(SAMPLES["minato"])
    principals = [r["inputs"]["principal"] for r in of(minato, PRINCIPAL)]
    assert all(re.fullmatch(r"\d{12}", p) for p in principals), principals
    assert sorted(principals) == sorted(tenancy.spec.system_accounts())
    share, = of(minato, SHARE)
    assert share["inputs"]["allowExternalPrincipals"] is False
    shared, = of(minato, SHARE_RESOURCE)
    assert re.fullmatch(r"arn:aws:ec2:ap-northeast-1:\d{12}:transit-gateway/tgw-\w+", shared["inputs"]["resourceArn"])


def test_every_system_vpc_and_subnet_is_a_size_aws_accepts(minato):
    """EC2 API Reference, CreateVpc: "The smallest VPC you can create uses a /28 netmask
    (16 IP addresses), and the largest uses a /16 netmask (65,536 IP addresses)." The same
    bounds hold for CreateSubnet. A subnet must lie inside its VPC."""
    vpcs = {r["id"]: IPNetwork(r["inputs"]["cidrBlock"]) for r in of(minato, AWS.VPC)}
    systems = [r for r in of(minato, AWS.SUBNET) if "-sys-" in r["name"]]
    assert systems
    for block in vpcs.values():
        assert 16 <= block.prefixlen <= 28
    for r in systems:
        subnet = IPNetwork(r["inputs"]["cidrBlock"])
        assert 16 <= subnet.prefixlen <= 28, r["name"]
        assert subnet in vpcs[r["inputs"]["vpcId"]], r["name"]


def test_each_system_account_provider_assumes_a_role_aws_sts_accepts(minato):
    """ProviderAssumeRoleArgs.external_id: "A unique identifier that might be required when you
    assume a role in another account." The STS API model shipped with botocore bounds what
    AssumeRole accepts: RoleSessionName 2-64 characters of [\\w+=,.@-], and the role ARN of an
    IAM role in the account the provider is pinned to (allowed_account_ids). The assume_roles
    input carries the external id, a secret, so the whole input is masked in the inventory;
    the session name and ARN are checked where the component builds them."""
    assert "assume a role in another account" in docstring_of(aws.ProviderAssumeRoleArgs, "external_id")
    sts = botocore.session.get_session().get_service_model("sts")
    session = sts.shape_for("roleSessionNameType").metadata
    assert session["min"] <= len(SESSION_NAME) <= session["max"]
    assert re.fullmatch(session["pattern"], SESSION_NAME)
    tenancy = load(SAMPLES["minato"])
    role = system_account_role(tenancy.spec)
    providers = [r for r in minato.resources if r["type"] == "pulumi:providers:aws" and r["inputs"].get("allowedAccountIds")]
    assert sorted(p["inputs"]["allowedAccountIds"][0] for p in providers) == sorted(tenancy.spec.system_accounts())
    for p in providers:
        account, = p["inputs"]["allowedAccountIds"]
        assert re.fullmatch(r"arn:aws:iam::\d{12}:role/[\w+=,.@-]{1,64}", role_arn(account, role))
        assert p["inputs"]["assumeRoles"] == "[secret]"
        assert p["inputs"]["region"] == "ap-northeast-1"


# --- Google Cloud ------------------------------------------------------------------------

def test_service_projects_attach_to_the_declared_host_project(itabashi):
    """SharedVPCServiceProject.service_project: "The ID of the project that will serve as a
    Shared VPC service project." host_project: "The ID of a host project to associate."
    Both are project ids (6-30 characters, lowercase letters, digits, hyphens; Resource
    Manager, Creating and managing projects), and the host is enabled exactly once."""
    assert "Shared VPC service project" in docstring_of(gcp.compute.SharedVPCServiceProject, "service_project")
    assert "host project" in docstring_of(gcp.compute.SharedVPCServiceProject, "host_project")
    tenancy = load(SAMPLES["itabashi"])
    host, = of(itabashi, HOST)
    network_project = host["inputs"]["project"]
    services = of(itabashi, SERVICE)
    assert sorted(r["inputs"]["serviceProject"] for r in services) == sorted(tenancy.spec.system_accounts())
    for r in services:
        assert r["inputs"]["hostProject"] == network_project
        assert r["inputs"]["serviceProject"] != network_project
        assert re.fullmatch(r"[a-z][a-z0-9-]{4,28}[a-z0-9]", r["inputs"]["serviceProject"])


def test_each_system_subnet_is_shared_with_its_own_project_only(itabashi):
    """SubnetworkIAMMember.role: "The role that should be applied." (predefined roles are
    `roles/...`); Shared VPC grants roles/compute.networkUser per subnet to the service
    project's principals. Each system subnet gets one member per region, in the host project,
    for the project that runs the system and no other."""
    assert "The role that should be applied" in docstring_of(gcp.compute.SubnetworkIAMMember, "role")
    tenancy = load(SAMPLES["itabashi"])
    subnets = {r["inputs"]["name"]: r for r in of(itabashi, GCP.SUBNETWORK)}
    members = of(itabashi, SUBNET_MEMBER)
    assert members
    host, = of(itabashi, HOST)
    by_subnet: dict[str, set[str]] = {}
    for r in members:
        inputs = r["inputs"]
        assert inputs["role"] == "roles/compute.networkUser"
        assert inputs["project"] == host["inputs"]["project"]
        assert re.fullmatch(r"serviceAccount:\d+@cloudservices\.gserviceaccount\.com", inputs["member"])
        subnet = subnets[inputs["subnetwork"]]
        assert subnet["inputs"]["region"] == inputs["region"]
        by_subnet.setdefault(inputs["subnetwork"], set()).add(inputs["member"])
    # one project per subnet, and the networks of the layers themselves are shared with nobody
    assert all(len(m) == 1 for m in by_subnet.values())
    system_subnets = {n for n in subnets if any(f"-{s.layer}-{s.system}-" in n for s in tenancy.plan.systems)}
    assert set(by_subnet) == system_subnets
