"""Run the real Pulumi program under Pulumi's mock runtime and record what it would
create: the inventory (format `govcloud-inventory/1`, documented in docs/inventory.md).

The recording monitor sees every RegisterResource exactly as the engine would, with
Pulumi's secret markers still on the inputs: secret values are replaced by "[secret]"
and their input names listed, so an inventory can be printed or stored safely.
"""
from __future__ import annotations

import functools
import time

import clouds
from inventory.format import FORMAT, SECRET, UNKNOWN, Inventory
from network.collector import YOUNG_GC_THRESHOLD as PLAN_GC_YOUNG_THRESHOLD, collecting_less_often

__all__ = ["record", "Inventory", "FORMAT", "SECRET", "UNKNOWN", "PLAN_GC_YOUNG_THRESHOLD",
           "collecting_less_often"]


def record(tenancy, mocks=None, extra=None, alter=()) -> Inventory:
    """Run the program for `tenancy` under mocks; return what it registered.

    `extra(model, component)` adds resources after the program (a vendor's addition, a
    console change); each `alter(resource)` may change a registration as it is recorded,
    where a Pulumi transform would act (Pulumi's mock monitor does not run transforms).
    The broken stacks of the policy tests use both."""
    from pulumi.runtime import mocks as pulumi_mocks, settings
    from pulumi.runtime.stack import run_pulumi_func
    from pulumi.runtime.sync_await import _sync_await

    from components.mocks import CloudMocks
    from components.program import run
    from components.recording import RecordingMonitor

    inventory = Inventory(tenancy.stack, tenancy.spec.cloud)
    spec = tenancy.spec
    mocks = mocks or CloudMocks(spec.primary_region, spec.gcp_project or "govcloud-project",
                                clouds.get(spec.cloud).offline_observations(spec))
    settings.set_root_resource(None)
    skip_stack_traces_under_mocks()
    skip_unread_debug_logs_under_mocks()
    _stack_config(tenancy)
    pulumi_mocks.set_mocks(mocks, project="govcloud-hybrid", stack=tenancy.stack, preview=False,
                           monitor=RecordingMonitor(mocks, inventory, alter))
    start = time.perf_counter()
    async def program():
        component = run(tenancy)
        if extra is not None:
            from network.model import build
            extra(build(tenancy), component)
        inventory.outputs = await _resolve(component.outputs, "", inventory.secret_outputs)

    try:
        with collecting_less_often():  # the SDK's futures and outputs (network/collector.py)
            _sync_await(run_pulumi_func(program))
    except BaseException:
        _sync_await(_drain(settings))  # what the failed run left pending must not fail the next one
        raise
    inventory.milliseconds = (time.perf_counter() - start) * 1000
    inventory.finish()
    return inventory


def skip_stack_traces_under_mocks() -> None:
    """Make the SDK skip the stack trace it takes for every registration when the monitor is
    Pulumi's mock monitor, which discards it.

    For each resource the SDK walks the Python stack (pulumi/runtime/resource.py
    `_get_stack_trace`: traceback.extract_stack, then a file URI per frame) to tell the
    engine where the program declared it. Under mocks nothing reads it, and it was about a
    seventh of planning 港区's 832 registrations (issue 14's cold review). With any other
    monitor (a real `pulumi preview`/`up`, the Automation API) the SDK's own function runs,
    unchanged. Idempotent; an SDK without the function is left as it is (a test fails then,
    so the saving is not lost unnoticed)."""
    from pulumi.runtime import mocks as pulumi_mocks, resource as sdk_resource, settings
    from pulumi.runtime.proto import source_pb2

    original = getattr(sdk_resource, "_get_stack_trace", None)
    if original is None or getattr(original, "skips_under_mocks", False):
        return

    @functools.wraps(original)
    def stack_trace():
        if isinstance(settings.get_monitor(), pulumi_mocks.MockMonitor):
            return source_pb2.StackTrace()
        return original()
    stack_trace.skips_under_mocks = True
    sdk_resource._get_stack_trace = stack_trace


def skip_unread_debug_logs_under_mocks() -> None:
    """Make `pulumi.log.debug` return at once when the engine is Pulumi's MockEngine and its
    logger would discard the message.

    The SDK logs about four debug messages per registration (registering, prepared, each
    RPC, successful), each built into a LogRequest and handed to the engine; MockEngine.Log
    passes a DEBUG message to `logger.debug`, which drops it unless the logger is enabled for
    DEBUG. Skipping exactly that case changes nothing anyone can see: with DEBUG enabled, or
    with a real engine (`pulumi preview`/`up`), the SDK's own function runs. Idempotent."""
    import logging

    from pulumi import log
    from pulumi.runtime import mocks as pulumi_mocks, settings

    original = log.debug
    if getattr(original, "skips_under_mocks", False):
        return

    @functools.wraps(original)
    def debug(msg, *args, **kwargs):
        engine = settings.get_engine()
        if isinstance(engine, pulumi_mocks.MockEngine) and not engine.logger.isEnabledFor(logging.DEBUG):
            return None
        return original(msg, *args, **kwargs)
    debug.skips_under_mocks = True
    log.debug = debug


def _stack_config(tenancy) -> None:
    """The stack's own config the program reads besides the declaration: the external id,
    a secret. Offline its ciphertext stands in for it, marked secret as the engine marks the
    decrypted value, so the inventory records "[secret]" and never a value."""
    from pulumi.runtime.config import set_all_config

    from network.declaration import EXTERNAL_ID_KEY
    config = tenancy.source.data.get("config") or {}
    value = config.get(EXTERNAL_ID_KEY)
    secure = value.get("secure") if isinstance(value, dict) else None
    set_all_config({EXTERNAL_ID_KEY: secure} if secure else {}, [EXTERNAL_ID_KEY] if secure else [])


async def _resolve(value, path: str, secrets: list[str]):
    """A stack output as plain JSON, each secret masked and its path noted."""
    import pulumi
    from pulumi.output import Unknown
    if isinstance(value, pulumi.Output):
        if await value.is_secret():
            secrets.append(path)
            return SECRET
        return await _resolve(await value.future(with_unknowns=True), path, secrets)
    if isinstance(value, dict):
        return {k: await _resolve(v, f"{path}.{k}" if path else k, secrets) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [await _resolve(v, f"{path}[{i}]", secrets) for i, v in enumerate(value)]
    return UNKNOWN if isinstance(value, Unknown) else value


async def _drain(settings) -> None:
    """Let what a failed program left behind (RPCs, outputs) finish, and forget its errors:
    the program's own error is raised already, and the next plan must start clean."""
    import asyncio
    rpc_manager = settings._get_rpc_manager()
    while rpc_manager.rpcs or settings.SETTINGS.outputs:
        pending = list(rpc_manager.rpcs) + list(settings.SETTINGS.outputs)
        rpc_manager.rpcs.clear()
        settings.SETTINGS.outputs.clear()
        await asyncio.wait(pending, timeout=5)
        for task in pending:
            if task.done():
                task.cancelled() or task.exception()  # retrieved: not reported as "never retrieved"
            else:
                task.cancel()
    rpc_manager.clear()
