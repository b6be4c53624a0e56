"""KMS keys with a 5-day deletion window."""
STACK = "setagaya"
FAMILY = "data-protection"
EXPECTED = {"GOV-DATA-003"}


def alter(resource):
    if resource["type"] == "aws:kms/key:Key":
        resource["inputs"]["deletionWindowInDays"] = 5
