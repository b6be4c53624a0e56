"""Tagging (タグ付け): every taggable resource says whose it is and which layer, truthfully."""
from __future__ import annotations

import re

from inventory.layers import LAYER_VALUES
from policies.registry import Finding, resource_rule, stack_rule
from policies.taggable import table

#: a stack is named <municipality code>-<romaji> (network/checks/identity.py checks it)
STACK_CODE = re.compile(r"^(\d{6})-")


def taggable(resource_type: str) -> str | None:
    """'tags' or 'labels' when the provider's own resource class takes it; decided from the
    SDK (policies/taggable.py derives the table from it), not from a hand-kept list."""
    return table().get(resource_type)


@resource_rule(id="GOV-TAG-001", family="tagging", severity="low",
               title_en="Every taggable resource carries the municipality code and the layer",
               title_ja="タグ付け可能なリソースには団体コードと層を付ける",
               rationale="Cost, audit and drift detection find a municipality's resources by these tags.",
               remediation="AWS: tags MunicipalityCode and Layer (provider default_tags count); Google Cloud: "
                           "labels municipality-code and layer.",
               types=("aws:", "gcp:"))
def tagged(resource, ctx):
    kind = taggable(resource.type)
    if kind is None:
        return
    tags = resource.tags
    wanted = ("MunicipalityCode", "Layer") if kind == "tags" else ("municipality-code", "layer")
    missing = [k for k in wanted if not tags.get(k)]
    if missing:
        yield Finding(f"{resource.name} has no {' or '.join(missing)} {kind[:-1]}", resource.urn, ("tags",))
    code_key, layer_key = wanted
    layer = tags.get(layer_key)
    if layer and layer not in LAYER_VALUES:
        yield Finding(f"{resource.name}: {layer_key} {layer!r} is not a layer (one of {', '.join(LAYER_VALUES)})",
                      resource.urn, ("tags",))
    code, own = tags.get(code_key), _stack_code(resource, ctx)
    if code and own and str(code) != own:
        yield Finding(f"{resource.name}: {code_key} {code!r} is not this municipality's ({own}): drift and the "
                      "review would attribute it to another", resource.urn, ("tags",))


def _stack_code(resource, ctx) -> str | None:
    """The municipality code of the stack: its declaration's, else the one its name starts with."""
    if ctx.model is not None:
        return ctx.model.spec.municipality.code
    match = STACK_CODE.match(resource.stack)
    return match.group(1) if match else None


@stack_rule(id="GOV-TAG-002", family="tagging", severity="critical",
            title_en="A resource's layer tag agrees with the layer of the network it attaches to",
            title_ja="リソースの層タグは接続先ネットワークの層と一致させる",
            rationale="The layer tag decides which rules judge a resource: an internet gateway on the mynumber VPC "
                      "tagged Layer internet would pass the closed layers' rules. Where a resource attaches to a "
                      "VPC, subnet, route table, network or router, that link says its layer.",
            remediation="Tag the resource with the layer of the VPC / network it attaches to, or attach it to the "
                        "layer its tag names.",
            needs_declaration=False)
def tag_agrees_with_link(resources, ctx):
    for r in resources:
        tagged = r.tagged_layer
        if tagged not in LAYER_VALUES:
            continue  # no layer, or a value GOV-TAG-001 reports
        # a hub (shared) attaches to no layer's network: one tagged shared on a layer VPC hides there
        linked = ctx.layers.linked(r)
        if linked is not None and linked[2] not in (tagged, "shared"):
            prop, target, layer = linked
            yield Finding(f"{r.name} is tagged {tagged} but its {prop} is {target.name}, in {layer}", r.urn,
                          ("layers", layer))
