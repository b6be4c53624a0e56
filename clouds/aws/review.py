"""How the review shows AWS: the Direct Connect gateway and the transit gateway in the
diagram, and each layer's routes as the VPC and the layer's transit route table hold them."""
from __future__ import annotations

from review.i18n import t
from review.tables import route_row


def routing(model) -> dict:
    """The VPC's routes all lead to the transit gateway (or, for the internet layer, to its
    internet gateway); the layer's transit route table forwards each permitted prefix to
    its owner, drops every other layer's block, and sends on-prem to the lines. The
    session rows say what the data center must advertise."""
    layers = {}
    for r in model.routing:
        vpc = [route_row(p, "via_tgw", "why_onprem") for p in r.onprem]
        vpc += [route_row(x.prefix, "via_tgw", "why_flow", x.flow) for x in r.reach]
        if r.default_via_datacenter:
            vpc.append(route_row("0.0.0.0/0", "via_tgw", "why_internet_dc"))
        if r.internet_gateway:
            vpc.append(route_row("0.0.0.0/0", "via_igw", "why_internet_egress"))
        reach = {x.prefix for x in r.reach}
        transit = [route_row(x.prefix, "via_lines" if x.onprem else "via_layer", "why_flow", x.flow) | (
            {} if x.onprem else {"layer": x.via_layer}) for x in r.reach]
        transit += [route_row(p, "via_blackhole", "why_other_layer") for p in r.blackholes if p not in reach]
        if r.closed:
            transit.append(route_row("0.0.0.0/0", "via_blackhole", "why_closed"))
        if r.default_via_datacenter:
            transit.append(route_row("0.0.0.0/0", "via_lines", "why_internet_dc"))
        transit += [route_row(p, "via_lines", "why_onprem") for p in r.onprem]
        accepted = list(r.onprem) + [x.prefix for x in r.reach if x.onprem] + (
            ["0.0.0.0/0"] if r.default_via_datacenter else [])
        layers[r.layer] = {"vpc": vpc, "transit": transit, "advertised": [r.cidr],
                           "accepted": list(dict.fromkeys(accepted)), "path": "path_tgw"}
    return layers


def edge(c: dict, lang: str) -> list[tuple[str, list[str]]]:
    o = c["overview"]
    enabled = [layer for layer in c["layers"] if layer["enabled"]]
    return [("Direct Connect gateway", [f"ASN {o['cloud_asn']}", t("dxgw_allowed", lang)]
             + [f"  {layer['cidr']}" for layer in enabled]),
            (t("hub", lang), [f"Transit Gateway ASN {o['transit_asn']}", t("tgw_tables", lang)] +
             [f"  {layer['id']}" for layer in enabled] + [f"  {t('tgw_onprem_table', lang)}"])]


def mermaid(c: dict, lang: str) -> tuple[list[str], str, str]:
    o = c["overview"]
    return ([f'  DXGW["Direct Connect gateway<br/>ASN {o["cloud_asn"]}"]',
             f'  TGW["Transit Gateway<br/>ASN {o["transit_asn"]}"]', "  DXGW --> TGW"], "DXGW", "TGW")


KEY, ALIAS = "aws:kms/key:Key", "aws:kms/alias:Alias"
DEFAULT_KEY, BY_DEFAULT = "aws:ebs/defaultKmsKey:DefaultKmsKey", "aws:ebs/encryptionByDefault:EncryptionByDefault"
DX_CONNECTION, VPN = "aws:directconnect/connection:Connection", "aws:ec2/vpnConnection:VpnConnection"
USE = ("kms:*", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*")


def _accounts(resources: list[dict], model):
    """resource -> the account it is built in, as drift and the policies tell it
    (inventory.view.Resource.account: the account its provider is pinned to), else the
    network account."""
    from inventory.decode import provider_inputs
    pinned = {r["urn"]: (provider_inputs(r.get("inputs") or {}).get("allowedAccountIds") or [None])[0]
              for r in resources if r["type"].startswith("pulumi:providers:")}
    network = model.spec.network_account or "@network"
    return lambda resource: str(pinned.get(resource.get("provider")) or network)


def _users(policy) -> list[str]:
    """Who the key policy lets use the key: the account's root (its IAM policies decide),
    roles by name, services by principal."""
    import json
    try:
        statements = json.loads(policy).get("Statement", []) if isinstance(policy, str) else []
    except ValueError:
        return ["?"]
    users = []
    for st in statements:
        actions = st.get("Action") or []
        actions = [actions] if isinstance(actions, str) else actions
        if st.get("Effect") != "Allow" or not any(a in USE for a in actions):
            continue
        for kind, values in (st.get("Principal") or {}).items():
            for value in [values] if isinstance(values, str) else values:
                if kind == "AWS" and value.endswith(":root"):
                    users.append("@root")  # the review says: the account, through its IAM policies
                elif kind == "AWS":
                    users.append(value.rsplit("/", 1)[-1])
                else:
                    users.append(value)
    return list(dict.fromkeys(users))


def encryption(model, inventory: dict | None) -> dict:
    """Keys (rotation, deletion window, who may use them), the account default key per
    account and region, MACsec per line, and the VPN's IKE/IPsec parameters, all read from
    the planned inventory."""
    resources = (inventory or {}).get("resources", [])
    primary = model.spec.primary_region
    _account = _accounts(resources, model)
    alias = {}
    for r in resources:
        if r["type"] == ALIAS:
            for urn in r["dependencies"].get("targetKeyId", []):
                alias[urn] = r["inputs"].get("name")
    defaults = {}
    for r in resources:
        if r["type"] == DEFAULT_KEY:
            for urn in r["dependencies"].get("keyArn", []):
                defaults[urn] = True
    enabled = {(_account(r), r["inputs"].get("region") or primary): bool(r["inputs"].get("enabled"))
               for r in resources if r["type"] == BY_DEFAULT}
    keys, account_defaults = [], []
    for r in resources:
        if r["type"] != KEY:
            continue
        i = r["inputs"]
        row = {"name": alias.get(r["urn"]) or r["name"], "account": _account(r), "layer": r.get("layer"),
               "region": i.get("region") or primary, "rotation": bool(i.get("enableKeyRotation")),
               # "If you do not specify a rotation period ... the default value is 365 days"
               # (AWS KMS developer guide, EnableKeyRotation)
               "rotation_days": (i.get("rotationPeriodInDays") or 365) if i.get("enableKeyRotation") else None,
               "deletion_days": i.get("deletionWindowInDays") or 30,  # "it defaults to `30`" (Key docstring)
               "users": _users(i.get("policy"))}
        if r["urn"] in defaults:
            account_defaults.append({**row, "ebs_default": enabled.get((row["account"], row["region"]), False)})
        else:
            keys.append(row)
    lines = []
    for line in model.spec.connectivity.lines:
        connection = next((r for r in resources if r["type"] == DX_CONNECTION
                           and r["name"] == f"{model.spec.stack}-dx-{line.name}"), None)
        inputs = (connection or {}).get("inputs", {})
        macsec = ("enforced" if inputs.get("encryptionMode") == "must_encrypt" else "requested") \
            if inputs.get("requestMacsec") else "none"
        lines.append({"name": line.name, "type": line.type, "layers": [r.layer for r in model.routing],
                      "macsec": macsec, "ipsec": False})
    vpn = []
    for r in resources:
        if r["type"] == VPN:
            i = r["inputs"]
            vpn.append({"name": r["name"], "layer": r.get("layer"), "ike": ", ".join(i.get("tunnel1IkeVersions") or []),
                        "phase1": _suite(i, "Phase1"), "phase2": _suite(i, "Phase2"),
                        "psk": "tunnel1PresharedKey" in r.get("secretInputs", [])})
    return {"keys": keys, "account_defaults": account_defaults, "lines": lines, "vpn": vpn}


def _suite(inputs: dict, phase: str) -> str:
    """One tunnel's algorithms for a phase: encryption / integrity / DH groups."""
    enc = "/".join(inputs.get(f"tunnel1{phase}EncryptionAlgorithms") or [])
    integ = "/".join(inputs.get(f"tunnel1{phase}IntegrityAlgorithms") or [])
    dh = "/".join(str(g) for g in inputs.get(f"tunnel1{phase}DhGroupNumbers") or [])
    return f"{enc}, {integ}, DH {dh}" if enc and integ and dh else "@default"
