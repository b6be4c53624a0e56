"""SystemAccounts: each business system in its own account, joined to the network
account's transit hub (accounts.network).

- The transit gateway is shared from the network account with every system account
  through AWS RAM (a resource share, the gateway's association, a principal association
  per account; outside the organization each account accepts the share).
- Each system account is reached through its own provider, which assumes the declared
  role (`aws.systemAccountRole`) with the external id from the secret config
  `govcloud:externalId`, and refuses any other account (`allowed_account_ids`).
- In that account: the account-wide encryption settings (operatingModel: single only: under
  共同利用方式 the vendor's account serves other municipalities too), a KMS key for the
  flow logs, and per system a VPC built like a layer's (network/addressing.py gives it
  its own block), whose route table sends the layer block, the layer's on-prem prefixes
  and its flows' far ends to the transit gateway.
- Its transit attachment is accepted in the network account, associated with its layer's
  table and propagated into its layer's two tables (`<layer>`, so the layer's systems
  and the network account's VPC reach it; `<layer>-dc`, so the data center does), never
  into another layer's.

"pulumi-aws ec2transitgateway.VpcAttachment: transit_gateway_default_route_table_association ...
This cannot be configured or perform drift detection with Resource Access Manager shared EC2
Transit Gateways": so the attachment leaves both unset and the accepter (network account)
turns them off.
"""
from __future__ import annotations

import pulumi
import pulumi_aws as aws

from clouds.aws.components.encryption import KEY_DELETION_WINDOW_DAYS, account_wide_settings, key_policy
from clouds.aws.components.segments import Segment, build_vpc
from clouds.aws.components.tags import SHARED, aws_tags
from clouds.aws.declaration import same_organization, system_account_role
from clouds.aws.nacl import nacl_rules
from components.tagging import provider_default_tags
from network.declaration import EXTERNAL_ID_KEY
from network.model import NetworkModel

COMPONENT = "SystemAccounts"
SESSION_NAME = "govcloud-network"


def role_arn(account: str, role: str) -> str:
    return f"arn:aws:iam::{account}:role/{role}"


def system_prefixes(model: NetworkModel, layer: str) -> list[str]:
    """What a system's route table sends to the transit gateway: its layer's block (the
    other systems and the network account's VPC), the layer's on-prem prefixes, the far
    ends of the layer's flows and, for the internet layer through the data center, the
    default route. The transit gateway's layer table decides what is reachable."""
    routing = model.layer(layer)
    prefixes = [routing.cidr, *routing.onprem, *(r.prefix for r in routing.reach)]
    if routing.default_via_datacenter:
        prefixes.append("0.0.0.0/0")
    return list(dict.fromkeys(prefixes))


class SystemAccount(pulumi.ComponentResource):
    """What the network stack builds in one system account, through that account's provider."""

    TYPE = "govcloud:aws:SystemAccount"

    def __init__(self, name: str, account: str, layer: str, model: NetworkModel, opts: pulumi.ResourceOptions):
        super().__init__(self.TYPE, name, {"account": account}, opts)
        spec = model.spec
        self.account, self.layer = account, layer
        child = pulumi.ResourceOptions(parent=self)
        if spec.operating_model == "single":
            account_wide_settings(name, spec.stack, account, child, label=f"{spec.stack}-{account}",
                                  secondary_region=spec.secondary_region)
        self.key = aws.kms.Key(
            f"{name}-flowlogs", description=f"govcloud {spec.stack} flow logs of the systems in {account}",
            enable_key_rotation=True, deletion_window_in_days=KEY_DELETION_WINDOW_DAYS,
            policy=key_policy(account, spec.primary_region),
            tags=aws_tags(layer, COMPONENT, f"{spec.stack}-{account}-flowlogs-key"),
            opts=pulumi.ResourceOptions(parent=self, protect=True, retain_on_delete=True))
        self.segments: dict[str, Segment] = {}
        self.register_outputs({"account": account})


class SystemAccounts(pulumi.ComponentResource):
    TYPE = "govcloud:aws:SystemAccounts"

    def __init__(self, name: str, model: NetworkModel, hub, opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        spec = model.spec
        self.model, self.hub = model, hub
        child = pulumi.ResourceOptions(parent=self)
        same_org = same_organization(spec)
        self.share = aws.ram.ResourceShare(
            f"{name}-tgw-share", name=f"govcloud-{spec.stack}-transit-gateway", allow_external_principals=not same_org,
            tags=aws_tags(SHARED, COMPONENT, f"{spec.stack}-tgw-share"), opts=child)
        share_opts = pulumi.ResourceOptions(parent=self.share)
        gateway_shared = aws.ram.ResourceAssociation(f"{name}-tgw-share-gateway", resource_arn=hub.gateway.arn,
                                                     resource_share_arn=self.share.arn, opts=share_opts)
        external_id = pulumi.Config("govcloud").get_secret(EXTERNAL_ID_KEY.split(":", 1)[1])
        role = system_account_role(spec)
        self.providers: dict[str, aws.Provider] = {}
        self.accounts: dict[str, SystemAccount] = {}
        ready: dict[str, list[pulumi.Resource]] = {}
        for account in spec.system_accounts():
            provider = aws.Provider(
                f"{name}-{account}", region=spec.primary_region, allowed_account_ids=[account],
                assume_roles=[{"role_arn": role_arn(account, role), "external_id": external_id,
                               "session_name": SESSION_NAME}],
                default_tags={"tags": provider_default_tags(model)}, opts=child)
            self.providers[account] = provider
            principal = aws.ram.PrincipalAssociation(f"{name}-tgw-share-{account}", principal=account,
                                                     resource_share_arn=self.share.arn, opts=share_opts)
            ready[account] = [gateway_shared, principal]
            in_account = pulumi.ResourceOptions(parent=self, providers={"aws": provider})
            layer = next(s.layer for s in model.plan.systems if s.account == account)  # one layer per account
            self.accounts[account] = SystemAccount(f"{name}-{account}", account, layer, model, in_account)
            if not same_org:  # an invitation outside the organization: the system account accepts it
                ready[account].append(aws.ram.ResourceShareAccepter(
                    f"{name}-{account}-accept", share_arn=principal.resource_share_arn,
                    opts=pulumi.ResourceOptions(parent=self.accounts[account])))
        self.attachments: dict[str, aws.ec2transitgateway.VpcAttachment] = {}
        self.vpc_ids: dict[str, pulumi.Output] = {}
        for system in model.plan.systems:
            self._system(name, system, ready[system.account])
        self.register_outputs({"vpcIds": self.vpc_ids})

    def _system(self, name: str, system, ready: list[pulumi.Resource]) -> None:
        model, spec = self.model, self.model.spec
        owner = self.accounts[system.account]
        routing = model.layer(system.layer)
        base = f"{name}-{system.layer}-{system.system}"
        entries = pulumi.Output.from_input(nacl_rules(routing, model.flows))
        segment = build_vpc(base, system.layer, f"{spec.stack}-{system.layer}-{system.system}", system.cidr,
                            system.subnets, entries, owner.key.arn, system.account, COMPONENT,
                            pulumi.ResourceOptions(parent=owner))
        owner.segments[system.system] = segment
        self.vpc_ids[system.system] = segment.vpc.id
        attachment = aws.ec2transitgateway.VpcAttachment(
            base, transit_gateway_id=self.hub.gateway.id, vpc_id=segment.vpc.id,
            subnet_ids=[s.id for s in segment.transit_subnets], dns_support="enable",
            tags=aws_tags(system.layer, COMPONENT, f"{spec.stack}-tgw-attach-{system.layer}-{system.system}"),
            opts=pulumi.ResourceOptions(parent=segment.vpc, depends_on=ready))
        self.attachments[system.system] = attachment
        routes = pulumi.ResourceOptions(parent=segment.route_table, depends_on=[attachment])
        for prefix in system_prefixes(model, system.layer):
            aws.ec2.Route(f"{base}-to-{prefix}", route_table_id=segment.route_table.id, destination_cidr_block=prefix,
                          transit_gateway_id=self.hub.gateway.id, opts=routes)
        in_network = pulumi.ResourceOptions(parent=self)
        accepted = aws.ec2transitgateway.VpcAttachmentAccepter(
            f"{base}-accept", transit_gateway_attachment_id=attachment.id,
            transit_gateway_default_route_table_association=False,
            transit_gateway_default_route_table_propagation=False,
            tags=aws_tags(system.layer, COMPONENT, f"{spec.stack}-tgw-accept-{system.layer}-{system.system}"),
            opts=in_network)
        self.hub.attach_system(system, attachment, accepted)
