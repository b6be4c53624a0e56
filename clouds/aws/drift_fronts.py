"""What a load balancer on the internet forwards to inside a closed layer (AWS side of drift;
called from clouds/aws/drift_public.py `answering_publicly`): a target group of an
internet-facing Application or Network Load Balancer whose targets are in mynumber or lgwan,
though the load balancer itself stands in the internet layer. An `ip` target may be any
address the load balancer's VPC routes to ("If the target type is ip, specify an IP address",
with availability zone `all` outside the VPC), a `lambda` target is a function, which may run
in a closed layer's subnets, an `alb` target another load balancer. Instance targets are in the
load balancer's own VPC: one in a closed layer is already a `public_lb` there.

The stack declares none. One DescribeTargetGroups per account and region when the account has
an internet-facing load balancer, and one DescribeTargetHealth per target group of one."""
from __future__ import annotations

from clouds.aws.drift_managed import vpc_of
from drift.items import Item, most_closed
from network.catalog import CLOSED_LAYERS as CLOSED
from network.model import layers_reached


def fronted_targets(scanner, balancers: list, functions: list, layers: dict) -> list[Item]:
    """`balancers`: the account's elbv2 load balancers; `functions`: its Lambda functions
    (ListFunctions); `layers`: layer VPC id -> layer."""
    facing = {lb["LoadBalancerArn"]: lb["LoadBalancerName"] for lb in balancers
              if lb.get("Scheme") == "internet-facing"}
    if not facing:
        return []
    function_vpcs = {f.get("FunctionArn"): _function_vpc(scanner, f) for f in functions}
    balancer_vpcs = {lb["LoadBalancerArn"]: lb.get("VpcId") for lb in balancers}
    items = []
    for group in scanner._all("elbv2", "describe_target_groups", "TargetGroups"):
        fronts = [facing[arn] for arn in group.get("LoadBalancerArns") or [] if arn in facing]
        if not fronts:
            continue
        health = scanner._page("elbv2", "describe_target_health", TargetGroupArn=group["TargetGroupArn"])
        for description in health.get("TargetHealthDescriptions") or []:
            target = str((description.get("Target") or {}).get("Id") or "")
            kind = group.get("TargetType")
            layer = (most_closed(layers_reached(target, scanner.layer_blocks)) if kind == "ip" else
                     layers.get(function_vpcs.get(target)) if kind == "lambda" else
                     layers.get(balancer_vpcs.get(target)) if kind == "alb" else None)
            if layer in CLOSED:
                items.append(Item("fronted_target", (fronts[0], target), layer,
                                  {"load_balancer": fronts[0], "target_type": kind,
                                   "target_group": group.get("TargetGroupName")}, group["TargetGroupArn"]))
    return items


def _function_vpc(scanner, function: dict) -> str | None:
    config = function.get("VpcConfig") or {}
    return vpc_of(scanner, config.get("VpcId"), config.get("SubnetIds"))
