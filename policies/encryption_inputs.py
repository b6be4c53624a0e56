"""Which inputs of each resource type name an encryption key, read from the provider SDKs
themselves (issue 19, item 1), and kept in the repository as policies/data/encryption-inputs.json.

The SDK is read as text, not imported: every resource module of pulumi_aws and pulumi_gcp
(3,000 of them) would take minutes to import. For each resource class, its type token
(`super(...).__init__('aws:redshift/cluster:Cluster', ...)`), its inputs (`__props__.__dict__`)
and, through the `...Args` classes its inputs are typed with, nested inputs to three levels.
An input names a key when its own name says so (KEY_NAME); inputs that name a key for
something other than the resource's data (a service account, a key version, a replica's,
a master password's secret) are set aside (NOT_THE_DATA_KEY).

    python -m policies.encryption_inputs > policies/data/encryption-inputs.json

tests/policies/test_encryption_table.py derives the table again from the installed SDKs and
fails when it differs: a new encryptable type must be judged (policies/rules/
encryption_services.py) or set aside with a reason before the pack goes out.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "encryption-inputs.json"
PACKAGES = ("pulumi_aws", "pulumi_gcp")

#: an input that names a customer-managed key (snake_case, as the Python SDK spells it)
KEY_NAME = re.compile(r"(?:^|_)(?:kms_key(?:_id|_arn|_name|_self_link|_identifier)?|kms_master_key_id|kms_key_ref|"
                      r"encryption_key_name|crypto_key(?:_name|_id)?|customer_managed_key(?:_id|_arn)?|"
                      r"cmek(?:_key)?(?:_name)?|kms_arn|key_arn)$|^key_id$|^volume_encryption_key$|"
                      r"^(?:kms_|default_|customer_)?encryption_key(?:_id)?$|(?:^|_)customer_managed_encryption_key$|"
                      r"^kms_config$|(?:^|_)kms_encryption_key$")
#: a key for something that is not the resource's own data at rest (`customer_encryption` is a
#: Cloud Storage object's customer-supplied raw key, a secret and not a key of the KMS; a
#: backup's key is not its database's, except a backup plan's own `backup_config`, GKE Backup's)
NOT_THE_DATA_KEY = re.compile(r"service_account|version|(?:^|_)source_|replica(?!tion)|master_user|password|"
                              r"^customer_encryption$|snapshot|image|(?<!^)backup_|^backup_(?!config$)|"
                              r"_kms_encrypted_objects|sse_kms_encrypted")

_TOKEN = re.compile(r"super\(\w+, __self__\)\.__init__\(\s*'([\w:/.-]+)'")
_PROPS = re.compile(r'__props__\.__dict__\["(\w+)"\] = (\w+)\n')
_TYPED = re.compile(r"^\s+(\w+): [^\n]*?'(\w+Args)'", re.M)
_ARGS_CLASS = re.compile(r"^class (\w+Args):\n(.*?)(?=^class |\Z)", re.M | re.S)
_INIT = re.compile(r"def __init__\(__self__, \*,(.*?)\):\n", re.S)
_PARAM = re.compile(r"^\s+(\w+): ([^\n]*?)(?: = None)?,?$", re.M)
_NESTED = re.compile(r"'(\w+Args)'")
DEPTH = 3


def camel(snake: str) -> str:
    """The input's name as the engine and the Analyzer see it (camelCase)."""
    head, *rest = snake.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _package_root(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{package} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _args_fields(root: Path) -> dict[str, list[tuple[str, str]]]:
    """Every ...Args class of the package: its fields and their annotations."""
    fields: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(root.rglob("_inputs.py")):
        for match in _ARGS_CLASS.finditer(path.read_text(encoding="utf-8")):
            init = _INIT.search(match.group(2))
            if init:
                fields[f"{path.parent.name}.{match.group(1)}"] = [(p.group(1), p.group(2))
                                                                  for p in _PARAM.finditer(init.group(1))]
    return fields


def _key_paths(module: str, name: str, cls: str, prefix: str, fields: dict, depth: int, out: list) -> None:
    path = f"{prefix}{camel(name)}"
    for field, annotation in fields.get(f"{module}.{cls}", ()):
        nested = _NESTED.search(annotation)
        if KEY_NAME.search(field) and not NOT_THE_DATA_KEY.search(field) and not nested:
            out.append(f"{path}.{camel(field)}")
        if nested and depth < DEPTH and not NOT_THE_DATA_KEY.search(field):
            _key_paths(module, field, nested.group(1), path + ".", fields, depth + 1, out)


def resource_modules(package: str):
    """(type token, module folder, source text) of every resource class of the package."""
    root = _package_root(package)
    for path in sorted(root.rglob("*.py")):
        if path.name.startswith("_") or path.parent == root or path.parent.name == "config":
            continue
        text = path.read_text(encoding="utf-8")
        token = _TOKEN.search(text)
        if token:
            yield token.group(1), path.parent.name, text


def inputs_of(text: str) -> list[str]:
    """The input names (snake_case) a resource module sets, in order."""
    return list(dict.fromkeys(m.group(1) for m in _PROPS.finditer(text)))


def derive(package: str) -> dict[str, list[str]]:
    """type token -> the key inputs (dotted camelCase paths) of every resource of the package."""
    fields = _args_fields(_package_root(package))
    table: dict[str, list[str]] = {}
    for token, module, text in resource_modules(package):
        typed = {m.group(1): m.group(2) for m in _TYPED.finditer(text)}
        paths: list[str] = []
        for name in inputs_of(text):
            if NOT_THE_DATA_KEY.search(name):
                continue
            if KEY_NAME.search(name) and name not in typed:  # an object holding a key is not one
                paths.append(camel(name))
            if name in typed:
                _key_paths(module, name, typed[name], "", fields, 1, paths)
        if paths:
            table[token] = sorted(set(paths))
    return table


def named_inputs(package: str, matches) -> dict[str, list[str]]:
    """type token -> its inputs (dotted camelCase, nested to DEPTH levels) whose snake_case name
    `matches`, for every resource of the package: what the guards over other tables
    (tests/policies/test_public_endpoints.py) read the SDK with."""
    fields = _args_fields(_package_root(package))
    found: dict[str, list[str]] = {}
    for token, module, text in resource_modules(package):
        typed = {m.group(1): m.group(2) for m in _TYPED.finditer(text)}
        paths: list[str] = []

        def walk(cls: str, prefix: str, depth: int) -> None:
            for field, annotation in fields.get(f"{module}.{cls}", ()):
                paths.extend([prefix + camel(field)] if matches(field) else [])
                nested = _NESTED.search(annotation)
                if nested and depth < DEPTH:
                    walk(nested.group(1), f"{prefix}{camel(field)}.", depth + 1)
        for name in inputs_of(text):
            paths.extend([camel(name)] if matches(name) else [])
            if name in typed:
                walk(typed[name], camel(name) + ".", 1)
        if paths:
            found[token] = paths
    return found


def derive_all() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for package in PACKAGES:
        table.update(derive(package))
    return dict(sorted(table.items()))


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[str, ...]]:
    """The checked-in table: type token -> its key inputs."""
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    return {token: tuple(paths) for token, paths in data["types"].items()}


def versions() -> dict[str, str]:
    from importlib.metadata import version
    return {package.replace("_", "-"): version(package.replace("_", "-")) for package in PACKAGES}


def main() -> None:
    json.dump({"derivedFrom": versions(), "types": derive_all()}, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
