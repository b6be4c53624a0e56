"""The account's default EBS key for moto's server, which has no API for it.

AWS keeps, per account and region, the KMS key EBS encrypts new volumes with when
encryption by default is on and none is given (EC2 API Reference: GetEbsDefaultKmsKeyId
"Describes the default KMS key for EBS encryption by default for your account in this
Region"; ModifyEbsDefaultKmsKeyId changes it, ResetEbsDefaultKmsKeyId puts back the AWS
managed key). Until one is set it is the AWS managed key, alias/aws/ebs. This keeps it on
the region's EC2 backend, so that moto's reset and the launcher's snapshots take it with
the rest, and answers in the API's shape (`KmsKeyId`)."""
from __future__ import annotations

from moto.core.responses import ActionResult
from moto.ec2.responses import EC2Response


def _aws_managed(self) -> str:
    return f"arn:aws:kms:{self.region}:{self.current_account}:alias/aws/ebs"


def get_ebs_default_kms_key_id(self):
    return ActionResult({"KmsKeyId": self.ec2_backend.__dict__.get("ebs_default_kms_key_id") or _aws_managed(self)})


def modify_ebs_default_kms_key_id(self):
    self.ec2_backend.__dict__["ebs_default_kms_key_id"] = self._get_param("KmsKeyId")
    return get_ebs_default_kms_key_id(self)


def reset_ebs_default_kms_key_id(self):
    self.ec2_backend.__dict__.pop("ebs_default_kms_key_id", None)
    return get_ebs_default_kms_key_id(self)


EC2Response.get_ebs_default_kms_key_id = get_ebs_default_kms_key_id
EC2Response.modify_ebs_default_kms_key_id = modify_ebs_default_kms_key_id
EC2Response.reset_ebs_default_kms_key_id = reset_ebs_default_kms_key_id
