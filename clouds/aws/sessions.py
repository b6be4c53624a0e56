"""boto3 sessions for assumed roles that share one botocore model loader.

Every boto3 Session has its own loader, and the first client of a service in a session
parses that service's model (EC2's is several megabytes of JSON: about 0.25 s on the 2-core
machine). Drift assumes a role per system account, so without sharing, a tenancy of 12
accounts parses the EC2 model 12 times. The models are read-only data; one loader for the
process is what botocore itself does within one session."""
from __future__ import annotations

from functools import lru_cache

import boto3
import botocore.loaders
import botocore.session


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
