"""DNS forwarding (Route 53 Resolver) on moto: 世田谷区 with its data center's domains
declared (the rules forward each layer's names to that layer's resolvers through the
layer's own outbound endpoint). The built state has no drift; a rule re-pointed, or a
layer's names sent through another layer's endpoint or to resolvers on the internet, is
found."""
from __future__ import annotations

import functools

from netaddr import IPNetwork

from components.plan import record
from drift.run import detect
from tests.clouds.aws.materialize import materialize, session
from tests.clouds.aws.test_private_services import tenancy_of

KEY = "dns-setagaya"


@functools.lru_cache(maxsize=1)
def planned():
    tenancy = tenancy_of(KEY)
    return tenancy, record(tenancy).as_dict()


def drift_of(moto):
    tenancy, inventory = planned()
    return detect(tenancy, inventory, options={"session": session(), "endpoint_url": moto.url})


def vpc_named(ec2, name):
    return ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [name]}])["Vpcs"][0]["VpcId"]


def forward(moto, ec2, vpc_name, subnet_prefix, domain, targets, associate_with=None):
    """A rule forwarding `domain` to `targets` through an outbound endpoint in `vpc_name` (the
    one there, or a new one on two of its subnets named `subnet_prefix-*`: an account has 4
    endpoints per region by default, which a stack with DNS already uses), associated with
    `associate_with` (default: the same VPC). Returns the rule's id."""
    resolver = session().client("route53resolver", endpoint_url=moto.url)
    vpc = vpc_named(ec2, vpc_name)
    endpoint = next((e["Id"] for e in resolver.list_resolver_endpoints()["ResolverEndpoints"]
                     if e["HostVPCId"] == vpc and e["Direction"] == "OUTBOUND"), None)
    if endpoint is None:
        subnets = [s for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]
                   if any(t["Key"] == "Name" and t["Value"].startswith(subnet_prefix) for t in s.get("Tags", []))][:2]
        group = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["SecurityGroups"][0]["GroupId"]
        endpoint = resolver.create_resolver_endpoint(
            CreatorRequestId=f"{domain}-endpoint", Name=domain.replace(".", "-") + "-out", SecurityGroupIds=[group],
            Direction="OUTBOUND", IpAddresses=[{"SubnetId": s["SubnetId"], "Ip": str(IPNetwork(s["CidrBlock"])[10])}
                                               for s in subnets])["ResolverEndpoint"]["Id"]
    rule = resolver.create_resolver_rule(
        CreatorRequestId=f"{domain}-rule", Name=domain.replace(".", "-"), RuleType="FORWARD", DomainName=domain,
        TargetIps=[{"Ip": ip, "Port": 53} for ip in targets], ResolverEndpointId=endpoint)["ResolverRule"]["Id"]
    resolver.associate_resolver_rule(ResolverRuleId=rule, VPCId=vpc_named(ec2, associate_with or vpc_name))
    return rule


def test_the_built_forwarding_has_no_drift_and_is_read(moto):
    moto.reset()
    materialize(planned()[1], moto.url)
    report = drift_of(moto)
    assert report.findings == [], [f.message for f in report.findings]
    assert report.calls and report.live > 0


def test_a_layers_names_sent_elsewhere_are_critical(moto):
    moto.reset()
    materialize(planned()[1], moto.url)
    ec2 = session().client("ec2", endpoint_url=moto.url)
    resolver = session().client("route53resolver", endpoint_url=moto.url)
    # 1. mynumber's names for a new domain forwarded through the lgwan layer's VPC
    forward(moto, ec2, "131121-setagaya-lgwan-vpc", "131121-setagaya-lgwan-workload", "kikan.example",
            ["172.25.0.53"], associate_with="131121-setagaya-mynumber-vpc")
    # 2. lgwan's names for a new domain forwarded to a resolver on the internet
    forward(moto, ec2, "131121-setagaya-lgwan-vpc", "131121-setagaya-lgwan-workload", "exfil.example",
            ["8.8.8.8"])  # a resolver on the internet
    # 3. the declared mynumber rule re-made with another resolver
    (declared,) = [r for r in resolver.list_resolver_rules()["ResolverRules"]
                   if r.get("Name") == "131121-setagaya-mynumber-setagaya-local"]
    link = next(a for a in resolver.list_resolver_rule_associations()["ResolverRuleAssociations"]
                if a["ResolverRuleId"] == declared["Id"])
    resolver.disassociate_resolver_rule(ResolverRuleId=declared["Id"], VPCId=link["VPCId"])
    swapped = resolver.create_resolver_rule(
        CreatorRequestId="swap", Name="swap", RuleType="FORWARD", DomainName="setagaya.local",
        TargetIps=[{"Ip": "172.25.0.53", "Port": 53}],
        ResolverEndpointId=declared["ResolverEndpointId"])["ResolverRule"]["Id"]
    resolver.associate_resolver_rule(ResolverRuleId=swapped, VPCId=link["VPCId"])
    report = drift_of(moto)
    by = {(f.key, f.category): f for f in report.findings if f.kind == "resolver_rule"}
    crossing = by[(("131121-setagaya-mynumber-vpc", "kikan.example"), "unmanaged")]
    assert crossing.severity == "critical" and crossing.details["via_vpc"] == "131121-setagaya-lgwan-vpc"
    assert by[(("131121-setagaya-lgwan-vpc", "exfil.example"), "unmanaged")].severity == "critical"
    changed = by[(("131121-setagaya-mynumber-vpc", "setagaya.local"), "changed")]
    assert (changed.severity, changed.details["field"], changed.details["actual"]) == \
        ("critical", "targets", ["172.25.0.53:53"])
    assert len(by) == 3 and report.drifted


def test_an_undeclared_rule_that_goes_nowhere_else_is_high(moto):
    """A SYSTEM rule (resolve the domain in the VPC itself, no endpoint) nobody declared on a
    layer VPC changes how a name resolves but sends nothing out: high, not critical."""
    moto.reset()
    materialize(planned()[1], moto.url)
    ec2 = session().client("ec2", endpoint_url=moto.url)
    resolver = session().client("route53resolver", endpoint_url=moto.url)
    rule = resolver.create_resolver_rule(CreatorRequestId="system", Name="local-override", RuleType="SYSTEM",
                                         DomainName="override.setagaya.local")["ResolverRule"]["Id"]
    resolver.associate_resolver_rule(ResolverRuleId=rule, VPCId=vpc_named(ec2, "131121-setagaya-mynumber-vpc"))
    (finding,) = [f for f in drift_of(moto).findings if f.kind == "resolver_rule"]
    assert (finding.category, finding.severity, finding.details["type"]) == ("unmanaged", "high", "SYSTEM")


def test_an_inbound_endpoint_added_to_a_layer_or_a_declared_one_gone_is_found(moto):
    """Session 22's red team: the endpoints themselves. An inbound endpoint nobody declared in
    mynumber's VPC answers the layer's private names to whatever reaches its addresses
    (critical in a closed layer); the declared lgwan inbound endpoint deleted leaves the data
    center unable to resolve the layer's names (missing, high)."""
    moto.reset()
    materialize(planned()[1], moto.url)
    ec2 = session().client("ec2", endpoint_url=moto.url)
    resolver = session().client("route53resolver", endpoint_url=moto.url)
    declared = next(e for e in resolver.list_resolver_endpoints()["ResolverEndpoints"]
                    if e["Name"] == "131121-setagaya-lgwan-inbound")
    resolver.delete_resolver_endpoint(ResolverEndpointId=declared["Id"])
    vpc = vpc_named(ec2, "131121-setagaya-mynumber-vpc")
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"][:2]
    group = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["SecurityGroups"][0]["GroupId"]
    resolver.create_resolver_endpoint(
        CreatorRequestId="vendor-inbound", Name="vendor-inbound", SecurityGroupIds=[group], Direction="INBOUND",
        IpAddresses=[{"SubnetId": s["SubnetId"], "Ip": str(IPNetwork(s["CidrBlock"])[11])} for s in subnets])
    report = drift_of(moto)
    found = {(f.key, f.category, f.severity) for f in report.findings if f.kind == "resolver_endpoint"}
    assert found == {(("131121-setagaya-mynumber-vpc", "vendor-inbound"), "unmanaged", "critical"),
                     (("131121-setagaya-lgwan-vpc", "131121-setagaya-lgwan-inbound"), "missing", "high")}
    assert report.drifted
