"""DMS replication subnet groups for moto's server as AWS keeps them: moto drops the subnets a
group is made with and answers every group, and every replication instance's group, with a
fixed "vpc-12345" and "subnet-12345".

AWS DMS API Reference, ReplicationSubnetGroup: `ReplicationSubnetGroupIdentifier`, `VpcId` ("The
ID of the VPC"), `Subnets[]` (`SubnetIdentifier`, `SubnetAvailabilityZone.Name`, `SubnetStatus`);
a ReplicationInstance carries its group as `ReplicationSubnetGroup`. This keeps the subnets on
moto's group and answers with them and their VPC from moto's EC2 backend of the same account and
region."""
from __future__ import annotations

from moto.dms import models
from moto.ec2.models import ec2_backends

_create = models.DatabaseMigrationServiceBackend.create_replication_subnet_group
_instance_dict = models.FakeReplicationInstance.to_dict


def create_replication_subnet_group(self, replication_subnet_group_identifier, replication_subnet_group_description,
                                    subnet_ids, tags=None):
    group = _create(self, replication_subnet_group_identifier, replication_subnet_group_description, subnet_ids, tags)
    group.subnetIds, group.where = list(subnet_ids or []), (self.account_id, self.region_name)
    return group


def group_dict(self):
    account, region = getattr(self, "where", (None, None))
    subnets = [ec2_backends[account][region].get_subnet(s) for s in self.subnetIds or []] if account else []
    return {"ReplicationSubnetGroupIdentifier": self.replication_subnet_group_identifier,
            "ReplicationSubnetGroupDescription": self.description,
            "VpcId": subnets[0].vpc_id if subnets else None, "SubnetGroupStatus": "Complete",
            "Subnets": [{"SubnetIdentifier": s.id, "SubnetAvailabilityZone": {"Name": s.availability_zone},
                         "SubnetStatus": "Active"} for s in subnets],
            "SupportedNetworkTypes": ["IPV4"]}


def instance_dict(self):
    body = _instance_dict(self)
    account = self.arn.split(":")[4]
    group = models.dms_backends[account][self.region].replication_subnet_groups.get(
        self.replication_subnet_group_identifier or "")
    body["ReplicationSubnetGroup"] = group.to_dict() if group else None
    return body


models.DatabaseMigrationServiceBackend.create_replication_subnet_group = create_replication_subnet_group
models.FakeReplicationSubnetGroup.to_dict = group_dict
models.FakeReplicationInstance.to_dict = instance_dict
