"""The READMEs say what is true: their example commands run, their error example is what the
tool prints, and every command and option their tables name exists."""
from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.conftest import GOVCLOUD, ROOT, run_govcloud, variant

READMES = ["README.md", "README.ja.md"]


def blocks(text: str) -> list[list[str]]:
    """Indented code blocks (four spaces), as lists of lines."""
    out, current = [], []
    for line in text.splitlines():
        if line.startswith("    ") and line.strip():
            current.append(line[4:])
        elif current and not line.strip():
            continue
        else:
            if current:
                out.append(current)
            current = []
    return out + ([current] if current else [])


def examples(name: str) -> list[str]:
    return [line for block in blocks((ROOT / name).read_text(encoding="utf-8")) for line in block
            if line.startswith("govcloud ")]


@pytest.mark.parametrize("name", READMES)
def test_the_two_commands_are_the_makefile_targets_and_ci_runs_the_test_one(name):
    commands = [line for block in blocks((ROOT / name).read_text(encoding="utf-8")) for line in block]
    assert "make demo" in commands and "make test" in commands
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("make test")


@pytest.mark.parametrize("name", READMES)
def test_the_error_example_is_what_validate_prints(name, project):
    text = (ROOT / name).read_text(encoding="utf-8")
    example = next(block for block in blocks(text) if block[0].startswith("error "))
    (project / "stacks" / "Pulumi.131032-minato.yaml").write_text(
        variant("minato", ('code: "131032"', 'code: "131033"')), encoding="utf-8")
    result = run_govcloud("validate", "131032-minato", cwd=project)
    assert result.returncode == 2
    printed = result.stdout.splitlines()
    start = printed.index(example[0])
    assert printed[start:start + len(example)] == example


@pytest.mark.parametrize("command", sorted(set(examples("README.md") + examples("README.ja.md"))))
def test_every_example_command_runs(command, project):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "AWS_", "GOOGLE_"))},
           "PATH": f"{GOVCLOUD.parent}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    result = subprocess.run(command, shell=True, cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Traceback" not in result.stdout + result.stderr


def table_commands(name: str) -> list[tuple[str, list[str]]]:
    """(command, options) of each `govcloud ...` synopsis in the README's tables."""
    out = []
    for cell in re.findall(r"^\| `(govcloud [^`]+)`", (ROOT / name).read_text(encoding="utf-8"), re.M):
        words = cell.replace("\\|", "|").split()
        out.append((words[1], [w.split("=")[0].strip("[]") for w in words if w.lstrip("[").startswith("--")]))
    return out


@pytest.mark.parametrize("name", READMES)
def test_every_command_and_option_in_the_tables_exists(name):
    rows = table_commands(name)
    assert len(rows) >= 10
    for command, options in rows:
        for word in command.split("|"):
            result = run_govcloud(word, "--help")
            assert result.returncode == 0, f"govcloud {word} --help: {result.stderr}"
            for option in options:
                assert option in result.stdout, f"{option} is not an option of govcloud {word}"


def _sections(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.startswith("## "))


def _commands(text: str) -> set[str]:
    """What a README shows as commands: `govcloud …` spans in tables and prose, and the
    lines of its code blocks."""
    spans = {s for s in re.findall(r"`([^`]+)`", text) if s.startswith(("govcloud ", "pulumi ", "make "))}
    return spans | {line for block in blocks(text) for line in block}


def _links(text: str) -> set[str]:
    """Linked documents, without the links between the two READMEs themselves."""
    return set(re.findall(r"\]\(([^)#]+)\)", text)) - set(READMES)


def test_the_japanese_readme_covers_everything_the_english_one_does():
    """Same sections, same commands (with the same options), same documents linked."""
    en, ja = ((ROOT / name).read_text(encoding="utf-8") for name in READMES)
    assert _sections(ja) == _sections(en)
    assert _commands(ja) == _commands(en), _commands(ja) ^ _commands(en)
    assert _links(ja) == _links(en), _links(ja) ^ _links(en)
    assert "docs/gcp.md" in _links(en)


def test_the_setup_byte_compiles_every_package_of_the_project():
    """`make demo` and `make test` compile the project's modules (an editable install does
    not, and PYTHONDONTWRITEBYTECODE would have every run compile them): all of them."""
    import tomllib
    listed = re.search(r"^PACKAGES := (.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    include = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "packages"]["find"]["include"]
    assert listed and sorted(listed.group(1).split()) == sorted(p.rstrip("*") for p in include)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert re.search(rf"^{target}: .*\bcompiled\b", makefile, re.M), target
