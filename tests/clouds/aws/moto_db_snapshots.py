"""A database snapshot's VpcId for moto's server, which leaves it out.

RDS API Reference, DBSnapshot.VpcId: "Provides the VPC ID associated with the DB snapshot"
(DBClusterSnapshot.VpcId: "The VPC ID associated with the DB cluster snapshot"). moto keeps
the database's subnet group with each snapshot; its VPC is the one the database ran in."""
from __future__ import annotations

from moto.rds.models import DBClusterSnapshot, DBSnapshot


def _snapshot_vpc(self):
    group = getattr(self.database, "db_subnet_group", None)
    return getattr(group, "vpc_id", None)


def _cluster_snapshot_vpc(self):
    name = getattr(self.cluster, "db_subnet_group_name", None)
    groups = getattr(self.backend, "subnet_groups", {}) if name else {}
    return getattr(groups.get(name), "vpc_id", None)


DBSnapshot.vpc_id = property(_snapshot_vpc)
DBClusterSnapshot.vpc_id = property(_cluster_snapshot_vpc)
