"""Policy evaluation over a 10,000-resource stack as a whole process (issue 19, item 5):
the offline path (`python` loading the inventory and evaluating every rule, imports
included) and the real Analyzer (the pack started as the engine starts it, then one
Analyze per resource and one AnalyzeStack), both measured in the same run.

    python bench/policy_scale.py [--resources 10000] [--runs 5] [--no-go]

The Analyzer is driven by two clients, each in its own side of the table: Python's grpcio
(this process, as tests/policies/analyzer.py does) and, where Go is installed, a Go client
built from bench/analyzer_client with grpc-go, the library the Pulumi engine itself calls
the pack with (on Debian: `apt install golang-go golang-google-grpc-dev`; it builds in
GOPATH mode against /usr/share/gocode, with no download). The Go client replays the same
requests, serialized beforehand, and its answers are checked against Python's.

The stack is 港区's recorded inventory repeated under new names (each copy's URNs,
parents, providers and dependencies renamed together), so every rule meets what it meets
in a real stack, at scale.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
warnings.simplefilter("ignore")

OFFLINE = """
import json, sys, warnings
warnings.simplefilter("ignore")
from inventory.format import views
from network.declaration import load
from network.model import build
from policies.evaluate import evaluate
inventory = json.load(open(sys.argv[1], encoding="utf-8"))
verdicts = evaluate(views(inventory), build(load(sys.argv[2])), {})
print(sum(len(v.findings) for v in verdicts))
"""


def scaled(inventory: dict, copies: int) -> dict:
    resources = []
    for i in range(copies):
        def rename(urn, i=i):
            return f"{urn}-c{i}" if urn else urn
        for r in inventory["resources"]:
            if r["type"] == "pulumi:pulumi:Stack" and i:
                continue
            copy = dict(r, urn=rename(r["urn"]), name=f"{r['name']}-c{i}", parent=rename(r.get("parent")),
                        provider=rename(r.get("provider")))
            if "dependencies" in r:
                copy["dependencies"] = {k: [rename(u) for u in v] for k, v in r["dependencies"].items()}
            resources.append(copy)
    return {**inventory, "resources": resources}


def scaled_stack(resources: int) -> tuple[dict, int, Path, Path]:
    """(inventory, copies, where it is written, the stack file): 港区's recorded inventory
    repeated until it has about `resources` custom resources, written to bench/out."""
    from components.plan import record
    from network.declaration import load
    stack = ROOT / "stacks" / "Pulumi.131032-minato.yaml"
    base = record(load(stack)).as_dict()
    copies = max(1, round(resources / sum(1 for r in base["resources"] if r.get("custom"))))
    inventory = scaled(base, copies)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "inventory-scaled.json"
    path.write_text(json.dumps(inventory), encoding="utf-8")
    return inventory, copies, path, stack


def offline(path: Path, stack: Path, tree: Path = ROOT) -> float:
    """One whole offline evaluation, by the code of `tree` (another checkout: its own
    policies, on the same inventory; -P keeps this tree off its path)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-P", "-c", OFFLINE, str(path), str(stack)], cwd=tree, check=True,
                   capture_output=True, env={**os.environ, "PYTHONPATH": str(tree)})
    return time.perf_counter() - start


def through_grpc(inventory: dict, ours: bool = True) -> float:
    """One whole Analyzer run; `ours` False: pulumi_policy's own request loops
    (GOVCLOUD_ANALYZER=pulumi_policy), for the ratio."""
    from tests.policies.analyzer import PolicyPackProcess, requests
    single, stack = requests(inventory)
    start = time.perf_counter()
    pack = PolicyPackProcess(None if ours else {"GOVCLOUD_ANALYZER": "pulumi_policy"})
    try:
        for request in single:
            pack.stub.Analyze(request)
        pack.stub.AnalyzeStack(stack)
    finally:
        pack.stop()
    return time.perf_counter() - start


GO_SOURCE = ROOT / "bench" / "analyzer_client"


def go_client() -> Path | None:
    """The Go replay client, built into bench/out; None where Go or grpc-go is missing."""
    go = shutil.which("go")
    if go is None:
        return None
    out = OUT / "analyzer-client"
    env = {**os.environ, "GO111MODULE": "off", "GOPATH": os.environ.get("GOPATH", "/usr/share/gocode"),
           "GOCACHE": str(OUT / "gocache"), "GOFLAGS": ""}
    built = subprocess.run([go, "build", "-o", str(out), "main.go"], cwd=GO_SOURCE, env=env, capture_output=True,
                           text=True)
    if built.returncode != 0:
        print(f"the Go client did not build (is golang-google-grpc-dev installed?): {built.stderr.strip()[-500:]}")
        return None
    return out


def write_requests(inventory: dict, path: Path) -> None:
    """Every Analyze request, then the AnalyzeStack one, each as kind (a/s), 4-byte length, message."""
    from tests.policies.analyzer import requests
    single, stack = requests(inventory)
    with open(path, "wb") as out:
        for kind, message in [*((b"a", r) for r in single), (b"s", stack)]:
            body = message.SerializeToString()
            out.write(kind + len(body).to_bytes(4, "big") + body)


def _diagnostics(responses: Path) -> collections.Counter:
    from pulumi.runtime.proto import analyzer_pb2
    data, at, found = responses.read_bytes(), 0, collections.Counter()
    while at < len(data):
        size = int.from_bytes(data[at + 1:at + 5], "big")
        response = analyzer_pb2.AnalyzeResponse.FromString(data[at + 5:at + 5 + size])
        found.update((d.policyName, d.urn, d.enforcementLevel) for d in response.diagnostics)
        at += 5 + size
    return found


#: seconds per method, as the Go client reports them on stderr, per side
METHOD_TIMES: dict[str, list[dict[str, float]]] = collections.defaultdict(list)


def _replay(client: Path, port: int, requests_path: Path, responses: Path, side: str | None = None) -> None:
    """The Go client's replay; the time it spent in each method noted under `side`."""
    done = subprocess.run([str(client), f"127.0.0.1:{port}", str(requests_path), str(responses)], check=True,
                          capture_output=True, text=True)
    if side:
        spent = {}
        for line in done.stderr.splitlines():  # "/pulumirpc.Analyzer/Analyze 9768 calls 4.395 s"
            words = line.split()
            if len(words) == 5 and words[2] == "calls":
                spent[words[0].rsplit("/", 1)[-1]] = float(words[3])
        METHOD_TIMES[side].append(spent)


def through_go(client: Path, requests_path: Path, side: str | None = None) -> float:
    """One whole Analyzer run driven by the Go client (the pack started, every request, stopped)."""
    from tests.policies.analyzer import PolicyPackProcess
    start = time.perf_counter()
    pack = PolicyPackProcess()
    try:
        _replay(client, pack.port, requests_path, OUT / "responses.bin", side)
    finally:
        pack.stop()
    return time.perf_counter() - start


def empty_floor(client: Path, requests_path: Path) -> float:
    """The same requests replayed by the Go client against bench/empty_analyzer.py (already
    started: its start is not counted): Python's gRPC server alone, per call."""
    server = subprocess.Popen([sys.executable, str(ROOT / "bench" / "empty_analyzer.py")], stdout=subprocess.PIPE)
    try:
        port = int(server.stdout.readline())
        start = time.perf_counter()
        _replay(client, port, requests_path, OUT / "empty-responses.bin", "grpc-go-client-empty-analyzer")
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait()


def go_answers_as_python(client: Path) -> None:
    """On the AWS corpus of tests/policies (compliant and non-compliant resources), the Go
    client's diagnostics are exactly the Python client's, or its figures mean nothing."""
    from tests.policies.analyzer import PolicyPackProcess, analyze
    from tests.policies.test_corpus import recorded
    corpus = recorded("aws")
    write_requests(corpus, OUT / "corpus-requests.bin")
    through_go(client, OUT / "corpus-requests.bin")
    pack = PolicyPackProcess()
    try:
        python = collections.Counter((d.policyName, d.urn, d.enforcementLevel) for d in analyze(pack, corpus))
    finally:
        pack.stop()
    go = _diagnostics(OUT / "responses.bin")
    if go != python or not go:
        raise SystemExit(f"the Go client's answers differ from Python's: {sum(go.values())} vs {sum(python.values())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000,
                        help="about this many custom resources: as many copies of 港区 as it takes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-go", action="store_true", help="leave out the Go client's side")
    parser.add_argument("--sides", nargs="*", default=None, metavar="SIDE",
                        help="only these sides (offline, grpc, grpc-pulumi_policy-loops, grpc-go-client, "
                             "grpc-go-client-empty-analyzer); default: all")
    parser.add_argument("--offline-base", type=Path, default=None, metavar="TREE",
                        help="also time the offline side in this other checkout (e.g. a git worktree of an "
                             "earlier commit), alternated with this tree's: side offline-base")
    args = parser.parse_args()
    wanted = (lambda side: args.sides is None or side in args.sides)
    inventory, copies, path, stack = scaled_stack(args.resources)
    custom = sum(1 for r in inventory["resources"] if r.get("custom"))
    client = None if args.no_go else go_client()
    if client is not None:
        go_answers_as_python(client)
        write_requests(inventory, OUT / "requests.bin")
    offline(path, stack)  # warm-up: page cache and bytecode
    sides = {"offline": lambda: offline(path, stack), "grpc": lambda: through_grpc(inventory),
             **({"offline-base": lambda: offline(path, stack, args.offline_base.resolve())}
                if args.offline_base else {}),
             "grpc-pulumi_policy-loops": lambda: through_grpc(inventory, ours=False)}
    if client is not None:
        sides["grpc-go-client"] = lambda: through_go(client, OUT / "requests.bin", "grpc-go-client")
        sides["grpc-go-client-empty-analyzer"] = lambda: empty_floor(client, OUT / "requests.bin")
    sides = {side: run for side, run in sides.items() if wanted(side)}
    times = {side: [] for side in sides}
    for _ in range(args.runs):  # alternated, so every side sees the same machine
        for side, run in sides.items():
            times[side].append(run())
    print(f"{custom:,} resources ({copies} copies of 131032-minato), {args.runs} runs, whole process")
    for side, runs in times.items():
        median = statistics.median(runs)
        print(f"| {side} | {median:.2f} s | {custom / median:,.0f} resources/s | "
              f"{', '.join(f'{t:.2f}' for t in runs)} |")
    if {"grpc-go-client", "grpc-go-client-empty-analyzer"} <= set(times):  # the pack against the server alone,
        # run by run: steadier than either figure
        ratios = [ours / alone for ours, alone in zip(times["grpc-go-client"], times["grpc-go-client-empty-analyzer"])]
        print(f"grpc-go-client / grpc-go-client-empty-analyzer: {statistics.median(ratios):.2f}x (median; "
              f"{', '.join(f'{r:.2f}' for r in ratios)})")
    for side, runs in METHOD_TIMES.items():  # the rest of a side's time: the pack's start and stop
        methods = sorted({m for run in runs for m in run})
        print(f"{side}: " + "; ".join(f"{m} {statistics.median(run.get(m, 0.0) for run in runs):.2f} s (median)"
                                      for m in methods))


if __name__ == "__main__":
    main()
