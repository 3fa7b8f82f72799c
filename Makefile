# The README's two commands are `make run` and `make test`; everything else is set up from here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

GATEWAY_PORT ?= 8080
BACKEND_PORT ?= 8081
METRICS_PORT ?= 9090

.PHONY: run test lint tools bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "phigate needs Python 3.11 or newer"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/phigate demo --gateway-port $(GATEWAY_PORT) --backend-port $(BACKEND_PORT) --metrics-port $(METRICS_PORT)

test: $(STAMP) lint tools
	$(BIN)/pytest -q

# Debian packages the tests run for real: promtool (from prometheus) checks the alert rules,
# redis-server holds the budgets that replicas share.
tools:
	@command -v promtool >/dev/null && command -v redis-server >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq prometheus redis-server >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy gateway addons recognizers demo

bench: $(STAMP)
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python bench/run_bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
