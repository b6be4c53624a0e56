"""MunicipalityTenancy: the top component. It picks the cloud implementation, parents
everything, and registers the outputs people and later tools read."""
from __future__ import annotations

import pulumi

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
        if model.spec.cloud == "aws":
            from components.aws.tenancy import build_aws
            self.outputs = build_aws(self, name, model)
        else:
            from components.gcp.tenancy import build_gcp
            self.outputs = build_gcp(self, name, model)
        self.outputs["addressPlan"] = address_plan_output(model)
        self.register_outputs(self.outputs)
