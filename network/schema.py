"""The shape of `govcloud:tenancy`: every field with its type, default, example and
documentation (English with the Japanese term), composed from the shared fields here and
each cloud's own (clouds/<id>/declaration.py).

The same description drives the structural check (network/fields.py), the field
reference in docs/declaration.md and the JSON Schema for editors, which
`python -m network.docgen` regenerates and tests keep in sync.
"""
from __future__ import annotations

import clouds
from clouds import all_line_locations
from .catalog import LAYER_BY_ID, LAYER_IDS, PROTOCOLS
from .fields import (BOOL, CIDR, INT, INVALID, IP, SLUG, STR, Context, Field, ListOf, MapOf, Obj, Scalar,
                     _bandwidth, _code, _port, _tag_key, _tier, suggest)

__all__ = ["TENANCY", "LINE", "ENDPOINT", "FLOW", "INVALID", "Context", "Field", "suggest"]


def _cloud_fields(where: str) -> tuple[Field, ...]:
    return tuple(f for cloud in clouds.all().values() for f in cloud.fields(where))


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
    Field("account", STR, "The account it runs in, where the tenancy declares `accounts.network`: the "
          "AWS account id (12 digits) or the Google Cloud service project id the Digital Agency prepared "
          "for the system and its vendor. Under 共同利用方式 several municipalities name one vendor account.",
          "アカウント/サービスプロジェクト", "222233334444"),
    Field("prefixLength", Scalar(int, "prefix length"), "Size of the system's block, allocated inside its "
          "layer after the blocks named by `cidr`, in declaration order (add new systems at the end: an "
          "allocated block never moves for a system added after it). Default: the layer's "
          "`systemPrefixLength`.", "アドレス長", 26),
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
          "hub and the data center to the prefecture security cloud; `internet-gateway` (gcp only) breaks "
          "out in the cloud through Cloud NAT.", "インターネット出口", "datacenter"),
    Field("systems", ListOf(SYSTEM), "Business systems hosted in the layer.", "業務システム", [],
          default=[]),
    Field("systemPrefixLength", Scalar(int, "prefix length"), "With `accounts.network`: the size of each "
          "system's block unless the system names its own.", "業務システムのアドレス長", 24, default=24),
    Field("servicesPrefixLength", Scalar(int, "prefix length"), "With `accounts.network`: the block of the "
          "network account's own VPC in the layer (the transit attachment, DNS forwarders, service "
          "endpoints), at the top of the layer block.", "共通サービス用アドレス長", 25, default=25),
))

LINE = Obj((
    Field("name", SLUG, "Line id, unique in the tenancy.", "回線名", "tokyo-1", required=True),
    Field("location", Scalar(str, "line location", choices=tuple(all_line_locations())),
          "Direct Connect location or Interconnect facility in Japan (see docs/declaration.md).",
          "接続拠点", "EqTY2", required=True),
    Field("type", Scalar(str, "line type", choices=tuple(dict.fromkeys(
        kind for cloud in clouds.all().values() for kind in cloud.line_types))),
          "; ".join(f"{cloud.id}: {' | '.join(cloud.line_types)}" for cloud in clouds.all().values()) + ".",
          "回線種別", "dedicated", required=True),
    Field("bandwidth", Scalar(int, "bandwidth", convert=_bandwidth),
          "Bandwidth with unit; must be one the line type offers.", "帯域", "10Gbps", required=True),
    Field("vlan", INT, "VLAN id of the virtual interface / attachment (1–4094).", "VLAN ID", 101,
          required=True),
    Field("carrier", STR, "Carrier of the circuit; two lines on one carrier share its failures.",
          "通信事業者", "NTT東日本"),
    Field("device", STR, "Data center router the line lands on.", "接続ルータ", "dc-rt-01"),
    Field("macsec", BOOL, "Encrypt the line with MACsec (dedicated lines only).", "MACsec暗号化", False,
          default=False),
) + _cloud_fields("line"))

CONNECTIVITY = Obj((
    Field("cloudAsn", INT, "BGP ASN of the cloud side (Direct Connect gateway / Cloud Router). "
          "Private ASNs only.", "クラウド側ASN", 64512, required=True),
    Field("redundancy", Scalar(str, "redundancy tier", convert=_tier),
          "Required redundancy tier. aws: development | high | maximum; gcp: development | 99.9 | 99.99.",
          "冗長化レベル", "maximum", required=True),
    Field("vpnBackup", BOOL, "Build a VPN over the internet as the backup path, at lower BGP preference.",
          "VPNバックアップ", True, default=False),
    Field("lines", ListOf(LINE, min_items=1), "Dedicated lines.", "専用線", None, required=True),
) + _cloud_fields("connectivity"))

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
    Field("dns", Obj((
        Field("domains", ListOf(STR), "DNS domains the data center's resolvers answer for (e.g. "
              "city.minato.lg.jp); the cloud forwards them there.", "DC側DNSドメイン", ["chiiki.local"],
              default=[]),
        Field("servers", Obj(tuple(
            Field(layer.id, ListOf(IP), f"Resolvers of layer {layer.label}, inside its on-prem prefixes.",
                  layer.ja, ["172.16.0.53"], default=[]) for layer in LAYER_BY_ID.values()
        )), "The data center's resolvers per layer (each layer is its own VRF there).", "DC側DNSサーバ",
              None, default={}),
    )), "Hybrid DNS: the data center's domains, forwarded from each layer's network to that layer's "
        "resolvers; the data center resolves the cloud through the inbound forwarders.", "ハイブリッドDNS",
          None, default={}),
))

FLOW = Obj((
    Field("name", SLUG, "Flow id, unique in the tenancy.", "通信名", "myportal-import", required=True),
    Field("from", ENDPOINT, "Where the traffic starts.", "通信元", None, required=True),
    Field("to", ENDPOINT, "Where it goes; another layer.", "通信先", None, required=True),
    Field("protocol", Scalar(str, "protocol", choices=PROTOCOLS), "tcp | udp | icmp.", "プロトコル",
          "tcp", required=True),
    Field("ports", ListOf(Scalar(tuple, "port or range", convert=_port)), "Destination ports or "
          "ranges ('8000-8080'), each port once; required for tcp and udp, not allowed for icmp.", "ポート", [443],
          default=[]),
    Field("reason", STR, "Why the exception to layer separation is needed.", "理由",
          "マイナポータル申請データの取込", required=True),
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
    Field("cloud", Scalar(str, "cloud", choices=clouds.REGISTRY), " | ".join(clouds.REGISTRY) + ".", "クラウド", "aws",
          required=True),
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
                       "systems": [], "systemPrefixLength": 24, "servicesPrefixLength": 25})
        for layer in LAYER_BY_ID.values()
    )), "The three layers (三層の対策); a missing layer is disabled.", "三層", None, required=True),
    Field("accounts", Obj((
        Field("network", STR, "The network account (AWS account id, 12 digits) or the Shared VPC host "
              "project (Google Cloud: the same as gcp.projectId) that owns the lines, the transit hub and the "
              "layer routing. With it, every system names the `account` it runs in.",
              "ネットワークアカウント/ホストプロジェクト", "111122223333", required=True),
    )), "Accounts and projects as the Government Cloud hands them out: a network account, and one "
        "account (project) per business system.", "アカウント構成", None),
    Field("flows", ListOf(FLOW), "Permitted inter-layer flows; everything else between layers is "
          "blocked.", "許可通信", [], default=[]),
    Field("tags", MapOf(STR, key_rule=_tag_key), "Extra tags (labels on GCP) for every resource.",
          "追加タグ", {"CostCenter": "joho-seisaku"}, default={}),
) + _cloud_fields("tenancy"))
