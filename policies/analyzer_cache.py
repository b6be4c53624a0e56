"""One conversion per resource per Analyzer request.

pulumi_policy converts a resource's properties (protobuf Struct → dict → deserialized
values → unknown-checking proxies) once for every policy of the pack, and our adapter
then builds the rules' view of it, again once per policy: with 36 rules, a resource is
converted 36 times in AnalyzeStack and about 20 times in Analyze. That was 90% of the
pack's time (issue 19, item 5).

Within one request the same message object carries the same properties, so each step is
memoized by the identity of its input, for the duration of that request only:
- `json_format.MessageToDict`, `deserialize_properties` and `unknown_checking_proxy` as
  pulumi_policy.policy calls them (the module's own names are rebound; nothing else in
  the process is touched);
- the servicer's `_get_resource_options` and `_get_provider_resource`, by the message;
- the adapter's views (policies/crossguard.py `_view`).
The memo lives in a thread-local set up when Analyze or AnalyzeStack starts and dropped
when it returns, so concurrent requests (the server runs four threads) never share one,
and an entry holds its key object, so an id cannot be reused while the memo lives.
Outside a request every call goes straight through.

tests/policies/test_analyzer_cache.py proves the install finds what it rebinds in the
installed pulumi_policy, and that the pack reports exactly the same with and without it.
"""
from __future__ import annotations

import functools
import threading

_local = threading.local()
#: the pulumi_policy.policy names rebound, and the servicer methods scoped
REBOUND = ("json_format", "deserialize_properties", "unknown_checking_proxy")
SCOPED = ("Analyze", "AnalyzeStack")
#: the servicer's per-resource helpers, remembered by the identity of the message they read
HELPERS = ("_get_resource_options", "_get_provider_resource")


def remembered(kind: str, key_object, compute, *key):
    """compute() once per (kind, key_object, key) in the current request; straight through
    outside one."""
    memo = getattr(_local, "memo", None)
    if memo is None:
        return compute()
    slot = (kind, id(key_object), key)
    hit = memo.get(slot)
    if hit is not None and hit[0] is key_object:
        return hit[1]
    value = compute()
    memo[slot] = (key_object, value)
    return value


def _by_identity(fn):
    name = fn.__qualname__

    @functools.wraps(fn)
    def wrapper(value, *args):
        memo = getattr(_local, "memo", None)
        if memo is None:
            return fn(value, *args)
        slot = (name, id(value), args)
        hit = memo.get(slot)
        if hit is not None and hit[0] is value:
            return hit[1]
        result = fn(value, *args)
        memo[slot] = (value, result)
        return result
    wrapper.__wrapped_by_govcloud__ = True
    return wrapper


class _JsonFormat:
    """google.protobuf.json_format with MessageToDict remembered per request."""

    def __init__(self, module):
        self._module = module
        self.MessageToDict = _by_identity(module.MessageToDict)

    def __getattr__(self, name):
        return getattr(self._module, name)


def _method_by_identity(method):
    name = method.__qualname__

    @functools.wraps(method)
    def wrapper(self, message):
        memo = getattr(_local, "memo", None)
        if memo is None:
            return method(self, message)
        slot = (name, id(message), ())
        hit = memo.get(slot)
        if hit is not None and hit[0] is message:
            return hit[1]
        result = method(self, message)
        memo[slot] = (message, result)
        return result
    wrapper.__wrapped_by_govcloud__ = True
    return wrapper


def _scoped(method):
    @functools.wraps(method)
    def wrapper(self, request, context):
        _local.memo = {}
        try:
            return method(self, request, context)
        finally:
            _local.memo = None
    wrapper.__wrapped_by_govcloud__ = True
    return wrapper


def install() -> None:
    """Rebind pulumi_policy.policy's conversion steps and scope its servicer's requests.
    Fails loudly if the installed pulumi_policy no longer has what is rebound."""
    from pulumi_policy import policy
    missing = [name for name in REBOUND if not hasattr(policy, name)] + \
        [name for name in SCOPED + HELPERS if not hasattr(policy._PolicyAnalyzerServicer, name)]
    if missing:
        raise RuntimeError(f"pulumi_policy {policy.__name__} lacks {missing}: policies/analyzer_cache.py needs updating")
    if getattr(policy._PolicyAnalyzerServicer.Analyze, "__wrapped_by_govcloud__", False):
        return  # installed already
    policy.json_format = _JsonFormat(policy.json_format)
    policy.deserialize_properties = _by_identity(policy.deserialize_properties)
    policy.unknown_checking_proxy = _by_identity(policy.unknown_checking_proxy)
    for name in HELPERS:
        setattr(policy._PolicyAnalyzerServicer, name, _method_by_identity(getattr(policy._PolicyAnalyzerServicer, name)))
    for name in SCOPED:
        setattr(policy._PolicyAnalyzerServicer, name, _scoped(getattr(policy._PolicyAnalyzerServicer, name)))
