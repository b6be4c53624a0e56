"""How the review draws the AWS edge: the Direct Connect gateway and the transit gateway."""
from __future__ import annotations

from review.i18n import t


def edge(c: dict, lang: str) -> list[tuple[str, list[str]]]:
    o = c["overview"]
    enabled = [layer for layer in c["layers"] if layer["enabled"]]
    return [("Direct Connect gateway", [f"ASN {o['cloud_asn']}"] + [f"allowed {layer['cidr']}" for layer in enabled]),
            (t("hub", lang), [f"Transit Gateway ASN {o['transit_asn']}", "route tables:"] +
             [f"  {layer['id']}" for layer in enabled] + ["  onprem (DX / VPN)"])]


def mermaid(c: dict, lang: str) -> tuple[list[str], str, str]:
    o = c["overview"]
    return ([f'  DXGW["Direct Connect gateway<br/>ASN {o["cloud_asn"]}"]',
             f'  TGW["Transit Gateway<br/>ASN {o["transit_asn"]}"]', "  DXGW --> TGW"], "DXGW", "TGW")
