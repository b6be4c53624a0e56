"""A new stack file with the defaults filled in, for `govcloud init`."""
from __future__ import annotations

import json

from .catalog import REGIONS

_DEFAULTS = {
    "aws": {
        "tier": "high",
        "lines": [("tokyo-1", "EqTY2", "dedicated", "1Gbps", 101, None),
                  ("osaka-1", "EqOS1", "dedicated", "1Gbps", 102, None)],
    },
    "gcp": {
        "tier": "99.9",
        "lines": [("tokyo-a", "nrt-zone1-1", "partner", "1Gbps", 101, 1),
                  ("tokyo-b", "nrt-zone2-1", "partner", "1Gbps", 102, 2)],
    },
}


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def new_stack(code: str, name: str, romaji: str, cloud: str, space: str) -> str:
    primary, secondary = list(REGIONS[cloud])
    d = _DEFAULTS[cloud]
    lines = []
    for line_name, location, kind, bandwidth, vlan, domain in d["lines"]:
        extra = f", edgeAvailabilityDomain: {domain}" if domain else ""
        lines.append(f"        - {{name: {line_name}, location: {location}, type: {kind}, bandwidth: {bandwidth}, "
                     f"vlan: {vlan}{extra}}}")
    gcp = (f"    gcp:\n      projectId: {_q(romaji + '-govcloud')}  # 確認: the project id\n"
           f"      ownsProject: false\n") if cloud == "gcp" else ""
    return f"""# {name} ({code}): written by `govcloud init`. Review every value marked 確認 (to check),
# then run `govcloud validate {code}-{romaji}`. Field reference: docs/declaration.md
config:
  govcloud:tenancy:
    municipality:
      code: "{code}"
      name: {_q(name)}
      romaji: {romaji}
    cloud: {cloud}
    operatingModel: single
    regions:
      primary: {primary}
      secondary: {secondary}
    addressSpace: {space}  # from the national pool (govcloud.yaml); do not change by hand
{gcp}    dataCenter:
      name: {_q(name + 'データセンター')}  # 確認
      asn: 65000  # 確認: the data center routers' private ASN
      prefixes: {{}}  # 確認: on-prem prefixes per layer, e.g. mynumber: [172.16.0.0/20]
    connectivity:
      cloudAsn: 64512
      redundancy: {_q(d['tier'])}  # 確認
      vpnBackup: false
      lines:  # 確認: location, type, bandwidth and VLAN from the line contract
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
