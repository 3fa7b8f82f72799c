# The README's two commands are `make run` and `make test`; everything else is set up from here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

GATEWAY_PORT ?= 8080
BACKEND_PORT ?= 8081
METRICS_PORT ?= 9090

.PHONY: run test lint tools screenshot bench flamegraph soak fuzz clean

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
# redis-server holds the budgets that replicas share, chromium and its driver open the demo
# widget, and a CJK font lets its screenshot show Chinese rather than empty boxes.
DEBIAN_TOOLS := prometheus redis-server chromium chromium-driver fonts-wqy-zenhei
tools:
	@command -v promtool >/dev/null && command -v redis-server >/dev/null \
		&& command -v chromium >/dev/null && command -v chromedriver >/dev/null \
		&& dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq $(DEBIAN_TOOLS) >/dev/null; }

# The README's picture of the widget, as headless Chromium sees it after a message is sent.
screenshot: $(STAMP) tools
	PHIGATE_SCREENSHOT=docs/demo-widget.png $(BIN)/pytest -q tests/test_browser.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy gateway addons recognizers demo

# A py-spy flame graph of the detection engine over the benchmark's messages (start-up at
# the left): docs/flamegraph-scan.svg.
flamegraph: $(STAMP)
	$(BIN)/py-spy record --rate 200 -o docs/flamegraph-scan.svg -- $(BIN)/python bench/scan_profile.py

bench: $(STAMP)
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python bench/run_bench.py $(BENCH_ARGS)

# The real gateway under a steady mix of every kind of traffic for SOAK_MINUTES, at SOAK_RATE
# requests per second: errors, fail-closed events, leaks and memory growth (bench/soak.py).
SOAK_MINUTES ?= 10
SOAK_RATE ?= 40
soak: $(STAMP)
	$(BIN)/python bench/soak.py --minutes $(SOAK_MINUTES) --rate $(SOAK_RATE)

# The property tests of tests/test_properties.py with fresh random cases, many more of them.
FUZZ_EXAMPLES ?= 2000
fuzz: $(STAMP)
	PHIGATE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q -p no:cacheprovider tests/test_properties.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

# Air-gapped delivery: README's "Installing without internet".
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
BUNDLE_DIR := dist/phigate-offline-$(VERSION)
DOCKER ?= docker
BASE_IMAGE ?= python:3.12-slim
IMAGE ?= phigate:$(VERSION)

.PHONY: bundle image image-tarball test-image image-tools

# dist/phigate-offline-<version>.tar.gz, and the same unpacked in dist/phigate-offline-<version>/
bundle: $(STAMP)
	$(BIN)/python scripts/build_bundle.py --out dist

# The image from the bundle's wheels: the unpacked bundle is the build context, and the
# build has no network.
image: bundle
	DOCKER_BUILDKIT=1 $(DOCKER) build --network none --build-arg BASE_IMAGE=$(BASE_IMAGE) \
		-t $(IMAGE) $(BUNDLE_DIR)

# docker save output, base layers included, to carry in: docker load -i <file>
image-tarball: image
	rm -f dist/phigate-image-$(VERSION).tar dist/phigate-image-$(VERSION).tar.gz
	$(DOCKER) save -o dist/phigate-image-$(VERSION).tar $(IMAGE)
	gzip -1 dist/phigate-image-$(VERSION).tar
	@echo "dist/phigate-image-$(VERSION).tar.gz: $(IMAGE) on $(BASE_IMAGE)"

# The image built and run for real by the tests' own dockerd (Debian's docker.io) on a
# Debian bookworm base made with debootstrap. Where dockerd cannot start, it says so and
# why, and passes: the bundle's own tests run in `make test` either way.
test-image: $(STAMP) image-tools
	@if $(BIN)/python -m tests.support.dockerd check; then \
		PHIGATE_IMAGE_TEST=1 $(BIN)/pytest -q -rs tests/test_image.py; \
	else \
		echo "make test-image: SKIPPED, no Docker engine can run on this machine (reason above)"; \
	fi

# Debian packages the image test runs: the engine, and debootstrap for the base image.
image-tools:
	@command -v dockerd >/dev/null && command -v debootstrap >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq docker.io debootstrap fuse-overlayfs >/dev/null; }
