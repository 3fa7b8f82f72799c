from __future__ import annotations

import json
import urllib.error
import urllib.request

from gateway.health_server import HealthServer
from gateway.metrics import Metrics


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_readyz_only_once_ready_healthz_always() -> None:
    ready = False
    server = HealthServer("127.0.0.1", 0, Metrics().registry, lambda: ready)
    server.start()
    base = f"http://127.0.0.1:{server.port}"
    try:
        assert _get(base + "/healthz")[0] == 200
        status, body = _get(base + "/readyz")
        assert status == 503 and json.loads(body) == {"ready": False}
        ready = True
        assert _get(base + "/readyz")[0] == 200
        status, body = _get(base + "/metrics")
        assert status == 200 and b"phigate_build_info" in body
        assert _get(base + "/nope")[0] == 404
    finally:
        server.stop()
