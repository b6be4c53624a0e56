"""Our policy pack side by side with Checkov on the same resources (issue 19, item 5).

The 10,000-resource stack of bench/policy_scale.py is written once as a Terraform plan
(`terraform show -json` shape: planned_values and resource_changes), then, alternately in
one run, `checkov -f plan.json --framework terraform_plan` and our offline path (a fresh
`python` evaluating every rule) are timed as whole processes.

    python -m venv /tmp/ckv && /tmp/ckv/bin/pip install 'checkov>=3.2,<4'
    python bench/checkov_compare.py --checkov /tmp/ckv/bin/checkov [--runs 5]

Checkov is not a dependency of the project: it is only the yardstick here.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.policy_scale import OUT, offline, scaled_stack  # noqa: E402

#: Pulumi token -> Terraform type, from pulumi-aws's provider/cmd/pulumi-resource-aws/
#: bridge-metadata.json ("renames"."resources"). pulumi-aws 7 gave the S3 V2 resources the
#: plain names (aws:s3/bucket:Bucket is the former BucketV2, aws_s3_bucket). The random
#: provider's two resources keep their Terraform names.
TERRAFORM_TYPES = {
    "aws:directconnect/connection:Connection": "aws_dx_connection",
    "aws:directconnect/gateway:Gateway": "aws_dx_gateway",
    "aws:directconnect/gatewayAssociation:GatewayAssociation": "aws_dx_gateway_association",
    "aws:directconnect/macsecKeyAssociation:MacsecKeyAssociation": "aws_dx_macsec_key_association",
    "aws:directconnect/transitVirtualInterface:TransitVirtualInterface": "aws_dx_transit_virtual_interface",
    "aws:ebs/defaultKmsKey:DefaultKmsKey": "aws_ebs_default_kms_key",
    "aws:ebs/encryptionByDefault:EncryptionByDefault": "aws_ebs_encryption_by_default",
    "aws:ec2/customerGateway:CustomerGateway": "aws_customer_gateway",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "aws_default_security_group",
    "aws:ec2/flowLog:FlowLog": "aws_flow_log",
    "aws:ec2/networkAcl:NetworkAcl": "aws_network_acl",
    "aws:ec2/route:Route": "aws_route",
    "aws:ec2/routeTable:RouteTable": "aws_route_table",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "aws_route_table_association",
    "aws:ec2/securityGroup:SecurityGroup": "aws_security_group",
    "aws:ec2/subnet:Subnet": "aws_subnet",
    "aws:ec2/vpc:Vpc": "aws_vpc",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "aws_vpc_endpoint",
    "aws:ec2/vpnConnection:VpnConnection": "aws_vpn_connection",
    "aws:ec2transitgateway/route:Route": "aws_ec2_transit_gateway_route",
    "aws:ec2transitgateway/routeTable:RouteTable": "aws_ec2_transit_gateway_route_table",
    "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation":
        "aws_ec2_transit_gateway_route_table_association",
    "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation":
        "aws_ec2_transit_gateway_route_table_propagation",
    "aws:ec2transitgateway/transitGateway:TransitGateway": "aws_ec2_transit_gateway",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": "aws_ec2_transit_gateway_vpc_attachment",
    "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter":
        "aws_ec2_transit_gateway_vpc_attachment_accepter",
    "aws:kms/alias:Alias": "aws_kms_alias",
    "aws:kms/key:Key": "aws_kms_key",
    "aws:ram/principalAssociation:PrincipalAssociation": "aws_ram_principal_association",
    "aws:ram/resourceAssociation:ResourceAssociation": "aws_ram_resource_association",
    "aws:ram/resourceShare:ResourceShare": "aws_ram_resource_share",
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": "aws_s3_account_public_access_block",
    "aws:s3/bucket:Bucket": "aws_s3_bucket",
    "aws:s3/bucketPolicy:BucketPolicy": "aws_s3_bucket_policy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "aws_s3_bucket_public_access_block",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
        "aws_s3_bucket_server_side_encryption_configuration",
    "aws:s3/bucketVersioning:BucketVersioning": "aws_s3_bucket_versioning",
    "random:index/randomId:RandomId": "random_id",
    "random:index/randomPassword:RandomPassword": "random_password",
}
#: maps whose keys are data (tag names), not attribute names
_FREE_KEYS = {"tags", "tags_all"}


def snake(name: str) -> str:
    """cidrBlock -> cidr_block, the way the bridge names Terraform attributes."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _values(value, free: bool = False):
    if isinstance(value, dict):
        return {(k if free else snake(k)): _values(v, not free and snake(k) in _FREE_KEYS) for k, v in value.items()}
    if isinstance(value, list):
        return [_values(v) for v in value]
    return value


def terraform_plan(inventory: dict) -> tuple[dict, int]:
    """(the plan, how many resources it has). A type without a Terraform name is an error:
    the comparison must be over the same resources."""
    resources, changes = [], []
    for r in inventory["resources"]:
        if not r.get("custom") or r["type"].startswith("pulumi:providers:"):
            continue
        kind = TERRAFORM_TYPES.get(r["type"])
        if kind is None:
            raise SystemExit(f"no Terraform type for {r['type']}: add it to TERRAFORM_TYPES from bridge-metadata.json")
        name = re.sub(r"[^A-Za-z0-9_-]", "_", r["name"])
        values = _values(r.get("inputs") or {})
        provider = "registry.terraform.io/hashicorp/" + kind.split("_", 1)[0]
        resources.append({"address": f"{kind}.{name}", "mode": "managed", "type": kind, "name": name,
                          "provider_name": provider, "schema_version": 0, "values": values})
        changes.append({"address": f"{kind}.{name}", "mode": "managed", "type": kind, "name": name,
                        "provider_name": provider, "change": {"actions": ["create"], "before": None,
                                                              "after": values, "after_unknown": {}}})
    plan = {"format_version": "1.2", "terraform_version": "1.9.8",
            "planned_values": {"root_module": {"resources": resources}}, "resource_changes": changes,
            "configuration": {"root_module": {"resources": []}}}
    return plan, len(resources)


def checkov(binary: str, plan: Path) -> tuple[float, int]:
    """(seconds, checks run) of one whole checkov process over the plan."""
    start = time.perf_counter()
    done = subprocess.run([binary, "-f", str(plan), "--framework", "terraform_plan", "--quiet", "--compact",
                           "-o", "json", "--skip-download"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: some check failed, which is a result
        raise SystemExit(f"checkov failed ({done.returncode}): {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    summary = (report[0] if isinstance(report, list) else report)["summary"]
    return seconds, summary["passed"] + summary["failed"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkov", default="checkov", help="the checkov executable")
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    inventory, copies, inventory_path, stack = scaled_stack(args.resources)
    plan, count = terraform_plan(inventory)
    plan_path = OUT / "inventory-scaled.tfplan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    offline(inventory_path, stack)  # warm-up: page cache and bytecode, both sides
    checkov(args.checkov, plan_path)
    ours, theirs, checks = [], [], 0
    for _ in range(args.runs):
        ours.append(offline(inventory_path, stack))
        seconds, checks = checkov(args.checkov, plan_path)
        theirs.append(seconds)
    mine, other = statistics.median(ours), statistics.median(theirs)
    print(f"{count:,} resources ({copies} copies of 131032-minato), {args.runs} runs alternately, whole process")
    print(f"| govcloud offline | {mine:.2f} s | {count / mine:,.0f} resources/s | {', '.join(f'{t:.2f}' for t in ours)} |")
    print(f"| checkov terraform_plan ({checks:,} checks run) | {other:.2f} s | {count / other:,.0f} resources/s | "
          f"{', '.join(f'{t:.2f}' for t in theirs)} |")
    print(f"ratio (checkov time / ours): {other / mine:.1f}")


if __name__ == "__main__":
    main()
