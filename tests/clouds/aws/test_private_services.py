"""The closed layers reach AWS APIs and the data center's names without the internet, for
港区, 世田谷区 and a shared-account variant: each test reads the planned inventory and names
the document or docstring it holds to."""
from __future__ import annotations

import json

import pytest

from clouds.aws.components.endpoints import AGENT_BUCKETS, INTERFACE_SERVICES
from clouds.aws.mocks import ACCOUNT_ID, S3_PREFIX_LISTS
from clouds.aws.nacl import EPHEMERAL
from components.plan import record
from inventory.tokens import AWS
from network.declaration import load, loads
from network.errors import DeclarationError
from network.model import build
from tests.conftest import SAMPLES, inventory_of, variant

SHARED = ("operatingModel: single", "operatingModel: shared")
DNS = ("      vpnPeerAddresses:", "      dns: {domains: [minato.local, chiiki.minato.lg.jp], "
       "servers: {mynumber: [172.20.0.53, 172.20.1.53], lgwan: [172.21.0.53]}}\n      vpnPeerAddresses:")
DNS_SETAGAYA = ("        lgwan: [172.25.0.0/20]\n", "        lgwan: [172.25.0.0/20]\n      dns: {domains: [setagaya.local], "
                "servers: {mynumber: [172.24.0.53, 172.24.1.53], lgwan: [172.25.0.53]}}\n")
#: key -> (sample, replacements, stack)
VARIANTS = {"shared": ("minato", (SHARED,), "131032-minato"), "dns": ("minato", (DNS,), "131032-minato"),
            "dns-shared": ("minato", (DNS, SHARED), "131032-minato"),
            "dns-setagaya": ("setagaya", (DNS_SETAGAYA,), "131121-setagaya")}
#: the resolvers each DNS variant declares, per layer, and its domains
DECLARED = {"dns": ({"mynumber": ["172.20.0.53", "172.20.1.53"], "lgwan": ["172.21.0.53"]},
                    ["minato.local", "chiiki.minato.lg.jp"]),
            "dns-shared": ({"mynumber": ["172.20.0.53", "172.20.1.53"], "lgwan": ["172.21.0.53"]},
                           ["minato.local", "chiiki.minato.lg.jp"]),
            "dns-setagaya": ({"mynumber": ["172.24.0.53", "172.24.1.53"], "lgwan": ["172.25.0.53"]},
                             ["setagaya.local"])}
_PLANS: dict = {}


def tenancy_of(key: str):
    if key in ("minato", "setagaya"):
        return load(SAMPLES[key])
    sample, replacements, stack = VARIANTS[key]
    return loads(variant(sample, *replacements), "t.yaml", stack)


def planned(key: str):
    if key in ("minato", "setagaya"):
        return inventory_of(key)
    if key not in _PLANS:
        _PLANS[key] = record(tenancy_of(key))
    return _PLANS[key]


def by_id(inventory, typ):
    return {r["id"]: r for r in inventory.of_type(typ)}


@pytest.mark.parametrize("key", ["minato", "setagaya", "shared"])
def test_each_closed_layer_has_its_interface_endpoints_with_private_dns_in_its_own_subnets(key):
    """Interface endpoints "provision elastic network interfaces in subnet_ids"; private DNS
    needs enable_dns_support and enable_dns_hostnames on the VPC (pulumi-aws VpcEndpoint)."""
    inventory, model = planned(key), build(tenancy_of(key))
    vpcs = by_id(inventory, AWS.VPC)
    subnets = by_id(inventory, AWS.SUBNET)
    groups = by_id(inventory, AWS.SECURITY_GROUP)
    interface = [r for r in inventory.of_type(AWS.VPC_ENDPOINT) if r["inputs"]["vpcEndpointType"] == "Interface"]
    closed = {r.layer: r for r in model.routing if r.closed}
    assert {(r["layer"], r["inputs"]["serviceName"].rsplit(".", 1)[1]) for r in interface} == \
        {(layer, service) for layer in closed for service in INTERFACE_SERVICES}
    for endpoint in interface:
        layer, inputs = endpoint["layer"], endpoint["inputs"]
        vpc = vpcs[inputs["vpcId"]]
        assert vpc["layer"] == layer and vpc["inputs"]["enableDnsSupport"] and vpc["inputs"]["enableDnsHostnames"]
        assert inputs["privateDnsEnabled"] is True
        assert {subnets[s]["layer"] for s in inputs["subnetIds"]} == {layer}
        assert inputs["subnetIds"] and all("-workload-" in subnets[s]["name"] for s in inputs["subnetIds"])
        (group,) = [groups[g] for g in inputs["securityGroupIds"]]
        assert group["inputs"]["ingress"] == [{"protocol": "tcp", "fromPort": 443, "toPort": 443,
                                               "cidrBlocks": [closed[layer].cidr], "description": "the layer's own block"}]
        assert group["inputs"]["egress"] == []
    assert not [r for r in inventory.of_type(AWS.VPC_ENDPOINT) if r["layer"] == "internet"]


@pytest.mark.parametrize("key", ["minato", "setagaya", "shared"])
def test_endpoint_policies_admit_only_the_account_and_aws_services(key):
    """"An endpoint policy ... must contain a Principal element" and may not use wildcards
    with aws:PrincipalAccount (Amazon VPC, endpoint policies); the policy is attached only
    where the service says vpc_endpoint_policy_supported."""
    for endpoint in planned(key).of_type(AWS.VPC_ENDPOINT):
        policy = json.loads(endpoint["inputs"]["policy"])
        statements = {s["Sid"]: s for s in policy["Statement"]}
        assert all(s["Principal"] == "*" for s in statements.values())
        if endpoint["inputs"]["vpcEndpointType"] == "Interface":
            assert statements["OwnAccountPrincipals"]["Condition"] == {"StringEquals": {"aws:PrincipalAccount": ACCOUNT_ID}}
            assert statements["AwsServicesOnOurBehalf"]["Condition"] == {"Bool": {"aws:PrincipalIsAWSService": "true"}}
        else:
            own = statements["OwnPrincipalsToOwnBuckets"]["Condition"]["StringEquals"]
            assert own == {"aws:PrincipalAccount": ACCOUNT_ID, "aws:ResourceAccount": ACCOUNT_ID}
            agents = statements["AgentsReadAwsOwnedBuckets"]
            assert agents["Action"] == "s3:GetObject" and len(agents["Resource"]) == len(AGENT_BUCKETS)
            assert "arn:aws:s3:::amazon-ssm-ap-northeast-1/*" in agents["Resource"]


def test_no_policy_where_the_service_takes_none():
    from clouds.aws.components.endpoints import endpoint_policy, policy_if_supported
    assert policy_if_supported(False, endpoint_policy(ACCOUNT_ID)) is None


@pytest.mark.parametrize("key", ["minato", "setagaya", "shared"])
def test_the_s3_gateway_sits_on_the_layer_route_table_and_its_acl_admits_the_prefix_list(key):
    """A gateway endpoint routes to the S3 prefix list; a network ACL cannot name a prefix
    list, so each CIDR is an entry ("useful e.g., for adding network ACL rules", pulumi-aws
    getPrefixList): HTTPS out, the ephemeral return in."""
    inventory = planned(key)
    tables = by_id(inventory, AWS.ROUTE_TABLE)
    cidrs = sorted(S3_PREFIX_LISTS["ap-northeast-1"][1])
    gateways = [r for r in inventory.of_type(AWS.VPC_ENDPOINT) if r["inputs"]["vpcEndpointType"] == "Gateway"]
    assert {g["layer"] for g in gateways} == {"mynumber", "lgwan"}
    for gateway in gateways:
        assert [tables[t]["layer"] for t in gateway["inputs"]["routeTableIds"]] == [gateway["layer"]]
        assert gateway["inputs"]["serviceName"] == "com.amazonaws.ap-northeast-1.s3"
    for acl in inventory.of_type(AWS.NETWORK_ACL):
        egress = [(e["cidrBlock"], e["fromPort"], e["toPort"]) for e in acl["inputs"]["egress"] if e["ruleNo"] >= 800
                  and e["ruleNo"] < 900]
        ingress = [(e["cidrBlock"], e["fromPort"], e["toPort"]) for e in acl["inputs"]["ingress"] if e["ruleNo"] >= 800
                   and e["ruleNo"] < 900]
        if acl["layer"] in ("mynumber", "lgwan") and "-seg-" in acl["name"]:  # the network account's VPCs
            assert egress == [(c, 443, 443) for c in cidrs] and ingress == [(c, *EPHEMERAL) for c in cidrs]
        else:
            assert egress == ingress == []


def test_a_longer_prefix_list_than_reserved_stops_the_deployment_with_the_fix():
    from clouds.aws.nacl import PrefixListTooLong, service_entries
    with pytest.raises(PrefixListTooLong, match="set aws.s3PrefixListEntries: 9"):
        service_entries([f"52.219.{i}.0/24" for i in range(9)], 8)


def test_validate_counts_the_reserved_s3_entries_against_the_acl_quota():
    """8 reserved entries + own block + on-prem + flows must fit 'Rules per network ACL'."""
    text = variant("minato", ("mynumber: [172.20.0.0/20]", "mynumber: [172.20.0.0/20, "
                              + ", ".join(f"172.23.{i}.0/24" for i in range(10)) + "]"))
    with pytest.raises(DeclarationError) as caught:
        loads(text, "t.yaml", "131032-minato")
    assert "8 for the S3 prefix list" in str(caught.value) and "the quota is 20" in str(caught.value)
    loads(text.replace("    tags:\n", "    aws: {s3PrefixListEntries: 4}\n    tags:\n"), "t.yaml", "131032-minato")


@pytest.mark.parametrize("key", sorted(DECLARED))
def test_route53_resolver_forwards_each_domain_to_the_layers_own_resolvers(key):
    """Resolver endpoints take "ip_addresses ... minimum of 2" (pulumi-aws ResolverEndpoint);
    a FORWARD rule sends a domain to target_ips through the outbound endpoint."""
    inventory = planned(key)
    servers, domains = DECLARED[key]
    endpoints = inventory.of_type(AWS.RESOLVER_ENDPOINT)
    assert {(e["layer"], e["inputs"]["direction"]) for e in endpoints} == \
        {(layer, d) for layer in servers for d in ("INBOUND", "OUTBOUND")}
    subnets = by_id(inventory, AWS.SUBNET)
    for endpoint in endpoints:
        addresses = endpoint["inputs"]["ipAddresses"]
        assert len(addresses) == 2
        assert len({subnets[a["subnetId"]]["inputs"]["availabilityZone"] for a in addresses}) == 2
        assert {subnets[a["subnetId"]]["layer"] for a in addresses} == {endpoint["layer"]}
    outbound = {e["id"]: e["layer"] for e in endpoints if e["inputs"]["direction"] == "OUTBOUND"}
    rules = inventory.of_type(AWS.RESOLVER_RULE)
    forwarded = {(outbound[r["inputs"]["resolverEndpointId"]], r["inputs"]["domainName"]):
                 [t["ip"] for t in r["inputs"]["targetIps"]] for r in rules}
    assert forwarded == {(layer, domain): ips for layer, ips in servers.items() for domain in domains}
    assert all(r["inputs"]["ruleType"] == "FORWARD" for r in rules)
    vpcs = by_id(inventory, AWS.VPC)
    rule_layer = {r["id"]: outbound[r["inputs"]["resolverEndpointId"]] for r in rules}
    associations = inventory.of_type(AWS.RESOLVER_RULE_ASSOCIATION)
    assert len(associations) == len(rules)
    assert all(vpcs[a["inputs"]["vpcId"]]["layer"] == rule_layer[a["inputs"]["resolverRuleId"]] for a in associations)


@pytest.mark.parametrize("key", sorted(DECLARED))
def test_the_resolver_security_group_speaks_dns_with_the_data_center_only(key):
    inventory = planned(key)
    servers, _ = DECLARED[key]
    groups = [g for g in inventory.of_type(AWS.SECURITY_GROUP) if g["name"].endswith("-resolver")]
    assert {g["layer"] for g in groups} == set(servers)
    for group in groups:
        assert {(r["protocol"], r["fromPort"], r["toPort"]) for r in group["inputs"]["egress"]} == \
            {("udp", 53, 53), ("tcp", 53, 53)}
        assert all(r["cidrBlocks"] == [f"{ip}/32" for ip in servers[group["layer"]]] for r in group["inputs"]["egress"])
        assert all(r["fromPort"] == 53 for r in group["inputs"]["ingress"])


def test_no_resolver_without_declared_domains():
    assert not inventory_of("minato").of_type(AWS.RESOLVER_ENDPOINT)


def test_a_one_zone_layer_gives_its_resolver_two_addresses_in_its_one_subnet():
    from types import SimpleNamespace

    from clouds.aws.components.endpoints import two_addresses
    only = SimpleNamespace(id="subnet-1")
    assert two_addresses([only]) == [{"subnet_id": "subnet-1"}, {"subnet_id": "subnet-1"}]
    assert two_addresses([only, SimpleNamespace(id="subnet-2"), SimpleNamespace(id="subnet-3")]) == \
        [{"subnet_id": "subnet-1"}, {"subnet_id": "subnet-2"}]
