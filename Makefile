# Two entry points for a fresh machine (Python 3.11+, network access to PyPI):
#   make demo   set up, then validate all stacks and plan 港区 (Minato) offline (no cloud, no Pulumi CLI)
#   make test   set up, then run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

#: the project's own packages (pyproject.toml [tool.setuptools.packages.find] include)
PACKAGES := network clouds inventory components policies drift review pipeline scripts

.PHONY: demo test bench docs clean compiled

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# An editable install is not byte-compiled, and where PYTHONDONTWRITEBYTECODE is set (CI images
# often set it) every govcloud run would compile the project's modules again (about 0.1 s of
# a review). compileall writes them whatever that variable says, and skips what is current.
compiled: $(STAMP)
	$(BIN)/python -m compileall -q $(PACKAGES)

demo: $(STAMP) compiled
	$(BIN)/govcloud validate --all
	$(BIN)/govcloud plan stacks/Pulumi.131032-minato.yaml

# Two workers, one per core; each test file stays on one worker, so a file's module
# fixtures (a materialized moto account, a policy-pack server) are built once.
test: $(STAMP) compiled
	scripts/ci/ensure-browser
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: $(STAMP) compiled
	$(BIN)/python bench/run.py

docs: $(STAMP)
	$(BIN)/python -m network.docgen > docs/declaration.md
	$(BIN)/python -m network.docgen errors > docs/errors.md
	$(BIN)/python -m network.docgen schema > docs/schema/stack.schema.json
	$(BIN)/python -W ignore -m policies.docgen > docs/policies.md

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis bench/out
