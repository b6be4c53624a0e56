"""Declarations that try to lie, and files that try to take the CLI down: each class is
refused with file:line:key, a message and a fix, through the console script, and nothing
is written."""
from __future__ import annotations

import os

import pytest
from hypothesis import given, settings, strategies as st

from network.cidr import parse_cidr
from network.source import MAX_BYTES, MAX_DEPTH, parse
from network.stacks import WorkerDied, parallel
from tests.conftest import run_govcloud, variant

MINATO = "stacks/Pulumi.131032-minato.yaml"

CASES = [  # (id, replacements, key path, fragment of the message)
    ("netmask-cidr", [("mynumber: [172.20.0.0/20]", "mynumber: [172.20.0.0/255.255.240.0]")],
     "govcloud:tenancy.dataCenter.prefixes.mynumber[0]", "write 172.20.0.0/20"),
    ("zero-padded-prefix", [("addressSpace: 10.13.16.0/20", "addressSpace: 10.13.16.0/020")],
     "govcloud:tenancy.addressSpace", "write 10.13.16.0/20"),
    ("public-onprem", [("internet: [172.22.0.0/20]", "internet: [8.8.8.0/24]")],
     "govcloud:tenancy.dataCenter.prefixes.internet[0]", "8.8.8.0/24 is not private address space"),
    ("public-onprem-wide", [("internet: [172.22.0.0/20]", "internet: [64.0.0.0/3]")],
     "govcloud:tenancy.dataCenter.prefixes.internet[0]", "64.0.0.0/3 is not private address space"),
    ("private-vpn-peer", [("vpnPeerAddresses: [203.0.113.10, 203.0.113.11]", "vpnPeerAddresses: [10.0.0.1, 203.0.113.11]")],
     "govcloud:tenancy.dataCenter.vpnPeerAddresses[0]", "not a public unicast address"),
    ("same-vpn-peer", [("vpnPeerAddresses: [203.0.113.10, 203.0.113.11]", "vpnPeerAddresses: [203.0.113.10, 203.0.113.10]")],
     "govcloud:tenancy.dataCenter.vpnPeerAddresses[1]", "listed twice"),
    ("empty-name", [("name: 港区データセンター", 'name: "  "')],
     "govcloud:tenancy.dataCenter.name", "it is empty"),
    ("empty-reason", [("reason: インターネットメールを無害化してLGWAN接続系へ中継する", 'reason: ""')],
     "govcloud:tenancy.flows[1].reason", "it is empty"),
    ("control-character", [("name: 港区データセンター", 'name: "港区DC\\nerror forged line"')],
     "govcloud:tenancy.dataCenter.name", "control character U+000A"),
    ("flow-to-whole-mynumber", [("to: {layer: mynumber, system: kyotsu}", "to: {layer: mynumber, prefix: 10.13.16.0/22}")],
     "govcloud:tenancy.flows[0].to.prefix", "reaches 1024 addresses"),
    ("flow-all-ports", [("ports: [8443]", "ports: ['1-65535']")],
     "govcloud:tenancy.flows[0].ports", "opens 65535 ports"),
    ("system-is-the-whole-layer", [("cidr: 10.13.16.0/26, vendor", "cidr: 10.13.16.0/22, vendor")],
     "govcloud:tenancy.layers.mynumber.systems[0].cidr", "is the whole block of layer mynumber"),
    ("octal-port", [("ports: [8443]", "ports: [0443]")],
     "govcloud:tenancy.flows[0].ports[0]", "0443 is read by YAML 1.1 as the octal number 291"),
    ("no-as-false", [("vpnBackup: true", "vpnBackup: no")],
     "govcloud:tenancy.connectivity.vpnBackup", "no is read by YAML 1.1 as the boolean false"),
    ("octal-code", [('code: "131032"', "code: 013030")],
     "govcloud:tenancy.municipality.code", "013030 is read by YAML 1.1 as the octal number 5656"),
]


@pytest.mark.parametrize("case, replacements, path, fragment", CASES, ids=[c[0] for c in CASES])
def test_refused_through_the_console_script(case, replacements, path, fragment, project):
    target = project / MINATO
    text = variant("minato", *replacements)
    target.write_text(text, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (project / "stacks").iterdir()}
    result = run_govcloud("validate", "131032-minato", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if fragment in line)
    assert line.startswith(f"error {MINATO}:") and f" {path}: " in line, line
    assert "fix: " in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert {p.name: p.read_bytes() for p in (project / "stacks").iterdir()} == before


def test_merge_keys_work_and_keep_their_lines():
    text = variant("minato", ("    tags:\n      CostCenter: joho-seisaku", "    tags:\n      <<: {CostCenter: joho-seisaku}"))
    source, problems = parse(text, "t.yaml")
    assert problems == []
    assert source.data["config"]["govcloud:tenancy"]["tags"] == {"CostCenter": "joho-seisaku"}


def test_a_merge_of_something_else_names_the_key():
    source, problems = parse("a:\n  <<: [1, 2]\n", "t.yaml")
    assert problems and problems[0].path == "a.<<" and "merge key" in problems[0].message


def test_deep_nesting_is_refused_before_parsing(project):
    target = project / "stacks" / "Pulumi.131032-minato.yaml"
    for text in ("config: " + "[" * 30000 + "]" * 30000 + "\n", "config:\n" + "- " * 30000 + "x\n"):
        target.write_text(text, encoding="utf-8")
        result = run_govcloud("validate", "131032-minato", cwd=project)
        assert result.returncode == 2, result.stderr[-500:]
        assert f"nests deeper than {MAX_DEPTH} levels" in result.stdout


def test_a_huge_file_is_refused_unread(project):
    target = project / "stacks" / "Pulumi.131032-minato.yaml"
    target.write_text("# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    result = run_govcloud("validate", "131032-minato", cwd=project)
    assert result.returncode == 2
    assert "a stack file is at most 1,048,576 bytes (1 MiB)" in result.stdout


def test_special_files_are_skipped_never_opened(project):
    fifo = project / "stacks" / "Pulumi.131016-chiyoda.yaml"
    os.mkfifo(fifo)  # opening it for reading would block forever
    result = run_govcloud("validate", "--all", "--schema-only", cwd=project, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "stacks/Pulumi.131016-chiyoda.yaml is a FIFO, not a regular file; skipped" in result.stderr


def test_an_unreadable_stack_fails_the_cross_check(project):
    other = project / "stacks" / "Pulumi.131121-setagaya.yaml"
    other.write_bytes(b"\xff\xfe not utf-8")
    result = run_govcloud("validate", "131032-minato", "--schema-only", cwd=project)
    assert result.returncode == 2
    assert "the cross-stack check could not read stacks/Pulumi.131121-setagaya.yaml" in result.stdout


def _die(_):
    os._exit(1)


def test_a_dead_worker_is_a_clear_error_not_a_traceback():
    with pytest.raises(WorkerDied) as info:
        parallel(_die, list(range(8)), 2)
    assert "run again with --jobs 1" in str(info.value)


octet = st.integers(0, 255)


@settings(max_examples=300, deadline=None)
@given(st.tuples(octet, octet, octet, octet, st.integers(0, 32)),
       st.sampled_from(["{a}.{b}.{c}.{d}/{n}", "{a}.{b}.{c}.{d}/0{n}", "{a:03d}.{b}.{c}.{d}/{n}", " {a}.{b}.{c}.{d}/{n}",
                        "{a}.{b}.{c}.{d}/{mask}", "{a}.{b}.{c}.{d} / {n}", "{a}.{b}.{c}.{d}/{n} "]))
def test_any_cidr_the_loader_accepts_is_canonical(parts, form):
    a, b, c, d, n = parts
    mask = ".".join(str((0xFFFFFFFF << (32 - n) >> s) & 255) for s in (24, 16, 8, 0)) if n else "0.0.0.0"
    text = form.format(a=a, b=b, c=c, d=d, n=n, mask=mask)
    net, problem = parse_cidr(text)
    if net is not None:
        assert str(net.cidr) == text and not problem
    else:
        assert problem
