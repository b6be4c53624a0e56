"""Every rule has a passing and a failing case, as plain functions over small resource sets."""
from __future__ import annotations

import dataclasses

import json

import pytest

from network.declaration import load, loads
from network.model import build
from policies.evaluate import Context, evaluate, run_rule
from policies.registry import Rule, all_rules
from inventory.view import Resource
from tests.conftest import SAMPLES, variant

MINATO = build(load(SAMPLES["minato"]))
ITABASHI = build(load(SAMPLES["itabashi"]))
MINATO_SHARED = build(loads(variant("minato", ("operatingModel: single", "operatingModel: shared")), "t.yaml",
                            "131032-minato"))
STACK = {"aws": "131032-minato", "gcp": "131199-itabashi"}
TAGS = {"MunicipalityCode": "131032"}


def R(type_, name, props=None, layer=None, deps=None, protect=False, retain=None, provider=None):
    cloud = type_.split(":")[0] if not type_.startswith("pulumi:") else type_.split(":")[-1]
    props = dict(props or {})
    if layer and cloud == "aws" and "tags" not in props:
        props["tags"] = {"Layer": layer, **TAGS}
    if layer and cloud == "gcp" and "labels" not in props:
        props["labels"] = {"layer": layer, "municipality-code": "131199"}
    stack = STACK.get(cloud, "131032-minato")
    return Resource(type_, name, f"urn:pulumi:{stack}::govcloud-hybrid::{type_}::{name}", props, protect, retain,
                    provider or {}, None, None, deps or {})


def urn(r):
    return r.urn


def account_wide(key_layer: str) -> list:
    """The three account-wide settings, the default EBS key being the key of `key_layer`."""
    key = R("aws:kms/key:Key", f"key-{key_layer}", {}, key_layer)
    return [key, R("aws:ebs/encryptionByDefault:EncryptionByDefault", "ebs", {"enabled": True}),
            R("aws:ebs/defaultKmsKey:DefaultKmsKey", "ebs-key", {"keyArn": "arn"}, deps={"keyArn": [key.urn]}),
            R("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "s3",
              {k: True for k in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")})]


def tag_and_link(gateway_layer: str) -> list:
    """The mynumber VPC and an internet gateway on it, tagged `gateway_layer`."""
    vpc = R("aws:ec2/vpc:Vpc", "v", {}, "mynumber")
    return [vpc, R("aws:ec2/internetGateway:InternetGateway", "igw", {"vpcId": "vpc-1"}, gateway_layer,
                   deps={"vpcId": [vpc.urn]})]


KMS_AWS = "aws:kms/key:Key"
S3 = "aws:s3/bucket:Bucket"
SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
POLICY = "aws:s3/bucketPolicy:BucketPolicy"
TLS_POLICY = json.dumps({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
                                        "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})


def bucket_set(with_sse=True, kms=True, tls=True, versioned=True, protect=True):
    b = R(S3, "131032-minato-seg-mynumber-flowlogs", {"bucket": "logs"}, "mynumber", protect=protect, retain=protect)
    out = [b]
    if with_sse:
        out.append(R(SSE, "sse", {"bucket": "logs", "rules": [{"applyServerSideEncryptionByDefault": {
            "sseAlgorithm": "aws:kms" if kms else "AES256", "kmsMasterKeyId": "arn:key" if kms else None}}]},
            deps={"bucket": [b.urn]}))
    out.append(R(POLICY, "policy", {"bucket": "logs", "policy": TLS_POLICY if tls else "{}"}, deps={"bucket": [b.urn]}))
    out.append(R("aws:s3/bucketVersioning:BucketVersioning", "ver",
                 {"versioningConfiguration": {"status": "Enabled" if versioned else "Suspended"}}, deps={"bucket": [b.urn]}))
    out.append(R("aws:ec2/flowLog:FlowLog", "fl", {"logDestination": "arn:aws:s3:::logs"}, deps={"logDestination": [b.urn]}))
    return out


def tgw_case(dest, table="internet", via="mynumber", blackhole=False):
    table_r = R("aws:ec2transitgateway/routeTable:RouteTable", f"rt-{table}", {}, table)
    att = R("aws:ec2transitgateway/vpcAttachment:VpcAttachment", f"att-{via}", {}, via)
    route = R("aws:ec2transitgateway/route:Route", "route", {"destinationCidrBlock": dest, "blackhole": blackhole},
              deps={"transitGatewayRouteTableId": [table_r.urn], "transitGatewayAttachmentId": [att.urn]})
    return [table_r, att, route]


def tgw_join(attachment_layer, table_layer):
    """A VPC attachment of one layer associated with a transit table of (maybe) another."""
    table_r = R("aws:ec2transitgateway/routeTable:RouteTable", f"rt-{table_layer}", {}, table_layer)
    att = R("aws:ec2transitgateway/vpcAttachment:VpcAttachment", f"att-{attachment_layer}", {}, attachment_layer)
    assoc = R("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", "assoc", {},
              deps={"transitGatewayRouteTableId": [table_r.urn], "transitGatewayAttachmentId": [att.urn]})
    return [table_r, att, assoc]


def gcp_policy(layer, prefixes):
    terms = [{"priority": i, "match": {"expression": f"destination == '{p}'"}, "actions": [{"expression": "accept()"}]}
             for i, p in enumerate(prefixes)]
    return [R("gcp:compute/routerRoutePolicy:RouterRoutePolicy", f"131199-itabashi-ic-{layer}-import",
              {"type": "ROUTE_POLICY_TYPE_IMPORT", "terms": terms}, layer)]


def attachments(domains_by_region, layer_list=("mynumber", "lgwan", "internet")):
    return [R("gcp:compute/interconnectAttachment:InterconnectAttachment", f"att-{layer}-{region}-{d}",
              {"region": region, "edgeAvailabilityDomain": f"AVAILABILITY_DOMAIN_{d}"}, layer)
            for layer in layer_list for region, domains in domains_by_region.items() for d in domains]


def dx(locations):
    return [R("aws:directconnect/connection:Connection", f"line-{i}", {"location": loc}, "shared")
            for i, loc in enumerate(locations)]


def vpn_tunnels(n_per_layer):
    return [R("gcp:compute/vPNTunnel:VPNTunnel", f"t-{layer}-{i}", {}, layer)
            for layer in ("mynumber", "lgwan", "internet") for i in range(n_per_layer)]


# rule id -> (model, passing resources, failing resources)
CASES = {
    "GOV-REG-001": (None, [R("pulumi:providers:aws", "p", {"region": "ap-northeast-3"})],
                    [R("aws:s3/bucket:Bucket", "b", {"region": "us-east-1"})]),
    "GOV-REG-002": (None, [R("gcp:kms/keyRing:KeyRing", "k", {"location": "asia-northeast1"})],
                    [R("gcp:storage/bucket:Bucket", "b", {"location": "EU"})]),
    "GOV-REG-003": (None, [R("aws:dynamodb/table:Table", "t", {"replicas": [{"regionName": "ap-northeast-3"}]})],
                    [R("aws:backup/plan:Plan", "p", {"rules": [{"copyActions": [
                        {"destinationVaultArn": "arn:aws:backup:us-west-2:123456789012:backup-vault:x"}]}]})]),
    # Google names a facility per edge availability domain (choosing-colocation-facilities)
    "GOV-REG-004": (None, [R("aws:directconnect/connection:Connection", "c", {"location": "EqOS1"}),
                           R("gcp:compute/interconnect:Interconnect", "ic", {"location": "https://www.googleapis.com/"
                             "compute/v1/projects/p/global/interconnectLocations/nrt-zone2-452"})],
                    [R("aws:directconnect/connection:Connection", "c", {"location": "EqSG2"}),
                     R("gcp:compute/interconnect:Interconnect", "ic", {"location": "sin-zone1-2260"}),
                     R("gcp:compute/interconnect:Interconnect", "ic2", {"location": "nrt-452"})]),
    # a hosted connection is where the connection it is carved from lands (its dependency)
    "GOV-REG-007": (None, [R("aws:directconnect/connection:Connection", "tokyo", {"location": "EqTY2"}),
                           R("aws:directconnect/hostedConnection:HostedConnection", "h", {"connectionId": "dxcon-1"},
                             deps={"connectionId": [urn(R("aws:directconnect/connection:Connection", "tokyo"))]})],
                    [R("aws:directconnect/connection:Connection", "sg", {"location": "EqSG2"}),
                     R("aws:directconnect/hostedConnection:HostedConnection", "h", {"connectionId": "dxcon-2"},
                       deps={"connectionId": [urn(R("aws:directconnect/connection:Connection", "sg"))]})]),
    "GOV-ENC-001": (None, [R("aws:ebs/volume:Volume", "v", {"encrypted": True, "kmsKeyId": "arn:k"})],
                    [R("aws:ec2/launchTemplate:LaunchTemplate", "lt", {"blockDeviceMappings": [{"ebs": {"encrypted": "false"}}]})]),
    "GOV-ENC-002": (None, bucket_set()[1:2], bucket_set(kms=False)[1:2]),
    "GOV-ENC-003": (None, bucket_set(), bucket_set(with_sse=False)),
    "GOV-ENC-004": (None, [R("aws:rds/cluster:Cluster", "db", {"storageEncrypted": True, "kmsKeyId": "arn:k"})],
                    [R("aws:sqs/queue:Queue", "q", {"sqsManagedSseEnabled": True})]),
    "GOV-ENC-005": (None, [R("gcp:compute/disk:Disk", "d", {"diskEncryptionKey": {"kmsKeySelfLink": "k"}})],
                    [R("gcp:sql/databaseInstance:DatabaseInstance", "db", {})]),
    "GOV-ENC-006": (None, [R("gcp:kms/cryptoKey:CryptoKey", "k", {"rotationPeriod": "7776000s"})],
                    [R(KMS_AWS, "k", {"enableKeyRotation": False})]),
    "GOV-TLS-001": (None, bucket_set(), bucket_set(tls=False)),
    "GOV-TLS-002": (None, [R("aws:lb/listener:Listener", "l", {"protocol": "HTTP", "defaultActions": [
                        {"type": "redirect", "redirect": {"protocol": "HTTPS"}}]})],
                    [R("aws:lb/listener:Listener", "l", {"protocol": "TCP"})]),
    "GOV-TLS-003": (MINATO, dx(["EqTY2"])[:0] + [R("aws:directconnect/connection:Connection", "c",
                                                    {"requestMacsec": True, "encryptionMode": "must_encrypt"})],
                    [R("aws:directconnect/connectionConfirmation:ConnectionConfirmation", f"131032-minato-dx-h-{layer}",
                       {"connectionId": f"dxcon-{layer[:8]:0<8}"}) for layer in ("mynumber", "lgwan")]),
    "GOV-ACCT-001": (MINATO, account_wide("shared"), account_wide("mynumber")),
    "GOV-ACCT-002": (MINATO_SHARED, [R("gcp:storage/bucket:Bucket", "b", {}, "mynumber")],
                     [R(S3, "b", {}, "mynumber")]),
    "GOV-ISO-001": (None, [R("aws:ec2/internetGateway:InternetGateway", "igw", {}, "internet")],
                    [R("aws:ec2/natGateway:NatGateway", "nat", {}, "lgwan")]),
    "GOV-ISO-002": (MINATO, [R("aws:ec2/route:Route", "r", {"destinationCidrBlock": "0.0.0.0/0",
                                                            "transitGatewayId": "tgw-1"}, "internet")],
                    [R("aws:ec2/route:Route", "r", {"destinationCidrBlock": "0.0.0.0/0", "gatewayId": "igw-1"},
                       "internet")]),
    "GOV-ISO-003": (None, [R("gcp:compute/firewall:Firewall", "f", {"direction": "INGRESS", "denies": [{"protocol": "all"}],
                                                                    "sourceRanges": ["0.0.0.0/0"]})],
                    [R("aws:ec2/securityGroup:SecurityGroup", "sg", {"ingress": [{"cidrBlocks": ["0.0.0.0/0"]}]})]),
    "GOV-ISO-004": (None, [R("aws:ec2/vpc:Vpc", "v", {}, "lgwan")],
                    [R("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "p", {})]),
    "GOV-ISO-005": (MINATO, tgw_case("10.13.20.64/26", "internet", "lgwan"),
                    tgw_case("10.13.20.0/22", "internet", "lgwan")),
    "GOV-ISO-006": (MINATO, tgw_case("10.13.20.64/26", "internet", "lgwan"),
                    tgw_case("10.13.16.0/24", "internet", "mynumber")),
    "GOV-ACCT-003": (None, tgw_join("mynumber", "mynumber"), tgw_join("mynumber", "lgwan")),
    "GOV-ACCT-004": (None, [R("aws:ec2/subnet:Subnet", "s1", {}, "mynumber", provider={"allowedAccountIds": ["401234560012"]})],
                     [R("aws:ec2/subnet:Subnet", "s1", {}, "mynumber", provider={"allowedAccountIds": ["401234560012"]}),
                      R("aws:ec2/subnet:Subnet", "s2", {}, "internet", provider={"allowedAccountIds": ["401234560012"]})]),
    "GOV-ACCT-005": (MINATO, [R("aws:ec2/route:Route", "r", {"destinationCidrBlock": "172.20.0.0/20"}, "mynumber")],
                     [R("aws:ec2/route:Route", "r", {"destinationCidrBlock": "10.13.32.0/26"}, "mynumber")]),
    "GOV-LINE-001": (MINATO, dx(["EqTY2", "EqTY2", "EqOS1", "EqOS1"]), dx(["EqTY2", "EqTY2", "EqOS1"])),
    "GOV-LINE-002": (ITABASHI, vpn_tunnels(2), vpn_tunnels(1)),
    "GOV-LINE-003": (None, [R("gcp:compute/router:Router", "r", {"bgp": {"asn": 64599}})],
                     [R("aws:ec2/customerGateway:CustomerGateway", "c", {"bgpAsn": "15169"})]),
    "GOV-DATA-001": (None, bucket_set() + [R(KMS_AWS, "k", {}, protect=True)],
                     bucket_set() + [R(KMS_AWS, "k", {}, protect=False)]),
    "GOV-DATA-002": (None, bucket_set(), bucket_set(versioned=False)),
    "GOV-DATA-003": (None, [R(KMS_AWS, "k", {"deletionWindowInDays": 7})],
                     [R("gcp:kms/cryptoKey:CryptoKey", "k", {"destroyScheduledDuration": "86400s"})]),
    "GOV-ENC-007": (None, [R("aws:elasticache/replicationGroup:ReplicationGroup", "c", {
                        "atRestEncryptionEnabled": True, "kmsKeyId": "arn:aws:kms:ap-northeast-1:111122223333:key/1"})],
                    [R("aws:elasticache/replicationGroup:ReplicationGroup", "c", {
                        "atRestEncryptionEnabled": True, "kmsKeyId": "alias/aws/elasticache"})]),
    "GOV-TLS-004": (None, [R("gcp:sql/databaseInstance:DatabaseInstance", "d", {
                        "settings": {"ipConfiguration": {"sslMode": "ENCRYPTED_ONLY"}}})],
                    [R("gcp:sql/databaseInstance:DatabaseInstance", "d", {
                        "settings": {"ipConfiguration": {"sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"}}})]),
    "GOV-REG-005": (None, [R("aws-native:s3:Bucket", "b", {}, provider={"region": "ap-northeast-3"}),
                           R("azure-native:storage:StorageAccount", "a", {"location": "japaneast"})],
                    [R("azure-native:storage:StorageAccount", "a", {"location": "eastus"})]),
    "GOV-REG-006": (None, [R("random:index/randomId:RandomId", "r", {})],
                    [dataclasses.replace(R("oci:Core/vcn:Vcn", "v", {}), provider="urn:pulumi:s::p::pulumi:providers:oci::default")]),
    "GOV-ENC-008": (None, [R("gcp:bigquery/dataset:Dataset", "d", {"datasetId": "core", "defaultEncryptionConfiguration": {
                        "kmsKeyName": "projects/p/locations/asia-northeast1/keyRings/r/cryptoKeys/k"}}),
                           R("gcp:bigquery/table:Table", "t", {"datasetId": "core", "tableId": "t"})],
                    [R("gcp:bigquery/dataset:Dataset", "d", {"datasetId": "core"}),
                     R("gcp:bigquery/table:Table", "t", {"datasetId": "core", "tableId": "t"})]),
    "GOV-DATA-004": (None, [R("aws:sqs/queuePolicy:QueuePolicy", "p", {"policy": json.dumps({"Statement": [{
                         "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sqs:*",
                         "Resource": "*"}]})}), R("gcp:storage/bucketIAMMember:BucketIAMMember", "m", {
                         "member": "group:ops@city.itabashi.lg.jp"})],
                     [R("gcp:storage/bucketIAMMember:BucketIAMMember", "m", {"member": "allUsers"})]),
    "GOV-TAG-002": (None, tag_and_link("mynumber"), tag_and_link("internet")),
    "GOV-ISO-007": (None, [R("aws:ec2/vpc:Vpc", "v", {}, "mynumber"), R("aws:ec2/vpnGateway:VpnGateway", "vgw", {
                        "vpcId": "vpc-1"}, "internet")],
                    [R("aws:ec2/vpc:Vpc", "v", {}, "mynumber"), R("aws:ec2/vpnGateway:VpnGateway", "vgw", {
                        "vpcId": "vpc-1"}, deps={"vpcId": ["urn:pulumi:131032-minato::govcloud-hybrid::aws:ec2/vpc:Vpc::v"]})]),
    "GOV-ISO-008": (None, [R("aws:ec2/subnet:Subnet", "s", {}, "internet"),
                           R("aws:lb/loadBalancer:LoadBalancer", "lb", {"internal": True}, "internet",
                             deps={"subnets": [urn(R("aws:ec2/subnet:Subnet", "s"))]}),
                           R("aws:cloudfront/vpcOrigin:VpcOrigin", "o", {"vpcOriginEndpointConfig": {"arn": "a"}},
                             deps={"vpcOriginEndpointConfig": [urn(R("aws:lb/loadBalancer:LoadBalancer", "lb"))]})],
                    [R("aws:ec2/subnet:Subnet", "s", {}, "mynumber"),
                     R("aws:lb/loadBalancer:LoadBalancer", "lb", {"internal": True}, "internet",
                       deps={"subnets": [urn(R("aws:ec2/subnet:Subnet", "s"))]}),
                     R("aws:cloudfront/vpcOrigin:VpcOrigin", "o", {"vpcOriginEndpointConfig": {"arn": "a"}},
                       deps={"vpcOriginEndpointConfig": [urn(R("aws:lb/loadBalancer:LoadBalancer", "lb"))]})]),
    "GOV-REG-008": (None, [R("gcp:orgpolicy/policy:Policy", "p", {
                        "name": "projects/p/policies/gcp.resourceLocations", "spec": {"rules": [{"values": {
                            "allowedValues": ["in:asia-northeast1-locations", "in:asia-northeast2-locations"]}}]}})],
                    [R("gcp:orgpolicy/policy:Policy", "p", {
                        "name": "projects/p/policies/gcp.resourceLocations", "spec": {"rules": [{"values": {
                            "allowedValues": ["in:asia-northeast1-locations", "in:asia-locations"]}}]}})]),
    "GOV-ACCT-006": (None, [R("gcp:projects/organizationPolicy:OrganizationPolicy", "p", {
                         "constraint": "constraints/compute.vmExternalIpAccess", "listPolicy": {"deny": {"all": True}}})],
                     [R("gcp:projects/organizationPolicy:OrganizationPolicy", "p", {
                         "constraint": "constraints/compute.vmExternalIpAccess", "listPolicy": {"allow": {"all": True}}})]),
    "GOV-ACCT-007": (MINATO, [R("aws:ram/principalAssociation:PrincipalAssociation", "p", {"principal": "401234560013"})],
                     [R("aws:ram/principalAssociation:PrincipalAssociation", "p", {"principal": "401234560099"})]),
    "GOV-TAG-001": (None, [R("aws:ec2/vpc:Vpc", "v", {}, "mynumber")],
                    [R("aws:ec2/subnet:Subnet", "s", {"tags": {"Name": "x"}})]),
}
RULES = {r.id: r for r in all_rules()}


def test_every_rule_has_a_case():
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_passes(rule_id):
    model, passing, _ = CASES[rule_id]
    rule = RULES[rule_id]
    status, findings = run_rule(rule, passing, Context(model, dict(rule.config_defaults), passing))
    assert status == "pass", [f.message for f in findings]


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fails(rule_id):
    model, _, failing = CASES[rule_id]
    rule = RULES[rule_id]
    status, findings = run_rule(rule, failing, Context(model, dict(rule.config_defaults), failing))
    assert status == "fail" and findings
    assert not any("raised" in f.message for f in findings), [f.message for f in findings]


def test_rules_carry_their_metadata():
    for rule in RULES.values():
        assert rule.title_en and rule.title_ja and rule.rationale and rule.remediation
        assert rule.id.startswith("GOV-")


def test_a_rule_that_raises_is_a_violation_naming_it():
    def broken_check(resource, ctx):
        raise KeyError("cidrBlock")
    rule = Rule(id="GOV-TEST-001", family="isolation", title_en="t", title_ja="t", severity="high", rationale="r",
                remediation="m", scope="resource", check=broken_check)
    (verdict,) = evaluate([R("aws:ec2/vpc:Vpc", "v", {}, "mynumber")], None, {}, [rule])
    assert verdict.status == "fail" and verdict.blocking
    assert "rule GOV-TEST-001 raised KeyError" in verdict.findings[0].message


def test_a_rule_needing_the_declaration_fails_closed_without_it():
    (verdict,) = evaluate([], None, {}, [RULES["GOV-ISO-005"]])
    assert verdict.status == "fail" and "needs the stack's declaration" in verdict.findings[0].message


def test_unknown_values_cannot_be_checked_in_preview():
    from pulumi_policy.proxy import UNKNOWN_BOOLEAN_VALUE, unknown_checking_proxy
    props = unknown_checking_proxy({"enableKeyRotation": UNKNOWN_BOOLEAN_VALUE})
    key = Resource(KMS_AWS, "k", "urn:pulumi:131032-minato::govcloud-hybrid::aws:kms/key:Key::k", props)
    (verdict,) = evaluate([key], None, {}, [RULES["GOV-ENC-006"]])
    assert verdict.status == "unknown"
    assert verdict.findings[0].message.startswith("cannot be checked in preview")


def test_enforcement_levels_come_from_the_config():
    failing = CASES["GOV-ENC-001"][2]
    (v,) = evaluate(failing, None, {"GOV-ENC-001": "advisory"}, [RULES["GOV-ENC-001"]])
    assert v.status == "fail" and not v.blocking
    (v,) = evaluate(failing, None, {"GOV-ENC-001": {"enforcementLevel": "disabled"}}, [RULES["GOV-ENC-001"]])
    assert v.status == "disabled"
    (v,) = evaluate(failing, None, {"all": "advisory"}, [RULES["GOV-ENC-001"]])
    assert v.enforcement == "advisory"
    (v,) = evaluate(CASES["GOV-TLS-003"][2], MINATO, {}, [RULES["GOV-TLS-003"]])
    assert v.status == "disabled"  # opt-in rule
    (v,) = evaluate(CASES["GOV-TLS-003"][2], MINATO, {"GOV-TLS-003": {"enforcementLevel": "mandatory",
                                                                      "layers": ["lgwan"]}}, [RULES["GOV-TLS-003"]])
    assert v.status == "fail"


def test_defaults_are_mandatory_for_region_encryption_and_isolation():
    for rule in RULES.values():
        if rule.id == "GOV-REG-006":  # "not covered" is a warning by nature: it judges nothing
            assert rule.enforcement == "advisory"
        elif rule.family in ("region", "encryption-at-rest", "isolation") or rule.id in ("GOV-TLS-001", "GOV-TLS-002"):
            assert rule.enforcement == "mandatory", rule.id


def test_rule_reference_is_in_sync():
    from policies.docgen import render
    from tests.conftest import ROOT
    assert (ROOT / "docs" / "policies.md").read_text(encoding="utf-8") == render(), \
        "run: python -m policies.docgen > docs/policies.md"


def test_a_shared_account_must_not_be_changed_account_wide():
    rule = RULES["GOV-ACCT-001"]
    status, findings = run_rule(rule, account_wide("shared"), Context(MINATO_SHARED, {}, account_wide("shared")))
    assert status == "fail" and len(findings) == 3  # the three settings; the key itself is not account-wide
    assert all("changes an account the tenancy shares" in f.message for f in findings)
    status, findings = run_rule(rule, [R(S3, "b", {}, "mynumber")], Context(MINATO_SHARED, {}, []))
    assert status == "pass"
    status, findings = run_rule(rule, [R(S3, "b", {}, "mynumber")], Context(MINATO, {}, []))
    assert status == "fail" and {f.message for f in findings} >= {"EBS encryption by default is not enabled"}


def test_every_foreign_or_misnamed_line_location_is_a_finding():
    """Each failing GOV-REG-004 case fails on its own: the check knows both clouds' names."""
    rule = RULES["GOV-REG-004"]
    for resource in CASES["GOV-REG-004"][2]:
        status, findings = run_rule(rule, [resource], Context(None, dict(rule.config_defaults), [resource]))
        assert status == "fail" and findings, resource


def test_a_module_prefix_selects_every_type_of_the_module():
    """A type token `aws:rds/` selects every type of the module and no other module; GOV-REG-003
    (which reads every type) finds an RDS read replica of a foreign primary, a copy abroad."""
    module = dataclasses.replace(RULES["GOV-REG-003"], types=("aws:rds/",))
    assert module.applies_to("aws:rds/instance:Instance") and module.applies_to("aws:rds/cluster:Cluster")
    assert not module.applies_to("aws:rdsdata/statement:Statement")
    rule = RULES["GOV-REG-003"]
    replica = R("aws:rds/instance:Instance", "db",
                {"replicateSourceDb": "arn:aws:rds:us-east-1:123456789012:db:primary"})
    status, findings = run_rule(rule, [replica], Context(None, dict(rule.config_defaults), [replica]))
    assert status == "fail" and "us-east-1" in findings[0].message


def test_an_instance_restored_from_a_snapshot_is_judged_as_declared_with_a_message_of_its_own():
    """GOV-ENC-004: the snapshot's key is not in the stack, so a restored instance that declares
    no customer-managed key stays a violation, and the message says why and what to do."""
    rule = RULES["GOV-ENC-004"]
    key = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    restored = R("aws:rds/instance:Instance", "db", {"snapshotIdentifier": "app-2026-12-01"})
    status, findings = run_rule(rule, [restored], Context(None, {}, [restored]))
    assert status == "fail" and "created from snapshot app-2026-12-01" in findings[0].message
    assert "aws.rds.SnapshotCopy" in findings[0].message
    declared = R("aws:rds/instance:Instance", "db", {"snapshotIdentifier": "app-2026-12-01",
                                                     "storageEncrypted": True, "kmsKeyId": key})
    assert run_rule(rule, [declared], Context(None, {}, [declared])) == ("pass", [])


def test_a_service_account_s_project_is_read_exactly_not_as_a_substring():
    from policies.rules.tenancy import member_project
    assert member_project("serviceAccount:app@vendor-12.iam.gserviceaccount.com") == "vendor-12"
    assert member_project("serviceAccount:app@vendor-12.iam.gserviceaccount.com") != "vendor-1"
    assert member_project("group:ops@example.jp") is None
    assert member_project("serviceAccount:123@cloudservices.gserviceaccount.com") is None


def test_a_project_whose_id_prefixes_another_is_not_joined_with_it():
    from inventory.tokens import GCP
    sa = "serviceAccount:app@{}.iam.gserviceaccount.com"
    shared = [R(GCP.SHARED_VPC_SERVICE, "svc", {"serviceProject": "vendor-1"}),
              R(GCP.SUBNETWORK_IAM_MEMBER, "m1", {"member": sa.format("vendor-1")}, "mynumber")]
    rule = RULES["GOV-ACCT-004"]
    other = shared + [R(GCP.SUBNETWORK_IAM_MEMBER, "m2", {"member": sa.format("vendor-12")}, "lgwan")]
    same = shared + [R(GCP.SUBNETWORK_IAM_MEMBER, "m2", {"member": sa.format("vendor-1")}, "lgwan")]
    assert run_rule(rule, other, Context(None, {}, other))[0] == "pass"
    assert run_rule(rule, same, Context(None, {}, same))[0] == "fail"

