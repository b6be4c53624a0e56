"""Mocks for Pulumi's mock runtime that behave like the clouds enough for references to
resolve: each cloud answers for its own resources and invokes (clouds/<id>/mocks.py);
pulumi_random's results are made here. Ids are derived from the resource's type and name,
so two plans of one declaration are identical. Nothing here decides what is built."""
from __future__ import annotations

import hashlib

import pulumi

import clouds
from inventory import tokens
from inventory.tokens import RANDOM


def digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class CloudMocks(pulumi.runtime.Mocks):
    def __init__(self, region: str = "ap-northeast-1", project: str = "govcloud-project",
                 observed: dict | None = None):
        self.region = region
        self.project = project
        #: what the account would answer for resources the program reads but does not own
        self.observed = dict(observed or {})
        self.provider_regions: dict[str, str] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        typ, name, inputs = args.typ, args.name, dict(args.inputs)
        key = digest(typ, name)
        if tokens.is_provider(typ):
            if "region" in inputs:
                self.provider_regions[name] = inputs["region"]
            return f"{name}-provider-{key[:8]}", inputs
        cloud = clouds.for_package(tokens.package(typ))
        if args.resource_id:  # a read or an import of what the program did not create (a partner's connection)
            if args.resource_id not in self.observed:
                raise ValueError(f"reading {typ} {args.resource_id!r}: no such resource in the account")
            return args.resource_id, {"id": args.resource_id, **self.observed[args.resource_id], **inputs}
        if cloud is not None:
            return cloud.mock_resource(typ, name, inputs, key, self._region(args), self.project)
        if typ == RANDOM.PASSWORD:
            length = int(inputs.get("length", 32))
            result = "".join(c for c in (key * 4) if c.isalnum())[:length]
            return f"none-{key[:8]}", {**inputs, "result": result, "bcryptHash": "$2a$10$" + key[:53]}
        if typ == RANDOM.ID:
            size = int(inputs.get("byteLength", 8))
            hexed = (key * 4)[: size * 2]
            return hexed, {**inputs, "hex": hexed, "b64Std": hexed, "b64Url": hexed, "dec": str(int(hexed, 16))}
        return f"{name}-{key[:8]}", inputs

    def _region(self, args) -> str:
        """The resource's own region, else its provider's (a provider reference is
        `<urn>::<id>` and the URN ends with the provider's name), else the default."""
        if args.inputs.get("region"):
            return args.inputs["region"]
        if args.provider and args.provider.count("::") >= 2:
            return self.provider_regions.get(args.provider.split("::")[-2], self.region)
        return self.region

    def call(self, args: pulumi.runtime.MockCallArgs):
        cloud = clouds.for_package(tokens.package(args.token))
        answer = cloud.mock_call(args.token, dict(args.args), self.region, self.project) if cloud else None
        if answer is None:
            raise ValueError(f"no mock for invoke {args.token}")
        return answer, []
