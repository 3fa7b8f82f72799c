"""/metrics, /healthz and /readyz on the metrics port, served from a background thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from http.server import ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from gateway.http_handler import QuietHandler

log = logging.getLogger(__name__)


class HealthServer:
    """`/healthz` answers while the process runs; `/readyz` only once `is_ready()` is true."""

    def __init__(
        self, host: str, port: int, registry: CollectorRegistry, is_ready: Callable[[], bool]
    ) -> None:
        class Handler(QuietHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if path == "/metrics":
                    self.send_body(200, generate_latest(registry), CONTENT_TYPE_LATEST)
                elif path == "/healthz":
                    self.send_json(200, {"status": "ok"})
                elif path == "/readyz":
                    ready = is_ready()
                    self.send_json(200 if ready else 503, {"ready": ready})
                else:
                    self.send_json(404, {"error": {"code": "not_found", "message": "no such page"}})

        self._httpd = ThreadingHTTPServer((host, port), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="phigate-metrics", daemon=True
        )

    def start(self) -> None:
        self._thread.start()
        log.info("metrics, health and readiness on port %d", self.port)

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
