"""Every type token the project names exists, spelled exactly so, in the provider SDK that
is installed: a typo or a renamed resource fails here, not silently in a rule."""
from __future__ import annotations

import importlib
import inspect

import pytest

from inventory import tokens

ALL = {f"{ns}.{name}": token for ns in ("AWS", "GCP", "RANDOM")
       for name, token in tokens.names(getattr(tokens, ns)).items()}


def sdk_class(token: str):
    package, module, name = token.split(":")
    sdk = importlib.import_module(f"pulumi_{package}")
    top = module.split("/")[0]
    return getattr(sdk if top == "index" else importlib.import_module(f"pulumi_{package}.{top}"), name)


@pytest.mark.parametrize("constant", sorted(ALL))
def test_token_is_the_sdks_own(constant):
    token = ALL[constant]
    if tokens.is_provider(token):
        cls = importlib.import_module(f"pulumi_{tokens.package(token)}").Provider
        assert f"'{tokens.package(token)}'" in inspect.getsource(cls)
        return
    if token.endswith("/"):  # a module prefix
        package, module = token[:-1].split(":")
        importlib.import_module(f"pulumi_{package}.{module}")
        return
    cls = sdk_class(token)
    assert f"'{token}'" in inspect.getsource(cls), f"{constant} = {token!r} is not how the SDK registers {cls}"


def test_package_of_a_token():
    assert tokens.package(tokens.AWS.VPC) == "aws"
    assert tokens.package(tokens.GCP.PROVIDER) == "gcp"
    assert tokens.package(tokens.RANDOM.ID) == "random"
    assert tokens.is_provider(tokens.AWS.PROVIDER) and not tokens.is_provider(tokens.AWS.VPC)
