"""SharedVpc: the tenancy's project as the Shared VPC host (accounts.network), one service
project per business system, and each system's own subnets in its layer's network,
shared with its project alone.

- The host project is enabled once (`compute.SharedVPCHostProject`), each service project
  attached to it (`compute.SharedVPCServiceProject`).
- A system's block (network/addressing.py) is one subnet per region in its layer's
  network: a service project can only use a subnet of the network it was given, so its
  workloads live in that one layer.
- `roles/compute.networkUser` is granted on those subnets only (`compute.SubnetworkIAMMember`),
  never on the host project: "A Shared VPC Admin defines a Service Project Admin by granting
  an IAM member the Network User (compute.networkUser) role to either the whole host project
  or just some of its subnets" (Provisioning Shared VPC). The member is the service
  project's Google APIs service agent, `<number>@cloudservices.gserviceaccount.com`, which
  managed instance groups create VMs with; the number is read from the project.
"""
from __future__ import annotations

import pulumi
import pulumi_gcp as gcp

from clouds.gcp.components.networks import FLOW_LOGS
from clouds.gcp.components.naming import gname
from network.model import NetworkModel

NETWORK_USER = "roles/compute.networkUser"


def service_agent(project_number: str) -> str:
    return f"serviceAccount:{project_number}@cloudservices.gserviceaccount.com"


class SharedVpc(pulumi.ComponentResource):
    TYPE = "govcloud:gcp:SharedVpc"

    def __init__(self, name: str, model: NetworkModel, networks: dict[str, gcp.compute.Network],
                 opts: pulumi.ResourceOptions | None = None):
        super().__init__(self.TYPE, name, None, opts)
        host_project = model.spec.gcp_project
        child = pulumi.ResourceOptions(parent=self)
        self.host = gcp.compute.SharedVPCHostProject(f"{name}-host", project=host_project, opts=child)
        after_host = pulumi.ResourceOptions(parent=self.host, depends_on=[self.host])
        self.members: dict[str, pulumi.Output] = {}
        for project in model.spec.system_accounts():
            gcp.compute.SharedVPCServiceProject(f"{name}-{project}", host_project=self.host.project,
                                                service_project=project, opts=after_host)
            number = gcp.organizations.get_project_output(project_id=project,
                                                          opts=pulumi.InvokeOutputOptions(parent=self)).number
            self.members[project] = number.apply(service_agent)
        self.subnets: dict[str, list[gcp.compute.Subnetwork]] = {}
        for system in model.plan.systems:
            network = networks[system.layer]
            for subnet in system.workload():
                resource = gcp.compute.Subnetwork(
                    f"{name}-{system.layer}-{system.system}-{subnet.region}",
                    name=gname(model, system.layer, system.system, subnet.region), project=host_project,
                    network=network.id, region=subnet.region, ip_cidr_range=subnet.cidr,
                    private_ip_google_access=True, log_config=FLOW_LOGS,
                    description=f"{system.system} ({system.account})", opts=pulumi.ResourceOptions(parent=network))
                self.subnets.setdefault(system.system, []).append(resource)
                gcp.compute.SubnetworkIAMMember(
                    f"{name}-{system.layer}-{system.system}-{subnet.region}-user", project=host_project,
                    region=subnet.region, subnetwork=resource.name, role=NETWORK_USER,
                    member=self.members[system.account], opts=pulumi.ResourceOptions(parent=resource))
        self.register_outputs({"hostProject": host_project})
