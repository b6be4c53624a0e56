"""Accounts and projects (accounts.network): each business system in its own account or
service project, joined to its own layer only; and under 共同利用方式, where one vendor
account serves several municipalities, no route of this municipality leads to another's."""
from __future__ import annotations

import re

from collections import defaultdict

from netaddr import IPNetwork

from inventory.tokens import AWS, GCP
from inventory.view import of_types as of
from policies.props import iam_bindings
from policies.registry import Finding, stack_rule

SHARED = "shared"
#: Google's published ranges a layer network may route to (restricted.googleapis.com) or
#: that Cloud DNS forwarding arrives from; they are not another municipality's.
GOOGLE_RANGES = ("199.36.153.4/30", "35.199.192.0/19")


@stack_rule(id="GOV-ACCT-003", severity="critical", family="accounts", needs_declaration=False,
            title_en="A system's network joins its own layer only",
            title_ja="業務システムのネットワークは自らの層にのみ接続する",
            rationale="A system's VPC attachment (AWS) is associated with and propagated into its own layer's transit "
                      "tables; a system's subnets (Google Cloud) are shared only with projects of that layer. "
                      "Anything else joins two layers through the system (三層の分離).",
            remediation="Associate and propagate the attachment into its layer's tables; grant networkUser on a "
                        "subnet only to the project of a system of that layer, never on the project as a whole.")
def system_joins_its_layer(resources, ctx):
    by_urn = {r.urn: r for r in resources}
    for r in of(resources, AWS.TGW_ASSOCIATION, AWS.TGW_PROPAGATION):
        attachment = next((by_urn[u] for u in r.ref("transitGatewayAttachmentId") if u in by_urn), None)
        table = next((by_urn[u] for u in r.ref("transitGatewayRouteTableId") if u in by_urn), None)
        if attachment is None or table is None or attachment.type != AWS.TGW_VPC_ATTACHMENT:
            continue
        mine, theirs = ctx.layer(attachment), ctx.layer(table)
        if mine and theirs and mine != theirs and SHARED not in (mine, theirs):
            verb = "associated with" if r.type == AWS.TGW_ASSOCIATION else "propagated into"
            yield Finding(f"attachment {attachment.name} of layer {mine} is {verb} table {table.name} of layer {theirs}",
                          r.urn, ("layers", mine))
    for r in of(resources, *PROJECT_IAM):
        if NETWORK_USER in _project_roles(r):
            yield Finding(f"{r.type.rsplit(':', 1)[-1]} {r.name} grants {NETWORK_USER} on project {r.get('project')} "
                          "as a whole: every subnet of every layer (grant it per subnet)", r.urn, ("layers",))
    subnet_layer = {r.urn: ctx.layer(r) for r in of(resources, GCP.SUBNETWORK)}
    member_layers: dict[str, dict[str, str]] = defaultdict(dict)
    for r in of(resources, GCP.SUBNETWORK_IAM_MEMBER):
        layer = next((subnet_layer[u] for u in r.ref("subnetwork") if u in subnet_layer), ctx.layer(r))
        if layer and layer != SHARED:
            member_layers[str(r.get("member"))].setdefault(layer, r.urn)
    for member, layers in member_layers.items():
        if len(layers) > 1:
            first, *others = sorted(layers)
            yield Finding(f"{member} may use subnets of layers {', '.join(sorted(layers))}", layers[others[0]],
                          ("layers", others[0]))


#: a project's own IAM: a grant there reaches every resource of the project (every subnet of the
#: host project, whichever layer it is in)
PROJECT_IAM = ("gcp:projects/iAMMember:IAMMember", "gcp:projects/iAMBinding:IAMBinding",
               "gcp:projects/iAMPolicy:IAMPolicy")
NETWORK_USER = "roles/compute.networkUser"


def _project_roles(resource) -> set[str]:
    """The roles a project IAM resource grants (an IAMPolicy's in its policy_data JSON)."""
    return {str(b.get("role")) for b in iam_bindings(resource) if b.get("role")}


#: a service account's own project: <name>@<project-id>.iam.gserviceaccount.com
_SERVICE_ACCOUNT = re.compile(r"^serviceAccount:[^@]+@([a-z][a-z0-9-]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$")


def member_project(member) -> str | None:
    """The project an IAM member's service account belongs to, read exactly (a project id
    that is a prefix of another, vendor-1 and vendor-12, is not the same project); None for
    a member that is not a project's service account."""
    match = _SERVICE_ACCOUNT.match(str(member or ""))
    return match.group(1) if match else None


@stack_rule(id="GOV-ACCT-004", severity="critical", family="accounts", needs_declaration=False,
            title_en="No account or project serves two layers of one municipality",
            title_ja="一つのアカウント・プロジェクトを同じ団体の二つの層で使わない",
            rationale="An account is one IAM boundary with one set of administrators: a system account holding "
                      "resources of two layers joins them, whatever the routes say.",
            remediation="Give each layer's systems accounts (projects) of that layer; move the resource to an account "
                        "of its own layer.")
def one_layer_per_account(resources, ctx):
    layers: dict[str, dict[str, str]] = defaultdict(dict)
    for r in resources:
        account = r.account
        layer = ctx.layer(r)
        if account and layer and layer != SHARED:
            layers[account].setdefault(layer, r.urn)
    for r in of(resources, GCP.SHARED_VPC_SERVICE):
        project = str(r.get("serviceProject"))
        for member in of(resources, GCP.SUBNETWORK_IAM_MEMBER):
            if member_project(member.get("member")) == project or project == member.get("project"):
                layer = ctx.layer(member)
                if layer and layer != SHARED:
                    layers[project].setdefault(layer, member.urn)
    for account, found in layers.items():
        if len(found) > 1:
            second = sorted(found)[1]
            yield Finding(f"account {account} holds resources of layers {', '.join(sorted(found))}", found[second],
                          ("layers", second))


@stack_rule(id="GOV-ACCT-005", severity="critical", family="accounts", needs_declaration=True,
            title_en="No route leads outside the municipality's own addresses (共同利用方式)",
            title_ja="自団体のアドレス以外（他団体のブロック）への経路を置かない（共同利用方式）",
            rationale="Under 共同利用方式 one vendor account holds the systems of several municipalities; a route "
                      "to an address outside this municipality's space and data center can only lead to another "
                      "municipality's systems.",
            remediation="Remove the route; reach another municipality only through its own, separately reviewed "
                        "declaration.")
def routes_stay_in_the_municipality(resources, ctx):
    spec = ctx.model.spec
    own = [IPNetwork(spec.address_space)] + [IPNetwork(p) for _, ps in spec.data_center.prefixes for p in ps] + \
        [IPNetwork(p) for p in GOOGLE_RANGES]

    def outside(prefix) -> bool:
        if not prefix or prefix == "0.0.0.0/0":  # the default route is GOV-ISO-002's
            return False
        try:
            net = IPNetwork(str(prefix))
        except Exception:
            return True
        return not any(net in block for block in own)

    for r in of(resources, AWS.ROUTE, AWS.TGW_ROUTE, GCP.ROUTE):
        if AWS.TGW_ROUTE == r.type and r.get("blackhole"):
            continue
        prefix = r.get("destinationCidrBlock") or r.get("destRange")
        if outside(prefix):
            yield Finding(f"route {r.name} leads to {prefix}, outside {spec.address_space} and the data center's "
                          "prefixes", r.urn, ("addressSpace",))


#: pulumi_aws ram.PrincipalAssociation `principal`: "Possible values are an AWS account ID, an
#: AWS Organizations Organization ARN, or an AWS Organizations Organization Unit ARN."
RAM_PRINCIPAL = "aws:ram/principalAssociation:PrincipalAssociation"
SUBNET_IAM = (GCP.SUBNETWORK_IAM_MEMBER, "gcp:compute/subnetworkIAMBinding:SubnetworkIAMBinding",
              "gcp:compute/subnetworkIAMPolicy:SubnetworkIAMPolicy")
TGW_PEERING = "aws:ec2transitgateway/peeringAttachment:PeeringAttachment"
#: pulumi_gcp compute.NetworkPeering peer_network: "The peer network in the peering. The peer
#: network may belong to a different project." (a URL or projects/P/global/networks/N)
_NETWORK_PROJECT = re.compile(r"(?:^|/)projects/([^/]+)/global/networks/")


def network_project(url) -> str | None:
    match = _NETWORK_PROJECT.search(str(url or ""))
    return match.group(1) if match else None


#: roles on a subnet that only let a member see it
_VIEWING = ("roles/viewer", "roles/browser", "roles/compute.networkViewer", "roles/compute.viewer")


@stack_rule(id="GOV-ACCT-007", severity="critical", family="accounts", needs_declaration=True,
            title_en="A layer's network is shared only with the tenancy's own accounts and projects",
            title_ja="層のネットワークは自団体のアカウント・プロジェクトにのみ共有する",
            rationale="A resource share (AWS RAM) of the transit gateway or a subnet, a Shared VPC service project, "
                      "or a subnet granted to another project's service account lets that account or project put "
                      "workloads into the layer; a peering with another account's VPC, transit gateway or network "
                      "is a way in that needs only a route. An organization or organizational unit as the principal "
                      "shares with every account in it, which in the Government Cloud are other municipalities' and "
                      "vendors'.",
            remediation="Share only with the accounts (projects) the declaration names for its systems "
                        "(systems[].account); to add one, declare its system first.")
def shared_only_within(resources, ctx):
    spec = ctx.model.spec
    own = {*spec.system_accounts(), *(a for a in (spec.network_account, spec.gcp_project) if a)}

    def outside(text: str) -> str:
        return f"{text}, which is not an account or project of {spec.stack}'s declaration"

    for r in of(resources, RAM_PRINCIPAL):
        principal = str(r.get("principal") or "")
        if ":organizations::" in principal:
            what = "an organizational unit" if ":ou/" in principal else "an organization"
            yield Finding(f"{r.name} shares with {what} ({principal}): every account in it, not only the tenancy's",
                          r.urn, ("accounts",))
        elif principal not in own:
            yield Finding(f"{r.name} shares with account {outside(principal)}", r.urn, ("accounts",))
    # a peering "Defaults to the account ID the AWS provider is currently connected to" (pulumi_aws
    # VpcPeeringConnection peer_owner_id, ec2transitgateway.PeeringAttachment peer_account_id)
    for r in of(resources, AWS.VPC_PEERING, TGW_PEERING):
        account = r.get("peerOwnerId") or r.get("peerAccountId")
        if account and str(account) not in own:
            yield Finding(f"{r.name} peers with account {outside(account)}", r.urn, ("accounts",))
    for r in of(resources, GCP.NETWORK_PEERING):
        project = network_project(r.get("peerNetwork"))
        if project and project not in own:
            yield Finding(f"{r.name} peers with a network of project {outside(project)}", r.urn, ("accounts",))
    for r in of(resources, GCP.SHARED_VPC_SERVICE):
        project = str(r.get("serviceProject") or "")
        if project not in own:
            yield Finding(f"{r.name} attaches service project {outside(project)} to the Shared VPC", r.urn,
                          ("accounts",))
    for r in of(resources, *SUBNET_IAM):
        for binding in iam_bindings(r):
            if str(binding.get("role")) in _VIEWING:
                continue
            for member in binding.get("members") or []:
                project = member_project(member)
                if project and project not in own:
                    yield Finding(f"{r.name} grants {binding.get('role')} on a subnet to {member} of project "
                                  f"{outside(project)}", r.urn, ("accounts",))
