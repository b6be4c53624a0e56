"""The shape of `govcloud:tenancy`: every field with its type, default, example and
documentation (English with the Japanese term).

The same description drives two things: the structural check (types, required keys,
unknown keys with a did-you-mean) and the field reference in docs/declaration.md, which
`python -m network.docgen` regenerates and a test keeps in sync.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Callable

from .catalog import CLOUDS, LAYER_BY_ID, LAYER_IDS, LINE_LOCATIONS, PROTOCOLS
from .errors import Diagnostic
from .source import KeyPath, Source, dotted

INVALID = object()


@dataclass(frozen=True)
class Field:
    name: str
    node: "Node"
    en: str
    ja: str
    example: Any = None
    required: bool = False
    default: Any = INVALID

    @property
    def has_default(self) -> bool:
        return self.default is not INVALID


class Node:
    type_name = "value"

    def check(self, value, path: KeyPath, ctx: "Context"):
        raise NotImplementedError  # abstract


@dataclass(frozen=True)
class Scalar(Node):
    kind: type | tuple
    type_name: str = "string"
    choices: tuple = ()
    convert: Callable[[Any], Any] | None = None

    def check(self, value, path, ctx):
        if self.convert is not None:
            try:
                value = self.convert(value)
            except (TypeError, ValueError) as exc:
                ctx.error(path, f"{_show(value)} is not a valid {self.type_name}: {exc}",
                          f"write a {self.type_name}")
                return INVALID
        if isinstance(value, bool) and bool not in _as_tuple(self.kind):
            ctx.error(path, f"expected a {self.type_name}, got a boolean ({_show(value)})",
                      f"write a {self.type_name}" + (" (quote it if it is text)" if self.kind is str else ""))
            return INVALID
        if not isinstance(value, self.kind):
            ctx.error(path, f"expected a {self.type_name}, got {_kind(value)} {_show(value)}",
                      f"write a {self.type_name}")
            return INVALID
        if self.choices and value not in self.choices:
            ctx.error(path, f"{_show(value)} is not one of {', '.join(map(str, self.choices))}",
                      _suggest(str(value), [str(c) for c in self.choices]) or
                      f"use one of {', '.join(map(str, self.choices))}")
            return INVALID
        return value


@dataclass(frozen=True)
class ListOf(Node):
    item: Node
    min_items: int = 0
    type_name: str = "list"

    def check(self, value, path, ctx):
        if not isinstance(value, list):
            ctx.error(path, f"expected a list, got {_kind(value)} {_show(value)}",
                      "write a YAML list (one '- item' per line, or [a, b])")
            return INVALID
        if len(value) < self.min_items:
            ctx.error(path, f"needs at least {self.min_items} item(s)", "add the missing items")
        out = [self.item.check(v, path + (i,), ctx) for i, v in enumerate(value)]
        return INVALID if any(v is INVALID for v in out) else out


@dataclass(frozen=True)
class MapOf(Node):
    """A mapping with free keys (tags)."""

    value: Node
    key_rule: Callable[[str], str | None] = lambda k: None
    type_name: str = "mapping"

    def check(self, value, path, ctx):
        if value is None:
            return {}
        if not isinstance(value, dict):
            ctx.error(path, f"expected a mapping, got {_kind(value)} {_show(value)}", "write key: value pairs")
            return INVALID
        out, ok = {}, True
        for k, v in value.items():
            problem = self.key_rule(k) if isinstance(k, str) else "keys must be text"
            if problem:
                ctx.error(path + (k,), problem, "rename the key")
                ok = False
                continue
            checked = self.value.check(v, path + (k,), ctx)
            ok = ok and checked is not INVALID
            out[k] = checked
        return out if ok else INVALID


@dataclass(frozen=True)
class Obj(Node):
    fields: tuple[Field, ...]
    type_name: str = "mapping"

    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def check(self, value, path, ctx):
        if value is None:
            value = {}
        if not isinstance(value, dict):
            ctx.error(path, f"expected a mapping, got {_kind(value)} {_show(value)}",
                      "write the fields as key: value lines under this key")
            return INVALID
        known = self.by_name()
        out, ok = {}, True
        for key in value:  # reported, but the known keys are still checked and used
            if key not in known:
                ctx.error(path + (key,), f"unknown key {key!r}",
                          _suggest(str(key), list(known)) or f"allowed keys: {', '.join(known)}")
        for f in self.fields:
            if f.name not in value:
                if f.required:
                    ctx.error(path, f"missing required key {f.name!r} ({f.en.split('.')[0]})",
                              f"add {f.name}: {_example(f)}")
                    ok = False
                elif f.has_default:
                    out[f.name] = f.default
                continue
            checked = f.node.check(value[f.name], path + (f.name,), ctx)
            if checked is INVALID:
                ok = False
            else:
                out[f.name] = checked
        return out if ok else INVALID


def _as_tuple(kind):
    return kind if isinstance(kind, tuple) else (kind,)


def _kind(value) -> str:
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number",
            type(None): "nothing"}.get(type(value), type(value).__name__)


def _show(value) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _example(f: Field) -> str:
    return _show(f.example) if f.example is not None else "..."


def suggest(word: str, candidates: list[str]) -> str:
    """'did you mean ...?' or an empty string."""
    return _suggest(word, candidates)


def _suggest(word: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return f"did you mean {close[0]!r}?" if close else ""


class Context:
    """Collects diagnostics for one file, with lines from its source."""

    def __init__(self, source: Source, prefix: KeyPath = ()):
        self.source = source
        self.prefix = prefix
        self.diagnostics: list[Diagnostic] = []

    def error(self, path: KeyPath, message: str, fix: str = "", code: str = "GC100") -> None:
        full = self.prefix + tuple(path)
        self.diagnostics.append(Diagnostic(self.source.file, self.source.line(full), dotted(full),
                                           message, fix, code))


# --- value converters ----------------------------------------------------------------

def _code(value):
    if isinstance(value, bool):
        raise TypeError("a boolean")
    if isinstance(value, int):
        if not 100000 <= value <= 999999:
            raise ValueError(f"as a number it lost its leading zero; quote it, e.g. \"{value:06d}\"")
        return str(value)
    return value


def _text(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _tier(value):
    if isinstance(value, float):  # 99.9 written without quotes
        return format(value, "g")
    return value


def _bandwidth(value):
    """'10Gbps', '500Mbps', '1G' -> Mbps."""
    if isinstance(value, bool) or not isinstance(value, str):
        raise TypeError("write it with a unit, e.g. 10Gbps or 500Mbps")
    text = value.strip().lower().replace(" ", "")
    for unit, factor in (("gbps", 1000), ("mbps", 1), ("g", 1000), ("m", 1)):
        if text.endswith(unit) and text[: -len(unit)].isdigit():
            return int(text[: -len(unit)]) * factor
    raise ValueError("write it with a unit, e.g. 10Gbps or 500Mbps")


def _port(value):
    """443 or '8000-8080' -> (lo, hi)."""
    if isinstance(value, bool):
        raise TypeError("a boolean")
    if isinstance(value, int):
        lo = hi = value
    elif isinstance(value, str) and value.count("-") == 1 and all(p.strip().isdigit() for p in value.split("-")):
        lo, hi = (int(p) for p in value.split("-"))
    elif isinstance(value, str) and value.strip().isdigit():
        lo = hi = int(value)
    else:
        raise ValueError("write a port (443) or a range ('8000-8080')")
    if not (1 <= lo <= hi <= 65535):
        raise ValueError("ports run 1–65535, and a range is low-high")
    return (lo, hi)


def _slug_rule(what: str):
    def check(value):
        if isinstance(value, str) and value and value[0].isascii() and value[0].isalpha() and \
                all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in value) and len(value) <= 40:
            return value
        raise ValueError(f"a {what} is lowercase ASCII letters, digits and '-', starting with a letter, "
                         "at most 40 characters")
    return check


def _tag_key(key: str) -> str | None:
    if not key or len(key) > 127:
        return "tag keys are 1–127 characters"
    if key.lower().startswith(("aws:", "goog")):
        return f"tag key {key!r} uses a prefix reserved by the cloud"
    return None


STR = Scalar(str, "string", convert=_text)
INT = Scalar(int, "integer")
BOOL = Scalar(bool, "boolean")
CIDR = Scalar(str, "CIDR (e.g. 10.1.0.0/20)")
IP = Scalar(str, "IPv4 address")
SLUG = Scalar(str, "lowercase id", convert=_slug_rule("id"))

# --- the declaration -----------------------------------------------------------------

ENDPOINT = Obj((
    Field("layer", Scalar(str, "layer id", choices=LAYER_IDS), "Layer of this end of the flow.", "層",
          "lgwan", required=True),
    Field("system", SLUG, "Business system (its `id`) at this end; its `cidr` narrows the flow.",
          "業務システム", "shinsei"),
    Field("prefix", CIDR, "Prefix at this end, inside the layer's cloud CIDR or its on-prem prefixes.",
          "プレフィックス", "10.13.20.0/26"),
))

SYSTEM = Obj((
    Field("id", SLUG, "Short id used in names and flows.", "識別子", "juki", required=True),
    Field("name", STR, "Name people read.", "システム名", "住民記録システム", required=True),
    Field("cidr", CIDR, "Addresses the system uses, inside its layer's CIDR. Needed for a flow into "
          "mynumber to name the system.", "アドレス範囲", "10.13.16.0/26"),
    Field("vendor", STR, "Vendor that runs it (ASP).", "事業者", "A社"),
))

LAYER = Obj((
    Field("enabled", BOOL, "Whether the layer is built. A disabled layer keeps its address block "
          "reserved, so enabling it later renumbers nothing.", "有効", True, default=True),
    Field("prefixLength", Scalar(int, "prefix length"), "Size of the layer's block, carved from "
          "`addressSpace` in layer order. Ignored when `cidr` is set.", "アドレス長", 22, default=22),
    Field("cidr", CIDR, "Explicit block for the layer instead of an allocated one; it is verified.",
          "明示CIDR", "10.13.16.0/22"),
    Field("subnetPrefixLength", Scalar(int, "prefix length"), "Size of each subnet in the layer.",
          "サブネット長", 24, default=24),
    Field("azs", Scalar(int, "integer"), "Availability zones (AWS; 1–3). Zone i always gets subnet i.",
          "AZ数", 2, default=2),
    Field("egress", Scalar(str, "egress mode", choices=("datacenter", "internet-gateway")),
          "internet layer only: how it reaches the internet. `datacenter` goes through the transit "
          "hub and the data center to the prefecture security cloud; `internet-gateway` breaks out "
          "in the cloud.", "インターネット出口", "datacenter"),
    Field("systems", ListOf(SYSTEM), "Business systems hosted in the layer.", "業務システム", [],
          default=[]),
))

LINE = Obj((
    Field("name", SLUG, "Line id, unique in the tenancy.", "回線名", "tokyo-1", required=True),
    Field("location", Scalar(str, "line location", choices=tuple(LINE_LOCATIONS)),
          "Direct Connect location or Interconnect facility in Japan (see docs/declaration.md).",
          "接続拠点", "EqTY2", required=True),
    Field("type", Scalar(str, "line type", choices=("dedicated", "hosted", "partner")),
          "aws: dedicated | hosted; gcp: dedicated | partner.", "回線種別", "dedicated", required=True),
    Field("bandwidth", Scalar(int, "bandwidth", convert=_bandwidth),
          "Bandwidth with unit; must be one the line type offers.", "帯域", "10Gbps", required=True),
    Field("vlan", INT, "VLAN id of the virtual interface / attachment (1–4094).", "VLAN ID", 101,
          required=True),
    Field("carrier", STR, "Carrier of the circuit; two lines on one carrier share its failures.",
          "通信事業者", "NTT東日本"),
    Field("device", STR, "Data center router the line lands on.", "接続ルータ", "dc-rt-01"),
    Field("macsec", BOOL, "Encrypt the line with MACsec (dedicated lines only).", "MACsec暗号化", False,
          default=False),
    Field("edgeAvailabilityDomain", Scalar(int, "1 or 2", choices=(1, 2)),
          "gcp only: the edge availability domain of the attachment.", "エッジ可用性ドメイン", 1),
    Field("interconnect", STR, "gcp dedicated lines only: name of the Dedicated Interconnect in the project. "
          "The line carries one VLAN attachment per layer on VLANs vlan, vlan+1, vlan+2 (mynumber, lgwan, "
          "internet).", "専用Interconnect名", "itabashi-ic-tokyo-a"),
    Field("connectionId", STR, "aws hosted lines only: the hosted connection id (dxcon-...) the partner "
          "provisioned into the account; it is confirmed, not created.", "ホスト型接続ID", "dxcon-fgk4abcd"),
))

CONNECTIVITY = Obj((
    Field("cloudAsn", INT, "BGP ASN of the cloud side (Direct Connect gateway / Cloud Router). "
          "Private ASNs only.", "クラウド側ASN", 64512, required=True),
    Field("transitAsn", INT, "aws only: ASN of the transit gateway; must differ from cloudAsn (the Direct "
          "Connect gateway's). Default: cloudAsn + 1.", "Transit Gateway ASN", 64514),
    Field("redundancy", Scalar(str, "redundancy tier", convert=_tier),
          "Required redundancy tier. aws: development | high | maximum; gcp: development | 99.9 | 99.99.",
          "冗長化レベル", "maximum", required=True),
    Field("vpnBackup", BOOL, "Build a VPN over the internet as the backup path, at lower BGP preference.",
          "VPNバックアップ", True, default=False),
    Field("lines", ListOf(LINE, min_items=1), "Dedicated lines.", "専用線", None, required=True),
))

DATA_CENTER = Obj((
    Field("name", STR, "Name of the municipality's data center.", "データセンター名", "港区データセンター",
          required=True),
    Field("asn", INT, "BGP ASN of the data center routers. Private, and not the cloud's.", "DC側ASN",
          65001, required=True),
    Field("prefixes", Obj(tuple(
        Field(layer.id, ListOf(CIDR), f"On-prem prefixes of layer {layer.label}.", layer.ja,
              ["172.16.0.0/20"], default=[]) for layer in LAYER_BY_ID.values()
    )), "On-prem prefixes per layer, advertised to the cloud over the lines.", "オンプレミス経路",
          None, default={}),
    Field("vpnPeerAddresses", ListOf(IP), "Public addresses of the data center's VPN devices "
          "(needed when `connectivity.vpnBackup` is true).", "VPN接続先アドレス", ["203.0.113.10"],
          default=[]),
))

FLOW = Obj((
    Field("name", SLUG, "Flow id, unique in the tenancy.", "通信名", "myportal-import", required=True),
    Field("from", ENDPOINT, "Where the traffic starts.", "通信元", None, required=True),
    Field("to", ENDPOINT, "Where it goes; another layer.", "通信先", None, required=True),
    Field("protocol", Scalar(str, "protocol", choices=PROTOCOLS), "tcp | udp | icmp.", "プロトコル",
          "tcp", required=True),
    Field("ports", ListOf(Scalar(tuple, "port or range", convert=_port)), "Destination ports or "
          "ranges ('8000-8080'); required for tcp and udp, not allowed for icmp.", "ポート", [443],
          default=[]),
    Field("reason", STR, "Why the exception to layer separation is needed.", "理由",
          "マイナポータル申請データの取込", required=True),
))

GCP = Obj((
    Field("projectId", STR, "Project the tenancy lives in.", "プロジェクトID", "itabashi-gov-net",
          required=True),
    Field("ownsProject", BOOL, "Whether this declaration may set the project's organization policy "
          "`constraints/gcp.resourceLocations`.", "プロジェクト管理", True, default=False),
))

MUNICIPALITY = Obj((
    Field("code", Scalar(str, "six-digit code", convert=_code), "Local government code with check "
          "digit; quote it.", "全国地方公共団体コード", "131032", required=True),
    Field("name", STR, "Name in Japanese.", "団体名", "港区", required=True),
    Field("romaji", SLUG, "Name in romaji; the stack is named <code>-<romaji>.", "ローマ字名", "minato",
          required=True),
    Field("prefecture", STR, "Prefecture.", "都道府県", "東京都"),
))

TENANCY = Obj((
    Field("municipality", MUNICIPALITY, "The municipality.", "地方公共団体", None, required=True),
    Field("cloud", Scalar(str, "cloud", choices=CLOUDS), "aws | gcp.", "クラウド", "aws", required=True),
    Field("operatingModel", Scalar(str, "operating model", choices=("single", "shared")),
          "single: one municipality per account/project; shared: a vendor account hosts several.",
          "利用方式 (単独利用方式/共同利用方式)", "single", default="single"),
    Field("regions", Obj((
        Field("primary", STR, "Primary region (domestic).", "プライマリリージョン", "ap-northeast-1",
              required=True),
        Field("secondary", STR, "Secondary region (domestic), for DR and the second metro.",
              "セカンダリリージョン", "ap-northeast-3"),
    )), "Regions.", "リージョン", None, required=True),
    Field("addressSpace", CIDR, "The tenancy's private address block; layers are carved from it. "
          "Must not overlap any other stack.", "アドレス空間", "10.13.16.0/20", required=True),
    Field("dataCenter", DATA_CENTER, "The municipality's data center.", "自治体データセンター", None,
          required=True),
    Field("connectivity", CONNECTIVITY, "Dedicated lines and BGP.", "専用線接続", None, required=True),
    Field("layers", Obj(tuple(
        Field(layer.id, LAYER, f"Layer {layer.label}.", layer.ja, None,
              default={"enabled": False, "prefixLength": 22, "subnetPrefixLength": 24, "azs": 2,
                       "systems": []})
        for layer in LAYER_BY_ID.values()
    )), "The three layers (三層の対策); a missing layer is disabled.", "三層", None, required=True),
    Field("flows", ListOf(FLOW), "Permitted inter-layer flows; everything else between layers is "
          "blocked.", "許可通信", [], default=[]),
    Field("gcp", GCP, "gcp only: the project.", "GCPプロジェクト", None),
    Field("tags", MapOf(STR, key_rule=_tag_key), "Extra tags (labels on GCP) for every resource.",
          "追加タグ", {"CostCenter": "joho-seisaku"}, default={}),
))
