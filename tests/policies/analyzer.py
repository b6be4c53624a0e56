"""Drive the policy pack through its real Analyzer gRPC interface, as the Pulumi engine
does: start `python policies/__main__.py`, read the port it prints, send Analyze for every
resource and AnalyzeStack for the whole stack, built from a recorded inventory."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import grpc
from google.protobuf import json_format, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

from tests.conftest import ROOT


class PolicyPackProcess:
    def __init__(self, env_extra: dict | None = None):
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env_extra or {})}
        self.process = subprocess.Popen([sys.executable, str(ROOT / "policies" / "__main__.py")], cwd=ROOT / "policies",
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        deadline = time.monotonic() + 60
        line = b""
        while not line.strip().isdigit():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the pack did not start: {self.process.stderr.read().decode()[-3000:]}")
            line = self.process.stdout.readline()
        self.port = int(line)
        self.channel = grpc.insecure_channel(f"127.0.0.1:{self.port}")
        self.stub = analyzer_pb2_grpc.AnalyzerStub(self.channel)

    def stop(self):
        if getattr(self, "channel", None):
            self.channel.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _struct(values: dict) -> struct_pb2.Struct:
    return json_format.ParseDict(values, struct_pb2.Struct())


def _provider_wire(inputs: dict) -> dict:
    """Provider inputs as the engine sends them: every non-string input JSON-encoded, as the
    SDK's pulumi.runtime.to_json does (objects, lists, booleans, numbers)."""
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in inputs.items()}


def requests(inventory: dict):
    """(Analyze requests, AnalyzeStack request) for a recorded inventory."""
    by_urn = {r["urn"]: r for r in inventory["resources"]}

    def provider(r):
        p = by_urn.get(r["provider"]) if r["provider"] else None
        if p is None:
            return None
        return analyzer_pb2.AnalyzerProviderResource(type=p["type"], properties=_struct(_provider_wire(p["inputs"])),
                                                     urn=p["urn"], name=p["name"])

    def options(r):
        return analyzer_pb2.AnalyzerResourceOptions(protect=r["protect"], parent=r["parent"] or "",
                                                    additionalSecretOutputs=r["additionalSecretOutputs"])

    custom = [r for r in inventory["resources"] if r["custom"]]
    single = []
    for r in custom:
        kwargs = dict(type=r["type"], properties=_struct(r["inputs"]), urn=r["urn"], name=r["name"], options=options(r))
        if provider(r) is not None:
            kwargs["provider"] = provider(r)
        single.append(analyzer_pb2.AnalyzeRequest(**kwargs))
    stack = []
    for r in custom:
        kwargs = dict(type=r["type"], properties=_struct(r["inputs"]), urn=r["urn"], name=r["name"],
                      options=options(r), parent=r["parent"] or "",
                      propertyDependencies={k: analyzer_pb2.AnalyzerPropertyDependencies(urns=v)
                                            for k, v in r.get("dependencies", {}).items()})
        if provider(r) is not None:
            kwargs["provider"] = provider(r)
        stack.append(analyzer_pb2.AnalyzerResource(**kwargs))
    return single, analyzer_pb2.AnalyzeStackRequest(resources=stack)


def analyze(pack: PolicyPackProcess, inventory: dict) -> list:
    """Every diagnostic the pack returns for the inventory."""
    single, stack = requests(inventory)
    diagnostics = []
    for request in single:
        diagnostics += list(pack.stub.Analyze(request).diagnostics)
    diagnostics += list(pack.stub.AnalyzeStack(stack).diagnostics)
    return diagnostics
