"""What an internet-facing load balancer forwards to inside a closed layer (session 25's red
team): an ALB in the internet layer with an `ip` target in mynumber's block, or a `lambda`
target that runs in lgwan's subnets, is a way in from the internet with no route, gateway or
public address in the layer; behind an internal load balancer, or in the internet layer, it is
not. The 港区 state and helpers are test_drift_tampering.py's."""
from __future__ import annotations

from tests.clouds.aws.materialize import session
from tests.clouds.aws.test_drift import by_name
from tests.clouds.aws.test_drift_tampering import drift_of
from tests.clouds.aws.test_drift_tampering import external_id, live  # noqa: F401 - fixtures
from tests.clouds.aws.test_drift_unseen import layer_function


def balancer(moto, ec2, name, internal=False, layer="internet"):
    """An Application Load Balancer in a layer's subnets, with a listener forwarding to a new
    target group of `kind`; returns (elbv2 client, a function registering targets of a kind)."""
    elb = session().client("elbv2", endpoint_url=moto.url)
    vpc = by_name(ec2, "vpc", f"131032-minato-{layer}-vpc")
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]]
    arn = elb.create_load_balancer(Name=name, Subnets=subnets[:2], Type="application",
                                   Scheme="internal" if internal else "internet-facing")["LoadBalancers"][0][
        "LoadBalancerArn"]

    def forward(kind, *targets):
        group = elb.create_target_group(Name=f"{name}-{kind}", TargetType=kind, **(
            {"Protocol": "HTTPS", "Port": 443, "VpcId": vpc} if kind == "ip" else {}))["TargetGroups"][0]["TargetGroupArn"]
        elb.create_listener(LoadBalancerArn=arn, Protocol="HTTP", Port=80 if kind == "ip" else 8080,
                            DefaultActions=[{"Type": "forward", "TargetGroupArn": group}])
        elb.register_targets(TargetGroupArn=group, Targets=list(targets))
    return forward


def test_an_internet_facing_load_balancers_targets_in_a_closed_layer_are_critical(live):
    moto, _, ec2 = live
    web = balancer(moto, ec2, "web")
    web("ip", {"Id": "10.13.19.140", "Port": 443, "AvailabilityZone": "all"},  # in mynumber's block
        {"Id": "10.13.27.140", "Port": 443})  # the internet layer's own
    function = layer_function(moto, ec2, "shinsei-web", "lgwan").get_function(FunctionName="shinsei-web")
    web("lambda", {"Id": function["Configuration"]["FunctionArn"]})
    balancer(moto, ec2, "inner", internal=True)("ip", {"Id": "10.13.19.141", "Port": 443, "AvailabilityZone": "all"})
    report = drift_of(moto)
    fronted = {f.key: (f.category, f.severity, f.layer) for f in report.findings if f.kind == "fronted_target"}
    assert fronted == {("web", "10.13.19.140"): ("unmanaged", "critical", "mynumber"),
                       ("web", function["Configuration"]["FunctionArn"]): ("unmanaged", "critical", "lgwan")}
    assert report.drifted  # `govcloud drift` exits 1


def test_no_target_group_is_read_without_an_internet_facing_load_balancer():
    from clouds.aws.drift_fronts import fronted_targets

    class Scanner:
        layer_blocks = ()

        def _all(self, *args, **kwargs):
            raise AssertionError("read")
    assert fronted_targets(Scanner(), [{"LoadBalancerArn": "a", "LoadBalancerName": "x", "Scheme": "internal"}],
                           [], {}) == []
