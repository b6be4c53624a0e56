import pytest

from tests.drift.moto_server import MotoServer


@pytest.fixture(scope="session")
def moto():
    server = MotoServer()
    yield server
    server.stop()
