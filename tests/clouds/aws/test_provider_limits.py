"""Provider limits at validate time: whatever the declaration, an accepted one plans a
network ACL within the quota with distinct rule numbers, and one static transit route per
destination; one that would not is refused with the reason."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings, strategies as st

from clouds.aws.declaration import nacl_quota
from clouds.aws.nacl import RULES_PER_ACL_MAX, nacl_rules
from clouds.aws.routing import static_routes
from network.declaration import loads
from network.errors import DeclarationError
from network.model import build
from tests.conftest import variant

FLOW = """      - name: extra-{i}
        from: {{layer: lgwan, system: shinsei}}
        to: {{layer: {to}, prefix: {prefix}}}
        protocol: {protocol}
        ports: [{ports}]
        reason: 検証用の許可通信 {i}
"""


def declaration(onprem: int, flows: list[tuple[str, str, list[int]]], quota: int | None) -> str:
    prefixes = ", ".join(["172.22.0.0/20"] + [f"172.23.{i}.0/24" for i in range(onprem)])
    text = variant("minato", ("internet: [172.22.0.0/20]", f"internet: [{prefixes}]"))
    extra = "".join(FLOW.format(i=i, to=to, prefix=prefix, protocol="tcp", ports=", ".join(map(str, ports)))
                    for i, (to, prefix, ports) in enumerate(flows))
    text = text.replace("    tags:\n", extra + "    tags:\n")
    if quota is not None:
        text = text.replace("    tags:\n", f"    aws: {{naclRuleQuota: {quota}}}\n    tags:\n")
    return text


ENDS = st.sampled_from([("mynumber", "10.13.16.0/28"), ("mynumber", "10.13.16.32/28"), ("internet", "10.13.24.64/28"),
                        ("internet", "172.22.1.0/24"), ("mynumber", "172.20.2.0/26")])
FLOWS = st.lists(st.tuples(ENDS, st.lists(st.integers(1, 65535), min_size=1, max_size=6, unique=True)), max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(onprem=st.integers(0, 45), flows=FLOWS, quota=st.one_of(st.none(), st.integers(20, 40)))
@example(onprem=30, flows=[(("internet", "172.22.1.0/24"), [80, 443, 8080])], quota=40)  # accepted, 37 entries
@example(onprem=36, flows=[(("internet", "172.22.1.0/24"), [80, 443, 8080])], quota=40)  # refused, 43 entries
def test_an_accepted_declaration_fits_the_nacl_quota_and_routes_each_destination_once(onprem, flows, quota):
    text = declaration(onprem, [(to, prefix, ports) for (to, prefix), ports in flows], quota)
    try:
        tenancy = loads(text, "t.yaml", "131032-minato")
    except DeclarationError as error:
        # the only refusals these inputs may meet: the quota, and mynumber's narrowness
        assert all("network ACL needs" in d.message or "into mynumber reaches" in d.message
                   for d in error.diagnostics), [d.render() for d in error.diagnostics]
        assert any("network ACL needs" in d.message for d in error.diagnostics) or \
            any("into mynumber" in d.message for d in error.diagnostics)
        return
    model = build(tenancy)
    limit = nacl_quota(tenancy.spec)
    assert limit == (quota or 20) and limit <= RULES_PER_ACL_MAX
    for routing in model.routing:
        for entries in nacl_rules(routing, model.flows):
            numbers = [e["rule_no"] for e in entries]
            assert len(entries) <= limit
            assert len(set(numbers)) == len(numbers) and all(1 <= n <= 32766 for n in numbers)
        prefixes = [r.prefix for r in static_routes(routing)]
        assert len(prefixes) == len(set(prefixes)), prefixes


def test_a_raised_quota_admits_what_the_default_refuses():
    text = declaration(18, [], None)
    try:
        loads(text, "t.yaml", "131032-minato")
        raise AssertionError("23 entries passed a quota of 20")
    except DeclarationError as error:
        assert "the quota is 20" in str(error) and "aws.naclRuleQuota" in str(error)
    tenancy = loads(declaration(18, [], 25), "t.yaml", "131032-minato")
    assert max(len(e) for r in build(tenancy).routing for e in nacl_rules(r, build(tenancy).flows)) == 23
