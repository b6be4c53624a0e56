"""How the review shows AWS: the Direct Connect gateway and the transit gateway in the
diagram, and each layer's routes as the VPC and the layer's transit route table hold them."""
from __future__ import annotations

from review.i18n import t


def _row(prefix: str, via: str, why: str, arg: str | None = None) -> dict:
    return {"prefix": prefix, "via": via, "why": why, "arg": arg}


def routing(model) -> dict:
    """The VPC's routes all lead to the transit gateway (or, for the internet layer, to its
    internet gateway); the layer's transit route table forwards each permitted prefix to
    its owner, drops every other layer's block, and sends on-prem to the lines. The
    session rows say what the data center must advertise."""
    layers = {}
    for r in model.routing:
        vpc = [_row(p, "via_tgw", "why_onprem") for p in r.onprem]
        vpc += [_row(x.prefix, "via_tgw", "why_flow", x.flow) for x in r.reach]
        if r.default_via_datacenter:
            vpc.append(_row("0.0.0.0/0", "via_tgw", "why_internet_dc"))
        if r.internet_gateway:
            vpc.append(_row("0.0.0.0/0", "via_igw", "why_internet_egress"))
        reach = {x.prefix for x in r.reach}
        transit = [_row(x.prefix, "via_lines" if x.onprem else "via_layer", "why_flow", x.flow) | (
            {} if x.onprem else {"layer": x.via_layer}) for x in r.reach]
        transit += [_row(p, "via_blackhole", "why_other_layer") for p in r.blackholes if p not in reach]
        if r.closed:
            transit.append(_row("0.0.0.0/0", "via_blackhole", "why_closed"))
        if r.default_via_datacenter:
            transit.append(_row("0.0.0.0/0", "via_lines", "why_internet_dc"))
        transit += [_row(p, "via_lines", "why_onprem") for p in r.onprem]
        accepted = list(r.onprem) + [x.prefix for x in r.reach if x.onprem] + (
            ["0.0.0.0/0"] if r.default_via_datacenter else [])
        layers[r.layer] = {"vpc": vpc, "transit": transit, "advertised": [r.cidr],
                           "accepted": list(dict.fromkeys(accepted)), "path": "path_tgw"}
    return layers


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
