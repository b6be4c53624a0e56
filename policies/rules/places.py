"""The places a resource names, wherever in its inputs it names them: every ARN (an ARN carries
the region of what it names: `arn:<partition>:<service>:<region>:...`, empty for global
services), every input holding a region name below the resource's own `region` (which
GOV-REG-001 judges), and every Google Cloud resource path (`projects/P/locations/L/...`,
`.../regions/R/...`, `.../zones/Z/...`). A resource that names a key, a destination, a copy
target or a source abroad connects the municipality's data to that place, whatever the input
is called: GOV-REG-003 judges them by property, not by a list of types, so what a vendor adds
is judged as what this project declares.

Read from the plain values behind the preview proxy: an unknown value (an ARN of a resource
created in the same run) names nothing yet, and that resource is judged where it is declared."""
from __future__ import annotations

import re
from collections.abc import Iterator

#: an AWS region name: ap-northeast-1, us-gov-west-1, cn-north-1, eu-central-2
AWS_REGION = re.compile(r"^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$")
#: arn:<partition>:<service>:<region>:...; the region is empty for global services (IAM, S3 buckets)
ARN_REGION = re.compile(r"^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]+):")
#: a Google Cloud resource path's location (a full URL or a relative name)
GCP_PATH = re.compile(r"(?:^|/)(?:locations|regions|zones)/([A-Za-z0-9-]+)(?=/|$)")
#: inputs that describe a resource rather than connect it (labels and tags name no place)
DESCRIPTIVE = frozenset({"tags", "tagsAll", "labels", "userLabels", "resourceLabels", "effectiveLabels",
                         "terraformLabels", "description"})
#: lists whose entries' `target` is a region: Data Lifecycle Manager's cross-region copy rules
#: (pulumi_aws dlm: "target - The target Region or the ARN of the target Outpost for the
#: snapshot copies") and event-based policies' cross-region copies
COPY_TARGETS = frozenset({"crossRegionCopyRules", "crossRegionCopies"})
#: (type, input name at any depth) whose regions carry no data of the tenancy: Route 53 health checkers run from
#: a fixed list of regions worldwide ("regions - A list of AWS regions that you want Amazon
#: Route 53 health checkers to check the specified endpoint from", at least three), and an
#: AWS Config aggregator reads configuration from its source regions into Japan; a CloudFront
#: distribution's certificate ("The ACM certificate must be in US-EAST-1", pulumi_aws) is a public
#: certificate, not the tenancy's data
NO_DATA_THERE = frozenset({("aws:route53/healthCheck:HealthCheck", "regions"),
                           ("aws:cfg/configurationAggregator:ConfigurationAggregator", "regions"),
                           ("aws:cloudfront/distribution:Distribution", "acmCertificateArn")})
#: (type, input) naming the resource's own place, judged as its location by GOV-REG-002: a
#: crypto key lives where its key ring (`projects/P/locations/L/keyRings/R`) does
OWN_PLACE = frozenset({("gcp:kms/cryptoKey:CryptoKey", "keyRing")})


def _region_input(key: str, parent: str) -> bool:
    return key in ("region", "regions", "regionName") or key.endswith("Region") or (
        key == "target" and parent in COPY_TARGETS)


def _walk(props) -> Iterator[tuple[str, str, str, str]]:
    """(path, key, parent key, value) for every string at every depth; a list's elements
    carry the list's key, so `regions: [us-east-1]` is a region input."""
    stack = [(props, "", "", "")]
    while stack:
        value, path, key, parent = stack.pop()
        if isinstance(value, str):
            yield path, key, parent, value
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in DESCRIPTIVE and v is not None:
                    stack.append((v, f"{path}.{k}" if path else k, k, key))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                stack.append((v, f"{path}[{i}]", key, parent))


def plain(props):
    """The values behind the preview proxy (policies/unknowns.py), or `props` itself."""
    return props["__target"] if "__target" in props else props


def aws_places(resource) -> Iterator[tuple[str, str]]:
    """(path, region) for every ARN naming a region and every region input at any depth,
    except the resource's own top-level `region` (GOV-REG-001's)."""
    for path, key, parent, value in _walk(plain(resource.props)):
        if value.startswith("arn:"):
            found = ARN_REGION.match(value)
            if found and (resource.type, key) not in NO_DATA_THERE:
                yield path, found.group(1)
        elif path != "region" and _region_input(key, parent) and AWS_REGION.match(value) \
                and (resource.type, key) not in NO_DATA_THERE:
            yield path, value


def gcp_places(resource) -> Iterator[tuple[str, str]]:
    """(path, location) for every Google Cloud resource path at any depth; `global` names no
    region and is left to the rules that know what it means for the type."""
    for path, _key, _parent, value in _walk(plain(resource.props)):
        if "/" in value and (resource.type, path) not in OWN_PLACE:
            for found in GCP_PATH.finditer(value):
                if found.group(1).lower() != "global":
                    yield path, found.group(1)


__all__ = ["aws_places", "gcp_places", "plain", "AWS_REGION", "NO_DATA_THERE"]
