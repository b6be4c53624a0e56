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
    "network_account_aws": ("ネットワークアカウント（専用線・Transit Gateway・層のルーティング）",
                            "network account (lines, transit gateway, layer routing)"),
    "network_account_gcp": ("ホストプロジェクト（専用線・Cloud Router・層ごとの共有VPCネットワーク）",
                            "host project (lines, Cloud Routers, a Shared VPC network per layer)"),
    "network_vpc_aws": ("ネットワークアカウントの層VPC", "the network account's layer VPC"),
    "network_vpc_gcp": ("ホストプロジェクトの層ネットワーク（サブネット）", "the host project's layer network (subnets)"),
    "dxgw_allowed": ("許可プレフィックス：", "allowed prefixes:"), "tgw_tables": ("経路表：", "route tables:"),
    "tgw_onprem_table": ("オンプレミス（DX・VPN）", "on-prem (DX / VPN)"),
    "vpn_lower_pref": ("BGPの優先度は専用線より低い", "BGP preference below the lines'"),
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
    "blackhole": ("破棄", "blackhole"), "via": ("経由", "via"), "prefixes": ("プレフィックス", "prefixes"),
    # routes: where a prefix goes (via_*), why it is there (why_*), how layers meet (path_*)
    "via_tgw": ("Transit Gateway", "transit gateway"), "via_igw": ("インターネットゲートウェイ", "internet gateway"),
    "via_lines": ("DCへ（専用線・VPNのBGP）", "to the DC (BGP over the lines / VPN)"),
    "via_layer": ("{arg}層のVPCへ", "to the {arg} layer's VPC"), "via_blackhole": ("破棄", "blackhole"),
    "via_router": ("Cloud Router（DCからBGPで学習）", "Cloud Router (learned from the DC over BGP)"),
    "via_default_igw": ("デフォルトインターネットゲートウェイ", "default internet gateway"),
    "why_onprem": ("オンプレミス", "on-prem"), "why_flow": ("許可通信 {arg}", "flow {arg}"),
    "why_flow_via_dc": ("許可通信 {arg}（DCを経由：DCのファイアウォールが層の間を中継）",
                        "flow {arg} (through the DC: its firewall passes it between the layers)"),
    "why_other_layer": ("他の層（三層分離）", "another layer (three-layer separation)"),
    "why_closed": ("閉じた層（インターネットへ出さない）", "closed layer (no internet)"),
    "why_internet_dc": ("インターネットはDC経由", "internet through the DC"),
    "why_internet_egress": ("インターネットへの出口", "internet egress"),
    "path_tgw": ("層の間はTransit Gatewayの層ごとの経路表でつながる：許可通信の宛先だけを転送し、他の層のブロックは破棄する。",
                 "Layers meet in the transit gateway's per-layer route tables: only a permitted flow's "
                 "destination is forwarded, every other layer's block is dropped."),
    "path_datacenter": ("クラウド内に層の間の経路はない（層ごとに別のVPCネットワークとCloud Router）。層の間の通信は専用線で"
                        "データセンターへ出て、DCのファイアウォールが許可通信の宛先だけを他の層へ中継する。",
                        "No route joins the layers inside the cloud (a VPC network and Cloud Routers per layer). "
                        "Traffic between layers leaves over the line; the data center's firewall passes only a "
                        "permitted flow's destination to the other layer."),
    "flow_through_dc": ("DC経由", "through the DC"),
    "routers_per_layer": ("層ごと、構築するリージョン：", "per layer, built in:"),
    "attachment_per_line": ("専用線と層ごとに1つ", "one per line and layer"),
    "import_policy": ("受け入れ：宣言したプレフィックスのみ", "import: declared prefixes only"),
    "asn_cloud_dc": ("ASN（クラウド／DC）", "ASN (cloud / DC)"), "address_space": ("アドレス空間", "Address space"),
    "layer_block": ("層のブロック", "layer block"), "location": ("接続拠点", "Location"), "line_type": ("種別", "Type"),
    "bandwidth": ("帯域", "Bandwidth"), "carrier": ("通信事業者", "Carrier"), "device": ("DC側ルータ", "DC router"),
    "layers_count": ("層", "layers"),
    "line_dedicated": ("専有型", "dedicated"), "line_hosted": ("ホスト型", "hosted"), "line_partner": ("パートナー型", "partner"),
    # a Partner Interconnect line ends in the carrier's own facility, in a metro where it meets Google
    "partner_facility": ("{metro}の通信事業者の設備（Partner Interconnect）",
                         "Partner Interconnect, {metro} metro (the carrier's facility)"),
    "metro_tokyo": ("東京", "Tokyo"), "metro_osaka": ("大阪", "Osaka"),
    # policy results: groups and evidence
    "rule_title": ("内容", "Title"),
    "group_fail": ("不適合", "Failing"), "group_unknown": ("確認不可（プレビューで値が未確定）", "Cannot be checked (unknown in preview)"),
    "group_pass": ("適合", "Passing"), "group_not_applicable": ("対象外", "Not applicable"),
    "group_disabled": ("ポリシー設定で無効化したルール", "Rules disabled by the policy configuration"),
    "ev_fault": ("{resource}：{props}", "{resource}: {props}"), "ev_declaration": ("宣言", "the declaration"),
    "ev_checked": ("{n}件のリソースを確認：{examples}", "read {n} resources: {examples}"),
    "ev_more": (" ほか{n}件", " and {n} more"),
    "ev_types_only": ("リソースの種類と宣言の対応で判定（読んだプロパティなし）",
                      "judged from the resource types and the declaration (no property read)"),
    "ev_disabled": ("検査していない（ポリシー設定で無効）", "not checked (disabled in the policy configuration)"),
    "na_other_cloud": ("他のクラウドのルール", "a rule of the other cloud"),
    "na_no_resources": ("この種類のリソースがスタックにない", "the stack has no resource of these types"),
    # 暗号化 section
    "encryption": ("暗号化", "Encryption"), "keys": ("暗号鍵（層ごと）", "Keys per layer"), "key": ("キー", "Key"),
    "rotation": ("自動ローテーション", "Rotation"), "deletion_window": ("削除までの待機期間", "Deletion window"),
    "key_users": ("利用できる主体", "Who may use it"), "days": ("{n}日", "{n} days"),
    "on_every": ("有効（{n}日ごと）", "on (every {n} days)"), "off": ("無効", "off"), "on": ("有効", "on"),
    "@network": ("このスタックのアカウント", "this stack's account"),
    "@root": ("アカウント（IAMポリシーで委任）", "the account (delegated to IAM policies)"),
    "@agent-logging": ("Cloud Logging のサービスエージェント（このプロジェクト）",
                       "the project's Cloud Logging service agent"),
    "account_defaults": ("アカウントの既定キー（EBS）", "Account default key (EBS)"),
    "ebs_default": ("EBSの既定暗号化", "EBS encryption by default"),
    "line_encryption": ("専用線の暗号化", "Encryption on the lines"), "carries": ("運ぶ層", "Layers carried"),
    "macsec_enforced": ("有効（must_encrypt）", "on (must_encrypt)"),
    "macsec_requested": ("要求のみ（暗号化なしでも通信する）", "requested only (traffic may flow unencrypted)"),
    "macsec_none": ("なし", "none"), "ipsec": ("IPsec", "IPsec"),
    "vpn_parameters": ("VPNのIKE/IPsecパラメータ", "VPN IKE/IPsec parameters"), "ike": ("IKE", "IKE"),
    "phase1": ("フェーズ1（暗号・完全性・DH）", "Phase 1 (cipher, integrity, DH)"),
    "phase2": ("フェーズ2（暗号・完全性・DH）", "Phase 2 (cipher, integrity, DH)"),
    "psk": ("事前共有鍵", "Pre-shared key"), "psk_set": ("設定済み（値はシークレット）", "set (the value is a secret)"),
    "@default": ("AWSの既定値（DC側の提案による）", "AWS defaults (as the DC proposes)"),
    "@gcp_proposal": ("Google Cloudの対応暗号からDCが提案したもの", "what the DC proposes from Cloud VPN's supported ciphers"),
    "risks": ("リスク", "Risks"), "no_risk": ("なし", "none"),
    "risk_line": ("{line}：{layer}（マイナンバー利用事務系）がMACsecもIPsecもない専用線を通る（{rule}：{state}）",
                  "{line}: the {layer} layer crosses a line with neither MACsec nor IPsec ({rule}: {state})"),
    "risk_fail": ("ルール違反", "the rule fails"), "risk_pass": ("ルールは適合と判定", "the rule passes"),
    "risk_disabled": ("ルールはポリシー設定で無効のため未検査。リスクは残る"
                      "（有効にするにはポリシー設定（--policy-config のJSON）で {rule} を mandatory に）",
                      "the rule is disabled in the policy configuration, so this is not checked; the risk remains "
                      "(set {rule} to mandatory in the policy config to enforce it)"),
    "risk_advisory": ("ルールは助言（advisory）", "the rule is advisory"),
    "risk_not_evaluated": ("ルール未評価", "the rule was not evaluated"), "risk_unknown": ("確認不可", "cannot be checked"),
    "risk_not_applicable": ("対象外", "not applicable"),
    # the data center's obligations (a checklist)
    "obligations": ("データセンター側の設定事項（チェックリスト）", "What the data center must configure (checklist)"),
    "item": ("項目", "Item"),
    "ob_vrf": ("層ごとにVRFを分け、各層のセッションは自分の層のVRFにだけ入れる：{layers}",
               "one VRF per layer; each layer's sessions sit in that layer's VRF only: {layers}"),
    "ob_exact": ("{layer}：広報するのは次のプレフィックスだけ（より細かい経路・他の層の経路は広報しない）：{prefixes}",
                 "{layer}: advertise exactly these prefixes (no more-specifics, nothing of another layer): {prefixes}"),
    "ob_leak": ("許可通信 {flow}：{from} のVRFから {to} のVRFへ {prefix} だけをファイアウォール経由で渡す",
                "flow {flow}: pass only {prefix} from the {from} VRF to the {to} VRF, through the firewall"),
    "ob_as_override": ("{layers} のセッションで as-override（またはASパスのクラウドASN置換）：両層のルータが同じASN {asn} のため、"
                       "DCが中継した経路はループとして破棄される",
                       "as-override (or replace the cloud ASN in the AS path) on the {layers} sessions: both layers' "
                       "routers use ASN {asn}, so a route the DC passes between them is dropped as a loop"),
    "ob_as_override_partner": ("パートナー型の {layers} のセッションでも同じ（Cloud RouterのASN {asn}）：セッションがDCのルータで終わる"
                               "レイヤ2接続ならDCで、通信事業者のルータで終わるレイヤ3接続なら事業者に as-override を依頼する",
                               "the same on the partner sessions of {layers} (Cloud Router ASN {asn}): at the DC router "
                               "where the session ends there (Layer 2 partner), or ask the carrier where it ends at "
                               "the carrier's router (Layer 3 partner)"),
    "ob_bfd": ("専用線の全セッションでBFDを有効にする", "enable BFD on every dedicated-line session"),
    "ob_md5": ("各セッションにMD5鍵を設定する（鍵はスタックのシークレット出力から。資料には載せない）",
               "set the MD5 key on each session (from the stack's secret outputs; never in this document)"),
    "ob_vpn_preference": ("VPNセッションで受信した経路のlocal-preferenceを専用線より下げる",
                          "lower local-preference on what the VPN sessions learn, below the lines'"),
    # BGP sessions: MD5 (never the key), BFD, which path is preferred
    "md5": ("MD5認証", "MD5"), "bfd": ("BFD", "BFD"), "preference": ("経路の優先度", "Path preference"),
    "md5_set": ("設定済み（鍵はシークレット）", "set (the key is a secret)"),
    "md5_at_activation": ("開通後に設定（managedPeers）", "set after activation (managedPeers)"),
    "md5_ipsec": ("なし（IPsecで保護）", "none (protected by IPsec)"), "md5_none": ("なし", "none"),
    "bfd_aws": ("AWS側は自動で有効（300 ms × 3）。DC側ルータで有効にすること",
                "on at AWS automatically (300 ms × 3); enable it on the DC router"),
    "bfd_gcp": ("有効（Cloud Router側 ACTIVE）", "on (Cloud Router side ACTIVE)"),
    "bfd_at_activation": ("開通後に設定（managedPeers）", "set after activation (managedPeers)"),
    "bfd_none": ("なし", "none"),
    "pref_aws_dx": ("主経路（Transit GatewayはDirect Connectの経路をVPNより優先）",
                    "primary (the transit gateway prefers Direct Connect routes over VPN)"),
    "pref_aws_vpn": ("予備（同じ宛先にDXの経路がある間は使われない。DC側はこのセッションのlocal-preferenceを下げる）",
                     "backup (unused while a DX route exists; the DC lowers local-preference on it)"),
    "pref_gcp_primary": ("主経路（MED 100）", "primary (MED 100)"),
    "pref_gcp_backup": ("予備（MED 200。DC側は受信経路のlocal-preferenceを下げる）",
                        "backup (MED 200; the DC lowers local-preference on what it learns here)"),
    "cloud_advertises_to_dc": ("クラウドがDCへ広報", "the cloud advertises to the DC"),
    "dc_advertises_to_cloud": ("DCが広報すること（クラウドが受け入れる）", "the DC must advertise (the cloud accepts)"),
}


def fill(key: str, args: dict, lang: str) -> str:
    """A sentence with its {name} slots filled."""
    text = t(key, lang)
    for name, value in args.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def reason(row: dict, key: str, lang: str) -> str:
    """A route row's `via` or `why`, in words; `arg` fills {arg} (a flow, a layer)."""
    return t(row[key], lang).replace("{arg}", str(row.get("layer") if key == "via" else row.get("arg") or ""))


def t(key: str, lang: str) -> str:
    ja, en = TEXT[key]
    return ja if lang == "ja" else en
