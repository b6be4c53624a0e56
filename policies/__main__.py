"""The CrossGuard policy pack: `pulumi preview --policy-pack policies`.

The engine starts this file with the project's Python; it prints the port and serves the
Analyzer gRPC interface. The rules live in policies/rules and are shared with the offline
path of `govcloud validate`.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root: network/, policies/

from policies.crossguard import serve  # noqa: E402

serve()
