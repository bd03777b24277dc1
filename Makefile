# The two commands: `make demo` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= harmattan.duckdb
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench clean

$(STAMP): requirements/lock.txt pyproject.toml src/harmattan/geo/build.py $(wildcard src/harmattan/geo/data/*.json)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m harmattan.geo.build
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/harmattan ingest --sample --db $(DB)
	$(BIN)/harmattan summary --db $(DB)

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench eval
	$(BIN)/ruff format --check src tests bench eval

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_corroborate.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache src/harmattan/geo/gazetteer.sqlite3
