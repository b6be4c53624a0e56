"""A new stack file with the defaults filled in, for `govcloud init`; the cloud supplies its
own defaults (clouds/<id>/__init__.py, Cloud.new_stack)."""
from __future__ import annotations

import json

import clouds


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _indent(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


def new_stack(code: str, name: str, romaji: str, cloud_id: str, space: str) -> str:
    cloud = clouds.get(cloud_id)
    primary, secondary = list(cloud.regions)
    d = cloud.new_stack(romaji)
    lines = []
    for line_name, location, kind, bandwidth, vlan, options in d["lines"]:
        extra = "".join(f", {k}: {v}" for k, v in options.items())
        lines.append(f"        - {{name: {line_name}, location: {location}, type: {kind}, bandwidth: {bandwidth}, "
                     f"vlan: {vlan}{extra}}}")
    section = _indent(d["section"], 4) if d["section"] else ""
    return f"""# yaml-language-server: $schema=../docs/schema/stack.schema.json
# {name} ({code}): written by `govcloud init`. A value followed by a 確認 (to check) comment is a
# placeholder: validate fails until you confirm it and delete the comment. Then run
# `govcloud validate {code}-{romaji}`. Field reference: docs/declaration.md
config:
  govcloud:tenancy:
    municipality:
      code: "{code}"
      name: {_q(name)}
      romaji: {romaji}
    cloud: {cloud_id}
    operatingModel: single
    regions:
      primary: {primary}
      secondary: {secondary}
    addressSpace: {space}  # from the national pool (govcloud.yaml); do not change by hand
{section}    dataCenter:
      name: {_q(name + 'データセンター')}  # 確認: the data center's name as the municipality calls it
      asn: 65000  # 確認: ask the data center's network team for its routers' private BGP ASN
      prefixes: {{}}  # 確認: ask the data center for each layer's on-prem prefixes, e.g. mynumber: [172.16.0.0/20]
    connectivity:
      cloudAsn: 64512
      redundancy: {_q(d['tier'])}  # 確認: the tier the municipality decides (docs/declaration.md, Redundancy tiers)
      vpnBackup: false
      lines:  # 確認: ask the carrier for each line's location, type, bandwidth and VLAN (the line contract)
{chr(10).join(lines)}
    layers:
      mynumber:
        systems: []
      lgwan:
        systems: []
      internet:
        egress: datacenter
        systems: []
    flows: []
"""
