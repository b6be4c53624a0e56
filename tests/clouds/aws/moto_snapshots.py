"""DescribeSnapshots' OwnerIds and RestorableByUserIds for moto's server, which ignores both
and answers every snapshot of the region.

EC2 API Reference, DescribeSnapshots: "If you specify one or more snapshot owners using the
OwnerIds option, only snapshots from the specified owners and for which you have access are
returned" (an account id, `self` or `amazon`); RestorableByUserIds: "The IDs of the Amazon
Web Services accounts that can create volumes from the snapshot", where `all` is the public
group (ec2-describe-snapshots: "-o self -r all: snapshots you have shared publicly") and
`self` the caller, who may restore what it owns. Both given, the answer is the
intersection. The permissions are moto's own (ModifySnapshotAttribute keeps them)."""
from __future__ import annotations

from moto.core.responses import ActionResult
from moto.ec2.responses import EC2Response


def _owned_by(snapshot, owners: list[str], caller: str) -> bool:
    return any(snapshot.owner_id == (caller if o == "self" else o) for o in owners)  # (`amazon`: not modelled)


def _restorable_by(snapshot, users: list[str], caller: str) -> bool:
    for user in users:
        if user == "all" and "all" in snapshot.create_volume_permission_groups:
            return True
        account = caller if user == "self" else user
        if account == snapshot.owner_id or account in snapshot.create_volume_permission_userids:
            return True
    return False


def describe_snapshots(self):
    snapshots = self.ec2_backend.describe_snapshots(snapshot_ids=self._get_param("SnapshotIds", []),
                                                    filters=self._filters_from_querystring())
    owners, users = self._get_param("OwnerIds", []), self._get_param("RestorableByUserIds", [])
    caller = self.current_account
    snapshots = [s for s in snapshots if (not owners or _owned_by(s, owners, caller))
                 and (not users or _restorable_by(s, users, caller))]
    return ActionResult({"Snapshots": snapshots})


EC2Response.describe_snapshots = describe_snapshots
