import pytest

from components.plan import record
from network.declaration import load
from tests.conftest import SAMPLES

_CACHE: dict = {}


def inventory_of(name: str):
    """The recorded inventory of a sample (recorded once per test session)."""
    if name not in _CACHE:
        _CACHE[name] = record(load(SAMPLES[name]))
    return _CACHE[name]


@pytest.fixture(params=["minato", "setagaya"])
def aws_sample(request):
    tenancy = load(SAMPLES[request.param])
    return tenancy, inventory_of(request.param)
