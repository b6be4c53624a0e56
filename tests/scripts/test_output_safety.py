"""Whatever text reaches a report (a key, a name, a value quoted in an error), it cannot
forge a line in the text report, a terminal sequence, a cell or a diagram label, break the
SARIF or the JUnit XML, or change the HTML's structure."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import click
from hypothesis import given, settings, strategies as st

from network.errors import Diagnostic
from network.text import one_line
from pipeline.checks import FindingReport, StackReport, VerdictReport
from review import markdown
from scripts import report

#: any text, with the line breaks, terminal escapes and separators a hostile name would use
HOSTILE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30) | \
    st.sampled_from(["a\nerror forged:1 x", "\x1b[2J\x1b[31mred", "x\u2028y\u2029z", "\r\n\x85\x0b\x0c", "</td><script>",
                     "]]><!--", '"]; DC-->X["', "a|b|c"])


def stack_report(text: str) -> StackReport:
    return StackReport(
        stack=text, file=f"stacks/{text}.yaml",
        diagnostics=[Diagnostic(f"stacks/{text}.yaml", 3, text, text, text, "GC100")])


def failing_report(text: str) -> StackReport:
    finding = FindingReport(message=text, urn=None, path=text, line=4)
    return StackReport(stack=text, file=f"stacks/{text}.yaml", resources=1, summary="aws",
                       verdicts=[VerdictReport("GOV-REG-001", "fail", "mandatory", [finding])])


def unescaped_pipes(row: str) -> int:
    """Pipes that separate cells: a backslash escapes the next character (GFM tables)."""
    count, escaped = 0, False
    for ch in row:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            count += 1
    return count


def test_one_line_keeps_printable_text_and_shows_the_hidden():
    assert one_line("港区 Minato-1") == "港区 Minato-1"
    assert one_line("a\nb\x1b\u2028") == "a\\nb\\x1b\\u2028"


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_the_text_report_keeps_its_lines(text):
    out = click.unstyle(report.text([stack_report(text), failing_report(text)]))
    # error line + fix line; the failing stack's head + 4 lines per finding; the summary
    assert len(out.splitlines()) == 2 + 1 + 4 + 1, out
    assert "\x1b" not in out


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_sarif_carries_the_text_exactly(text):
    doc = json.loads(report.sarif([stack_report(text), failing_report(text)]))
    results = doc["runs"][0]["results"]
    assert len(results) == 2
    assert results[0]["message"]["text"] == f"{text}. Fix: {text}"
    assert results[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == text
    assert results[1]["message"]["text"] == text


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_junit_parses_with_one_suite_per_stack(text):
    root = ET.fromstring(report.junit([stack_report(text), failing_report(text)]).split("?>", 1)[1])
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [one_line(text)] * 2
    failure = suites[0].find("testcase/failure")
    assert len(failure.text.splitlines()) == 2  # the diagnostic: its line and its fix


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_a_markdown_cell_and_a_mermaid_label_stay_closed(text):
    table = [line for line in markdown._table(["a", "b"], [[text, text]]) if line]
    assert len(table) == 3
    assert unescaped_pipes(table[2]) == 3
    label = markdown.label(text)
    assert '"' not in label and len(label.splitlines()) <= 1 and "<" not in label


def test_a_hostile_tag_key_through_the_console_script_forges_nothing(project):
    """A tag key is free text in YAML ("a\\nerror forged"): every format reports it, on its line,
    without a forged line, a broken SARIF or a JUnit that does not parse."""
    from tests.conftest import run_govcloud
    path = project / "stacks" / "Pulumi.131032-minato.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "CostCenter: joho-seisaku", '"Cost\\nerror stacks/forged.yaml:1 x: y\\u001b[2J": joho'), encoding="utf-8")
    text = run_govcloud("validate", "131032-minato", cwd=project)
    assert text.returncode == 2
    assert not any(line.startswith("error stacks/forged.yaml") for line in text.stdout.splitlines())
    assert "\x1b[2J" not in text.stdout and "Cost\\nerror stacks/forged.yaml" in text.stdout
    sarif = run_govcloud("validate", "131032-minato", "--format", "sarif", cwd=project)
    results = json.loads(sarif.stdout)["runs"][0]["results"]
    assert any("Cost\nerror stacks/forged.yaml" in r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
               for r in results)
    junit = run_govcloud("validate", "131032-minato", "--format", "junit", cwd=project)
    ET.fromstring(junit.stdout.split("?>", 1)[1])
