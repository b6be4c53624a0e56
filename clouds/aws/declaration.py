"""The AWS keys of the declaration and their checks.

Each line carries every enabled layer on its own VLAN and transit virtual interface
(三層分離 on the line). A dedicated connection carries up to four transit VIFs, so one
connection serves all three layers. A hosted connection carries exactly one VIF, so a
hosted line names one hosted connection per layer (`connectionIds`); a carrier that
provisions hosted transit VIFs into the account names one VIF per layer
(`virtualInterfaceIds`, line type `hosted-vif`).
"""
from __future__ import annotations

import re

from clouds.aws.catalog import MACSEC_MIN_MBPS
from clouds.aws.nacl import RULES_PER_ACL_DEFAULT, RULES_PER_ACL_MAX, S3_PREFIX_ENTRIES_DEFAULT, nacl_rules
from network import codes
from network.catalog import LAYER_BY_ID, LAYER_IDS, PRIVATE_ASN_FIX, asn_kind, asn_problem, format_bandwidth
from network.fields import BOOL, INT, STR, Field, MapOf, Obj, Scalar
from network.tags import RESERVED_TAG_KEYS

#: MACsec on a dedicated line, in the order AWS allows it: "You can only specify the
#: encryption_mode argument once the connection is in an Available state" (pulumi-aws
#: directconnect.Connection docstring), and keys are associated with an existing connection.
MACSEC_PHASES = {
    "requested": "the connection is created with request_macsec; no key yet (first deployment)",
    "associated": "the CKN/CAK is associated with the available connection (MacsecKeyAssociation)",
    "enforced": "encryption_mode must_encrypt, once the MACsec session is up",
}


DEPLOY_ROLE_DEFAULT = "GovcloudNetworkDeploy"
#: "Names of users, groups, roles, policies ... must be alphanumeric, including the following
#: common characters: plus (+), equal (=), comma (,), period (.), at (@), underscore (_), and
#: hyphen (-)"; a role name is at most 64 characters (IAM User Guide, "IAM object quotas").
ROLE_NAME = re.compile(r"[A-Za-z0-9+=,.@_-]{1,64}")


def _role_name(value):
    if isinstance(value, str) and not ROLE_NAME.fullmatch(value):
        raise ValueError("an IAM role name is 1–64 letters, digits and + = , . @ _ -")
    return value


def _layer_key(key: str) -> str | None:
    return None if key in LAYER_BY_ID else f"{key!r} is not a layer (use {', '.join(LAYER_BY_ID)})"


FIELDS = {
    "line": (
        Field("connectionIds", MapOf(STR, _layer_key),
              "aws hosted lines only: per layer, the hosted connection id (dxcon-...) the partner provisioned "
              "into the account; a hosted connection carries one virtual interface, so each enabled layer "
              "needs its own. Confirmed, not created.", "ホスト型接続ID（層ごと）", {"mynumber": "dxcon-fgk4abcd"}),
        Field("virtualInterfaceIds", MapOf(STR, _layer_key),
              "aws hosted-vif lines only: per layer, the hosted transit virtual interface id (dxvif-...) the "
              "carrier provisioned into the account; accepted onto that layer's Direct Connect gateway.",
              "ホスト型VIF ID（層ごと）", {"mynumber": "dxvif-fgk4abcd"}),
        Field("vlans", MapOf(INT, _layer_key),
              "aws: per layer, a VLAN that differs from the rule vlan + 0/1/2 (mynumber, lgwan, internet); on "
              "hosted lines the partner sets the VLAN, and the deployment stops if the connection says otherwise.",
              "VLAN（層ごとの指定）", {"mynumber": 310}),
        Field("macsecPhase", Scalar(str, "MACsec phase", choices=tuple(MACSEC_PHASES)),
              "aws dedicated lines with macsec: true: requested (first deployment) → associated (connection "
              "available: keys) → enforced (must_encrypt). Default: requested.", "MACsec段階", "requested"),
    ),
    "tenancy": (
        Field("aws", Obj((
            Field("naclRuleQuota", Scalar(int, "20 to 40", choices=tuple(range(RULES_PER_ACL_DEFAULT,
                                                                                RULES_PER_ACL_MAX + 1))),
                  "The account's quota 'Rules per network ACL' (L-2AEEBF1A), per direction: 20 unless AWS raised "
                  "it (at most 40).", "NACLルール数の上限", 20, default=RULES_PER_ACL_DEFAULT),
            Field("s3PrefixListEntries", Scalar(int, "1 to 40", choices=tuple(range(1, RULES_PER_ACL_MAX + 1))),
                  "Network ACL entries a closed layer reserves per direction for the region's S3 prefix list (the "
                  "S3 gateway endpoint's CIDRs; `aws ec2 get-managed-prefix-list-entries` shows how many). `up` stops "
                  "before changing an ACL if the list holds more.", "S3プレフィックスリストの予約数",
                  S3_PREFIX_ENTRIES_DEFAULT, default=S3_PREFIX_ENTRIES_DEFAULT),
            Field("systemAccountRole", Scalar(str, "IAM role name", convert=_role_name),
                  "With accounts.network: the IAM role the network stack assumes in each system account to build "
                  "the system's VPC and transit attachment (its external id is the secret govcloud:externalId).",
                  "業務アカウントで引き受けるロール", DEPLOY_ROLE_DEFAULT, default=DEPLOY_ROLE_DEFAULT),
            Field("sameOrganization", BOOL, "With accounts.network: the system accounts are in the network "
                  "account's AWS Organization, so the transit gateway is shared without invitations. false: "
                  "each account accepts the share.", "同一組織内での共有", True, default=True),
        )), "aws only: account quotas the plan must fit.", "AWSアカウント設定", None),
    ),
    "connectivity": (
        Field("transitAsn", INT, "aws only: ASN of the transit gateway; must differ from cloudAsn (the Direct "
              "Connect gateways'). Default: cloudAsn + 1.", "Transit Gateway ASN", 64514),
    ),
}
#: "The 12-digit account ID" (AWS Account Management reference, "View AWS account identifiers").
ACCOUNT_ID = re.compile(r"[0-9]{12}")


def account_problem(value: str) -> str | None:
    if ACCOUNT_ID.fullmatch(value):
        return None
    hint = " (quote it in YAML, or its leading zeros are lost)" if value.isdigit() and len(value) < 12 else ""
    return f"{value!r} is not an AWS account id: an account id is exactly 12 digits{hint}"


CONNECTION_ID = re.compile(r"dxcon-[0-9a-z]{8}")
VIF_ID = re.compile(r"dxvif-[0-9a-z]{8}")
#: line type -> (its per-layer key, the id pattern, how the id is written)
PER_LAYER_IDS = {"hosted": ("connectionIds", CONNECTION_ID, "dxcon-"),
                 "hosted-vif": ("virtualInterfaceIds", VIF_ID, "dxvif-")}


def transit_asn(spec) -> int:
    """The transit gateway's ASN: declared, or the cloud ASN + 1."""
    declared = spec.connectivity.transit_asn
    return declared if declared is not None else spec.connectivity.cloud_asn + 1


def macsec_phase(line) -> str | None:
    """The MACsec phase of a line, None without MACsec."""
    return (line.option("macsecPhase") or "requested") if line.macsec else None


def layer_ids(line) -> dict[str, str]:
    """layer -> the hosted connection or hosted VIF id the line declares for it."""
    key = PER_LAYER_IDS.get(line.type, (None,))[0]
    return dict(line.option(key) or {}) if key else {}


def check(spec, report) -> None:
    _transit_asn(spec, report)
    internet = spec.layer("internet")
    if internet.enabled and internet.egress == "internet-gateway":
        report(("layers", "internet", "egress"), "egress: internet-gateway is not built on aws: an internet gateway "
               "on the layer's private subnets would be no breakout (no public subnet, no NAT gateway)",
               "use egress: datacenter (the internet layer goes out through the data center and the prefecture "
               "security cloud)", codes.EGRESS)
    _tags(spec, report)
    enabled = [layer.id for layer in spec.enabled_layers]
    seen: dict[str, int] = {}
    for i, line in enumerate(spec.connectivity.lines):
        base = ("connectivity", "lines", i)
        _carrier(line, base, report)
        _macsec(line, base, report)
        _per_layer_ids(line, base, enabled, seen, i, report)


def _transit_asn(spec, report):
    declared = spec.connectivity.transit_asn
    problem = asn_problem(declared, "transit gateway") if declared is not None else None
    if problem:
        report(("connectivity", "transitAsn"), problem, PRIVATE_ASN_FIX, codes.ASN)
        return
    tgw = transit_asn(spec)
    path = ("connectivity", "transitAsn" if declared is not None else "cloudAsn")
    if tgw in (spec.connectivity.cloud_asn, spec.data_center.asn):
        report(path, f"the transit gateway ASN {tgw} equals the "
               f"{'Direct Connect gateway' if tgw == spec.connectivity.cloud_asn else 'data center'} ASN",
               "set connectivity.transitAsn to another private ASN", codes.ASN)
    elif asn_kind(tgw) != "private":
        report(path, f"the transit gateway ASN {tgw} (cloudAsn + 1) is not private",
               "set connectivity.transitAsn to a private ASN", codes.ASN)


def _macsec(line, base, report):
    if line.macsec and (line.type != "dedicated" or line.bandwidth_mbps < MACSEC_MIN_MBPS):
        report(base + ("macsec",), f"MACsec is not available on a {line.type} {format_bandwidth(line.bandwidth_mbps)} "
               "line", "use a dedicated 10Gbps or faster line, or set macsec: false and rely on IPsec",
               codes.BANDWIDTH)
    elif line.option("macsecPhase") is not None and not line.macsec:
        report(base + ("macsecPhase",), "macsecPhase is set but the line has no MACsec",
               "set macsec: true, or remove macsecPhase", codes.LINE)


def _per_layer_ids(line, base, enabled, seen, index, report):
    for kind, (key, _, _) in PER_LAYER_IDS.items():
        if line.option(key) is not None and line.type != kind:
            report(base + (key,), f"{key} is only for aws {kind} lines (this line is {line.type})",
                   f"remove {key}" + ("; dedicated connections are created by the program"
                                      if line.type == "dedicated" else f", or set type: {kind}"), codes.LINE)
    if line.type not in PER_LAYER_IDS:
        return
    key, pattern, prefix = PER_LAYER_IDS[line.type]
    ids = layer_ids(line)
    missing = [layer for layer in enabled if layer not in ids]
    if missing:
        what = "hosted connection" if line.type == "hosted" else "hosted transit VIF"
        report(base + (key,) if ids else base, f"an aws {line.type} line carries one virtual interface per "
               f"{what}; no {key[:-1]} for layer {', '.join(missing)}",
               f"add {key}: {{{', '.join(f'{layer}: {prefix}...' for layer in enabled)}}} (one per enabled "
               "layer, from the partner's hand-over)", codes.LINE)
    for layer, value in ids.items():
        path = base + (key, layer)
        if layer not in enabled:
            report(path, f"layer {layer} is not enabled", f"remove {layer} from {key}", codes.LINE)
        elif not pattern.fullmatch(value):
            report(path, f"{value!r} is not a Direct Connect "
                   f"{'connection' if line.type == 'hosted' else 'virtual interface'} id",
                   f"write it as {prefix} and 8 lowercase letters or digits", codes.LINE)
        elif value in seen:
            report(path, f"{value} is declared twice (also on line {seen[value] + 1})",
                   "each layer of each line has its own hosted connection", codes.LINE)
        else:
            seen[value] = index


def offline_observations(spec) -> dict:
    """What an offline plan assumes the partner provisioned, where only the account can
    say: each hosted connection at its line's location, on the VLAN the declaration gives
    its layer. `preview` and `up` read the real connection instead (get_connection) and
    stop on a VLAN that contradicts the declaration."""
    observed = {}
    for line in spec.connectivity.lines:
        if line.type == "hosted":
            for layer, connection_id in layer_ids(line).items():
                observed[connection_id] = {"vlanId": line.layer_vlan(LAYER_IDS.index(layer)),
                                           "location": line.location, "bandwidth": format_bandwidth(
                                               line.bandwidth_mbps), "state": "ordering"}
    return observed


#: "Maximum number of tags per resource – 50 ... Maximum key length – 128 Unicode characters
#: in UTF-8 ... Maximum value length – 256 ... Generally allowed characters are: letters,
#: numbers, and spaces representable in UTF-8, and the following characters: + - = . _ : / @
#: ... Do not use aws:, AWS:, or any upper or lowercase combination of such as a prefix for
#: either keys or values" (ECS/Batch "Tag restrictions", the AWS-wide tag rules).
TAGS_PER_RESOURCE = 50
TAG_KEY_MAX, TAG_VALUE_MAX = 128, 256
TAG_SYMBOLS = set("+-=._:/@ ")


def _tag_text_problem(text: str) -> str | None:
    bad = sorted({c for c in text if not (c.isalnum() or c in TAG_SYMBOLS)})
    if bad:
        return f"contains {''.join(bad)!r}, which AWS tags do not allow everywhere"
    if text.lower().startswith("aws:"):
        return "starts with 'aws:', which AWS reserves"
    return None


def _tags(spec, report):
    room = TAGS_PER_RESOURCE - len(RESERVED_TAG_KEYS)
    if len(spec.tags) > room:
        report(("tags",), f"{len(spec.tags)} extra tags, but a resource holds {TAGS_PER_RESOURCE} and govcloud sets "
               f"{len(RESERVED_TAG_KEYS)}", f"keep at most {room} extra tags", codes.TAGS)
    for key, value in spec.tags:
        path = ("tags", key)
        if len(key) > TAG_KEY_MAX or len(value) > TAG_VALUE_MAX:
            report(path, f"tag {key!r} is longer than AWS allows (key {TAG_KEY_MAX}, value {TAG_VALUE_MAX} characters)",
                   "shorten it", codes.TAGS)
        for what, text in (("key", key), ("value", value)):
            problem = _tag_text_problem(text)
            if problem:
                report(path, f"tag {what} {text!r} {problem}", "use letters, digits, spaces and + - = . _ : / @ only",
                       codes.TAGS)


def _carrier(line, base, report) -> None:
    """A line's carrier is the value of its connections' and VIFs' Carrier tag, so it keeps
    to what a tag value may hold."""
    if not line.carrier:
        return
    problem = _tag_text_problem(line.carrier)
    if len(line.carrier) > TAG_VALUE_MAX:
        problem = f"is {len(line.carrier)} characters; AWS tag values hold {TAG_VALUE_MAX}"
    if problem:
        report(base + ("carrier",), f"carrier {line.carrier[:40]!r}{'…' if len(line.carrier) > 40 else ''} {problem} "
               "(it becomes the Carrier tag of the line's connections and interfaces)",
               "write the carrier's name with letters, digits, spaces and + - = . _ : / @ only, e.g. NTT東日本",
               codes.TAGS)


def system_account_role(spec) -> str:
    return spec.section("aws").get("systemAccountRole", DEPLOY_ROLE_DEFAULT)


def same_organization(spec) -> bool:
    return spec.section("aws").get("sameOrganization", True)


def nacl_quota(spec) -> int:
    return spec.section("aws").get("naclRuleQuota", RULES_PER_ACL_DEFAULT)


def s3_prefix_entries(spec) -> int:
    return spec.section("aws").get("s3PrefixListEntries", S3_PREFIX_ENTRIES_DEFAULT)


def check_model(model, report) -> None:
    """Per layer: its network ACL fits the quota. Within it (at most 40 per direction) the
    rule numbers cannot collide: on-prem entries run from 110, flows from 200, the internet
    egress from 900 (clouds/aws/nacl.py). Two static transit routes to one destination cannot
    arise either: flow routes are one per prefix and blackholes skip flow ends, and the
    address checks keep blocks and on-prem prefixes apart (clouds/aws/routing.static_routes).
    A property test holds both."""
    quota = nacl_quota(model.spec)
    for routing in model.routing:
        path = ("layers", routing.layer)
        reserved = [f"s3-{i}" for i in range(s3_prefix_entries(model.spec))] if routing.closed else []
        entries = dict(zip(("ingress", "egress"), nacl_rules(routing, model.flows, reserved)))
        over = {direction: len(rules) for direction, rules in entries.items() if len(rules) > quota}
        if over:
            fix = (f"ask AWS to raise 'Rules per network ACL' (up to {RULES_PER_ACL_MAX}) and set aws.naclRuleQuota"
                   if quota < RULES_PER_ACL_MAX else "declare fewer flows or ports into this layer, or merge on-prem "
                   "prefixes")
            needs = " and ".join(f"{n} {direction}" for direction, n in over.items())
            report(path, f"layer {routing.layer}: its network ACL needs {needs} entries (own block, "
                   f"{len(routing.onprem)} on-prem prefixes, a rule per flow port range"
                   + (f", {len(reserved)} for the S3 prefix list" if reserved else "") + f"); the quota is {quota}",
                   fix, codes.FLOW)
