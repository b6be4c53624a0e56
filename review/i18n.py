"""The words of the review documents, Japanese (default) and English."""
from __future__ import annotations

TEXT = {
    "title": ("ネットワーク設計レビュー資料", "Network design review"),
    "overview": ("概要", "Overview"),
    "municipality": ("団体", "Municipality"), "code": ("団体コード", "Code"), "cloud": ("クラウド", "Cloud"),
    "regions": ("リージョン", "Regions"), "model": ("利用方式", "Operating model"),
    "single": ("単独利用方式", "single tenancy"), "shared": ("共同利用方式", "shared tenancy"),
    "topology": ("構成の概要", "Topology"), "diagram": ("ネットワーク構成図", "Network diagram"),
    "accounts": ("アカウント構成", "Accounts and projects"),
    "account_col": ("アカウント/プロジェクト", "Account / project"), "vendor": ("事業者", "Vendor"),
    "network_account": ("ネットワークアカウント（専用線・Transit Gateway・層のルーティング）",
                        "network account (lines, transit hub, layer routing)"),
    "network_vpc": ("ネットワークアカウントの層VPC", "the network account's layer VPC"),
    "address_plan": ("アドレス設計", "Address plan"), "layer": ("層", "Layer"), "zone": ("AZ/リージョン", "Zone/region"),
    "cidr": ("CIDR", "CIDR"), "usable": ("利用可能数", "Usable hosts"), "purpose": ("用途", "Purpose"),
    "routing": ("経路", "Routing"), "vpc_routes": ("VPC/ネットワークの経路", "VPC / network routes"),
    "transit_routes": ("Transit経路表", "Transit route tables"), "bgp": ("BGP広報", "BGP advertisements"),
    "to_dc": ("クラウド→DC", "cloud → DC"), "from_dc": ("DC→クラウド（受け入れ）", "DC → cloud (accepted)"),
    "matrix": ("三層間通信マトリクス", "Three-layer communication matrix"),
    "from": ("通信元", "From"), "to": ("通信先", "To"), "allowed": ("許可", "allowed"), "forbidden": ("禁止", "forbidden"),
    "flows": ("許可通信", "Permitted flows"), "reason": ("理由", "Reason"), "ports": ("ポート", "Ports"),
    "redundancy": ("専用線の冗長化", "Dedicated line redundancy"), "declared": ("宣言", "Declared"),
    "achieved": ("実現", "Achieved"), "spof": ("単一障害点", "Single points of failure"),
    "failover": ("切替経路", "Failover path"), "none": ("なし", "none"),
    "policy": ("ポリシー適合", "Policy compliance"), "rule": ("ルール", "Rule"), "result": ("結果", "Result"),
    "evidence": ("根拠", "Evidence"), "pass": ("適合", "pass"), "fail": ("不適合", "fail"),
    "not_applicable": ("対象外", "not applicable"),
    "disabled": ("無効（ポリシー設定で無効化）", "disabled by the policy configuration"), "unknown": ("確認不可", "cannot be checked"),
    "inventory": ("リソース一覧（コンポーネント別）", "Resource inventory by component"),
    "component": ("コンポーネント", "Component"), "resources": ("リソース数", "Resources"), "types": ("種類", "Types"),
    "lines": ("専用線", "Dedicated lines"), "datacenter": ("自治体データセンター", "Municipal data center"),
    "vpn": ("VPNバックアップ", "VPN backup"),
    "sessions": ("BGPセッション（データセンター側で設定）", "BGP sessions (configured at the data center)"),
    "session": ("種別", "kind"), "cloud_advertises": ("クラウドが広報", "cloud advertises"),
    "dc_must_advertise": ("データセンターが広報すること", "data center must advertise"),
    "note": ("備考", "note"),
    "document": ("文書管理", "Document control"), "doc_title": ("文書名", "Title"), "doc_version": ("版", "Version"),
    "doc_date": ("作成日", "Date"), "doc_commit": ("コミット", "Commit"), "doc_tool": ("作成ツール", "Tool"),
    "doc_not_git": ("（git 管理外）", "(not in git)"), "author": ("作成", "Prepared"), "checker": ("確認", "Checked"),
    "approver": ("承認", "Approved"), "history": ("変更履歴", "Change history"), "doc_subject": ("内容", "Change"),
    "doc_by": ("変更者", "By"), "doc_no_history": ("履歴なし（git 管理外、または未コミット）",
                                               "no history (not in git, or not committed yet)"),
    "pairing_pending": ("ペアリングキーを通信事業者へ（pulumi stack output pairingKeys --show-secrets）。BGPピアは"
                        "開通時にGoogleが作成し、開通後にmanagedPeersを宣言して再度up（docs/gcp.md 手順4）",
                        "give the pairing key to the carrier (pulumi stack output pairingKeys --show-secrets); Google "
                        "creates the BGP peer at activation, then declare managedPeers and run up again "
                        "(docs/gcp.md, step 4)"),
    "pairing_adopted": ("開通済み：GoogleのBGPピアにMD5・BFD・インポートポリシーを設定",
                        "activated: MD5, BFD and the import policy set on Google's BGP peer"),
    "md5_bfd": ("MD5認証（鍵はシークレット）・BFD", "MD5 (the key is a secret), BFD"), "hub": ("Transit Gateway", "Transit hub"),
    "reserved": ("予約（無効）", "reserved (disabled)"), "systems": ("業務システム", "Business systems"),
    "onprem": ("オンプレミス", "on-prem"), "workload": ("業務", "workload"), "transit": ("Transit接続", "transit"),
    "generated": ("この資料は宣言（govcloud:tenancy）から生成されています。資料と構築されるネットワークは一致します。",
                  "Generated from the declaration (govcloud:tenancy): the document and the network cannot disagree."),
    "blackhole": ("破棄", "blackhole"), "via": ("経由", "via"),
}


def t(key: str, lang: str) -> str:
    ja, en = TEXT[key]
    return ja if lang == "ja" else en
