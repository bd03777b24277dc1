# The two commands: `make demo` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= harmattan.duckdb
STAMP := $(VENV)/.installed
# The dashboard's front-end assets come from the npm registry (web/package-lock.json)
# and are served from the package: never from a CDN.
VENDOR := src/harmattan/web/static/vendor
VENDOR_STAMP := $(VENDOR)/.installed

.PHONY: demo test lint typecheck pytest bench clean browser

$(STAMP): requirements/lock.txt pyproject.toml src/harmattan/geo/build.py $(wildcard src/harmattan/geo/data/*.json)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m harmattan.geo.build
	touch $(STAMP)

$(VENDOR_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp web/node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp web/node_modules/topojson-client/LICENSE $(VENDOR)/topojson-client.LICENSE
	cp web/node_modules/world-atlas/countries-110m.json $(VENDOR)/
	cp web/node_modules/world-atlas/LICENSE $(VENDOR)/world-atlas.LICENSE
	touch $(VENDOR_STAMP)

# Browser tests drive Debian's Chromium; install it when it is missing (CI runs as root).
browser:
	command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

demo: $(STAMP) $(VENDOR_STAMP)
	$(BIN)/harmattan alerts add --replace --from src/harmattan/data/sample/alerts.toml --db $(DB)
	$(BIN)/harmattan ingest --sample --db $(DB)
	$(BIN)/harmattan ingest src/harmattan/data/sample/articles_fr.jsonl --db $(DB)
	$(BIN)/harmattan summary --db $(DB)
	$(BIN)/harmattan alerts --db $(DB)

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench eval
	$(BIN)/ruff format --check src tests bench eval

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(VENDOR_STAMP) browser
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_corroborate.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache src/harmattan/geo/gazetteer.sqlite3 \
		web/node_modules $(VENDOR)
