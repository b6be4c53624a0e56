"""The diagnostic codes (GCnnn) in one table: each with what it covers, in English and
Japanese. SARIF and JSON consumers key on the code; docs/errors.md is generated from this
table (`python -m network.docgen errors`) and a test keeps the two in step."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    id: str
    en: str
    ja: str

    def __str__(self) -> str:
        return self.id


_TABLE = (
    ("GC000", "Unclassified problem", "分類なし"),
    ("GC001", "The file cannot be read as YAML (syntax, encoding, size, tags, duplicate keys)",
     "YAMLとして読めない（構文・文字コード・サイズ・タグ・重複キー）"),
    ("GC100", "Structure: a missing or unknown key, a wrong type", "構造：キーの不足・不明なキー・型の誤り"),
    ("GC101", "Local government code", "全国地方公共団体コード"),
    ("GC102", "Stack name and file name", "スタック名とファイル名"),
    ("GC103", "Regions (domestic only)", "リージョン（国内のみ）"),
    ("GC104", "Addresses: CIDR syntax, private space", "アドレス：CIDRの書式・プライベートアドレス"),
    ("GC105", "On-prem prefixes overlap", "オンプレミス経路の重複"),
    ("GC106", "BGP ASNs", "BGPのASN"),
    ("GC107", "Dedicated lines: names, locations, types, ids", "専用線：名前・接続拠点・種別・ID"),
    ("GC108", "Dedicated lines: bandwidth and MACsec", "専用線：帯域とMACsec"),
    ("GC109", "Dedicated lines: VLANs", "専用線：VLAN"),
    ("GC110", "Redundancy tier", "冗長化レベル"),
    ("GC111", "VPN backup", "VPNバックアップ"),
    ("GC112", "No layer enabled", "有効な層がない"),
    ("GC113", "Layer and subnet sizes, system addresses", "層とサブネットのサイズ・業務システムのアドレス"),
    ("GC114", "Internet egress outside the internet layer", "インターネット接続系以外のインターネット出口"),
    ("GC115", "Business system ids", "業務システムの識別子"),
    ("GC116", "Permitted flows: shape, ends, ports", "許可通信：形式・通信元/先・ポート"),
    ("GC117", "Permitted flows into mynumber", "マイナンバー利用事務系への許可通信"),
    ("GC118", "Tags", "タグ"),
    ("GC119", "Cloud-specific settings and provider settings", "クラウド固有設定・プロバイダ設定"),
    ("GC120", "Two stacks declare one municipality", "同じ団体を宣言する複数のスタック"),
    ("GC121", "Address spaces overlap across stacks", "スタック間のアドレス空間の重複"),
    ("GC122", "Hybrid DNS: the data center's domains and resolvers", "ハイブリッドDNS：DC側ドメインとリゾルバ"),
    ("GC123", "A value init wrote is not confirmed yet (# 確認), or a layer has no route to the data center",
     "未確認の初期値（# 確認）・データセンターへの経路がない層"),
    ("GC124", "Accounts and projects: the network account, each system's account or service project",
     "アカウント構成：ネットワークアカウントと業務システムごとのアカウント/サービスプロジェクト"),
    ("GC200", "Policy pack configuration", "ポリシーパック設定"),
)
CODES: dict[str, Code] = {code: Code(code, en, ja) for code, en, ja in _TABLE}

UNCLASSIFIED, YAML, STRUCTURE, IDENTITY, STACK_NAME, REGION, ADDRESS, ONPREM_OVERLAP, ASN, LINE, \
    BANDWIDTH, VLAN, TIER, VPN, NO_LAYER, SIZES, EGRESS, SYSTEM_ID, FLOW, FLOW_MYNUMBER, TAGS, CLOUD, \
    DUPLICATE_CODE, SPACE_OVERLAP, DNS, UNCONFIRMED, ACCOUNTS, POLICY_CONFIG = (c.id for c in CODES.values())
