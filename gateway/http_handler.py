"""A small base for the standard-library HTTP servers phigate runs (metrics, demo backend)."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import Any


class QuietHandler(BaseHTTPRequestHandler):
    """Sends whole bodies with a Content-Length and logs nothing per request (a request
    line can carry identifiers, and scrapes every few seconds would drown the log)."""

    def send_body(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_json(self, status: int, value: Any) -> None:
        body = json.dumps(value, ensure_ascii=False).encode()
        self.send_body(status, body, "application/json; charset=utf-8")

    def log_message(self, format: str, *args: object) -> None:
        pass
