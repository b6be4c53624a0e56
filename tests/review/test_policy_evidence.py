"""Issue 14, item 4: policy results kept apart (適合 / 不適合 / 対象外 / 無効), a rule of the
other cloud is 対象外, every result carries its evidence (the resource and the property the
rule read), and the Japanese document has no English headers, labels or route reasons."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from components.plan import record
from inventory.format import views
from network.declaration import load
from network.model import build
from pipeline.review import review_content
from policies.evaluate import evaluate
from policies.evidence import collect
from policies.registry import all_rules
from review import html, markdown
from tests.conftest import SAMPLES
from tests.review.test_review import content_of

GROUP_OF = {"適合": "pass", "不適合": "fail", "対象外": "not_applicable", "ポリシー設定で無効化したルール": "disabled",
            "確認不可": "unknown"}


@pytest.mark.parametrize("name", ["minato", "setagaya", "itabashi"])
def test_groups_never_mix_and_other_cloud_rules_are_not_applicable(name):
    c = content_of(name)
    text = markdown.render(c, "ja")
    section = text.split("## ポリシー適合", 1)[1].split("\n## ", 1)[0]
    groups = re.findall(r"\*\*(.+?)（(\d+)）\*\*\n\n((?:\|.*\n)+)", section)
    assert groups
    statuses = {p["rule"]: p["status"] for p in c["policy"]}
    seen = 0
    for title, count, table in groups:
        status = next(v for k, v in GROUP_OF.items() if title.startswith(k))
        rows = table.strip().splitlines()[2:]
        assert len(rows) == int(count)
        for row in rows:
            assert statuses[row.split("|")[1].strip()] == status
        seen += len(rows)
    assert seen == len(all_rules())
    cloud = load(SAMPLES[name]).spec.cloud
    other = "gcp" if cloud == "aws" else "aws"
    for rule in all_rules():
        packages = {t.split(":", 1)[0] for t in rule.types}
        if rule.clouds == (other,) or (packages and packages <= {other}):
            p = next(p for p in c["policy"] if p["rule"] == rule.id)
            assert p["status"] == "not_applicable" and p["why_not_applicable"] == "na_other_cloud", rule.id


def test_a_pass_names_the_resources_and_properties_the_rule_read():
    c = content_of("minato")
    names = {r["name"] for r in record(load(SAMPLES["minato"])).as_dict()["resources"]}
    rotation = next(p for p in c["policy"] if p["rule"] == "GOV-ENC-006")
    assert rotation["status"] == "pass" and rotation["checked"]["count"] >= 3
    for e in rotation["checked"]["examples"]:
        assert e["name"] in names and "enableKeyRotation" in e["properties"]
    sse = next(p for p in c["policy"] if p["rule"] == "GOV-ENC-002")
    assert any("rules.applyServerSideEncryptionByDefault.kmsMasterKeyId" in e["properties"]
               for e in sse["checked"]["examples"])  # nested reads keep their dotted path
    text = markdown.render(c, "ja")
    row = next(line for line in text.splitlines() if line.startswith("| GOV-ENC-006 |"))
    assert f"{rotation['checked']['count']}件のリソースを確認" in row and "enableKeyRotation" in row


def test_a_fail_names_the_resource_and_property_in_japanese_and_the_message_in_english():
    c = review_content(load(SAMPLES["setagaya"]), {"GOV-TLS-003": "mandatory"})
    p = next(p for p in c["policy"] if p["rule"] == "GOV-TLS-003")
    assert p["status"] == "fail" and p["faults"]
    for f in p["faults"]:
        assert f["resource"] and f["resource"].startswith("131121-setagaya-")
    ja = next(line for line in markdown.render(c, "ja").splitlines() if line.startswith("| GOV-TLS-003 |"))
    en = next(line for line in markdown.render(c, "en").splitlines() if line.startswith("| GOV-TLS-003 |"))
    assert all(f["resource"] in ja for f in p["faults"])
    assert "cannot carry MACsec" not in ja and "cannot carry MACsec" in en
    assert "不適合（" in markdown.render(c, "ja")


@pytest.mark.parametrize("name", ["minato", "setagaya", "itabashi"])
def test_reading_for_evidence_changes_no_verdict(name):
    """The evidence run sees the same resources through recording views; every rule must
    come to the same status and the same findings as the plain run."""
    tenancy = load(SAMPLES[name])
    resources = views(record(tenancy).as_dict())
    model = build(tenancy)
    plain = {v.rule.id: (v.status, [f.message for f in v.findings]) for v in evaluate(resources, model, {})}
    evidence = collect(resources, model, {})
    assert set(evidence) == set(plain)
    from policies import evidence as module
    reads = module._Reads()
    tracked = [module._seen(r, reads) for r in resources]
    again = {v.rule.id: (v.status, [f.message for f in v.findings]) for v in evaluate(tracked, model, {})}
    assert again == plain


def test_a_disabled_rule_has_no_evidence_and_says_so():
    c = content_of("setagaya")
    p = next(p for p in c["policy"] if p["rule"] == "GOV-TLS-003")
    assert p["status"] == "disabled" and p["checked"]["count"] == 0
    row = next(line for line in markdown.render(c, "ja").splitlines() if line.startswith("| GOV-TLS-003 |"))
    assert "検査していない（ポリシー設定で無効）" in row


class _Text(HTMLParser):
    """Headings, table headers and table cells of a page, by tag."""

    def __init__(self):
        super().__init__()
        self.found, self.current = [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "th", "td"):
            self.current = (tag, [])

    def handle_endtag(self, tag):
        if self.current and tag == self.current[0]:
            self.found.append((tag, "".join(self.current[1]).strip()))
            self.current = None

    def handle_data(self, data):
        if self.current:
            self.current[1].append(data)


#: what stays in Latin letters in a Japanese network document: acronyms, product and
#: protocol names, and identifiers (names, types and properties are data)
ALLOWED = {"VLAN", "MACsec", "IPsec", "BFD", "MD5", "ASN", "CIDR", "IKE", "VPN", "DC", "AZ", "BGP", "VPC", "EBS",
           "Transit", "Gateway", "Cloud", "Router", "Direct", "Connect", "Google", "AWS", "GCP", "KMS", "HA", "DX",
           "TGW", "Interconnect", "LGWAN", "MED", "SHA", "AES", "GCM", "DH"}


@pytest.mark.parametrize("name", ["minato", "setagaya", "itabashi"])
def test_the_japanese_document_has_no_english_headers_labels_or_route_reasons(name):
    c = content_of(name)
    parser = _Text()
    parser.feed(html.render(c, "ja"))
    words = set()
    for tag, text in parser.found:
        if tag in ("h2", "th"):
            words |= set(re.findall(r"[A-Za-z]{3,}", text))
    assert words <= ALLOWED, sorted(words - ALLOWED)
    reasons = [cell for layer in c["routing"].values() for table in ("vpc", "transit") for cell in layer[table]]
    from review.i18n import reason
    for row in reasons:
        for key in ("via", "why"):
            text = reason(row, key, "ja")
            for name in (row.get("arg"), row.get("layer")):  # a flow's or a layer's name is data
                text = text.replace(str(name), "") if name else text
            assert set(re.findall(r"[A-Za-z]{3,}", text)) <= ALLOWED, text
    cells = [text for tag, text in parser.found if tag == "td"]
    for phrase in ("layer block", "onprem", "other layer", "closed layer", "internet via", "not applicable",
                   "pass", "fail", "dedicated", "hosted", "partner", "read ", "account root"):
        assert not any(cell == phrase or cell.startswith(phrase + " ") for cell in cells), phrase
    for words in ("the carrier", " metro"):  # where a partner line ends (the catalog says it in English)
        assert not any(words in cell for cell in cells), words


def test_a_rule_with_nothing_of_its_kind_to_judge_is_not_applicable_not_compliant():
    """S3's rules (encryption, TLS, log bucket versioning) on Google Cloud are the other
    cloud's (they were 適合 there, judged on nothing), and a stack rule whose types the stack
    lacks (港区 has no hosted connection) had nothing to judge; where the stack has them, the
    rule passes on what it read."""
    gcp = {p["rule"]: p for p in content_of("itabashi")["policy"]}
    for rule in ("GOV-ENC-003", "GOV-TLS-001", "GOV-DATA-002"):
        assert (gcp[rule]["status"], gcp[rule]["why_not_applicable"]) == ("not_applicable", "na_other_cloud"), rule
    aws = {p["rule"]: p for p in content_of("minato")["policy"]}
    assert (aws["GOV-REG-007"]["status"], aws["GOV-REG-007"]["why_not_applicable"]) == \
        ("not_applicable", "na_no_resources")
    for rule in ("GOV-ENC-003", "GOV-TLS-001", "GOV-DATA-002"):
        assert aws[rule]["status"] == "pass" and aws[rule]["checked"]["count"] > 0, rule
