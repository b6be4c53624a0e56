"""Drift of a hosted-vif line (issue 18, item 6: hosted VIF acceptors), on moto: the
partner allocates a transit VIF in the tenancy's account, names and numbers it; the stack
declares only its id and accepts it onto a layer's gateway. The live VIF is compared by
that id, so a partner's name is no drift, and a VIF the partner adds or takes away is."""
from __future__ import annotations

from components.plan import record
from drift.run import detect
from network.declaration import load, loads
from tests.clouds.aws.materialize import materialize, session
from tests.conftest import SAMPLES, variant

HOSTED = "type: hosted, bandwidth: 1Gbps, vlan: 310, carrier: NTT東日本, connectionIds: {mynumber: dxcon-fg5tk3ab, " \
         "lgwan: dxcon-fg5tk3ac}"


def _allocate(dx, connection: str, name: str, vlan: int) -> str:
    return dx.allocate_transit_virtual_interface(
        connectionId=connection, ownerAccount="123456789012", newTransitVirtualInterfaceAllocation={
            "virtualInterfaceName": name, "vlan": vlan, "asn": 65013, "authKey": "partner-key"}
    )["virtualInterface"]["virtualInterfaceId"]


def test_hosted_vifs_are_compared_by_the_id_the_stack_declares(moto):
    moto.reset()
    dx = session().client("directconnect", endpoint_url=moto.url)
    mynumber = _allocate(dx, "dxcon-ntt00001", "ntt-east-310-a", 310)
    lgwan = _allocate(dx, "dxcon-ntt00001", "ntt-east-311-b", 311)
    line = HOSTED.replace("type: hosted,", "type: hosted-vif,").replace(
        "connectionIds: {mynumber: dxcon-fg5tk3ab, lgwan: dxcon-fg5tk3ac}",
        f"virtualInterfaceIds: {{mynumber: {mynumber}, lgwan: {lgwan}}}")
    tenancy = loads(variant("setagaya", (HOSTED, line)), "t.yaml", load(SAMPLES["setagaya"]).stack)
    inventory = record(tenancy).as_dict()
    materialize(inventory, moto.url)

    def drift():
        return detect(tenancy, inventory, options={"session": session(), "endpoint_url": moto.url})

    clean = drift()
    assert [f for f in clean.findings if f.kind == "dx_vif"] == [], [f.message for f in clean.findings]
    dx.delete_virtual_interface(virtualInterfaceId=lgwan)
    extra = _allocate(dx, "dxcon-ntt00001", "ntt-east-399-z", 399)
    dx.confirm_transit_virtual_interface(virtualInterfaceId=extra, directConnectGatewayId=next(
        v["directConnectGatewayId"] for v in dx.describe_virtual_interfaces()["virtualInterfaces"]
        if v["virtualInterfaceId"] == mynumber))
    by = {f.key: f for f in drift().findings if f.kind == "dx_vif"}
    assert (by[(lgwan,)].category, by[(lgwan,)].severity) == ("missing", "high")
    assert (by[("ntt-east-399-z",)].category, by[("ntt-east-399-z",)].severity) == ("unmanaged", "critical")
    assert (mynumber,) not in by and len(by) == 2
