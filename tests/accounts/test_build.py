"""The accounts as built under the mock runtime: each resource through the provider of the
account it belongs to, nothing of a system in the network account, the transit gateway
shared through RAM, each system joined to its own layer only; Shared VPC on Google Cloud;
and 共同利用方式, where two municipalities share a vendor account and neither reaches the
other."""
from __future__ import annotations

import copy

from netaddr import IPNetwork

from clouds.aws.routing import derive
from components.plan import record
from inventory.format import views
from inventory.tokens import AWS, GCP
from network.declaration import load
from network.model import build
from network.stacks import cross_check, tenancy_footprint
from policies.evaluate import evaluate
from policies.registry import all_rules
from tests.conftest import ROOT, SAMPLES, inventory_of

KYODO = ROOT / "examples" / "kyodo"
RULES = {r.id: r for r in all_rules()}


def providers(inventory) -> dict[str, dict]:
    """provider URN -> its inputs."""
    return {r["urn"]: r["inputs"] for r in inventory.resources if r["type"] == "pulumi:providers:aws"}


def test_each_system_resource_is_built_through_its_own_accounts_provider():
    """pulumi-aws Provider: assume_roles (role_arn, external_id, session_name) and
    allowed_account_ids: the provider refuses credentials of any other account."""
    tenancy = load(SAMPLES["minato"])
    inventory = inventory_of("minato")
    by_provider = providers(inventory)
    system_accounts = set(tenancy.spec.system_accounts())
    seen = set()
    for r in inventory.resources:
        if r["custom"] is False or r["type"].startswith("pulumi:providers:"):
            continue
        inputs = by_provider.get(r["provider"], {})
        allowed = inputs.get("allowedAccountIds")
        owners = [f"131032-minato-sys-{a}" for a in system_accounts] + [
            f"131032-minato-sys-{s.layer}-{s.system}" for s in tenancy.plan.systems]
        # a system's own resources (its VPC and everything in it, its account's key and settings);
        # the accepter of its attachment is the network account's
        is_system = any(r["name"].startswith(o) for o in owners) and not r["name"].endswith("-accept")
        if allowed:
            (account,) = allowed
            assert account in system_accounts
            # the assumed role carries the external id, a secret: the whole input is masked
            assert inputs["assumeRoles"] == "[secret]"
            seen.add(account)
        elif is_system:
            raise AssertionError(f"{r['name']} is a system resource in the network account")
    assert seen == system_accounts and len(seen) >= 4
    # the system VPCs, subnets and attachments are all in system accounts, each in the system's own
    plan = tenancy.plan
    for vpc in inventory.of_type(AWS.VPC):
        cidr = vpc["inputs"]["cidrBlock"]
        system = next((s for s in plan.systems if s.cidr == cidr), None)
        inputs = by_provider.get(vpc["provider"], {})
        if system is None:
            assert not inputs.get("allowedAccountIds")  # the network account's layer VPC
        else:
            assert inputs["allowedAccountIds"] == [system.account]
    assert "[secret]" not in str(tenancy.source.data) and "q0vYH7bE1o5cP2Xg0x0ZlG3kY8mTQd1sJw" not in str(
        [r["inputs"] for r in inventory.resources])


def test_the_role_assumed_in_a_system_account():
    from clouds.aws.components.accounts import role_arn
    assert role_arn("401234560012", "GovcloudNetworkDeploy") == "arn:aws:iam::401234560012:role/GovcloudNetworkDeploy"
    provider = next(r for r in inventory_of("minato").resources
                    if r["type"] == "pulumi:providers:aws" and r["inputs"].get("allowedAccountIds"))
    assert provider["secretInputs"] == ["assumeRoles"]


def test_the_transit_gateway_is_shared_through_ram_with_every_system_account():
    inventory = inventory_of("minato")
    (share,) = inventory.of_type(AWS.RAM_SHARE)
    assert share["inputs"]["allowExternalPrincipals"] is False  # aws.sameOrganization: true
    (gateway,) = inventory.of_type(AWS.RAM_RESOURCE_ASSOCIATION)
    tgw = inventory.of_type(AWS.TRANSIT_GATEWAY)[0]
    assert gateway["dependencies"]["resourceArn"] == [tgw["urn"]]
    principals = sorted(p["inputs"]["principal"] for p in inventory.of_type(AWS.RAM_PRINCIPAL_ASSOCIATION))
    assert principals == sorted(load(SAMPLES["minato"]).spec.system_accounts())
    assert inventory.of_type(AWS.RAM_SHARE_ACCEPTER) == []


def test_outside_the_organization_each_account_accepts_the_share():
    from network.declaration import loads
    from tests.conftest import variant
    text = variant("minato", ("    tags:\n      CostCenter", "    aws: {sameOrganization: false}\n    tags:\n      CostCenter"))
    inventory = record(loads(text, "t.yaml", "131032-minato"))
    (share,) = inventory.of_type(AWS.RAM_SHARE)
    assert share["inputs"]["allowExternalPrincipals"] is True
    accepters = inventory.of_type(AWS.RAM_SHARE_ACCEPTER)
    by_provider = providers(inventory)
    assert sorted(by_provider[a["provider"]]["allowedAccountIds"][0] for a in accepters) == sorted(
        load(SAMPLES["minato"]).spec.system_accounts())


def test_each_system_attachment_joins_its_own_layer_tables_only():
    tenancy = load(SAMPLES["minato"])
    inventory = inventory_of("minato")
    routing = derive(build(tenancy), views(inventory.as_dict()))
    for system in tenancy.plan.systems:
        attachment = next(a for a in inventory.of_type(AWS.TGW_VPC_ATTACHMENT)
                          if a["inputs"]["tags"]["Name"].endswith(f"-{system.layer}-{system.system}"))
        # accepted in the network account, with no default table
        accepter = next(a for a in inventory.of_type(AWS.TGW_VPC_ATTACHMENT_ACCEPTER)
                        if a["dependencies"]["transitGatewayAttachmentId"] == [attachment["urn"]])
        assert accepter["inputs"]["transitGatewayDefaultRouteTableAssociation"] is False
        assert not providers(inventory).get(accepter["provider"], {}).get("allowedAccountIds")
        tables = [t for t in routing.tables.values() if any(a.urn == attachment["urn"] for a in t.associated)]
        assert [t.layer for t in tables] == [system.layer]
        propagated = {t.name for t in routing.tables.values()
                      if any(r.target and r.target.urn == attachment["urn"] and r.origin == "vpc" for r in t.routes)}
        assert propagated == {f"131032-minato-hub-{system.layer}", f"131032-minato-hub-{system.layer}-dc"}
    # mynumber's table reaches kyotsu's system from lgwan only by the declared flow, to kyotsu's attachment
    lgwan = next(t for t in routing.tables.values() if t.name == "131032-minato-hub-lgwan")
    route = lgwan.lookup("10.13.16.10")
    assert route.origin == "static" and route.target.urn.endswith("131032-minato-sys-mynumber-kyotsu")
    assert lgwan.lookup("10.13.16.70").target is None  # juki: blackholed, no flow


def test_gcp_systems_get_their_own_subnets_shared_with_their_project_only():
    """pulumi-gcp compute.SharedVPCHostProject / SharedVPCServiceProject / SubnetworkIAMMember
    (role roles/compute.networkUser, on the subnet, not the project)."""
    tenancy = load(SAMPLES["itabashi"])
    inventory = inventory_of("itabashi")
    (host,) = inventory.of_type(GCP.SHARED_VPC_HOST)
    assert host["inputs"]["project"] == "itabashi-gov-network"
    services = sorted(s["inputs"]["serviceProject"] for s in inventory.of_type(GCP.SHARED_VPC_SERVICE))
    assert services == sorted(tenancy.spec.system_accounts())
    subnets = {s["urn"]: s for s in inventory.of_type(GCP.SUBNETWORK)}
    members = inventory.of_type(GCP.SUBNETWORK_IAM_MEMBER)
    assert len(members) == 2 * len(tenancy.plan.systems)  # one subnet per region each
    for m in members:
        assert m["inputs"]["role"] == "roles/compute.networkUser"
        subnet = subnets[m["dependencies"]["subnetwork"][0]]
        system = next(s for s in tenancy.plan.systems if IPNetwork(subnet["inputs"]["ipCidrRange"]) in IPNetwork(s.cidr))
        assert m["inputs"]["member"].endswith("@cloudservices.gserviceaccount.com")
        assert subnet["layer"] == system.layer
        number = m["inputs"]["member"].split(":", 1)[1].split("@")[0]
        others = [x for x in members if x["inputs"]["member"].split(":", 1)[1].split("@")[0] == number]
        assert {subnets[x["dependencies"]["subnetwork"][0]]["layer"] for x in others} == {system.layer}
    assert not inventory.of_type("gcp:projects/iAMMember:IAMMember")  # never networkUser on the host project


def test_kyodo_riyou_neither_municipality_reaches_the_other():
    """Two municipalities share A社's account 601234560001 for 住民記録: each one's route
    tables (VPC and transit) lead nowhere into the other's blocks."""
    tenancies = [load(path, f"examples/kyodo/{path.name}") for path in sorted(KYODO.glob("Pulumi.*.yaml"))]
    assert [t.spec.operating_model for t in tenancies] == ["shared", "shared"]
    shared = set(tenancies[0].spec.system_accounts()) & set(tenancies[1].spec.system_accounts())
    assert shared == {"601234560001"}
    for me, other in (tenancies, tenancies[::-1]):
        inventory = record(me)
        theirs = [IPNetwork(s.cidr) for s in other.plan.systems] + [IPNetwork(other.spec.address_space)]
        for r in inventory.of_type(AWS.ROUTE) + inventory.of_type(AWS.TGW_ROUTE):
            if r["inputs"].get("blackhole"):
                continue
            destination = IPNetwork(r["inputs"]["destinationCidrBlock"])
            if destination.prefixlen == 0:
                continue
            assert not any(destination.first <= b.last and b.first <= destination.last for b in theirs), r["name"]
        routing = derive(build(me), views(inventory.as_dict()))
        for table in routing.tables.values():
            for block in theirs:
                route = table.lookup(str(block.ip))
                assert route is None or route.target is None, (table.name, str(block))
        rules = [RULES[i] for i in ("GOV-ACCT-003", "GOV-ACCT-004", "GOV-ACCT-005")]
        assert all(v.status == "pass" for v in evaluate(views(inventory.as_dict()), build(me), {}, rules))
        # a route added towards the other municipality's 住民記録 fails the policy
        broken = copy.deepcopy(inventory.as_dict())
        route = next(r for r in broken["resources"] if r["type"] == AWS.ROUTE)
        leak = copy.deepcopy(route)
        leak.update(urn=route["urn"] + "-leak", name=route["name"] + "-leak")
        leak["inputs"]["destinationCidrBlock"] = other.plan.system("juki").cidr
        broken["resources"].append(leak)
        (verdict,) = evaluate(views(broken), build(me), {}, [RULES["GOV-ACCT-005"]])
        assert verdict.status == "fail" and other.plan.system("juki").cidr in verdict.findings[0].message


def test_kyodo_riyou_blocks_in_one_account_must_not_overlap_across_municipalities(tmp_path):
    """Part of the cross-stack overlap check, in the same sweep."""
    text = (KYODO / "Pulumi.133086-okutama.yaml").read_text(encoding="utf-8")
    (tmp_path / "Pulumi.133086-okutama.yaml").write_text(
        text.replace("addressSpace: 10.20.4.0/22", "addressSpace: 10.20.0.0/22")
        .replace("prefixes:\n        mynumber: [172.27.0.0/24]", "prefixes:\n        mynumber: [172.27.0.0/24]"),
        encoding="utf-8")
    hinohara = load(KYODO / "Pulumi.133078-hinohara.yaml", "examples/kyodo/Pulumi.133078-hinohara.yaml")
    okutama = load(tmp_path / "Pulumi.133086-okutama.yaml", "t/Pulumi.133086-okutama.yaml")
    found = cross_check([tenancy_footprint(hinohara), tenancy_footprint(okutama)])
    shared = [d for d in found["133086-okutama"] if "in the same account (共同利用方式)" in d.message]
    assert len(shared) == 1
    assert "system juki's block 10.20.0.0/26 in account 601234560001 overlaps 10.20.0.0/26 of 133078-hinohara" \
        in shared[0].message
    assert shared[0].line == text[: text.index("{id: juki")].count("\n") + 1


def test_one_account_in_two_layers_fails_the_policy_even_if_added_by_hand():
    inventory = inventory_of("minato").as_dict()
    broken = copy.deepcopy(inventory)
    # a vendor adds, through A社's mynumber provider, a subnet tagged for the internet layer
    subnet = next(r for r in broken["resources"] if r["type"] == AWS.SUBNET and "juki" in r["name"])
    extra = copy.deepcopy(subnet)
    extra.update(urn=subnet["urn"] + "-x", name=subnet["name"] + "-x")
    extra["inputs"]["tags"] = {**extra["inputs"]["tags"], "Layer": "internet"}
    broken["resources"].append(extra)
    tenancy = load(SAMPLES["minato"])
    (verdict,) = evaluate(views(broken), build(tenancy), {}, [RULES["GOV-ACCT-004"]])
    assert verdict.status == "fail" and "account 401234560012 holds resources of layers internet, mynumber" in \
        verdict.findings[0].message
