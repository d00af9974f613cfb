# codify: `make demo` builds the example playbooks, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLES := $(wildcard examples/*)

.PHONY: demo test lint typecheck pytest bench golden readme-rules format-doc clean check-python check-pango

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "codify needs Python 3.11 or newer (set PYTHON=python3.12, say)"; exit 1; }

check-pango:
	@if ! $(PYTHON) -c 'import ctypes.util as u, sys; sys.exit(0 if u.find_library("pango-1.0") and u.find_library("pangoft2-1.0") else 1)'; then \
	  echo "WeasyPrint needs Pango from the system, which is missing."; \
	  echo "Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"; \
	  echo "Fedora: sudo dnf install pango    macOS: brew install pango"; \
	  exit 1; fi

$(STAMP): pyproject.toml | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP) check-pango
	@# The examples keep two mistakes on purpose (york.yaml, ayrshire.yaml), to show the findings.
	$(BIN)/codify validate examples/*/innovation.yaml examples/*/sites/*.yaml || true
	@for e in $(EXAMPLES); do \
	  $(BIN)/codify diff $$e --fail-on never --no-info || exit 1; \
	  $(BIN)/codify build $$e -o out/ || exit 1; \
	  $(BIN)/codify build $$e --all-sites --jobs 2 -o out/ || exit 1; \
	done
	@echo; echo "Playbooks are in out/:"; ls out/

lint: $(STAMP)
	$(BIN)/ruff check codify tests bench
	$(BIN)/ruff format --check codify tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) check-pango
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(STAMP) check-pango
	$(BIN)/python bench/bench.py

golden: $(STAMP)
	CODIFY_REFRESH_GOLDEN=1 $(BIN)/pytest -q -s -p no:cacheprovider tests/test_golden.py

clean:
	rm -rf out dist build .mypy_cache .ruff_cache .pytest_cache

format-doc: $(STAMP)
	$(BIN)/python -c 'import pathlib; from codify.validate.reference import format_reference; pathlib.Path("docs/format.md").write_text(format_reference(), encoding="utf-8")'

readme-rules: $(STAMP)
	$(BIN)/python -c 'import re, pathlib; from codify.vocab import rules_markdown; p = pathlib.Path("README.md"); t = p.read_text(); s = t.index("| rule | severity | when |"); e = t.index("\n\n", s); p.write_text(t[:s] + rules_markdown() + t[e:])'
