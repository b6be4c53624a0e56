"""How the review draws the Google Cloud edge: the Cloud Routers and VLAN attachments."""
from __future__ import annotations


def edge(c: dict, lang: str) -> list[tuple[str, list[str]]]:
    o = c["overview"]
    return [("Cloud Router", [f"ASN {o['cloud_asn']}", "per layer network, in"] +
             [f"  {r['id']}" for r in o["regions"]]),
            ("VLAN attachments", ["one per line and layer", "import policy:", "  declared prefixes only"])]


def mermaid(c: dict, lang: str) -> tuple[list[str], str, str]:
    o = c["overview"]
    return [f'  CR["Cloud Router<br/>ASN {o["cloud_asn"]}"]'], "CR", "CR"
