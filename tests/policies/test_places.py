"""policies/rules/places.py: the places a resource names at any depth, read as GOV-REG-003
judges them (the corpus, tests/policies/corpus/*_places.py, runs whole resources through the
three paths)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from policies.rules.places import aws_places, gcp_places
from policies.unknowns import UNKNOWN_STRING_VALUE, checking

ARN_US = "arn:aws:sqs:us-east-1:111122223333:q"


def aws(type_, props):
    return sorted(aws_places(SimpleNamespace(type=type_, props=props)))


def gcp(type_, props):
    return sorted(gcp_places(SimpleNamespace(type=type_, props=props)))


@pytest.mark.parametrize("props, places", [
    ({"destinationConfig": {"onFailure": {"destination": ARN_US}}}, [("destinationConfig.onFailure.destination",
                                                                      "us-east-1")]),
    ({"rules": [{"copyActions": [{"destinationVaultArn": "arn:aws:backup:ap-northeast-3:1:backup-vault:v"}]}]},
     [("rules[0].copyActions[0].destinationVaultArn", "ap-northeast-3")]),
    ({"bucket": "arn:aws:s3:::minato"}, []),                         # a global service's ARN names no region
    ({"region": "us-east-1"}, []),                                   # the resource's own: GOV-REG-001's
    ({"destinationRegion": "us-east-1"}, [("destinationRegion", "us-east-1")]),
    ({"replicas": [{"regionName": "eu-west-1"}, {"region": "us-gov-west-1"}]},
     [("replicas[0].regionName", "eu-west-1"), ("replicas[1].region", "us-gov-west-1")]),
    ({"regions": ["ap-northeast-1", "cn-north-1"]}, [("regions[0]", "ap-northeast-1"), ("regions[1]", "cn-north-1")]),
    ({"policyDetails": {"schedules": [{"crossRegionCopyRules": [{"target": "us-west-2"}]}]}},
     [("policyDetails.schedules[0].crossRegionCopyRules[0].target", "us-west-2")]),
    ({"target": "us-west-2"}, []),                                   # `target` is a region only in copy rules
    ({"tags": {"Origin": ARN_US, "OriginRegion": "us-east-1"}}, []),  # tags describe, they connect nothing
    ({"regionConcurrencyType": "PARALLEL", "policy": f'{{"Resource": "{ARN_US}"}}'}, []),
])
def test_aws_places_by_property(props, places):
    assert aws("aws:any/thing:Thing", props) == places


def test_route53_checkers_and_config_aggregators_name_regions_that_keep_no_data():
    checkers = {"regions": ["us-east-1", "eu-west-1", "ap-northeast-1"]}
    assert aws("aws:route53/healthCheck:HealthCheck", checkers) == []
    assert aws("aws:cfg/configurationAggregator:ConfigurationAggregator",
               {"accountAggregationSource": {"regions": ["us-east-1"]}}) == []
    assert aws("aws:cloudformation/stackSetInstance:StackSetInstance", {"stackSetInstanceRegion": "us-east-1"}) == [
        ("stackSetInstanceRegion", "us-east-1")]


def test_an_unknown_value_names_nothing_and_raises_nothing_through_the_preview_proxy():
    """The ARN of a resource created in the same run is unknown in preview: that resource is
    judged where it is declared; reading around it must not make this one 'unknown'."""
    props = checking({"kmsKeyId": UNKNOWN_STRING_VALUE, "target": {"arn": ARN_US}}, "urn:x", "x")
    assert aws("aws:any/thing:Thing", props) == [("target.arn", "us-east-1")]


@pytest.mark.parametrize("props, places", [
    ({"kmsKeyName": "projects/p/locations/us/keyRings/r/cryptoKeys/k"}, [("kmsKeyName", "us")]),
    ({"template": {"vpcAccess": {"connector": "projects/p/locations/us-central1/connectors/c"}}},
     [("template.vpcAccess.connector", "us-central1")]),
    ({"subnetwork": "https://www.googleapis.com/compute/v1/projects/p/regions/asia-northeast2/subnetworks/s"},
     [("subnetwork", "asia-northeast2")]),
    ({"image": "projects/debian-cloud/global/images/family/debian-12"}, []),
    ({"kmsKeyName": "projects/p/locations/global/keyRings/r/cryptoKeys/k"}, []),  # `global`: the type's own rule
    ({"labels": {"from": "projects/p/locations/us/x"}}, []),
    ({"interconnect": "projects/p/global/interconnectLocations/tyo-zone1-1"}, []),
])
def test_gcp_places_by_resource_path(props, places):
    assert gcp("gcp:any/thing:Thing", props) == places


def test_a_crypto_keys_own_key_ring_is_its_location_not_a_reference():
    ring = {"keyRing": "projects/p/locations/us/keyRings/r"}
    assert gcp("gcp:kms/cryptoKey:CryptoKey", ring) == []
    assert gcp("gcp:kms/keyRingImportJob:KeyRingImportJob", ring) == [("keyRing", "us")]


@pytest.mark.parametrize("ring, abroad", [("asia1", False), ("asia-northeast2", False), ("asia", True), ("us", True)])
def test_gov_reg_003_reads_a_named_key_as_gov_reg_002_reads_a_key_ring(ring, abroad):
    """A key in the dual-region ASIA1 (Tokyo and Osaka) is in Japan, as a key ring there is for
    GOV-REG-002; the multi-region ASIA is not."""
    from policies.evaluate import Context, run_rule
    from policies.registry import all_rules
    from tests.policies.test_rules import R
    rule = next(r for r in all_rules() if r.id == "GOV-REG-003")
    dataset = R("gcp:bigquery/dataset:Dataset", "d", {"location": "asia-northeast1", "defaultEncryptionConfiguration": {
        "kmsKeyName": f"projects/p/locations/{ring}/keyRings/r/cryptoKeys/k"}})
    status, findings = run_rule(rule, [dataset], Context(None, dict(rule.config_defaults), [dataset]))
    assert bool(findings) is abroad, findings
