# Vigil: the common tasks. `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The demo needs only Vigil and its runtime dependencies; tests and benchmarks add the extras.
DEV_EXTRAS ?= dev,bench,spark
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: install install-dev demo test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3

# The install compiles screening's loops: a changed .pyx installs (and compiles) again.
COMPILED := setup.py src/vigil/screening/_fast.pyx

$(RUN_STAMP): pyproject.toml $(COMPILED) | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $(RUN_STAMP)

$(DEV_STAMP): pyproject.toml $(COMPILED) | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[$(DEV_EXTRAS)]'
	touch $(RUN_STAMP) $(DEV_STAMP)

install: $(RUN_STAMP)

install-dev: $(DEV_STAMP)

demo: install
	$(BIN)/vigil demo

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install-dev
	$(BIN)/mypy --strict src/vigil

pytest: install-dev
	$(BIN)/pytest -n 2 -q

test: lint typecheck pytest

bench: install-dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) vigil-data .pytest_cache .mypy_cache .ruff_cache build src/vigil/screening/_fast.c src/vigil/screening/_fast.*.so
