"""MunicipalityTenancy: the top component. The registered cloud builds under it
(clouds/<id>/components); it registers the outputs people and later tools read."""
from __future__ import annotations

import pulumi

import clouds
from network.model import NetworkModel


def address_plan_output(model: NetworkModel) -> dict:
    """The address plan as plain data (also a stack output)."""
    return {
        "space": model.plan.space,
        "layers": {lp.layer: {"cidr": lp.cidr, "enabled": lp.enabled,
                              "subnets": [{"role": s.role, "zone": s.zone, "cidr": s.cidr} for s in lp.subnets]}
                   for lp in model.plan.layers},
    }


class MunicipalityTenancy(pulumi.ComponentResource):
    TYPE = "govcloud:index:MunicipalityTenancy"

    def __init__(self, name: str, model: NetworkModel, opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        self.outputs = clouds.get(model.spec.cloud).build(self, name, model)
        self.outputs["addressPlan"] = address_plan_output(model)
        self.register_outputs(self.outputs)
