"""Resources vendors really add, built with the real pulumi_aws / pulumi_gcp classes (so an
input the SDK does not have is a TypeError, not a silent pass), each with the rules it must
break: an empty set for a compliant one. tests/policies/test_corpus.py runs them through the
offline evaluator and the real Analyzer."""

#: what every corpus file names the same way: the vendor's account, role, subnets and image
#: (AWS), and Tokyo (Google Cloud)
ACCOUNT = "111122223333"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/vendor"
SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
AMI = "ami-0abcdef1234567890"
TOKYO = "asia-northeast1"


def build_all(expected: dict, prefix: str, entries, provider_rule: str) -> None:
    """Build every entry as `prefix + name` and note what it must break in `expected`; the
    corpus's foreign provider (`prefix + "provider-us"`) is itself a region violation."""
    expected[prefix + "provider-us"] = {provider_rule}
    for name, rules, build in entries:
        expected[prefix + name] = rules
        build(prefix + name)
