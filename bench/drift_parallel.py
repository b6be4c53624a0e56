"""Drift's reads one by one against at once (clouds/aws/drift.py READERS), on the five-system
港区 of tests/clouds/aws/test_drift.py (6 accounts, 2 regions) built in moto, with a round
trip added to every request as a real endpoint has one (moto on loopback answers in about a
millisecond, and is then the limit itself). Both sides alternate in one run.

    python bench/drift_parallel.py [--latency 0.03] [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.simplefilter("ignore")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.03, help="seconds added to every request")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import botocore.endpoint

    import clouds.aws.drift as aws_drift
    from clouds.aws.sessions import drop_shared_clients
    from tests.clouds.aws.materialize import EXTERNAL_ID, materialize, session
    from tests.clouds.aws.moto_server import MotoServer
    from tests.clouds.aws.test_drift import INVENTORY, MINATO
    server = MotoServer()
    try:
        materialize(INVENTORY, server.url)
        send = botocore.endpoint.Endpoint._send

        def slow(self, request):
            time.sleep(args.latency)
            return send(self, request)
        botocore.endpoint.Endpoint._send = slow
        options = {"session": session(), "endpoint_url": server.url, "external_id": EXTERNAL_ID}
        times: dict[int, list[float]] = {1: [], aws_drift.READERS: []}
        calls = set()
        for _ in range(args.runs):
            for readers in times:
                aws_drift.READERS = readers
                drop_shared_clients()  # each scan makes its clients, as `govcloud drift` in a new process does
                start = time.perf_counter()
                _, n = aws_drift.scan(MINATO, options)
                times[readers].append(time.perf_counter() - start)
                calls.add(n)
    finally:
        server.stop()
    one, many = times.values()
    print(f"five-system 港区, {calls.pop() if len(calls) == 1 else sorted(calls)} calls, "
          f"{args.latency * 1000:.0f} ms added per request, {args.runs} runs each, alternated")
    print(f"| drift-readers | one by one vs {list(times)[1]} at once | {statistics.median(one):.2f} s | "
          f"{statistics.median(many):.2f} s | {statistics.median(one) / statistics.median(many):.1f}× | "
          f"one: {', '.join(f'{x:.2f}' for x in one)}; at once: {', '.join(f'{x:.2f}' for x in many)} |")


if __name__ == "__main__":
    main()
