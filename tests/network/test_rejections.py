"""Every rejection the declaration issue names: the message, the line and the key, through
the functions and through the real console script (exit 2, nothing written)."""
from __future__ import annotations

import pytest

from tests.conftest import errors_of, line_of, run_govcloud, sample_text, variant

# (case id, sample, replacements, fragment of the message, key path, text on the reported line)
CASES = [
    ("unknown-key", "minato", [("operatingModel: single", "operatingModle: single")],
     "unknown key 'operatingModle'", "govcloud:tenancy.operatingModle", "operatingModle"),
    ("unknown-key-suggests", "minato", [("operatingModel: single", "operatingModle: single")],
     "did you mean 'operatingModel'?", "govcloud:tenancy.operatingModle", "operatingModle"),
    ("carrier-not-a-tag-value", "setagaya", [("carrier: KDDI", "carrier: NTT東日本（株）")],
     "carrier 'NTT東日本（株）' contains '（）', which AWS tags do not allow everywhere",
     "govcloud:tenancy.connectivity.lines[1].carrier", "osaka-1"),
    ("carrier-longer-than-a-tag-value", "setagaya", [("carrier: KDDI", "carrier: " + "K" * 257)],
     "is 257 characters; AWS tag values hold 256", "govcloud:tenancy.connectivity.lines[1].carrier", "osaka-1"),
    ("port-listed-twice", "itabashi", [("ports: [8443]", "ports: [8443, 8440-8450]")],
     "port 8440-8450 is already covered by item 0 (8443) of flow 'myportal-import'",
     "govcloud:tenancy.flows[0].ports[1]", "ports: [8443, 8440-8450]"),
    ("system-block-too-small", "minato", [("systemPrefixLength: 26", "systemPrefixLength: 29")],
     "a /29 system block (system juki) is smaller than the smallest system block the plan allows (/28)",
     "govcloud:tenancy.layers.mynumber.systemPrefixLength", "systemPrefixLength: 29"),
    ("system-block-too-large", "minato", [("systemPrefixLength: 26", "systemPrefixLength: 21")],
     "a /21 system block (system juki) does not fit inside layer mynumber's block 10.13.16.0/22",
     "govcloud:tenancy.layers.mynumber.systemPrefixLength", "systemPrefixLength: 21"),
    ("check-digit", "minato", [('code: "131032"', 'code: "131033"')],
     "131033 fails the check digit (expected 131032)", "govcloud:tenancy.municipality.code", 'code: "131033"'),
    ("code-lost-leading-zero", "minato", [('code: "131032"', "code: 011002")],
     "lost its leading zero", "govcloud:tenancy.municipality.code", "code: 011002"),
    ("foreign-region", "minato", [("secondary: ap-northeast-3", "secondary: us-east-1")],
     "'us-east-1' is not a domestic region", "govcloud:tenancy.regions.secondary", "us-east-1"),
    ("other-cloud-region", "itabashi", [("primary: asia-northeast1", "primary: ap-northeast-1")],
     "is an aws region, but cloud is gcp", "govcloud:tenancy.regions.primary", "primary: ap-northeast-1"),
    ("invalid-cidr", "minato", [("addressSpace: 10.13.16.0/20", "addressSpace: 10.13.16.0/33")],
     "not a valid IPv4 CIDR", "govcloud:tenancy.addressSpace", "addressSpace"),
    ("host-bits", "minato", [("addressSpace: 10.13.16.0/20", "addressSpace: 10.13.16.1/20")],
     "did you mean 10.13.16.0/20?", "govcloud:tenancy.addressSpace", "addressSpace"),
    ("public-space", "minato", [("addressSpace: 10.13.16.0/20", "addressSpace: 8.8.0.0/20")],
     "not private address space", "govcloud:tenancy.addressSpace", "addressSpace"),
    ("layer-larger-than-space", "minato", [("prefixLength: 22\n        azs: 2\n        systemPrefixLength: 26",
                                            "prefixLength: 19\n        azs: 2\n        systemPrefixLength: 26")],
     "/19 is larger than addressSpace 10.13.16.0/20", "govcloud:tenancy.layers.mynumber.prefixLength",
     "prefixLength: 19"),
    ("layers-do-not-fit", "setagaya", [("addressSpace: 10.13.32.0/20", "addressSpace: 10.13.32.0/22")],
     "no free /22 left in addressSpace 10.13.32.0/22", "govcloud:tenancy.layers.lgwan.prefixLength", "lgwan:\n        azs"),
    ("subnets-do-not-fit", "setagaya", [("      mynumber:\n        azs: 2",
                                         "      mynumber:\n        azs: 2\n        subnetPrefixLength: 23")],
     "3 subnets of /23 do not fit the layer block 10.13.32.0/22",
     "govcloud:tenancy.layers.mynumber.subnetPrefixLength", "subnetPrefixLength: 23"),
    ("layer-overlap", "setagaya", [("      lgwan:\n        azs: 2", "      lgwan:\n        cidr: 10.13.32.0/23\n        azs: 2"),
                                   ("      mynumber:\n        azs: 2", "      mynumber:\n        cidr: 10.13.32.0/22\n        azs: 2")],
     "overlaps layer mynumber", "govcloud:tenancy.layers.lgwan.cidr", "cidr: 10.13.32.0/23"),
    ("layer-outside-space", "setagaya", [("      lgwan:\n        azs: 2", "      lgwan:\n        cidr: 10.99.0.0/22\n        azs: 2")],
     "10.99.0.0/22 is outside addressSpace", "govcloud:tenancy.layers.lgwan.cidr", "cidr: 10.99.0.0/22"),
    ("dc-overlap", "minato", [("mynumber: [172.20.0.0/20]", "mynumber: [10.13.17.0/24]")],
     "on-prem prefix 10.13.17.0/24 overlaps the tenancy addressSpace", "govcloud:tenancy.dataCenter.prefixes.mynumber[0]",
     "mynumber: [10.13.17.0/24]"),
    ("dc-prefixes-overlap-each-other", "minato", [("lgwan: [172.21.0.0/20]", "lgwan: [172.20.4.0/24]")],
     "overlaps 172.20.0.0/20", "govcloud:tenancy.dataCenter.prefixes.lgwan[0]", "lgwan: [172.20.4.0/24]"),
    ("public-asn", "minato", [("asn: 65101", "asn: 15169")],
     "ASN 15169 (data center side) is a public ASN", "govcloud:tenancy.dataCenter.asn", "asn: 15169"),
    ("reserved-asn", "minato", [("cloudAsn: 64513", "cloudAsn: 65535")],
     "ASN 65535 (cloud side) is a reserved ASN", "govcloud:tenancy.connectivity.cloudAsn", "cloudAsn: 65535"),
    ("same-asn", "minato", [("asn: 65101", "asn: 64513")],
     "ASN 64513 is used on both sides", "govcloud:tenancy.connectivity.cloudAsn", "cloudAsn: 64513"),
    ("vlan-range", "minato", [("vlan: 111", "vlan: 4095")],
     "VLAN 4095 is outside 1–4094", "govcloud:tenancy.connectivity.lines[1].vlan", "vlan: 4095"),
    ("bandwidth-not-offered", "setagaya", [("bandwidth: 1Gbps, vlan: 310", "bandwidth: 3Gbps, vlan: 310")],
     "3Gbps is not offered for aws hosted lines", "govcloud:tenancy.connectivity.lines[0].bandwidth", "vlan: 310"),
    ("line-type-of-other-cloud", "setagaya", [("type: hosted, bandwidth: 1Gbps, vlan: 310", "type: partner, bandwidth: 1Gbps, vlan: 310")],
     "line type 'partner' does not exist on aws", "govcloud:tenancy.connectivity.lines[0].type", "vlan: 310"),
    ("flow-missing-system", "minato", [("from: {layer: lgwan, system: shinsei}", "from: {layer: lgwan, system: shinsai}")],
     "no system 'shinsai' in layer lgwan (LGWAN接続系)", "govcloud:tenancy.flows[0].from.system", "shinsai"),
    ("flow-missing-system-suggests", "minato", [("from: {layer: lgwan, system: shinsei}", "from: {layer: lgwan, system: shinsai}")],
     "did you mean 'shinsei'?", "govcloud:tenancy.flows[0].from.system", "shinsai"),
    ("flow-missing-layer", "minato", [("from: {layer: lgwan, system: shinsei}", "from: {layer: lgwam, system: shinsei}")],
     "'lgwam' is not one of mynumber, lgwan, internet", "govcloud:tenancy.flows[0].from.layer", "lgwam"),
    ("flow-disabled-layer", "setagaya", [("from: {layer: lgwan, system: shinsei}", "from: {layer: internet, prefix: 10.13.40.0/26}"),
                                         ("to: {layer: mynumber, system: renkei}", "to: {layer: lgwan, system: shinsei}")],
     "layer internet (インターネット接続系) is not enabled", "govcloud:tenancy.flows[0].from.layer", "from: {layer: internet"),
    ("flow-internet-to-mynumber", "minato", [("to: {layer: lgwan, system: mugaika}", "to: {layer: mynumber, system: kyotsu}")],
     "from internet (インターネット接続系) into mynumber (マイナンバー利用事務系), which is never allowed",
     "govcloud:tenancy.flows[1]", "- name: mail-sanitized"),
    ("flow-into-mynumber-not-narrow", "setagaya", [("to: {layer: mynumber, system: renkei}", "to: {layer: mynumber}")],
     "must name a prefix or a system with a cidr", "govcloud:tenancy.flows[0].to", "to: {layer: mynumber}"),
    ("tier-maximum-unmet", "minato", [("{name: osaka-2, location: EqOS1", "{name: osaka-2, location: EqTY2")],
     "tier maximum (maximum: two lines at each of two locations) is not met: lines declared 1 at EqOS1, 3 at EqTY2",
     "govcloud:tenancy.connectivity.redundancy", "redundancy: maximum"),
    ("tier-high-one-location", "setagaya", [("{name: osaka-1, location: EqOS1", "{name: osaka-1, location: EqTY2")],
     "tier high (high: two distinct locations) is not met: lines declared 2 at EqTY2",
     "govcloud:tenancy.connectivity.redundancy", "redundancy: high"),
    ("gcp-9999-one-metro", "itabashi", [('redundancy: "99.9"', 'redundancy: "99.99"')],
     "tier 99.99 needs attachments in two metros (Tokyo and Osaka); the lines are all in tokyo",
     "govcloud:tenancy.connectivity.redundancy", "redundancy: \"99.99\""),
    ("gcp-999-same-domain", "itabashi", [("vlan: 411, edgeAvailabilityDomain: 2", "vlan: 411, edgeAvailabilityDomain: 1")],
     "tier 99.9", "govcloud:tenancy.connectivity.redundancy", "redundancy: \"99.9\""),
    ("vpn-without-peer", "minato", [("      vpnPeerAddresses: [203.0.113.10, 203.0.113.11]\n", "")],
     "vpnBackup is true but the data center has no vpnPeerAddresses", "govcloud:tenancy.connectivity.vpnBackup",
     "vpnBackup: true"),
    ("reserved-tag", "minato", [("CostCenter: joho-seisaku", "Layer: joho-seisaku")],
     "tag 'Layer' is set by govcloud itself", "govcloud:tenancy.tags.Layer", "Layer: joho-seisaku"),
    ("egress-in-closed-layer", "setagaya", [("      mynumber:\n        azs: 2", "      mynumber:\n        egress: internet-gateway\n        azs: 2")],
     "layer mynumber (マイナンバー利用事務系) cannot have internet egress", "govcloud:tenancy.layers.mynumber.egress",
     "egress: internet-gateway"),
    ("hosted-line-without-connection-id", "setagaya", [(", connectionIds: {mynumber: dxcon-fg5tk3ab, lgwan: dxcon-fg5tk3ac}", "")],
     "an aws hosted line carries one virtual interface per hosted connection; no connectionId for layer mynumber, lgwan",
     "govcloud:tenancy.connectivity.lines[0]", "- {name: tokyo-1"),
    ("hosted-line-missing-a-layer", "setagaya", [(", lgwan: dxcon-fg5tk3ac}", "}")],
     "no connectionId for layer lgwan", "govcloud:tenancy.connectivity.lines[0].connectionIds", "connectionIds"),
    ("hosted-line-one-connection-id", "setagaya", [("connectionIds: {mynumber: dxcon-fg5tk3ab, lgwan: dxcon-fg5tk3ac}",
                                                    "connectionId: dxcon-fg5tk3ab")],
     "unknown key 'connectionId'", "govcloud:tenancy.connectivity.lines[0].connectionId", "connectionId"),
    ("bad-connection-id", "setagaya", [("dxcon-fg5tk3ab", "dxcon-XYZ")],
     "'dxcon-XYZ' is not a Direct Connect connection id", "govcloud:tenancy.connectivity.lines[0].connectionIds.mynumber",
     "dxcon-XYZ"),
    ("hosted-connection-twice", "setagaya", [("lgwan: dxcon-fh2mq7ce", "lgwan: dxcon-fg5tk3ab")],
     "dxcon-fg5tk3ab is declared twice (also on line 1)", "govcloud:tenancy.connectivity.lines[1].connectionIds.lgwan",
     "dxcon-fg5tk3ab}"),
    ("hosted-connection-for-disabled-layer", "setagaya",
     [("lgwan: dxcon-fg5tk3ac}", "lgwan: dxcon-fg5tk3ac, internet: dxcon-fg5tk3ad}")],
     "layer internet is not enabled", "govcloud:tenancy.connectivity.lines[0].connectionIds.internet", "internet: dxcon"),
    ("connection-ids-on-dedicated", "minato", [("macsec: true, macsecPhase: enforced}\n        - {name: tokyo-2",
                                                "macsec: true, macsecPhase: enforced, connectionIds: {mynumber: dxcon-fg5tk3ab}}"
                                                "\n        - {name: tokyo-2")],
     "connectionIds is only for aws hosted lines (this line is dedicated)",
     "govcloud:tenancy.connectivity.lines[0].connectionIds", "connectionIds"),
    ("macsec-phase-without-macsec", "minato", [("device: dc-rt-01, macsec: true, macsecPhase: enforced}\n        - {name: tokyo-2",
                                                "device: dc-rt-01, macsecPhase: enforced}\n        - {name: tokyo-2")],
     "macsecPhase is set but the line has no MACsec", "govcloud:tenancy.connectivity.lines[0].macsecPhase",
     "macsecPhase: enforced"),
    ("macsec-phase-unknown", "minato", [("macsec: true, macsecPhase: enforced}\n        - {name: tokyo-2",
                                         "macsec: true, macsecPhase: done}\n        - {name: tokyo-2")],
     "'done' is not one of requested, associated, enforced", "govcloud:tenancy.connectivity.lines[0].macsecPhase",
     "macsecPhase: done"),
    ("layer-vlans-collide", "minato", [("vlan: 101, carrier", "vlan: 101, vlans: {lgwan: 101}, carrier")],
     "two layers of line tokyo-1 share a VLAN", "govcloud:tenancy.connectivity.lines[0].vlans", "vlans: {lgwan: 101}"),
    ("layer-vlans-not-a-layer", "minato", [("vlan: 101, carrier", "vlan: 101, vlans: {lgwn: 105}, carrier")],
     "'lgwn' is not a layer", "govcloud:tenancy.connectivity.lines[0].vlans.lgwn", "vlans: {lgwn: 105}"),
    ("transit-asn-equals-dx-gateway", "minato", [("      cloudAsn: 64513\n", "      cloudAsn: 64513\n      transitAsn: 64513\n")],
     "the transit gateway ASN 64513 equals the Direct Connect gateway ASN", "govcloud:tenancy.connectivity.transitAsn",
     "transitAsn: 64513"),
    ("gcp-dedicated-without-interconnect", "itabashi",
     [("type: partner, bandwidth: 1Gbps, vlan: 401", "type: dedicated, bandwidth: 1Gbps, vlan: 401")],
     "needs the name of its Dedicated Interconnect", "govcloud:tenancy.connectivity.lines[0]", "- {name: tokyo-a"),
    ("gcp-vlan-ranges-collide", "itabashi", [("vlan: 411", "vlan: 402")],
     "VLAN 402 is used twice at tokyo (gcp lines use vlan, vlan+1 and vlan+2)",
     "govcloud:tenancy.connectivity.lines[1].vlan", "vlan: 402, edgeAvailabilityDomain: 2"),
    # "vlan_tag8021q: ... in the range 2-4094" (pulumi-gcp InterconnectAttachment)
    ("gcp-vlan-1", "itabashi", [("vlan: 401", "vlan: 1")], "VLAN 1 is outside 2–4094 (gcp)",
     "govcloud:tenancy.connectivity.lines[0].vlan", "vlan: 1,"),
    ("gcp-vlan-past-4094", "itabashi", [("vlan: 411", "vlan: 4093")],
     "VLAN 4095 (one per layer on gcp) is outside 2–4094", "govcloud:tenancy.connectivity.lines[1].vlan", "vlan: 4093"),
    ("gcp-dedicated-at-a-metro", "itabashi",
     [("location: tokyo, type: partner, bandwidth: 1Gbps, vlan: 401",
       "location: tokyo, type: dedicated, interconnect: ic-a, bandwidth: 1Gbps, vlan: 401")],
     "tokyo is a metro; a dedicated line lands in a colocation facility",
     "govcloud:tenancy.connectivity.lines[0].location", "interconnect: ic-a"),
    ("gcp-partner-at-a-facility", "itabashi", [("location: tokyo, type: partner, bandwidth: 1Gbps, vlan: 411",
                                                "location: nrt-452, type: partner, bandwidth: 1Gbps, vlan: 411")],
     "nrt-452 is a colocation facility; a partner line names the metro where the carrier meets Google",
     "govcloud:tenancy.connectivity.lines[1].location", "location: nrt-452"),
    ("gcp-both-lines-in-one-edge-domain", "itabashi", [("vlan: 411, edgeAvailabilityDomain: 2", "vlan: 411, edgeAvailabilityDomain: 1")],
     "tier 99.9 (99.9%: two attachments in one metro, different edge availability domains) is not met: tokyo: "
     "every line is in edge availability domain 1", "govcloud:tenancy.connectivity.redundancy", "redundancy:"),
    # "Valid values are 1440, 1460, 1500, and 8896" (pulumi-gcp InterconnectAttachment mtu)
    ("gcp-mtu-not-offered", "itabashi", [("ownsProject: true", "ownsProject: true\n      mtu: 9000")],
     "9000", "govcloud:tenancy.gcp.mtu", "mtu: 9000"),
    ("gcp-managed-peers-on-a-dedicated-line", "itabashi",
     [("type: partner, bandwidth: 1Gbps, vlan: 401", "type: dedicated, interconnect: ic-a, bandwidth: 1Gbps, vlan: 401, "
       "managedPeers: {mynumber: {peer: auto-ia-bgp-x, interface: auto-ia-if-x}}"),
      ("location: tokyo, type: dedicated", "location: nrt-452, type: dedicated")],
     "managedPeers is only for gcp partner lines", "govcloud:tenancy.connectivity.lines[0].managedPeers",
     "managedPeers"),
    ("gcp-managed-peer-name", "itabashi",
     [("carrier: NTT東日本}", "carrier: NTT東日本, managedPeers: {mynumber: {peer: Auto_Peer, interface: auto-ia-if-x}}}")],
     "'Auto_Peer' is not a Cloud Router peer name",
     "govcloud:tenancy.connectivity.lines[0].managedPeers.mynumber.peer", "Auto_Peer"),
    # "each network is limited to five Cloud Routers per region" (Cloud Router quotas)
    ("gcp-six-routers-in-a-region", "itabashi",
     [("carrier: KDDI}\n", "carrier: KDDI}\n"
       "        - {name: tokyo-c, location: nrt-452, type: dedicated, interconnect: ic-c, bandwidth: 10Gbps, vlan: 501, edgeAvailabilityDomain: 1}\n"
       "        - {name: tokyo-d, location: nrt-452, type: dedicated, interconnect: ic-d, bandwidth: 10Gbps, vlan: 511, edgeAvailabilityDomain: 2}\n"),
      ("egress: datacenter", "egress: internet-gateway")],
     "a layer network would need 6 Cloud Routers in asia-northeast1", "govcloud:tenancy.connectivity.lines", "lines:"),
    ("dns-resolver-outside-its-layer", "itabashi",
     [("vpnPeerAddresses: [203.0.113.20, 203.0.113.21]", "vpnPeerAddresses: [203.0.113.20, 203.0.113.21]\n"
       "      dns: {domains: [itabashi.local], servers: {mynumber: [172.29.0.53]}}")],
     "resolver 172.29.0.53 is outside the on-prem prefixes of layer mynumber",
     "govcloud:tenancy.dataCenter.dns.servers.mynumber[0]", "172.29.0.53"),
    ("dns-domain-not-a-domain", "itabashi",
     [("vpnPeerAddresses: [203.0.113.20, 203.0.113.21]", "vpnPeerAddresses: [203.0.113.20, 203.0.113.21]\n"
       "      dns: {domains: [Itabashi.Local.], servers: {mynumber: [172.28.0.53]}}")],
     "'Itabashi.Local.' is not written as a lowercase domain", "govcloud:tenancy.dataCenter.dns.domains[0]",
     "Itabashi.Local."),
    ("dns-forwarding-googleapis", "itabashi",
     [("vpnPeerAddresses: [203.0.113.20, 203.0.113.21]", "vpnPeerAddresses: [203.0.113.20, 203.0.113.21]\n"
       "      dns: {domains: [storage.googleapis.com], servers: {mynumber: [172.28.0.53]}}")],
     "storage.googleapis.com is answered by the cloud itself", "govcloud:tenancy.dataCenter.dns.domains[0]",
     "storage.googleapis.com"),
    ("aws-internet-gateway-egress", "minato", [("egress: datacenter", "egress: internet-gateway")],
     "egress: internet-gateway is not built on aws", "govcloud:tenancy.layers.internet.egress",
     "egress: internet-gateway"),
    # "Rules per network ACL": 20 per direction by default, up to 40 (Amazon VPC quotas, L-2AEEBF1A)
    ("aws-nacl-over-the-quota", "minato", [("internet: [172.22.0.0/20]", "internet: [172.22.0.0/20, 172.23.0.0/24, 172.23.1.0/24, 172.23.2.0/24, 172.23.3.0/24, 172.23.4.0/24, 172.23.5.0/24, 172.23.6.0/24, 172.23.7.0/24, 172.23.8.0/24, 172.23.9.0/24, 172.23.10.0/24, 172.23.11.0/24, 172.23.12.0/24, 172.23.13.0/24, 172.23.14.0/24, 172.23.15.0/24, 172.23.16.0/24, 172.23.17.0/24]")],
     "its network ACL needs 23 ingress and 23 egress entries", "govcloud:tenancy.layers.internet", "      internet:\n        prefixLength"),
    ("tag-is-govcloud-s-in-another-case", "minato", [("CostCenter: joho-seisaku", "layer: x")],
     "tag 'layer' is set by govcloud itself (Layer)", "govcloud:tenancy.tags.layer", "layer: x"),
    ("tags-differ-only-in-case", "minato", [("CostCenter: joho-seisaku", "CostCenter: a\n      costcenter: b")],
     "tags 'CostCenter' and 'costcenter' differ only in letter case", "govcloud:tenancy.tags.costcenter", "costcenter: b"),
    # AWS tag restrictions: "+ - = . _ : / @", and no "aws:" prefix on keys or values
    ("aws-tag-value-with-aws-prefix", "minato", [("CostCenter: joho-seisaku", "CostCenter: 'AWS:billing'")],
     "starts with 'aws:'", "govcloud:tenancy.tags.CostCenter", "AWS:billing"),
    ("aws-tag-with-a-hash", "minato", [("CostCenter: joho-seisaku", "CostCenter: 'joho#1'")],
     "contains '#'", "govcloud:tenancy.tags.CostCenter", "joho#1"),
    # Google labels: lowercase letters, digits, '_' and '-' (Compute Engine), keys start with a letter
    ("gcp-label-value-in-japanese", "itabashi", [("    flows:\n", "    tags:\n      owner: 情報政策課\n    flows:\n")],
     "tag value '情報政策課' cannot be a Google Cloud label value as written", "govcloud:tenancy.tags.owner",
     "owner: 情報政策課"),
    ("gcp-label-key-starting-with-a-digit", "itabashi", [("    flows:\n", "    tags:\n      1st-owner: a\n    flows:\n")],
     "tag key '1st-owner' cannot be a Google Cloud label key", "govcloud:tenancy.tags.1st-owner", "1st-owner: a"),
    ("missing-required", "minato", [("    cloud: aws\n", "")],
     "missing required key 'cloud'", "govcloud:tenancy", "govcloud:tenancy:"),
    ("wrong-type", "minato", [("vlan: 101", "vlan: one-oh-one")],
     "expected an integer, got text 'one-oh-one'", "govcloud:tenancy.connectivity.lines[0].vlan", "one-oh-one"),
    ("duplicate-key", "minato", [("    cloud: aws\n", "    cloud: aws\n    cloud: gcp\n")],
     "duplicate key 'cloud'", "govcloud:tenancy.cloud", "cloud: gcp"),
    ("malformed-yaml", "minato", [("    addressSpace: 10.13.16.0/20", "    addressSpace: [10.13.16.0/20")],
     "malformed YAML", "", "    dataCenter:"),
    ("provider-region-disagrees", "minato", [("config:\n", "config:\n  aws:region: ap-northeast-3\n")],
     "aws:region is 'ap-northeast-3' but the declaration says 'ap-northeast-1'", "aws:region", "aws:region"),
]


@pytest.mark.parametrize("case, sample, replacements, fragment, path, line_text", CASES, ids=[c[0] for c in CASES])
def test_rejection_through_functions(case, sample, replacements, fragment, path, line_text):
    text = variant(sample, *replacements)
    stack = {"minato": "131032-minato", "setagaya": "131121-setagaya", "itabashi": "131199-itabashi"}[sample]
    diagnostics = errors_of(text, stack)
    matching = [d for d in diagnostics if fragment in d.message or fragment in d.fix]
    assert matching, "\n".join(d.render() for d in diagnostics)
    d = matching[0]
    assert d.path == path
    assert d.file == "t.yaml"
    if case == "malformed-yaml":  # the parser notices at the next line
        assert d.line in (line_of(text, "addressSpace: ["), line_of(text, line_text))
    else:
        assert d.line == line_of(text, line_text), d.render()
    assert d.fix, "every error says how to fix it"


def test_wrong_stack_name():
    diagnostics = errors_of(sample_text("minato"), stack="131032-minatoku")
    assert any("stack '131032-minatoku' does not match code and romaji ('131032-minato')" in d.message
               for d in diagnostics)


def test_all_errors_are_reported_at_once():
    text = variant("minato", ('code: "131032"', 'code: "131033"'), ("secondary: ap-northeast-3", "secondary: us-east-1"),
                   ("vlan: 111", "vlan: 5000"), ("operatingModel: single", "operatingModle: single"))
    messages = "\n".join(d.message for d in errors_of(text))
    for fragment in ("fails the check digit", "not a domestic region", "VLAN 5000", "unknown key"):
        assert fragment in messages


SUBPROCESS_CASES = ["unknown-key", "check-digit", "foreign-region", "invalid-cidr", "subnets-do-not-fit",
                    "dc-overlap", "public-asn", "same-asn", "vlan-range", "bandwidth-not-offered",
                    "flow-missing-system", "flow-internet-to-mynumber", "tier-maximum-unmet",
                    "gcp-9999-one-metro", "malformed-yaml", "duplicate-key",
                    # provider limits and the real Google Cloud contracts, through the console script
                    "aws-nacl-over-the-quota", "tag-is-govcloud-s-in-another-case", "aws-tag-with-a-hash",
                    "gcp-label-value-in-japanese", "gcp-partner-at-a-facility", "gcp-both-lines-in-one-edge-domain",
                    "gcp-six-routers-in-a-region", "dns-resolver-outside-its-layer", "aws-internet-gateway-egress"]


@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_rejection_through_console_script(case, project):
    _, sample, replacements, fragment, path, _ = next(c for c in CASES if c[0] == case)
    target = next((project / "stacks").glob(f"Pulumi.*-{sample}.yaml"))
    target.write_text(variant(sample, *replacements), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (project / "stacks").iterdir()}
    result = run_govcloud("validate", target.name[len("Pulumi."):-len(".yaml")], cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert fragment in result.stdout
    assert f"stacks/{target.name}:" in result.stdout
    if path:
        assert path in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert {p.name: p.read_bytes() for p in (project / "stacks").iterdir()} == before, "validate changed files"


def test_overlap_with_another_stack(project):
    target = project / "stacks" / "Pulumi.131121-setagaya.yaml"
    target.write_text(variant("setagaya", ("addressSpace: 10.13.32.0/20", "addressSpace: 10.13.16.0/21"),
                              ("cidr: 10.13.32.0/26", "cidr: 10.13.16.0/26"),
                              ("cidr: 10.13.36.0/26", "cidr: 10.13.20.0/26"),
                              ("      mynumber:\n        azs: 2", "      mynumber:\n        prefixLength: 23\n        azs: 2"),
                              ("      lgwan:\n        azs: 2", "      lgwan:\n        prefixLength: 23\n        azs: 2")),
                      encoding="utf-8")
    result = run_govcloud("validate", "131121-setagaya", cwd=project)
    assert result.returncode == 2, result.stdout
    assert "addressSpace 10.13.16.0/21 lies inside 10.13.16.0/20 of 131032-minato" in result.stdout
    # the other side sees it too
    result = run_govcloud("validate", "--all", cwd=project)
    assert "addressSpace 10.13.16.0/20 contains 10.13.16.0/21 of 131121-setagaya" in result.stdout


def test_two_stacks_with_the_same_code(project):
    twin = variant("minato", ("romaji: minato", "romaji: minatoku"), ("addressSpace: 10.13.16.0/20", "addressSpace: 10.13.64.0/20"),
                   ("cidr: 10.13.16.0/26", "cidr: 10.13.64.0/26"), ("cidr: 10.13.20.0/26", "cidr: 10.13.68.0/26"),
                   ("cidr: 10.13.20.64/26", "cidr: 10.13.68.64/26"), ("cidr: 10.13.24.0/26", "cidr: 10.13.72.0/26"))
    (project / "stacks" / "Pulumi.131032-minatoku.yaml").write_text(twin, encoding="utf-8")
    result = run_govcloud("validate", "--all", cwd=project)
    assert result.returncode == 2
    assert "code 131032 is also declared by stacks/Pulumi.131032-minatoku.yaml" in result.stdout
    assert "code 131032 is also declared by stacks/Pulumi.131032-minato.yaml" in result.stdout


def test_unknown_stack_is_a_usage_error():
    result = run_govcloud("validate", "131032-minado")
    assert result.returncode == 2
    assert "did you mean '131032-minato'?" in result.stderr


def test_no_arguments_is_a_usage_error():
    result = run_govcloud("validate")
    assert result.returncode == 2
    assert "--all" in result.stderr


def test_json_errors_carry_file_line_and_key(project):
    target = project / "stacks" / "Pulumi.131032-minato.yaml"
    target.write_text(variant("minato", ('code: "131032"', 'code: "131033"')), encoding="utf-8")
    import json
    result = run_govcloud("validate", "131032-minato", "--format", "json", cwd=project)
    assert result.returncode == 2
    data = json.loads(result.stdout)
    (error,) = data["stacks"][0]["errors"]
    assert error == {"file": "stacks/Pulumi.131032-minato.yaml", "line": 7, "path": "govcloud:tenancy.municipality.code",
                     "code": "GC101", "message": "131033 fails the check digit (expected 131032)", "fix": "use 131032"}
