"""boto3 sessions for assumed roles that share one botocore model loader, and the clients
drift shares between the accounts it reads (below).

Every boto3 Session has its own loader, and the first client of a service in a session
parses that service's model (EC2's is several megabytes of JSON: about 0.25 s on the 2-core
machine). Drift assumes a role per system account, so without sharing, a tenancy of 12
accounts parses the EC2 model 12 times. The models are read-only data; one loader for the
process is what botocore itself does within one session."""
from __future__ import annotations

import threading
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

import boto3
import botocore.loaders
import botocore.session
from botocore.credentials import CredentialProvider, CredentialResolver, Credentials


@lru_cache(maxsize=1)
def _loader():
    return botocore.loaders.create_loader()


def with_credentials(credentials: dict, region: str) -> boto3.Session:
    """A session for STS credentials (AccessKeyId, SecretAccessKey, SessionToken), sharing
    the process's model loader."""
    core = botocore.session.get_session()
    core.register_component("data_loader", _loader())
    return boto3.Session(aws_access_key_id=credentials["AccessKeyId"],
                         aws_secret_access_key=credentials["SecretAccessKey"],
                         aws_session_token=credentials.get("SessionToken"), region_name=region,
                         botocore_session=core)


def to_one_endpoint(client, endpoint_url: str | None):
    """With an endpoint override (an emulator such as moto serving every service on one
    address), send S3 Control's requests to that address. S3 Control puts the account in
    the host name (`{AccountId}.s3-control...`, and with an override `{AccountId}.<the
    override's host>`), which no emulator's address resolves; the account is also sent in
    the x-amz-account-id header, which is what the service reads. Without an override,
    nothing changes. Returns the client."""
    if endpoint_url and client.meta.service_model.service_name == "s3control":
        from urllib.parse import urlsplit
        host = urlsplit(endpoint_url).netloc

        def keep_host(request, **_):
            parts = urlsplit(request.url)
            request.url = parts._replace(netloc=host).geturl()

        client.meta.events.register("before-sign.s3-control.*", keep_host)
    return client


# -- one client per service and region for every account a scan reads -------------------
#
# A botocore client costs about 25 ms to make on the 2-core machine (a class with a method
# per operation, EC2 has ~700, and its endpoint rules); a scan of 港区 made 86 of them, one
# per service, region and account, about 40% of its time on moto. The clients below are
# made once per process and shared by every account: each request is signed with the
# credentials of the account being read, chosen with `signing_as`. Outside `signing_as` a
# request has no credentials and fails before it is sent (RuntimeError), so a read can never go out as
# the wrong account by accident.

_SIGNER: ContextVar = ContextVar("govcloud_aws_signer", default=None)
_POOL: dict = {}
_POOL_LOCK = threading.Lock()


@contextmanager
def signing_as(credentials, calls: Counter | None = None):
    """Within the block, the shared clients sign as `credentials` (botocore Credentials,
    refreshable or not) in this thread, and count each call in `calls` ("service:Operation")."""
    token = _SIGNER.set((credentials, calls))
    try:
        yield
    finally:
        _SIGNER.reset(token)


class _ChosenCredentials(Credentials):
    """The credentials `signing_as` chose, read when a request is signed."""

    method = "govcloud-signing-as"

    def __init__(self):  # no keys of its own
        pass

    @staticmethod
    def _chosen():
        chosen = _SIGNER.get()
        if chosen is None or chosen[0] is None:
            raise RuntimeError("an AWS request outside signing_as(): no account was chosen to sign it")
        return chosen[0]

    def get_frozen_credentials(self):
        return self._chosen().get_frozen_credentials()

    access_key = property(lambda self: self.get_frozen_credentials().access_key)
    secret_key = property(lambda self: self.get_frozen_credentials().secret_key)
    token = property(lambda self: self.get_frozen_credentials().token)


class _ChosenProvider(CredentialProvider):
    METHOD = _ChosenCredentials.method

    def load(self):
        return _ChosenCredentials()


@lru_cache(maxsize=1)
def _shared_session() -> boto3.Session:
    core = botocore.session.get_session()
    core.register_component("data_loader", _loader())
    core.register_component("credential_provider", CredentialResolver([_ChosenProvider()]))
    return boto3.Session(botocore_session=core)


def _count(model, **_):
    chosen = _SIGNER.get()
    if chosen is not None and chosen[1] is not None:
        chosen[1][f"{model.service_model.service_name}:{model.name}"] += 1


def shared_client(service: str, region: str, endpoint_url: str | None, config):
    """The process's read-only client for a service in a region (drift/readonly.py guards
    it before its first call), signing as whoever `signing_as` names."""
    from drift.readonly import read_only_client
    key = (service, region, endpoint_url, id(config))
    with _POOL_LOCK:
        if key not in _POOL:
            client = read_only_client(_shared_session(), service, region_name=region, endpoint_url=endpoint_url,
                                      config=config)
            client.meta.events.register("before-call.*.*", _count)
            _POOL[key] = to_one_endpoint(client, endpoint_url)
        return _POOL[key]


def drop_shared_clients() -> None:
    """Forget the shared clients: the next scan makes its own, as a new process would
    (bench/drift_bench.py measures every scan so)."""
    with _POOL_LOCK:
        _POOL.clear()
