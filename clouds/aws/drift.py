"""The live AWS side of drift for a tenancy: every system account through its role, then the
network account, in every region the stack declares (clouds/aws/drift_scanner.py reads one
account in one region); then what only the whole tenancy can tell: which transit gateway a
route names, and which attachments of a layer VPC lead to a gateway that is not ours."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from clouds.aws.drift_data import footprint
from clouds.aws.drift_reads import _tags
from clouds.aws.drift_scanner import RETRIES, AwsScanner
from drift.items import Item

__all__ = ["AwsScanner", "EXTERNAL_ID_ENV", "scan"]

#: where drift finds the external id of the role it assumes in each system account
EXTERNAL_ID_ENV = "GOVCLOUD_EXTERNAL_ID"
#: accounts and regions read at once. Each (account, region) is read by its own scanner and
#: signs in its own thread (clouds/aws/sessions.py `signing_as` is per thread); botocore's
#: clients are thread-safe. Every call waits on the network: the five-system 港区 of the
#: tests (6 accounts, 2 regions) made 433 calls one after another. Eight stays well under
#: EC2's per-account request rates, and the clients retry throttling (RETRIES, adaptive mode).
READERS = 8
#: AssumeRole's ExternalId: 2 to 1,224 characters of [\w+=,.@:/-] (IAM User Guide, "IAM and AWS STS
#: quotas": "the external ID value ... must have a minimum of 2 characters and a maximum of 1,224")
_EXTERNAL_ID = re.compile(r"[\w+=,.@:/-]{2,1224}", re.ASCII)


def scan(tenancy, options: dict) -> tuple[list[Item], int]:
    """(live items, API calls) for a tenancy. options: session (a boto3 Session; default:
    the environment's), endpoint_url, regions ("declared", the default, or "all": also sweep
    every enabled region for resources tagged with the municipality). Unreachable or
    refusing: clouds.EnvironmentProblem."""
    import boto3
    import botocore.exceptions as bx

    from clouds.base import EnvironmentProblem
    session = options.get("session") or boto3.Session()
    if session.get_credentials() is None:
        raise EnvironmentProblem("no AWS credentials: set AWS_PROFILE (a read-only role, see drift/iam/"
                                 "aws-readonly-policy.json) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY")
    from clouds.aws.mocks import ACCOUNT_ID
    spec = tenancy.spec
    endpoint, code = options.get("endpoint_url"), spec.municipality.code
    # the offline plan writes a stand-in id wherever the network account's policies name
    # "this account" (getCallerIdentity has no answer offline; a system account's policies
    # name its declared id); a state export (options["desired"] == "state") has the real ones
    plan_account = None if options.get("desired") == "state" else ACCOUNT_ID
    scanners, items = [], []
    from network.model import build, layer_blocks
    blocks = layer_blocks(build(tenancy).routing)  # each layer's addresses: a VPC's layer whatever its tags
    try:
        # each system account through the role the network stack assumes there, once
        sessions = {account: _assumed(session, account, spec, options, endpoint) for account in spec.system_accounts()}
        for each in (session, *sessions.values()):
            each.get_credentials()  # resolved once here: a boto3 Session is not shared safely while it resolves
        with ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="drift-read") as pool:
            # every region the stack declares (the secondary too) and every system account at once;
            # a region's network account after its systems, whose VPC names its attachments need
            def started(scanner, *args, **kwargs):
                scanner.layer_blocks = blocks
                return scanner, pool.submit(scanner.scan, *args, **kwargs)

            systems = {region: [started(AwsScanner(assumed, region, endpoint, declared_regions=spec.regions,
                                                   global_reads=region == spec.primary_region),
                                        code, account, transit=False) for account, assumed in sessions.items()]
                       for region in spec.regions}
            networks = {}
            for region, reads in systems.items():
                known: dict = {}
                for scanner, future in reads:
                    future.result()
                    known.update(scanner.vpc_names)
                network = AwsScanner(session, region, endpoint, global_reads=region == spec.primary_region,
                                     declared_regions=spec.regions)
                network.plan_account = plan_account
                networks[region] = started(network, code, known_vpcs=known)
            for region, reads in systems.items():  # in the order the reads always had
                network, future = networks[region]
                for scanner, done in reads:
                    items += done.result()
                    scanners.append(scanner)
                items += future.result()
                items += _resolve_gateways([scanner for scanner, _ in reads] + [network], network)
                scanners.append(network)
        if options.get("regions") == "all":
            items = _once_per_bucket(items)
            items += _sweep({"network": session, **sessions}, spec, endpoint, scanners)
    except (bx.EndpointConnectionError, bx.ConnectTimeoutError, bx.NoCredentialsError) as exc:
        raise EnvironmentProblem(f"AWS is unreachable or refused the credentials: {exc}") from None
    except bx.ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        raise EnvironmentProblem(f"AWS refused a read ({code}): {exc}; the scanner needs the actions in "
                                 "drift/iam/aws-readonly-policy.json") from None
    items = _shared_outside(_hosted_vifs_by_id(_once_per_bucket(items), spec), spec)
    return items, sum(sum(s.calls.values()) for s in scanners)


def _shared_outside(items: list, spec) -> list:
    """A database snapshot shared with accounts of the tenancy itself (its system accounts, its
    network account, whose id the account's S3 Block Public Access read names) is no copy
    outside it: those accounts are left out, and a snapshot shared with none other is kept off."""
    own = set(spec.system_accounts()) | {i.ref for i in items if i.kind == "s3_account_block"}
    out = []
    for item in items:
        shared = item.props.get("shared_with") if item.kind == "public_copy" else None
        if isinstance(shared, list):
            item.props["shared_with"] = [account for account in shared if account not in own]
            if not item.props["shared_with"]:
                continue
        out.append(item)
    return out


def _hosted_vifs_by_id(items: list, spec) -> list:
    """A hosted VIF is named by the partner: the stack knows it by its id (a hosted-vif
    line's virtualInterfaceIds), so the live one is keyed by its id, as the declared is."""
    from clouds.aws.declaration import layer_ids
    hosted = {vif for line in spec.connectivity.lines for vif in layer_ids(line).values()
              if line.type == "hosted-vif"}
    for item in items:
        if item.kind == "dx_vif" and item.ref in hosted:
            item.key = (item.ref,)
    return items


def _sweep(sessions: dict, spec, endpoint, scanners: list) -> list[Item]:
    """Every enabled region outside the declared ones, in every account, through one tagging
    call per account and region: whatever carries the municipality code there is a
    `footprint`, critical outside Japan. S3 is global, so a bucket is placed by its own
    location, and one kept in a declared region is left to the regular reads."""
    code = spec.municipality.code
    lister = AwsScanner(sessions["network"], spec.primary_region, endpoint)
    scanners.append(lister)
    regions = sorted(r["RegionName"] for r in lister._all("ec2", "describe_regions", "Regions")
                     if r.get("OptInStatus") in (None, "opt-in-not-required", "opted-in"))
    readers = [(region, account, AwsScanner(session, region, endpoint))
               for region in regions if region not in spec.regions for account, session in sessions.items()]
    scanners += [reader for _, _, reader in readers]
    with ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="drift-sweep") as pool:  # as the reads above
        listed = list(pool.map(lambda each: each[2]._all(
            "resourcegroupstaggingapi", "get_resources", "ResourceTagMappingList",
            TagFilters=[{"Key": "MunicipalityCode", "Values": [code]}]), readers))
    items, located = [], {}
    for (region, account, reader), entries in zip(readers, listed):
        for entry in entries:
            arn = entry["ResourceARN"]
            where = region
            if arn.startswith("arn:aws:s3:::"):
                if arn not in located:  # once per bucket, wherever it is listed
                    located[arn] = reader.bucket_region(arn.split(":::", 1)[1])
                where = located[arn]
                if where != region or where in spec.regions:
                    continue  # listed here but kept elsewhere: counted where it is kept, once
            items.append(footprint(arn, where, _tags(entry.get("Tags")), account))
    return items


def _once_per_bucket(items: list[Item]) -> list[Item]:
    """S3 is global: the tagging API may list a bucket from every region it is asked in, and
    the bucket reads and the sweep may both place one outside the declared regions. Each bucket
    once, and a bucket found kept outside them is that footprint, not also a bucket."""
    abroad = {item.ref for item in items if item.kind == "footprint"}
    seen: set = set()
    out = []
    for item in items:
        if item.kind in ("bucket", "footprint"):
            if (item.kind, item.ref) in seen or item.kind == "bucket" and item.ref in abroad:
                continue
            seen.add((item.kind, item.ref))
        out.append(item)
    return out


def _resolve_gateways(scanners, network) -> list[Item]:
    """After every account of a region is read: each VPC route to a transit gateway is named
    by the gateway (the network account's, by its Name), so that a route re-pointed at any
    other gateway differs from the declaration; and each transit attachment of a layer VPC
    to a gateway that is not the tenancy's is an item of its own (a path out of the layer)."""
    ours = network.gateway_names
    extra = []
    for scanner in scanners:
        for item in scanner.route_gateways:
            gateway = item.props["target"].split(" ", 1)[1]
            item.props["target"] = f"transit-gateway {ours.get(gateway, gateway)}"
        for a in scanner.vpc_attachments:
            if a["TransitGatewayId"] not in ours:
                extra.append(Item("tgw_attachment", (a.get("_name") or f"{a['_vpc']} -> {a['TransitGatewayId']}",),
                                  a["_layer"],
                                  {"vpc": a["_vpc"], "gateway": a["TransitGatewayId"]}, a["TransitGatewayAttachmentId"]))
    return extra


def _assumed(session, account: str, spec, options: dict, endpoint: str | None):
    """A session in a system account: the role `aws.systemAccountRole` assumed with the
    external id (options["external_id"], else $GOVCLOUD_EXTERNAL_ID); its clients are
    read-only like every scanner's."""
    import os

    from clouds.aws.components.accounts import role_arn  # noqa: the one place the ARN is written
    from clouds.aws.declaration import system_account_role
    from clouds.aws.sessions import shared_client, signing_as, with_credentials
    from clouds.base import EnvironmentProblem
    external_id = options.get("external_id") or os.environ.get(EXTERNAL_ID_ENV)
    if not external_id:
        raise EnvironmentProblem(f"the systems run in their own accounts: set {EXTERNAL_ID_ENV} to the external id of "
                                 f"{system_account_role(spec)} so drift can read them")
    if not _EXTERNAL_ID.fullmatch(external_id):
        # said before any call (the value is a secret, so it is never echoed)
        raise EnvironmentProblem(f"{EXTERNAL_ID_ENV} is not an external id AWS accepts: it is {len(external_id)} "
                                 "character(s); STS takes 2 to 1,224 letters, digits and + = , . @ : / - _ with no "
                                 "spaces (IAM and STS quotas, 'External ID'). Set it to the value agreed with the "
                                 "system accounts' owner")
    with signing_as(session.get_credentials()):
        creds = shared_client("sts", spec.primary_region, endpoint, RETRIES).assume_role(
            RoleArn=role_arn(account, system_account_role(spec)), RoleSessionName="govcloud-drift",
            ExternalId=external_id)["Credentials"]
    return with_credentials(creds, spec.primary_region)
