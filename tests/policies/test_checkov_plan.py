"""bench/checkov_compare.py writes our planned inventory as a Terraform plan for Checkov:
every resource type of the samples has its Terraform name, attribute names are the
bridge's snake_case, and tag keys stay as written."""
from __future__ import annotations

import pytest

from bench.checkov_compare import TERRAFORM_TYPES, snake, terraform_plan
from components.plan import record
from network.declaration import load
from tests.conftest import SAMPLES


def test_attribute_names_as_the_bridge_writes_them():
    assert snake("cidrBlock") == "cidr_block"
    assert snake("enableDnsHostnames") == "enable_dns_hostnames"
    assert snake("vpcId") == "vpc_id"


def test_the_aws_sample_converts_whole():
    inventory = record(load(SAMPLES["minato"])).as_dict()
    plan, count = terraform_plan(inventory)
    resources = plan["planned_values"]["root_module"]["resources"]
    custom = [r for r in inventory["resources"] if r.get("custom") and not r["type"].startswith("pulumi:providers:")]
    assert count == len(resources) == len(custom) == len(plan["resource_changes"])
    assert {r["type"] for r in resources} <= set(TERRAFORM_TYPES.values())
    vpc = next(r for r in resources if r["type"] == "aws_vpc")
    assert "cidr_block" in vpc["values"] and "Layer" in vpc["values"]["tags"]  # tag keys untouched


def test_a_type_without_a_terraform_name_stops_the_comparison():
    inventory = {"resources": [{"type": "aws:rds/instance:Instance", "custom": True, "name": "db", "inputs": {}}]}
    with pytest.raises(SystemExit, match="no Terraform type for aws:rds/instance:Instance"):
        terraform_plan(inventory)
