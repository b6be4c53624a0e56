"""Domestic region for resources of other Pulumi providers (issue 19, item 2): the native
providers of the Government Cloud's clouds are judged like aws and gcp; any other provider
that creates something somewhere is reported as not covered, never passed in silence."""
from __future__ import annotations

from inventory import tokens
from policies.registry import Finding, resource_rule
from policies.rules.region import AWS_REGIONS, _gcp_ok

#: Azure's regions in Japan (Azure is a Government Cloud provider since 2022).
AZURE_REGIONS = ("japaneast", "japanwest")

#: package -> (is a location domestic, the resource inputs that name one, the provider's)
NATIVE = {
    "aws-native": (lambda loc: loc in AWS_REGIONS, ("region",), ("region",)),
    "google-native": (_gcp_ok, ("location", "region", "zone"), ("region", "zone")),
    "azure-native": (lambda loc: loc.replace(" ", "").lower() in AZURE_REGIONS, ("location",), ("location",)),
}
#: Packages judged elsewhere (aws, gcp) or that create nothing in a cloud region.
COVERED = ("aws", "gcp", "random", "tls", "command", "time", "std", "pulumi", "archive", "null")


@resource_rule(id="GOV-REG-005", family="region", severity="critical",
               title_en="Resources of the native providers (aws-native, google-native, azure-native) are in Japan",
               title_ja="ネイティブプロバイダ（aws-native・google-native・azure-native）のリソースも国内",
               rationale="A vendor may add resources through another provider of the same cloud; they store data "
                         "as surely as the classic provider's do.",
               remediation="Set the resource's location, or its provider's region, to Tokyo or Osaka "
                           "(ap-northeast-1/3, asia-northeast1/2, japaneast/japanwest).",
               types=tuple(f"{package}:" for package in NATIVE) +
               tuple(tokens.provider(package) for package in NATIVE))
def native_providers(resource, ctx):
    domestic, own_keys, provider_keys = NATIVE[resource.package]
    own = {key: resource.get(key) for key in own_keys}
    own = {key: value for key, value in own.items() if isinstance(value, str) and value}
    if not own:
        inherited = (resource.props if tokens.is_provider(resource.type) else resource.provider_props) or {}
        own = {f"provider {key}": inherited.get(key) for key in provider_keys
               if isinstance(inherited.get(key), str) and inherited.get(key)}
    if not own and tokens.is_provider(resource.type) and resource.package != "azure-native":
        yield Finding(f"provider {resource.name} has no region (it would follow the environment)", resource.urn,
                      ("regions",))
    for key, value in own.items():
        if not domestic(value):
            yield Finding(f"{resource.type} {resource.name}: {key} {value} is outside Japan", resource.urn,
                          ("regions",))


@resource_rule(id="GOV-REG-006", family="region", severity="high", enforcement="advisory",
               title_en="Resources of providers the pack does not judge are reported, not passed",
               title_ja="このポリシーが判定しないプロバイダのリソースは「対象外」として報告",
               rationale="A provider the pack has no region rules for could place data anywhere; saying so is "
                         "better than a silent pass.",
               remediation="Check the resource's location by hand, or add the provider's region rules "
                           "(policies/rules/region_providers.py).",
               types=())
def not_covered(resource, ctx):
    if resource.package in COVERED or resource.package in NATIVE:
        return
    if not resource.provider and not tokens.is_provider(resource.type):
        return  # a component resource: it groups others and creates nothing itself
    yield Finding(f"not covered: {resource.type} {resource.name} comes from the {resource.package} provider, whose "
                  "regions this pack does not judge", resource.urn)
