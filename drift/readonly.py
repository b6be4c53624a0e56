"""Read-only by construction.

AWS: a botocore `before-call` hook on every client refuses any operation that is not a
Describe/List/Get (plus SearchTransitGatewayRoutes, the only way to read transit routes).
GCP: clients are wrapped so that only list/get/aggregated_list methods can be called, and
their HTTP session refuses every method but GET.
"""
from __future__ import annotations

READ_PREFIXES = ("Describe", "List", "Get")
#: SearchTransitGatewayRoutes reads transit routes; AssumeRole changes nothing either: it
#: hands out credentials for the system accounts, whose clients are guarded the same way.
READ_EXCEPTIONS = frozenset({"SearchTransitGatewayRoutes", "AssumeRole"})
GCP_READ_METHODS = ("list", "get", "aggregated_list")


class ReadOnlyViolation(RuntimeError):
    """The scanner tried to change something."""


def is_read_operation(name: str) -> bool:
    return name.startswith(READ_PREFIXES) or name in READ_EXCEPTIONS


def _refuse_writes(model, **_):
    if not is_read_operation(model.name):
        raise ReadOnlyViolation(f"drift scanner is read-only: {model.service_model.service_name}:{model.name} refused")


def guard_boto_client(client):
    """Register the read-only hook on a boto3 client; returns the client."""
    client.meta.events.register("before-call.*.*", _refuse_writes)
    return client


class ReadOnlyGcpClient:
    """A google-cloud-compute client that exposes only its read methods."""

    def __init__(self, client):
        self._client = client
        session = getattr(getattr(client, "_transport", None), "_session", None)
        if session is not None and not getattr(session, "_govcloud_read_only", False):
            original = session.request

            def request(method, url, *args, **kwargs):
                if method.upper() != "GET":
                    raise ReadOnlyViolation(f"drift scanner is read-only: HTTP {method} {url} refused")
                return original(method, url, *args, **kwargs)

            session.request = request
            session._govcloud_read_only = True

    def __getattr__(self, name):
        if not name.startswith(GCP_READ_METHODS):
            raise ReadOnlyViolation(f"drift scanner is read-only: {type(self._client).__name__}.{name} refused")
        return getattr(self._client, name)
