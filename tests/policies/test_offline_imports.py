"""Evaluating an inventory offline does not load pulumi_policy, nor through it the Pulumi
SDK (a quarter of evaluating 10,000 resources, BENCHMARKS.md issue 19): the rules catch a
value unknown in preview through policies.evaluate.unknown_in_preview(), which names
pulumi_policy's error only once something has loaded it."""
from __future__ import annotations

import json
import subprocess
import sys

from policies.evaluate import evaluate, unknown_in_preview
from policies.unknowns import UnknownInResource
from inventory.format import views
from network.declaration import load
from network.model import build
from tests.conftest import ROOT, SAMPLES, inventory_of

OFFLINE = """
import json, sys
from inventory.format import views
from network.declaration import load
from network.model import build
from policies.evaluate import evaluate, unknown_in_preview
verdicts = evaluate(views(json.load(open(sys.argv[1], encoding="utf-8"))), build(load(sys.argv[2])), {})
print(json.dumps({"verdicts": sorted((v.rule.id, v.status, len(v.findings)) for v in verdicts),
                  "loaded": sorted(m for m in sys.modules if m.split(".")[0] in ("pulumi", "pulumi_policy")),
                  "catches": [c.__name__ for c in unknown_in_preview()]}))
"""


def test_offline_evaluation_loads_no_pulumi_and_gives_the_same_verdicts(tmp_path):
    inventory = inventory_of("setagaya").as_dict()
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(inventory), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", OFFLINE, str(path), str(SAMPLES["setagaya"])], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    offline = json.loads(done.stdout)
    assert offline["loaded"] == [] and offline["catches"] == []
    here = evaluate(views(inventory), build(load(SAMPLES["setagaya"])), {})
    assert offline["verdicts"] == [list(v) for v in sorted((v.rule.id, v.status, len(v.findings)) for v in here)]


def test_once_pulumi_policy_is_loaded_its_unknown_value_error_is_caught():
    from pulumi_policy.proxy import UnknownValueError
    assert unknown_in_preview() == (UnknownValueError,)
    assert issubclass(UnknownInResource, unknown_in_preview())  # what our proxy raises in preview
