"""components/plan.py skips the SDK's per-registration stack trace under the mock runtime
only: with any other monitor the SDK's own function runs."""
from __future__ import annotations

from pulumi.runtime import mocks as pulumi_mocks, resource as sdk_resource, settings

from components.plan import skip_stack_traces_under_mocks
from tests.conftest import inventory_of


class _Declared:
    """Three nested constructors, as Resource < CustomResource < a concrete resource call
    the SDK's _get_stack_trace: it then reports the frames of the code that declared it."""

    def __init__(self):
        self.trace = _Custom().trace


class _Custom:
    def __init__(self):
        self.trace = _Resource().trace


class _Resource:
    def __init__(self):
        self.trace = sdk_resource._get_stack_trace()


def test_the_sdk_still_has_the_stack_trace_the_plan_skips():
    """A new SDK that renames it loses the saving silently otherwise."""
    assert callable(getattr(sdk_resource, "_get_stack_trace", None))


def test_the_mock_monitor_reads_no_stack_trace_or_source_position():
    """The contract the skip rests on: the SDK's stack trace goes to the engine as the
    RegisterResource request's stackTrace and sourcePosition (pulumi/runtime/resource.py
    _get_stack_trace: "Returns an RPC stack trace that corresponds to the frames on the stack
    at the time of the call"), and Pulumi's MockMonitor builds its answer from the request
    without reading either. If a new SDK's mock monitor reads them, stop skipping the trace."""
    import inspect
    sdk_own = inspect.unwrap(sdk_resource._get_stack_trace)
    assert inspect.getdoc(sdk_own).startswith("Returns an RPC stack trace")
    assert "stackTrace=stack_trace" in inspect.getsource(sdk_resource)  # where the SDK sends it
    monitor = inspect.getsource(pulumi_mocks.MockMonitor.RegisterResource)
    assert "request.object" in monitor  # what the mock monitor does read
    assert "stackTrace" not in monitor and "sourcePosition" not in monitor


def test_under_mocks_no_stack_trace_is_taken_and_otherwise_the_sdks_own_runs(monkeypatch):
    inventory_of("setagaya")  # a plan has run: the skip is installed
    installed = sdk_resource._get_stack_trace
    assert getattr(installed, "skips_under_mocks", False)
    skip_stack_traces_under_mocks()
    assert sdk_resource._get_stack_trace is installed  # idempotent: not wrapped twice

    monkeypatch.setattr(settings, "get_monitor", lambda: pulumi_mocks.MockMonitor.__new__(pulumi_mocks.MockMonitor))
    assert len(_Declared().trace.frames) == 0

    monkeypatch.setattr(settings, "get_monitor", lambda: object())  # a real engine's monitor
    frames = _Declared().trace.frames  # the SDK's own walk: up to the code that declared it
    assert frames and frames[0].pc.uri.endswith("test_plan_stack_traces.py")
