"""LocationPolicy: where the declaration owns the project, the project-level organization
policy `constraints/gcp.resourceLocations` limited to the domestic regions' value groups."""
from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from clouds.gcp.catalog import LOCATION_POLICY, REGIONS
from network.model import NetworkModel


def allowed_locations() -> list[str]:
    return [LOCATION_POLICY[r] for r in REGIONS]


class LocationPolicy(pulumi.ComponentResource):
    TYPE = "govcloud:gcp:LocationPolicy"

    def __init__(self, name: str, model: NetworkModel, opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        project = model.spec.gcp_project
        self.policy = gcp.orgpolicy.Policy(
            name, name=f"projects/{project}/policies/gcp.resourceLocations", parent=f"projects/{project}",
            spec={"rules": [{"values": {"allowed_values": allowed_locations()}}]},
            opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({"policy": self.policy.name})
