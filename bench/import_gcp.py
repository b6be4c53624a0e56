"""Time the import of the pulumi_gcp modules the Google Cloud components use.

    python bench/import_gcp.py [--runs 3]   # each run in a fresh interpreter
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

PROBE = """
import time, warnings
warnings.simplefilter("ignore")
t = time.perf_counter()
import pulumi_gcp as gcp
for mod, names in {"compute": ["Network", "Subnetwork", "Firewall", "Router", "RouterInterface", "RouterPeer",
                               "InterconnectAttachment", "HaVpnGateway", "ExternalVpnGateway", "VPNTunnel",
                               "RouterNat", "Route", "RouterRoutePolicy"],
                   "kms": ["KeyRing", "CryptoKey", "CryptoKeyIAMMember"], "logging": ["ProjectBucketConfig", "ProjectSink"],
                   "orgpolicy": ["Policy"], "organizations": ["get_project_output"]}.items():
    for n in names:
        getattr(getattr(gcp, mod), n)
print(time.perf_counter() - t)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = [float(subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout)
            for _ in range(parser.parse_args().runs)]
    print(f"| import-pulumi-gcp | pulumi_gcp modules the program uses | - | {statistics.median(runs):.2f} s | "
          f"{', '.join(f'{r:.2f}' for r in runs)} |")


if __name__ == "__main__":
    main()
