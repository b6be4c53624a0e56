"""The review's 暗号化 section: keys, account default keys, encryption per line and the VPN's
parameters (each cloud reads them from the planned inventory: clouds/<id>/review.py), and
the risks: a line that carries the mynumber layer without MACsec or IPsec, named with the
rule that covers it and that rule's state. A rule switched off is said to leave the risk
unchecked, never shown as a bare 無効."""
from __future__ import annotations

from itertools import groupby

RULE = "GOV-TLS-003"
PROTECTED = "mynumber"


def section(cloud_part: dict, policy: list[dict]) -> dict:
    verdict = next((p for p in policy if p["rule"] == RULE), None)
    status = verdict["status"] if verdict else "not_evaluated"
    risks = [{"line": ln["name"], "layer": PROTECTED, "rule": RULE, "status": status}
             for ln in cloud_part["lines"]
             if PROTECTED in ln["layers"] and ln["macsec"] != "enforced" and not ln["ipsec"]]
    return {**cloud_part, "account_defaults": _grouped(cloud_part["account_defaults"]), "risks": risks}


def _grouped(rows: list[dict]) -> list[dict]:
    """One row per account: its regions, whether every default key rotates, whether EBS
    encryption by default is on in every region."""
    out = []
    for account, keys in groupby(sorted(rows, key=lambda r: (r["account"], r["region"])), key=lambda r: r["account"]):
        keys = list(keys)
        out.append({"account": account, "regions": [k["region"] for k in keys], "name": keys[0]["name"],
                    "rotation": all(k["rotation"] for k in keys), "ebs_default": all(k["ebs_default"] for k in keys),
                    "deletion_days": min(k["deletion_days"] for k in keys)})
    return out
