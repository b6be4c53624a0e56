"""Accounts and projects in the declaration: each error names the file, line and key, and
says how to fix it; the address plan gives each system its own block, deterministically."""
from __future__ import annotations

import dataclasses

import pytest
from netaddr import IPNetwork

from network.addressing import PlanError, plan
from network.declaration import loads
from network.overlap import brute_force
from tests.conftest import errors_of, line_of, sample_text, variant

JUKI = '{id: juki, name: 住民記録（印鑑登録）, vendor: A社, account: "401234560012"}'
WEB = '{id: web, name: 区公式ウェブ, vendor: H社, account: "401234560032"}'

CASES = [
    ("account-not-12-digits", "minato", [(JUKI, '{id: juki, name: 住民記録, vendor: A社, account: "40123456001"}')],
     "'40123456001' is not an AWS account id: an account id is exactly 12 digits (quote it", "systems[1].account",
     "account: \"40123456001\""),
    ("account-lost-its-zeros", "minato", [(JUKI, "{id: juki, name: 住民記録, vendor: A社, account: 012345670123}")],
     "012345670123 is read by YAML 1.1 as the octal number", "systems[1].account", "account: 012345670123"),
    ("network-account-not-12-digits", "minato", [('network: "401234560001"', 'network: "4012-3456-0001"')],
     "'4012-3456-0001' is not an AWS account id", "accounts.network", "network: \"4012-3456-0001\""),
    ("system-without-account", "minato", [(JUKI, "{id: juki, name: 住民記録（印鑑登録）, vendor: A社}")],
     "system juki names no account, but accounts.network is declared", "layers.mynumber.systems[1]", "id: juki"),
    ("system-in-the-network-account", "minato", [(JUKI, '{id: juki, name: 住民記録, account: "401234560001"}')],
     "system juki names the network account 401234560001", "systems[1].account", "id: juki"),
    ("one-account-in-two-layers", "minato", [(WEB, '{id: web, name: 区公式ウェブ, account: "401234560012"}')],
     "account 401234560012 is already in layer mynumber (system juki); one account in two layers joins them",
     "layers.internet.systems[1].account", "id: web"),
    ("system-in-two-layers", "minato", [(WEB, '{id: juki, name: 区公式ウェブ, account: "401234560032"}')],
     "system id 'juki' is declared 2 times", "layers.internet.systems[1].id", "id: juki, name: 区公式ウェブ"),
    ("account-without-network", "setagaya", [("{id: juki, name: 住民基本台帳・印鑑登録}",
                                             '{id: juki, name: 住民基本台帳・印鑑登録, account: "401234560012"}')],
     "system juki names an account, but the tenancy declares no network account", "systems[1].account", "id: juki"),
    # found by the loader fuzz test: an empty cidr reached the allocator as a traceback
    ("system-cidr-empty", "minato", [(JUKI, '{id: juki, cidr: "", name: 住民記録, vendor: A社, account: "401234560012"}')],
     "'' is not a valid IPv4 CIDR", "systems[1].cidr", "id: juki, cidr: \"\""),
    ("system-cidr-garbage", "minato", [(JUKI, '{id: juki, cidr: 10.13.300.0/24, name: 住民記録, account: "401234560012"}')],
     "is not a valid IPv4 CIDR", "systems[1].cidr", "cidr: 10.13.300.0/24"),
    ("project-id-rules", "itabashi", [("account: itabashi-kikan-a", "account: Itabashi_Kikan")],
     "'Itabashi_Kikan' is not a Google Cloud project id: 6 to 30 lowercase letters", "systems[0].account",
     "Itabashi_Kikan"),
    ("project-id-restricted", "itabashi", [("account: itabashi-web-d", "account: itabashi-google-web")],
     "contains the restricted string 'google'", "layers.internet.systems[0].account", "itabashi-google-web"),
    ("host-project-is-gcp-project", "itabashi", [("network: itabashi-gov-network", "network: itabashi-other-host")],
     "the Shared VPC host project is gcp.projectId (itabashi-gov-network)", "accounts.network",
     "network: itabashi-other-host"),
    ("external-id-in-plain-text", "minato", [("govcloud:externalId:\n    secure: v1:4Nf0lqLSbYh1yWbO:q0vYH7bE1o5cP2Xg0x0ZlG3kY8mTQd1sJw==",
                                              "govcloud:externalId: my-external-id")],
     "govcloud:externalId is written in plain text; it is a secret", "govcloud:externalId",
     "govcloud:externalId: my-external-id"),
    ("external-id-missing", "minato", [("  govcloud:externalId:\n    secure: v1:4Nf0lqLSbYh1yWbO:q0vYH7bE1o5cP2Xg0x0ZlG3kY8mTQd1sJw==\n", "")],
     "systems run in their own accounts, but govcloud:externalId", "config", "config:"),
    ("role-name", "minato", [("    tags:\n      CostCenter", "    aws: {systemAccountRole: \"Govcloud Deploy\"}\n    tags:\n      CostCenter")],
     "an IAM role name is 1–64 letters, digits and + = , . @ _ -", "aws.systemAccountRole", "systemAccountRole"),
    ("system-block-over-the-network-vpc", "minato", [("cidr: 10.13.16.0/26, vendor: 港区", "cidr: 10.13.19.128/26, vendor: 港区")],
     "10.13.19.128/26 overlaps the network account's VPC block 10.13.19.128/25", "systems[0].cidr", "cidr: 10.13.19.128/26"),
    ("system-block-too-small", "minato", [("cidr: 10.13.16.0/26, vendor: 港区", "cidr: 10.13.16.0/27, vendor: 港区")],
     "10.13.16.0/27 is too small for system kyotsu: 2 zone(s) need subnets of at least /28", "systems[0].cidr",
     "cidr: 10.13.16.0/27"),
    ("no-room-for-a-system", "minato", [("systemPrefixLength: 26", "systemPrefixLength: 24")],
     "no free /24 is left in layer mynumber's block 10.13.16.0/22 for system kokuho-nenkin", "systems[3].id",
     "id: kokuho-nenkin"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_error_names_line_key_and_fix(case):
    _, sample, replacements, message, key, needle = case
    text = variant(sample, *replacements)
    stack = {"minato": "131032-minato", "setagaya": "131121-setagaya", "itabashi": "131199-itabashi"}[sample]
    found = [d for d in errors_of(text, stack) if message in d.message and d.path.endswith(key)]
    assert found, [d.message for d in errors_of(text, stack)]
    diagnostic = found[0]
    assert diagnostic.path.endswith(key), diagnostic.path
    assert diagnostic.line == line_of(text, needle), (diagnostic.line, needle)
    assert diagnostic.fix


MINATO = loads(sample_text("minato"), "t.yaml", "131032-minato").spec


def with_system(spec, layer_id, system):
    layers = tuple(dataclasses.replace(layer, systems=layer.systems + (system,)) if layer.id == layer_id else layer
                   for layer in spec.layers)
    return dataclasses.replace(spec, layers=layers)


def test_a_system_added_at_the_end_renumbers_nothing():
    from network.spec import System
    before = plan(MINATO)
    after = plan(with_system(MINATO, "lgwan", System("kintai", "勤怠管理", account="401234560024", prefix_length=26)))
    old = {s.system: (s.cidr, [x.cidr for x in s.subnets]) for s in before.systems}
    new = {s.system: (s.cidr, [x.cidr for x in s.subnets]) for s in after.systems}
    assert all(new[k] == v for k, v in old.items())
    assert new["kintai"][0] == "10.13.21.128/26"  # the first free /26 of lgwan
    assert [lp.subnets for lp in before.layers] == [lp.subnets for lp in after.layers]


def test_system_blocks_are_disjoint_inside_their_layer_and_clear_of_the_network_vpc():
    p = plan(MINATO)
    for lp in p.layers:
        blocks = [(s.cidr, s.system) for s in p.systems_of(lp.layer)] + [(lp.vpc_cidr, "network")]
        assert not brute_force(blocks)
        assert all(IPNetwork(cidr) in IPNetwork(lp.cidr) for cidr, _ in blocks)
        for s in p.systems_of(lp.layer):
            assert all(IPNetwork(sub.cidr) in IPNetwork(s.cidr) for sub in s.subnets)
            assert not brute_force([(sub.cidr, sub.name) for sub in s.subnets])
    assert plan(MINATO) == plan(dataclasses.replace(MINATO))


def test_a_plan_error_names_the_system():
    from network.spec import System
    spec = with_system(MINATO, "mynumber", System("extra", "追加", account="401234560016", prefix_length=23))
    with pytest.raises(PlanError) as info:
        plan(spec)
    assert info.value.path == ("layers", "mynumber", "systems", 12, "prefixLength")
