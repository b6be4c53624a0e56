"""Issue 14, item 1: the 暗号化 section, read from the planned inventory. Each key with its
rotation, deletion window and users; the account default key per account and region;
MACsec/IPsec per line; the VPN's IKE/IPsec parameters; the mynumber layer on an
unencrypted line as a risk naming GOV-TLS-003 and its state, a disabled rule never as a
bare 無効."""
from __future__ import annotations

import json

import pytest

from components.plan import record
from network.declaration import load
from pipeline.review import review_content
from review import html, markdown
from tests.conftest import SAMPLES
from tests.review.test_review import content_of

KEY_TYPES = {"minato": "aws:kms/key:Key", "setagaya": "aws:kms/key:Key", "itabashi": "gcp:kms/cryptoKey:CryptoKey"}


@pytest.mark.parametrize("name", ["minato", "setagaya", "itabashi"])
def test_every_planned_key_is_listed_with_rotation_on(name):
    c = content_of(name)
    e = c["encryption"]
    planned = record(load(SAMPLES[name])).of_type(KEY_TYPES[name])
    assert len(e["keys"]) + sum(len(d["regions"]) for d in e["account_defaults"]) == len(planned)
    assert e["keys"] and all(k["rotation"] and k["rotation_days"] for k in e["keys"])
    assert all(7 <= k["deletion_days"] <= 30 for k in e["keys"])
    assert {k["layer"] for k in e["keys"]} >= {lp.layer for lp in load(SAMPLES[name]).plan.layers if lp.enabled}
    page = markdown.render(c, "ja")
    section = page.split("## 暗号化", 1)[1].split("\n## ", 1)[0]
    for k in e["keys"]:
        assert k["name"] in section
    assert section.count("有効（") >= len(e["keys"])


def test_rotation_and_users_follow_the_planned_inputs():
    """The section reads the inputs: a key planned without rotation shows 無効 in red."""
    from clouds import get
    from network.model import build
    tenancy = load(SAMPLES["setagaya"])
    inventory = record(tenancy).as_dict()
    key = next(r for r in inventory["resources"] if r["type"] == "aws:kms/key:Key" and r.get("layer") == "mynumber")
    key["inputs"]["enableKeyRotation"] = False
    key["inputs"]["deletionWindowInDays"] = 7
    policy = json.loads(key["inputs"]["policy"])
    policy["Statement"].append({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
                                "Principal": {"AWS": "arn:aws:iam::123456789012:role/vendor-batch"}})
    key["inputs"]["policy"] = json.dumps(policy)
    part = get("aws").review_encryption(build(tenancy), inventory)
    row = next(k for k in part["keys"] if k["layer"] == "mynumber")
    assert (row["rotation"], row["rotation_days"], row["deletion_days"]) == (False, None, 7)
    assert "vendor-batch" in row["users"] and "@root" in row["users"]


def test_account_default_key_per_account_and_region():
    e = content_of("minato")["encryption"]
    tenancy = load(SAMPLES["minato"])
    accounts = {d["account"] for d in e["account_defaults"]}
    assert accounts == {tenancy.spec.network_account} | set(tenancy.spec.system_accounts())
    assert all(d["regions"] == sorted(tenancy.spec.regions) and d["ebs_default"] and d["rotation"]
               for d in e["account_defaults"])


def test_setagaya_shows_the_unencrypted_mynumber_line_as_a_risk_with_the_disabled_rule_named():
    c = content_of("setagaya")
    risks = c["encryption"]["risks"]
    assert {r["line"] for r in risks} == {ln.name for ln in load(SAMPLES["setagaya"]).spec.connectivity.lines}
    assert all(r["rule"] == "GOV-TLS-003" and r["status"] == "disabled" for r in risks)
    for lang, words in (("ja", "ポリシー設定で無効のため未検査。リスクは残る"), ("en", "disabled in the policy configuration")):
        text = markdown.render(c, lang)
        section = text.split("## 暗号化" if lang == "ja" else "## Encryption", 1)[1].split("\n## ", 1)[0]
        assert section.count(words) == len(risks) and "GOV-TLS-003" in section
        assert "| 無効 |" not in section
    page = html.render(c, "ja")
    assert page.count('<span class="ng">tokyo-1：mynumber') == 1


def test_with_the_rule_enabled_the_risk_says_it_fails():
    c = review_content(load(SAMPLES["setagaya"]), {"GOV-TLS-003": "mandatory"})
    assert {r["status"] for r in c["encryption"]["risks"]} == {"fail"}
    assert "ルール違反" in markdown.render(c, "ja")


def test_minato_macsec_lines_carry_no_risk_and_the_vpn_parameters_are_shown():
    e = content_of("minato")["encryption"]
    spec = load(SAMPLES["minato"]).spec
    macsec = {ln.name for ln in spec.connectivity.lines if ln.macsec}
    enforced = {ln["name"] for ln in e["lines"] if ln["macsec"] == "enforced"}
    assert enforced and enforced <= macsec
    assert not {r["line"] for r in e["risks"]} & enforced
    assert e["vpn"] and all(v["ike"] == "ikev2" and "AES256-GCM-16" in v["phase1"] and v["psk"] for v in e["vpn"])
    text = markdown.render(content_of("minato"), "ja")
    assert "設定済み（値はシークレット）" in text
    inventory = record(load(SAMPLES["minato"])).as_dict()
    for r in inventory["resources"]:
        for secret in r.get("secretInputs", []):
            value = r["inputs"].get(secret)
            if isinstance(value, str) and len(value) > 8:
                assert value not in text  # never a key, a pre-shared key or an MD5 key


def test_google_cloud_has_no_account_default_and_lists_its_havpn_tunnels():
    e = content_of("itabashi")["encryption"]
    assert e["account_defaults"] == []
    assert all(k["rotation_days"] <= 90 for k in e["keys"])
    assert len(e["vpn"]) == 2 * len([lp for lp in load(SAMPLES["itabashi"]).plan.layers if lp.enabled])
    assert "Google Cloudの対応暗号からDCが提案したもの" in markdown.render(content_of("itabashi"), "ja")


@pytest.mark.parametrize("name", ["minato", "setagaya", "itabashi"])
def test_the_english_document_carries_the_same_sections(name):
    c = content_of(name)
    text = markdown.render(c, "en")
    for heading in ("## Encryption", "**Keys per layer**", "**Encryption on the lines**", "## Routing",
                    "## What the data center must configure (checklist)", "## Policy compliance"):
        assert heading in text, heading
    assert ("**VPN IKE/IPsec parameters**" in text) == bool(c["encryption"]["vpn"])
    assert ("**Account default key (EBS)**" in text) == bool(c["encryption"]["account_defaults"])
    path = "No route joins the layers inside the cloud" if c["overview"]["cloud"] == "gcp" else \
        "Layers meet in the transit gateway's per-layer route tables"
    assert path in text
    assert "暗号化" not in text.split("## Encryption", 1)[1].split("\n## ", 1)[0]


def test_a_service_agent_is_named_by_what_it_is_never_by_the_plans_stand_in_number():
    """The plan cannot know a project's number (clouds/gcp/mocks.py writes a stand-in), so a
    key's user `service-<number>@gcp-sa-logging…` is shown as the project's Cloud Logging
    service agent in both languages; the stand-in number appears nowhere in the document."""
    from clouds.gcp.mocks import PROJECT_NUMBER
    c = content_of("itabashi")
    assert all(k["users"] == ["@agent-logging"] for k in c["encryption"]["keys"])
    ja, en = markdown.render(c, "ja"), html.render(c, "en")
    assert "Cloud Logging のサービスエージェント（このプロジェクト）" in ja
    assert "the project&#x27;s Cloud Logging service agent" in en or "the project's Cloud Logging service agent" in en
    assert PROJECT_NUMBER not in ja + en
