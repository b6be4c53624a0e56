"""components/plan.py drops the SDK's debug messages only where Pulumi's MockEngine would
drop them itself: a logger not enabled for DEBUG. Otherwise the SDK's own function runs."""
from __future__ import annotations

import inspect
import logging

import pytest
from pulumi import log
from pulumi.runtime import mocks as pulumi_mocks, settings

from components.plan import skip_unread_debug_logs_under_mocks
from tests.conftest import inventory_of


class CountingEngine(pulumi_mocks.MockEngine):
    def __init__(self, logger):
        super().__init__(logger)
        self.messages = []

    def Log(self, request):
        self.messages.append(request.message)
        super().Log(request)


class RealEngine:
    """What the engine's gRPC stub offers the SDK: Log(request)."""

    def __init__(self):
        self.messages = []

    def Log(self, request):
        self.messages.append(request.message)


@pytest.fixture
def installed():
    inventory_of("setagaya")  # a plan has run: the skip is installed
    assert getattr(log.debug, "skips_under_mocks", False)
    before = log.debug
    skip_unread_debug_logs_under_mocks()
    assert log.debug is before  # idempotent: not wrapped twice


def test_the_mock_engine_passes_debug_messages_to_its_logger_only():
    """The contract the skip rests on (pulumi/runtime/mocks.py MockEngine.Log)."""
    source = inspect.getsource(pulumi_mocks.MockEngine.Log)
    assert "request.severity == engine_pb2.DEBUG" in source
    assert "self.logger.debug(request.message)" in source


def test_a_debug_message_the_mock_logger_would_drop_is_not_built(installed, monkeypatch):
    logger = logging.getLogger("govcloud-test-quiet")
    logger.setLevel(logging.INFO)
    engine = CountingEngine(logger)
    monkeypatch.setattr(settings, "get_engine", lambda: engine)
    log.debug("registering resource: ty=aws:ec2/vpc:Vpc")
    assert engine.messages == []
    log.info("an info message still goes")
    assert engine.messages == ["an info message still goes"]


def test_with_debug_enabled_the_message_arrives(installed, monkeypatch, caplog):
    logger = logging.getLogger("govcloud-test-debug")
    logger.setLevel(logging.DEBUG)
    engine = CountingEngine(logger)
    monkeypatch.setattr(settings, "get_engine", lambda: engine)
    with caplog.at_level(logging.DEBUG, logger="govcloud-test-debug"):
        log.debug("registering resource: ty=aws:ec2/vpc:Vpc")
    assert engine.messages == ["registering resource: ty=aws:ec2/vpc:Vpc"]
    assert "registering resource: ty=aws:ec2/vpc:Vpc" in caplog.text


def test_a_real_engine_gets_every_debug_message(installed, monkeypatch):
    engine = RealEngine()
    monkeypatch.setattr(settings, "get_engine", lambda: engine)
    log.debug("beginning rpc RegisterResource")
    assert engine.messages == ["beginning rpc RegisterResource"]
