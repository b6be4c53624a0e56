"""Mock-runtime tests on every AWS sample, each with a broken variant that it catches."""
from __future__ import annotations

import copy
import json

import pytest

from components.plan import Inventory
from inventory.tokens import AWS
from tests.clouds.aws import checks
from tests.conftest import inventory_of
from tests.conftest import SAMPLES, run_govcloud
from network.declaration import load


@pytest.mark.parametrize("check", checks.CHECKS, ids=[c.__name__ for c in checks.CHECKS])
def test_sample_stacks_hold(check, aws_sample):
    tenancy, inventory = aws_sample
    assert check(tenancy, inventory) == []


def broken(inventory: Inventory, change) -> Inventory:
    copied = Inventory(inventory.stack, inventory.cloud, copy.deepcopy(inventory.resources))
    change(copied)
    return copied


def first(inventory, kind, **where):
    return next(r for r in inventory.of_type(checks.T[kind]) if all(r[k] == v for k, v in where.items()))


def add_igw(inv):
    vpc = first(inv, "vpc", layer="mynumber")
    inv.resources.append({**copy.deepcopy(vpc), "type": checks.T["igw"], "name": "rogue-igw", "urn": "urn:x:igw",
                          "inputs": {"vpcId": vpc["id"]}, "id": "igw-rogue"})


def leak_route(inv):
    """A static route in mynumber's table to the internet layer's VPC attachment."""
    table = next(r for r in inv.of_type(checks.T["tgw_rt"]) if r["name"].endswith("-hub-mynumber"))
    target = first(inv, "tgw_attach", layer="internet")
    inv.resources.append({"urn": "urn:x:leak", "type": checks.T["tgw_route"], "name": "leak", "parent": table["urn"],
                          "custom": True, "provider": None, "id": "leak", "layer": "mynumber", "protect": False,
                          "retainOnDelete": False, "secretInputs": [], "additionalSecretOutputs": [],
                          "dependencies": {"transitGatewayRouteTableId": [table["urn"]],
                                           "transitGatewayAttachmentId": [target["urn"]]},
                          "inputs": {"destinationCidrBlock": "10.13.24.0/22",
                                     "transitGatewayRouteTableId": table["id"], "transitGatewayAttachmentId": target["id"]}})


def widen_prefixes(inv):
    first(inv, "dxgw_assoc")["inputs"]["allowedPrefixes"].append("0.0.0.0/0")


def drop_a_vif(inv):
    inv.resources.remove(inv.of_type(checks.T["vif"])[0])


def rotation_off(inv):
    first(inv, "kms", layer="mynumber")["inputs"]["enableKeyRotation"] = False


def drop_flow_log(inv):
    inv.resources.remove(inv.of_type(checks.T["flowlog"])[0])


def plain_psk(inv):
    vpn = inv.of_type(checks.T["vpn"])[0]
    vpn["secretInputs"].remove("tunnel1PresharedKey")
    vpn["inputs"]["tunnel1PresharedKey"] = "plaintext-key"


def untag(inv):
    first(inv, "subnet", layer="lgwan")["inputs"]["tags"].pop("Layer")


def carrier_in_brackets(inv):
    """What a carrier such as 'NTT東日本（株）' would have made of a connection's Carrier tag."""
    first(inv, "dxcon")["inputs"]["tags"]["Carrier"] = "NTT東日本（株）"


def share_without_its_arn(inv):
    """What the plan recorded before the mocks gave a resource share its arn (session 12)."""
    association = inv.of_type("aws:ram/principalAssociation:PrincipalAssociation")[0]
    association["inputs"].pop("resourceShareArn")
    association["dependencies"].pop("resourceShareArn")


BREAKAGES = [
    (checks.no_internet_paths_in_closed_layers, add_igw),
    (checks.transit_tables_isolate_layers, leak_route),
    (checks.dx_allowed_prefixes_are_the_layer_blocks, widen_prefixes),
    (checks.lines_match_the_declaration, drop_a_vif),
    (checks.keys_rotate_and_are_protected, rotation_off),
    (checks.flow_logs_on_every_vpc, drop_flow_log),
    (checks.vpn_keys_are_secret, plain_psk),
    (checks.every_taggable_resource_is_tagged, untag),
    (checks.tags_keep_aws_tag_rules, carrier_in_brackets),
    (checks.ram_associations_name_their_share, share_without_its_arn),
]


@pytest.mark.parametrize("check, breakage", BREAKAGES, ids=[c.__name__ for c, _ in BREAKAGES])
def test_each_check_catches_its_broken_variant(check, breakage):
    tenancy = load(SAMPLES["minato"])
    assert check(tenancy, broken(inventory_of("minato"), breakage)), f"{check.__name__} missed {breakage.__name__}"


def test_no_internet_gateway_is_built_and_declaring_one_is_refused():
    """An internet gateway on private subnets with no NAT gateway is no breakout: aws refuses
    egress: internet-gateway rather than build one that does not work."""
    from network.declaration import loads
    from network.errors import DeclarationError
    text = SAMPLES["minato"].read_text(encoding="utf-8").replace("egress: datacenter", "egress: internet-gateway")
    with pytest.raises(DeclarationError) as caught:
        loads(text, "t.yaml", "131032-minato")
    (problem,) = [d for d in caught.value.diagnostics if "internet-gateway" in d.message]
    assert problem.path == "govcloud:tenancy.layers.internet.egress" and "egress: datacenter" in problem.fix
    assert not inventory_of("minato").of_type(checks.T["igw"])


def test_internet_default_goes_through_the_datacenter():
    inventory = inventory_of("minato")
    internet_rt = first(inventory, "route", layer="internet", name="131032-minato-seg-internet-to-0.0.0.0/0")
    assert internet_rt["inputs"]["transitGatewayId"] == inventory.of_type(checks.T["tgw"])[0]["id"]
    closed_defaults = [r for r in inventory.of_type(checks.T["route"]) if r["layer"] in checks.CLOSED
                       and r["inputs"]["destinationCidrBlock"] == "0.0.0.0/0"]
    assert closed_defaults == []


def test_default_security_groups_are_empty_and_nacls_narrow_the_flows():
    inventory = inventory_of("minato")
    for sg in inventory.of_type("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"):
        assert sg["inputs"].get("ingress", []) == [] and sg["inputs"].get("egress", []) == []
    vpc = next(r for r in inventory.of_type(checks.T["vpc"]) if r["name"] == "131032-minato-seg-mynumber")
    mynumber_nacl = next(r for r in inventory.of_type("aws:ec2/networkAcl:NetworkAcl")
                         if r["name"] == "131032-minato-seg-mynumber-nacl")
    flow_rules = [r for r in mynumber_nacl["inputs"]["ingress"] if r["cidrBlock"] == "10.13.20.0/26"]
    assert flow_rules == [{"ruleNo": 200, "action": "allow", "protocol": "6", "cidrBlock": "10.13.20.0/26",
                           "fromPort": 8443, "toPort": 8443}]
    assert not any(r["cidrBlock"] == "0.0.0.0/0" for r in mynumber_nacl["inputs"]["ingress"])
    assert vpc["inputs"]["cidrBlock"] == "10.13.19.128/25"  # the network account's VPC: the layer's last /25
    kyotsu_nacl = next(r for r in inventory.of_type("aws:ec2/networkAcl:NetworkAcl")
                       if r["name"] == "131032-minato-sys-mynumber-kyotsu-nacl")
    assert [r for r in kyotsu_nacl["inputs"]["ingress"] if r["cidrBlock"] == "10.13.20.0/26"] == flow_rules


def test_log_buckets_are_encrypted_versioned_private_and_tls_only():
    inventory = inventory_of("minato")
    keys = {r["layer"]: r["id"] for r in inventory.of_type(checks.T["kms"]) if r["name"].startswith("131032-minato-kms-")}
    # a system's VPC logs under its own account's key, tagged with the account's one layer
    account_keys = {r["id"]: r["layer"] for r in inventory.of_type(checks.T["kms"]) if r["name"].endswith("-flowlogs")}
    assert len(account_keys) == 10  # one per system account
    for sse in inventory.of_type("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"):
        rule = sse["inputs"]["rules"][0]["applyServerSideEncryptionByDefault"]
        key = rule["kmsMasterKeyId"]
        assert rule["sseAlgorithm"] == "aws:kms"
        assert keys[sse["layer"]] in key or any(k in key and layer == sse["layer"] for k, layer in account_keys.items())
    assert all(v["inputs"]["versioningConfiguration"]["status"] == "Enabled"
               for v in inventory.of_type("aws:s3/bucketVersioning:BucketVersioning"))
    policies = inventory.of_type("aws:s3/bucketPolicy:BucketPolicy")
    assert len(policies) == 3 + 18  # a bucket per layer VPC and per system VPC
    for p in policies:
        statements = json.loads(p["inputs"]["policy"])["Statement"]
        assert {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*"}.items() <= \
            next(s for s in statements if s["Sid"] == "DenyInsecureTransport").items()


def test_key_policy_is_scoped_to_the_account():
    key = next(k for k in inventory_of("minato").of_type(checks.T["kms"]) if k["layer"] == "mynumber")
    policy = json.loads(key["inputs"]["policy"])
    admin = next(s for s in policy["Statement"] if s["Sid"] == "AccountAdministers")
    assert admin["Principal"] == {"AWS": "arn:aws:iam::123456789012:root"}
    delivery = next(s for s in policy["Statement"] if s["Sid"] == "FlowLogDelivery")
    assert delivery["Condition"]["StringEquals"] == {"aws:SourceAccount": "123456789012"}


def _account_wide(inventory):
    return {t: inventory.of_type(t) for t in (AWS.EBS_ENCRYPTION_BY_DEFAULT, AWS.EBS_DEFAULT_KEY,
                                              AWS.S3_ACCOUNT_PUBLIC_ACCESS)}


@pytest.mark.parametrize("sample", ["minato", "setagaya"])
def test_a_single_tenancy_sets_the_account_defaults_under_a_dedicated_key(sample):
    """EBS encryption by default, under an account-default key that is no layer's, whose
    policy lets EC2 Auto Scaling's service-linked role use it ("Required AWS KMS key policy
    for use with encrypted volumes", EC2 Auto Scaling User Guide), and the account's S3
    public access block."""
    inventory = inventory_of(sample)
    wide = _account_wide(inventory)
    assert wide[AWS.EBS_ENCRYPTION_BY_DEFAULT][0]["inputs"]["enabled"] is True
    key_urn = wide[AWS.EBS_DEFAULT_KEY][0]["dependencies"]["keyArn"][0]
    key = next(r for r in inventory.of_type(AWS.KMS_KEY) if r["urn"] == key_urn)
    assert key["layer"] == "shared" and key["protect"]
    statements = {s["Sid"]: s for s in json.loads(key["inputs"]["policy"])["Statement"]}
    role = "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
    assert statements["AutoScalingUsesTheKey"]["Principal"] == {"AWS": [role]}
    grant = statements["AutoScalingAttachesPersistentResources"]
    assert grant["Action"] == ["kms:CreateGrant"] and grant["Condition"] == {"Bool": {"kms:GrantIsForAWSResource": True}}
    block = wide[AWS.S3_ACCOUNT_PUBLIC_ACCESS][0]["inputs"]
    assert all(block[k] is True for k in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls",
                                          "restrictPublicBuckets"))


def test_a_shared_tenancy_changes_nothing_account_wide():
    from components.plan import record
    from network.declaration import loads
    from tests.conftest import variant
    inventory = record(loads(variant("minato", ("operatingModel: single", "operatingModel: shared")), "t.yaml",
                             "131032-minato"))
    assert all(not found for found in _account_wide(inventory).values())
    assert all(k["layer"] != "shared" for k in inventory.of_type(AWS.KMS_KEY))


def test_disabled_layer_is_not_built():
    inventory = inventory_of("setagaya")
    assert sorted(r["layer"] for r in inventory.of_type(checks.T["vpc"])) == ["lgwan", "mynumber"]
    # but its reserved block is blackholed in the layers that exist
    blackholes = {r["inputs"]["destinationCidrBlock"] for r in inventory.of_type(checks.T["tgw_route"])
                  if r["inputs"].get("blackhole")}
    assert "10.13.40.0/22" in blackholes


def test_outputs_are_registered():
    inventory = inventory_of("minato")
    top = inventory.of_type("govcloud:index:MunicipalityTenancy")
    assert len(top) == 1 and top[0]["parent"] is None or top[0]["parent"].endswith("pulumi:pulumi:Stack::govcloud-hybrid-131032-minato")


def test_plan_through_the_console_script_never_prints_secrets():
    result = run_govcloud("plan", "stacks/Pulumi.131032-minato.yaml", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "govcloud-inventory/1" and data["stack"] == "131032-minato"
    passwords = [r for r in inventory_of("minato").of_type("random:index/randomPassword:RandomPassword")]
    assert passwords
    from components.mocks import CloudMocks
    import pulumi
    # the mock's generated values, recomputed: none may appear in the output
    mocks = CloudMocks()
    for p in passwords:
        _, state = mocks.new_resource(pulumi.runtime.MockResourceArgs(p["type"], p["name"], {"length": 31}))
        assert state["result"] not in result.stdout
    assert result.stdout.count("[secret]") >= 4 + 2 * 2  # 4 BGP keys, 2 VPNs × 2 tunnels
    text = run_govcloud("plan", "131032-minato")
    assert text.returncode == 0
    assert "TransitHub 131032-minato-hub" in text.stdout and "SystemAccounts 131032-minato-sys" in text.stdout
    assert "resources in 17 components" in text.stdout


def test_one_transit_route_per_destination_even_for_two_flows_to_one_system():
    """A transit gateway static route is addressed by its route table and DestinationCidrBlock
    alone (EC2 API Reference, CreateTransitGatewayRoute: "DestinationCidrBlock ... Required",
    with no other key), so a table holds one static route per destination; two flows to the
    same system share the route of the first."""
    from collections import Counter

    from components.plan import record
    from network.declaration import loads
    from tests.conftest import variant
    second = ("    tags:\n", "      - name: myportal-import-2\n        from: {layer: lgwan, system: mugaika}\n"
                            "        to: {layer: mynumber, system: kyotsu}\n        protocol: tcp\n        ports: [8444]\n"
                            "        reason: 二つ目の取込経路\n    tags:\n")
    tenancy = loads(variant("minato", second), "t.yaml", "131032-minato")
    inventory = record(tenancy)
    routes = Counter((r["dependencies"]["transitGatewayRouteTableId"][0], r["inputs"]["destinationCidrBlock"])
                     for r in inventory.of_type(checks.T["tgw_route"]))
    assert routes and max(routes.values()) == 1, [k for k, n in routes.items() if n > 1]
    for sample in ("minato", "setagaya"):
        inv = inventory_of(sample)
        counted = Counter((r["dependencies"]["transitGatewayRouteTableId"][0], r["inputs"]["destinationCidrBlock"])
                          for r in inv.of_type(checks.T["tgw_route"]))
        assert max(counted.values()) == 1


def test_the_secondary_region_has_its_own_ebs_default_encryption_and_key():
    """EBS encryption by default is a per-region setting: Osaka gets its own, through the
    resource's `region` input, which every class used documents (pulumi-aws 7)."""
    import inspect

    import pulumi_aws as aws

    resources = inventory_of("minato").as_dict()["resources"]
    wanted = {"aws:ebs/encryptionByDefault:EncryptionByDefault", "aws:ebs/defaultKmsKey:DefaultKmsKey",
              "aws:kms/key:Key", "aws:kms/alias:Alias"}
    osaka = [r for r in resources if r["type"] in wanted and r["inputs"].get("region") == "ap-northeast-3"]
    defaults = [r for r in resources if r["type"] == "aws:ebs/encryptionByDefault:EncryptionByDefault"]
    in_osaka = [r for r in defaults if r["inputs"].get("region") == "ap-northeast-3"]
    assert len(in_osaka) * 2 == len(defaults) >= 2  # one per account in each region (operatingModel single)
    assert {r["type"] for r in osaka} == wanted
    for cls in (aws.ebs.EncryptionByDefault, aws.ebs.DefaultKmsKey, aws.kms.Key, aws.kms.Alias):
        assert "Defaults to the Region set in the provider configuration" in inspect.getsource(cls)
