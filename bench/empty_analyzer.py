"""An Analyzer that does nothing, served exactly as pulumi_policy serves a pack (a sync
grpcio server, 4 worker threads, the same receive limit): bench/policy_scale.py replays the
same requests against it to measure what Python's gRPC server costs by itself per call,
the floor under any pack. Prints the port, then serves until stopped.

`--busy N` makes each Analyze count to N in Python first (N=1000: about 40 us on the 2-core
machine): what a handler of that length costs through the server, against the same time in
one process (BENCHMARKS.md, issue 19, session 18)."""
import sys
import time
from concurrent import futures

import grpc
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc
from pulumi_policy.policy import _GRPC_CHANNEL_OPTIONS


BUSY = int(sys.argv[sys.argv.index("--busy") + 1]) if "--busy" in sys.argv else 0


class Empty(analyzer_pb2_grpc.AnalyzerServicer):
    def Analyze(self, request, context):
        count = 0
        for i in range(BUSY):
            count += i
        return analyzer_pb2.AnalyzeResponse()

    def AnalyzeStack(self, request, context):
        return analyzer_pb2.AnalyzeResponse()


if __name__ == "__main__":
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), options=_GRPC_CHANNEL_OPTIONS)
    analyzer_pb2_grpc.add_AnalyzerServicer_to_server(Empty(), server)
    sys.stdout.buffer.write(f"{server.add_insecure_port('127.0.0.1:0')}\n".encode())
    sys.stdout.flush()
    server.start()
    while True:
        time.sleep(3600)
