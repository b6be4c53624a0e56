"""Rules judged by value, beyond test_rules.py's one case per rule: tag values and the layer
attribution that no longer believes them, and a security group opened by its rules together."""
from __future__ import annotations

from policies.evaluate import Context, run_rule
from tests.policies.test_rules import RULES, R, tag_and_link


def test_tag_values_are_judged_not_only_their_presence():
    """GOV-TAG-001: a Layer that is no layer, or another municipality's code, is a finding; a
    layer tag that is no layer is not believed by layer attribution (the link decides)."""
    rule = RULES["GOV-TAG-001"]
    for tags, found in (({"Layer": "lgwan", "MunicipalityCode": "131032"}, False),
                        ({"Layer": "shared", "MunicipalityCode": "131032"}, False),
                        ({"Layer": "public", "MunicipalityCode": "131032"}, True),
                        ({"Layer": "LGWAN", "MunicipalityCode": "131032"}, True),
                        ({"Layer": "lgwan", "MunicipalityCode": "131041"}, True)):
        queue = R("aws:sqs/queue:Queue", "q", {"tags": tags})
        status, findings = run_rule(rule, [queue], Context(None, {}, [queue]))
        assert (status == "fail") is found, (tags, [f.message for f in findings])
    vpc = R("aws:ec2/vpc:Vpc", "v", {}, "mynumber")
    gateway = R("aws:ec2/internetGateway:InternetGateway", "igw", {"vpcId": "vpc-1", "tags": {"Layer": "public"}},
                deps={"vpcId": [vpc.urn]})
    assert Context(None, {}, [vpc, gateway]).layer(gateway) == "mynumber"
    # and a gateway on the mynumber VPC tagged as a hub (shared) contradicts its VPC too
    rule = RULES["GOV-TAG-002"]
    status, findings = run_rule(rule, tag_and_link("shared"), Context(None, {}, tag_and_link("shared")))
    assert status == "fail" and "tagged shared" in findings[0].message


def test_a_security_group_is_open_by_all_its_rules_together_and_each_opener_is_named():
    """GOV-ISO-003: two standalone rules of one group, 0.0.0.0/1 and 128.0.0.0/1, admit the whole
    internet between them; each has the finding, the group's own on-premises rule does not. One
    half alone is not the whole internet."""
    sg = R("aws:ec2/securityGroup:SecurityGroup", "g", {"ingress": [{"cidrBlocks": ["10.0.0.0/8"]}]}, "lgwan")
    halves = [R("aws:ec2/securityGroupRule:SecurityGroupRule", "r1", {"type": "ingress", "cidrBlocks": ["0.0.0.0/1"]},
                deps={"securityGroupId": [sg.urn]}),
              R("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r2", {"cidrIpv4": "128.0.0.0/1"},
                deps={"securityGroupId": [sg.urn]})]
    status, findings = run_rule(RULES["GOV-ISO-003"], [sg, *halves], Context(None, {}, [sg, *halves]))
    assert status == "fail" and sorted(f.urn for f in findings) == sorted(r.urn for r in halves)
    assert run_rule(RULES["GOV-ISO-003"], [sg, halves[0]], Context(None, {}, [sg, halves[0]]))[0] == "pass"
