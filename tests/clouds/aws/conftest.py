import pytest

from network.declaration import load
from tests.conftest import SAMPLES, inventory_of


@pytest.fixture(params=["minato", "setagaya"])
def aws_sample(request):
    tenancy = load(SAMPLES[request.param])
    return tenancy, inventory_of(request.param)
