"""The untampered state of every AWS sample gives no drift, links included: 世田谷区 (one
account, no VPN) besides 港区 (tests/clouds/aws/test_drift.py) and 板橋区 on Google Cloud
(tests/clouds/gcp/test_drift.py)."""
from __future__ import annotations

from drift.run import detect
from network.declaration import load
from tests.clouds.aws.materialize import materialize, session
from tests.conftest import SAMPLES, inventory_of


def test_setagaya_untouched_has_no_drift_and_its_links_are_read(moto):
    moto.reset()
    tenancy = load(SAMPLES["setagaya"])
    inventory = inventory_of("setagaya").as_dict()
    materialize(inventory, moto.url)
    report = detect(tenancy, inventory, options={"session": session(), "endpoint_url": moto.url})
    assert report.findings == [], [f.message for f in report.findings]
    assert report.declared > 60
    # the links are there on both sides: a subnet moved to its VPC's main table is found
    ec2 = session().client("ec2", endpoint_url=moto.url)
    table = next(t for t in ec2.describe_route_tables()["RouteTables"]
                 if any(a.get("SubnetId") for a in t.get("Associations", [])))
    association = next(a for a in table["Associations"] if a.get("SubnetId"))
    ec2.disassociate_route_table(AssociationId=association["RouteTableAssociationId"])
    report = detect(tenancy, inventory, options={"session": session(), "endpoint_url": moto.url})
    assert {(f.category, f.severity, f.kind) for f in report.findings} == {("changed", "critical", "subnet_link")}
