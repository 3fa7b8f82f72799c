"""The backend behind the gateway during `make soak`: it serves every kind of traffic in the
mix and checks everything it receives for raw identifiers.

One threaded TCP server, HTTP/1.1 with keep-alive, read by hand so the backend sees the exact
bytes the gateway forwarded: JSON, forms, multipart and Socket.IO polling posts are answered
with a short reply; GET /page is an HTML page and GET /events a stream of server-sent
events, both carrying identifiers the gateway must mask on the way back; a WebSocket upgrade
(on wsproto, as mitmproxy itself uses) becomes a chat that answers each message.
Standard library and wsproto only.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import socket
import socketserver
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator

from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection,
    CloseConnection,
    Message,
    Request,
    TextMessage,
)

# Names the soak puts in requests after 我叫 (each one checked to be found there), and the
# fixed identifiers of the backend's own replies: few of them, so the gateway's budget of
# distinct patients per client is never what answers.
NAMES = tuple("张伟 王芳 李娜 刘洋 陈静 杨磊 赵敏 黄强 周杰 吴霞 徐丽 孙浩".split())
REPLY_NAME, REPLY_PHONE, REPLY_ID = "王芳", "13912345678", "440305198807154518"

_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_RESIDENT_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?![\dXx])")
_NAME = re.compile("|".join(NAMES))
_U_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")

JSON_REPLY = json.dumps(
    {"ok": True, "reply": f"已收到。{REPLY_NAME}医生助理会联系您，电话{REPLY_PHONE}"},
    ensure_ascii=False,
).encode()
HTML_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>患者信息</title></head><body>"
    f"<table><tr><td>姓名</td><td>{REPLY_NAME}</td></tr>"
    f"<tr><td>手机</td><td>{REPLY_PHONE}</td></tr>"
    f"<tr><td>身份证</td><td>{REPLY_ID}</td></tr></table>"
    f"<input name='mobile' value='{REPLY_PHONE}'></body></html>"
).encode()
SSE_EVENTS = 5


def sse_event(i: int) -> bytes:
    data = json.dumps({"text": f"第{i}条：{REPLY_NAME}，电话{REPLY_PHONE}"}, ensure_ascii=False)
    return f"id: {i}\nevent: msg\ndata: {data}\n\n".encode()


def raw_identifiers(data: bytes | str) -> list[str]:
    """The kinds of raw identifier in `data` ("PHONE_NUMBER", …), read every way the mix
    can carry one: UTF-8 or GBK, %-escaped or not, with or without JSON \\u escapes."""
    if isinstance(data, str):
        views = [data]
    else:
        views = [data.decode("utf-8", "replace"), data.decode("gbk", "replace")]
        ascii_text = data.decode("latin-1")
        for charset in ("utf-8", "gbk"):
            views.append(urllib.parse.unquote_plus(ascii_text, encoding=charset, errors="replace"))
    found = []
    for view in views:
        view = _U_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), view)
        if _PHONE.search(view):
            found.append("PHONE_NUMBER")
        if _RESIDENT_ID.search(view):
            found.append("CN_RESIDENT_ID")
        if _NAME.search(view):
            found.append("PERSON")
    return sorted(set(found))


class SoakBackend:
    """What it received, by the `x-soak-kind` header the soak sends (WebSocket messages as
    "websocket"), and the raw identifiers among it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: Counter[str] = Counter()
        self.leaks: Counter[str] = Counter()  # "kind PHONE_NUMBER"
        self.unreadable: Counter[str] = Counter()  # bodies the backend itself could not decode
        backend = self

        class Handler(socketserver.StreamRequestHandler):
            timeout = 60

            def handle(self) -> None:
                try:
                    backend._serve(self.rfile, self.connection)
                except (OSError, ValueError):
                    pass  # the gateway hung up; nothing to record

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def snapshot(self) -> dict[str, dict[str, int]]:
        with self.lock:
            return {
                "received": dict(self.received),
                "leaks": dict(self.leaks),
                "unreadable": dict(self.unreadable),
            }

    def reset(self) -> None:
        with self.lock:
            self.received.clear()
            self.leaks.clear()
            self.unreadable.clear()

    def _record(self, kind: str, data: bytes | str) -> None:
        found = raw_identifiers(data)
        with self.lock:
            self.received[kind] += 1
            for entity in found:
                self.leaks[f"{kind} {entity}"] += 1

    def _serve(self, rfile: io.BufferedIOBase, sock: socket.socket) -> None:
        while True:
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                line = rfile.readline(65536)
                if not line:
                    return
                head += line
            request_line, _, header_text = head.decode("latin-1").partition("\r\n")
            method, target, _ = request_line.split(" ", 2)
            headers = {
                k.strip().lower(): v.strip()
                for k, _, v in (h.partition(":") for h in header_text.split("\r\n") if h)
            }
            if headers.get("upgrade", "").lower() == "websocket":
                self._websocket(head, rfile, sock)
                return
            body = self._body(rfile, headers)
            kind = headers.get("x-soak-kind", "unknown")
            if headers.get("content-encoding") == "gzip":
                try:
                    body = gzip.decompress(body)
                except (OSError, EOFError):
                    with self.lock:
                        self.unreadable[kind] += 1
            if method == "POST":
                self._record(kind, body)
            path = target.split("?", 1)[0]
            if path == "/events":
                self._events(sock)
                return
            if path == "/page":
                self._reply(sock, b"text/html; charset=utf-8", HTML_PAGE)
            elif path.startswith("/socket.io/"):
                self._reply(sock, b"text/plain; charset=UTF-8", b"ok")
            else:
                self._reply(sock, b"application/json", JSON_REPLY)
            if headers.get("connection", "").lower() == "close":
                return

    @staticmethod
    def _body(rfile: io.BufferedIOBase, headers: dict[str, str]) -> bytes:
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(rfile.readline().split(b";")[0], 16)
                chunk = rfile.read(size + 2)
                if size == 0:
                    return body
                body += chunk[:-2]
        return bytes(rfile.read(int(headers.get("content-length") or 0)))

    @staticmethod
    def _reply(sock: socket.socket, content_type: bytes, body: bytes) -> None:
        sock.sendall(
            b"HTTP/1.1 200 OK\r\ncontent-type: "
            + content_type
            + b"\r\ncontent-length: "
            + str(len(body)).encode()
            + b"\r\n\r\n"
            + body
        )

    @staticmethod
    def _events(sock: socket.socket) -> None:
        """A stream of events that ends when the backend closes the connection."""
        sock.sendall(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\n"
            b"cache-control: no-cache\r\nconnection: close\r\n\r\n"
        )
        for i in range(SSE_EVENTS):
            sock.sendall(sse_event(i))
            time.sleep(0.02)

    def _websocket(self, head: bytes, rfile: io.BufferedIOBase, sock: socket.socket) -> None:
        ws = WSConnection(ConnectionType.SERVER)
        ws.receive_data(head)
        for event in ws.events():
            if isinstance(event, Request):
                sock.sendall(ws.send(AcceptConnection()))
        for message in ws_messages(ws, lambda: rfile.read1(65536)):
            if isinstance(message, CloseConnection):
                sock.sendall(ws.send(message.response()))
                return
            self._record("websocket", message)
            sock.sendall(ws.send(TextMessage(JSON_REPLY.decode())))


def ws_messages(
    ws: WSConnection, read: Callable[[], bytes]
) -> Iterator[str | bytes | CloseConnection]:
    """Whole WebSocket messages as they arrive, then the peer's close (or nothing if the peer
    hangs up without one)."""
    parts: list[str | bytes] = []
    while True:
        for event in ws.events():
            if isinstance(event, CloseConnection):
                yield event
                return
            if isinstance(event, Message):
                parts.append(event.data)
                if event.message_finished:
                    if isinstance(event, TextMessage):
                        yield "".join(p for p in parts if isinstance(p, str))
                    else:
                        yield b"".join(p for p in parts if isinstance(p, bytes))
                    parts = []
        data = read()
        if not data:
            return
        ws.receive_data(data)
