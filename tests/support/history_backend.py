"""A chat-history backend on loopback that pages through generated patient records, the
kind of API the real attacks scraped."""

from __future__ import annotations

import json
import threading
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from gateway.http_handler import QuietHandler

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"]


def patient(i: int) -> dict[str, str]:
    name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
    phone = f"139{(i * 7919 + 12345678) % 10**8:08d}"  # distinct for every i below 10**8
    return {"name": name, "phone": phone, "message": f"我叫{name}，最近失眠，电话{phone}"}


class HistoryBackend:
    """GET /api/history?page=P&size=S returns S records; /api/export?size=S one page."""

    def __init__(self) -> None:
        class Handler(QuietHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                url = urlparse(self.path)
                query = parse_qs(url.query)
                size = int(query.get("size", ["10"])[0])
                page = int(query.get("page", ["0"])[0])
                records = [patient(page * size + i) for i in range(size)]
                body = json.dumps({"page": page, "records": records}, ensure_ascii=False)
                self.send_body(200, body.encode(), "application/json; charset=utf-8")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
