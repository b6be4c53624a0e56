"""Tagging (タグ付け): every taggable resource says whose it is and which layer."""
from __future__ import annotations

from policies.registry import Finding, resource_rule
from policies.taggable import table


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
