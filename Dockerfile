# phigate: privacy gateway for hospital chat traffic.
#   docker build -t phigate .
#   docker run -p 8080:8080 -p 9090:9090 -v /path/to/policy.yaml:/etc/phigate/policy.yaml:ro \
#     phigate --upstream http://chat-backend:8081
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PHIGATE_STATE_DIR=/var/lib/phigate

RUN useradd --system --uid 10001 --no-create-home --home-dir /var/lib/phigate phigate \
    && mkdir -p /var/lib/phigate /etc/phigate \
    && chown phigate:phigate /var/lib/phigate

WORKDIR /opt/phigate
COPY pyproject.toml README.md ./
COPY config ./config
COPY gateway ./gateway
COPY addons ./addons
COPY recognizers ./recognizers
COPY demo ./demo
RUN pip install --no-cache-dir . \
    && cp config/default.yaml /etc/phigate/policy.yaml

USER phigate
VOLUME ["/var/lib/phigate"]
# 8080: the reverse proxy; 9090: /metrics, /healthz, /readyz
EXPOSE 8080 9090

HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9090/healthz', timeout=2)"]

ENTRYPOINT ["phigate", "run", "--listen-host", "0.0.0.0", "--metrics-host", "0.0.0.0", \
            "--config", "/etc/phigate/policy.yaml"]
CMD ["--upstream", "http://backend:8081"]
