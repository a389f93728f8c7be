# Entry points. Each one creates .venv and installs requirements.txt when needed.
#   make serve          the site on http://127.0.0.1:8000, reloading on edits
#   make test           lint + every page's code blocks + the site's tests
#   make build          the publishable site into site/ (strict)
#   make check PAGE=docs/shapes.md   one page's blocks only (the quick loop)
#   make update-outputs rewrite expected-output files from real runs

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-requirements
export TF_CPP_MIN_LOG_LEVEL ?= 2
export NO_MKDOCS_2_WARNING ?= 1

.PHONY: serve test build check update-outputs lint system-packages clean

serve: $(INSTALLED) system-packages
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(INSTALLED) system-packages lint
	$(BIN)/python -m pytest

build: $(INSTALLED) system-packages
	$(BIN)/mkdocs build --strict --site-dir site

check: $(INSTALLED) system-packages
	$(BIN)/python -m pytest $(or $(PAGE),docs)

update-outputs: $(INSTALLED) system-packages
	$(BIN)/python -m pytest docs --update-outputs

lint: $(INSTALLED)
	$(BIN)/ruff check snippets tests conftest.py
	$(BIN)/ruff format --check snippets tests conftest.py

$(INSTALLED): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

# Graphviz (model diagrams) and Chromium (browser tests) come from the system.
system-packages:
	@bash .ci/system-packages

clean:
	rm -rf site .pytest_cache
