"""The demo counselling backend: stores chat messages and shows what it stored.

It stands for the chat vendor's server. Everything it stores arrived through phigate, so
the /stored page shows exactly what a thief who breached the vendor would get.
"""

from __future__ import annotations

import html
import json
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from gateway.http_handler import QuietHandler

REPLY = "您好，已收到您的咨询，医生会尽快回复您。"


class Store:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.messages: list[dict[str, Any]] = []

    def add(self, record: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            record = {"id": len(self.messages) + 1, "time": time.strftime("%H:%M:%S"), **record}
            self.messages.append(record)
            return record

    def all(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.messages)


def make_server(host: str, port: int, store: Store | None = None) -> ThreadingHTTPServer:
    shared = store or Store()
    widget = (Path(__file__).parent / "static" / "widget.html").read_bytes()

    class Handler(QuietHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/", "/widget"):
                self.send_body(200, widget, "text/html; charset=utf-8")
            elif path in ("/api/messages", "/console/messages"):
                self.send_json(200, {"messages": shared.all()})
            elif path == "/stored":
                self.send_body(200, _stored_page(shared.all()), "text/html; charset=utf-8")
            else:
                self.send_json(404, {"error": "not found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length)
            ctype = (self.headers.get("content-type") or "").split(";")[0].strip().lower()
            try:
                if ctype == "application/json":
                    data = json.loads(raw.decode("utf-8"))
                elif ctype == "application/x-www-form-urlencoded":
                    data = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
                else:
                    data = {"message": raw.decode("utf-8")}
            except (ValueError, UnicodeDecodeError):
                self.send_json(400, {"error": "unreadable body"})
                return
            if not isinstance(data, dict):
                self.send_json(400, {"error": "expected an object"})
                return
            record = shared.add({"path": self.path.split("?", 1)[0], "data": data})
            self.send_json(200, {"id": record["id"], "stored": data, "reply": REPLY})

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    server.store = shared  # type: ignore[attr-defined]
    return server


def _stored_page(messages: list[dict[str, Any]]) -> bytes:
    rows = "".join(
        f"<tr><td>{m['id']}</td><td>{m['time']}</td><td>{html.escape(m['path'])}</td>"
        f"<td><code>{html.escape(json.dumps(m['data'], ensure_ascii=False))}</code></td></tr>"
        for m in messages
    )
    page = f"""<!doctype html><html lang="zh-CN"><meta charset="utf-8">
<title>Demo backend: what it stored</title>
<style>body{{font-family:sans-serif;margin:2em}}td,th{{border:1px solid #ccc;padding:.4em}}
table{{border-collapse:collapse}}</style>
<h1>What the backend stored</h1>
<p>Every message below reached the backend through phigate.</p>
<table><tr><th>#</th><th>time</th><th>path</th><th>body</th></tr>{rows}</table>
<p>{len(messages)} message(s). Reload to refresh.</p></html>"""
    return page.encode()
