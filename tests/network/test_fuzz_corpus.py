"""The fuzz corpus: hostile stack files of every kind found so far (deep nesting in each
YAML syntax, alias bombs, huge and almost-huge files, broken encodings, control bytes,
special files), each read by the loader within a time bound and all of them together by
`govcloud validate --all` in one run: 0 crashes, 0 hangs. New cases go in CORPUS."""
from __future__ import annotations

import os
import time

import pytest

from network.declaration import load
from network.errors import DeclarationError
from network.source import MAX_BYTES, MAX_DEPTH
from tests.conftest import run_govcloud, sample_text

SECONDS_PER_FILE = 5
DEPTH = 30_000  # the C parser crashed at about 26,000 levels


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}]" for i in range(1, 10)]
    return "\n".join(lines) + "\nconfig: *a9\n"


#: name -> the bytes of a stack file
CORPUS: dict[str, bytes] = {
    "flow-sequences": ("config: " + "[" * DEPTH + "]" * DEPTH + "\n").encode(),
    "flow-mappings": ("config: " + "{a: " * DEPTH + "1" + "}" * DEPTH + "\n").encode(),
    "block-sequences": ("config:\n" + "- " * DEPTH + "x\n").encode(),
    "block-mappings": ("config:\n" + "".join(" " * i + "a:\n" for i in range(0, 4000, 1)) + " " * 4000 + "b: 1\n").encode(),
    "alias-bomb": _alias_bomb().encode(),
    "huge": b"# " + b"x" * MAX_BYTES + b"\n",
    "just-under-the-limit": (sample_text("minato") + "#" + "x" * (MAX_BYTES - len(sample_text("minato").encode()) - 3)
                             + "\n").encode(),
    "long-line": ("config:\n  govcloud:tenancy:\n    municipality: {name: " + "港" * 200_000 + "}\n").encode(),
    "nul-bytes": b"config:\n  govcloud:tenancy: \x00\x00\x00\n",
    "not-utf8": b"\xff\xfe\x00c\x00o\x00n\x00f\x00i\x00g\x00",
    "utf8-bom": "\ufeff".encode() + sample_text("minato").encode(),
    "control-characters-in-keys": b"config:\n  govcloud:tenancy:\n    \"a\\nb\\x1b[2J\": 1\n",
    "tabs": b"config:\n\tgovcloud:tenancy: {}\n",
    "merge-key-loop": b"base: &b {x: 1}\nconfig:\n  <<: *b\n  govcloud:tenancy:\n    <<: [*b, *b, *b]\n",
    "yaml-1-1-surprises": sample_text("minato").replace("ports: [8443]", "ports: [0443]").replace(
        "vpnBackup: true", "vpnBackup: no").encode(),
    "python-tags": b"config: !!python/object/apply:os.system ['true']\n",
    "empty": b"",
    "only-a-comment": b"# nothing\n",
    "many-keys": ("config:\n" + "".join(f"  k{i}: {i}\n" for i in range(50_000))).encode()[:MAX_BYTES - 10],
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_file_is_refused_or_read_in_bounded_time(name, tmp_path):
    path = tmp_path / "Pulumi.131032-minato.yaml"
    path.write_bytes(CORPUS[name])
    start = time.perf_counter()
    try:
        outcome = load(path, "stacks/Pulumi.131032-minato.yaml")
    except DeclarationError as error:
        outcome = error
        assert error.diagnostics and all(d.message and d.file for d in error.diagnostics)
    assert time.perf_counter() - start < SECONDS_PER_FILE, f"{name} took too long"
    if name == "just-under-the-limit" or name == "utf8-bom":
        assert not isinstance(outcome, DeclarationError), outcome  # a valid declaration stays valid
    else:
        assert isinstance(outcome, DeclarationError), f"{name} was accepted"


def test_the_whole_corpus_in_one_validate_run(project):
    """Every corpus file beside the samples, plus a FIFO and a folder named like a stack:
    validate --all reports each, crashes on none, and ends."""
    stacks = project / "stacks"
    codes = iter(["131016", "131024", "131041", "131059", "131067", "131075", "131083", "131091", "131105",
                  "131113", "131130", "131148", "131156", "131164", "131172", "131181", "131211", "131229",
                  "131237", "131245", "131253", "131261"])
    names = {}
    for name, data in sorted(CORPUS.items()):
        file = f"Pulumi.{next(codes)}-fuzz{len(names)}.yaml"
        (stacks / file).write_bytes(data)
        names[file] = name
    os.mkfifo(stacks / f"Pulumi.{next(codes)}-fifo.yaml")
    (stacks / f"Pulumi.{next(codes)}-folder.yaml").mkdir()
    result = run_govcloud("validate", "--all", "--schema-only", cwd=project, timeout=240)
    output = result.stdout + result.stderr
    assert result.returncode == 2, output[-2000:]
    assert "Traceback" not in output and "Segmentation" not in output
    refused = [file for file, name in names.items() if name not in ("just-under-the-limit", "utf8-bom")]
    for file in refused:
        assert f"stacks/{file}" in output, f"{names[file]} ({file}) is not reported"
    assert "is a FIFO, not a regular file; skipped" in result.stderr
    assert f"nests deeper than {MAX_DEPTH} levels" in result.stdout
