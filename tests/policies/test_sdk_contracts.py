"""The provider contracts the region and encryption rules rely on, read from the installed
SDK's own docstrings and signatures, so a provider upgrade that changes them fails here."""
import inspect

import pulumi_aws as aws
import pulumi_gcp as gcp


def test_an_aws_resource_region_defaults_to_its_provider():
    """pulumi-aws 7 (ebs/volume.py): "Region where this resource will be managed. Defaults to
    the Region set in the provider configuration." GOV-REG-001 inherits it so."""
    doc = " ".join(inspect.getsource(inspect.getmodule(aws.ebs.Volume)).split())
    assert "Defaults to the Region set in the provider configuration" in doc


def test_a_gcp_disk_names_its_key_by_self_link():
    """pulumi_gcp DiskDiskEncryptionKeyArgs has kms_key_self_link and no kms_key_name (GOV-ENC-005)."""
    params = inspect.signature(gcp.compute.DiskDiskEncryptionKeyArgs.__init__).parameters
    assert "kms_key_self_link" in params and "kms_key_name" not in params


def test_a_pubsub_topic_without_storage_policy_is_unconstrained():
    """pulumi_gcp pubsub Topic: message_storage_policy "If not present, then no constraints are
    in effect." GOV-REG-002 treats a topic without it as possibly abroad."""
    doc = " ".join(inspect.getsource(inspect.getmodule(gcp.pubsub.Topic)).split())
    assert "If not present, then no constraints are in effect" in doc


def test_a_hosted_connection_has_no_location_input():
    """Why GOV-REG-007 judges a hosted connection by its interconnect's location, with the stack."""
    params = inspect.signature(aws.directconnect.HostedConnection._internal_init).parameters
    assert "location" not in params and "connection_id" in params
