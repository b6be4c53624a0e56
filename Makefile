# Two entry points for a fresh machine (Python 3.11+, network access to PyPI):
#   make demo   set up, then validate all stacks and plan 港区 (Minato) offline (no cloud, no Pulumi CLI)
#   make test   set up, then run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/govcloud validate --all
	$(BIN)/govcloud plan stacks/Pulumi.131032-minato.yaml

# Two workers, one per core; each test file stays on one worker, so a file's module
# fixtures (a materialized moto account, a policy-pack server) are built once.
test: $(STAMP)
	scripts/ci/ensure-browser
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: $(STAMP)
	$(BIN)/python bench/run.py

docs: $(STAMP)
	$(BIN)/python -m network.docgen > docs/declaration.md
	$(BIN)/python -m network.docgen errors > docs/errors.md
	$(BIN)/python -m network.docgen schema > docs/schema/stack.schema.json
	$(BIN)/python -W ignore -m policies.docgen > docs/policies.md

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis bench/out
