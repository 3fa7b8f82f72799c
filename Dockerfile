# phigate: privacy gateway for hospital chat traffic.
#
# Needs BuildKit: the default since Docker 23; DOCKER_BUILDKIT=1 on Docker 18.09 to 20.10.
# From an unpacked offline bundle (what `make image` does), nothing is fetched:
#   cd phigate-offline-<version> && docker build --network none -t phigate .
# From a source checkout, the builder stage fetches the wheels from PyPI:
#   docker build -t phigate .
# Then:
#   docker run --read-only -p 8080:8080 -p 9090:9090 \
#     -v /path/to/policy.yaml:/etc/phigate/policy.yaml:ro -v phigate-state:/var/lib/phigate \
#     phigate --upstream http://chat-backend:8081
#
# BASE_IMAGE is any Debian-like image with CPython 3.11 or 3.12 as `python3`, its venv
# module, and useradd: python:3.12-slim, or a site's own Debian bookworm base.
ARG BASE_IMAGE=python:3.12-slim

# Builder: collect the wheels this base's Python needs. A bundle's wheels/ serves every
# target, so only the matching ones are picked, from it alone; without wheels/, they are
# built from the source and PyPI.
FROM ${BASE_IMAGE} AS builder
COPY . /context
RUN set -eu; \
    python3 -m venv /opt/build; \
    if [ -d /context/wheels ]; then \
        /opt/build/bin/pip download --no-cache-dir --no-index --find-links /context/wheels \
            --constraint /context/requirements.txt --dest /wheels phigate; \
    else \
        /opt/build/bin/pip wheel --no-cache-dir --wheel-dir /wheels /context; \
    fi; \
    cp /context/config/default.yaml /wheels/policy.yaml

# Runtime: installed from those wheels only, run by an unprivileged user; it writes only to
# the state volume, so the root filesystem can be mounted read-only.
FROM ${BASE_IMAGE} AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PHIGATE_STATE_DIR=/var/lib/phigate \
    PATH=/opt/phigate/bin:$PATH

RUN useradd --system --uid 10001 --no-create-home --home-dir /var/lib/phigate phigate \
    && mkdir -p /var/lib/phigate /etc/phigate \
    && chown phigate:phigate /var/lib/phigate

# The wheels are mounted for this one step (BuildKit), so no layer of the image keeps them.
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    python3 -m venv /opt/phigate \
    && /opt/phigate/bin/pip install --no-cache-dir --no-index --find-links /wheels phigate \
    && cp /wheels/policy.yaml /etc/phigate/policy.yaml

USER phigate
VOLUME ["/var/lib/phigate"]
# 8080: the reverse proxy; 9090: /metrics, /healthz, /readyz
EXPOSE 8080 9090

HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9090/healthz', timeout=2)"]

ENTRYPOINT ["phigate", "run", "--listen-host", "0.0.0.0", "--metrics-host", "0.0.0.0", \
            "--config", "/etc/phigate/policy.yaml"]
CMD ["--upstream", "http://backend:8081"]
