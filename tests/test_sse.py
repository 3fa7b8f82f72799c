"""Server-sent events: rewritten event by event while they stream."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest

from gateway.http_handler import QuietHandler
from gateway.sse import SseRewriter
from tests.support.processes import GatewayProcess, phigate_run


def upper(data: bytes) -> bytes:
    return data.replace(b"13800138000", b"138****8000")


def test_sse_identifier_split_across_chunks_is_caught() -> None:
    rewrite = SseRewriter(upper)
    out = rewrite(b"event: msg\nid: 7\ndata: \xe7\x94\xb5\xe8\xaf\x9d138001")
    assert out == b""  # held back: the event is not complete yet
    out += rewrite(b"38000\n\ndata: next")
    assert out == "event: msg\nid: 7\ndata: 电话138****8000\n\n".encode()
    assert rewrite(b"") == b"data: next"


def test_sse_multiline_data_and_comments_pass() -> None:
    rewrite = SseRewriter(upper)
    out = rewrite(b": keep-alive\n\ndata: a\ndata: 13800138000\n\n")
    assert out == b": keep-alive\n\ndata: a\ndata: 138****8000\n\n"


def test_sse_event_over_bound_is_dropped_not_passed() -> None:
    rewrite = SseRewriter(upper, max_event=100)
    out = rewrite(b"data: " + b"13800138000" * 20)
    assert b"13800138000" not in out and b"dropped" in out


def test_sse_event_refused_by_scan_is_dropped() -> None:
    rewrite = SseRewriter(lambda data: None)
    assert b"13800138000" not in rewrite(b"data: 13800138000\n\n")


class SlowSse:
    """A backend that streams events and waits for the test before finishing the stream."""

    def __init__(self) -> None:
        self.first_event_seen = threading.Event()
        sse = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream; charset=utf-8")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write("data: 我叫张伟，电话138001".encode())
                self.wfile.flush()
                time.sleep(0.3)
                self.wfile.write(b"38000\n\n")
                self.wfile.flush()
                sse.first_event_seen.wait(20)  # the stream stays open until the client has it
                self.wfile.write("data: 第二条：身份证110101199003074258\n\n".encode())
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def sse_gateway(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SlowSse, GatewayProcess]]:
    backend = SlowSse()
    gw = phigate_run(backend.url, tmp_path_factory.mktemp("sse"))
    yield backend, gw
    gw.stop()
    backend.server.shutdown()
    backend.server.server_close()


@pytest.mark.e2e
def test_sse_arrives_masked_while_streaming(sse_gateway: tuple[SlowSse, GatewayProcess]) -> None:
    backend, gw = sse_gateway
    conn = http.client.HTTPConnection("127.0.0.1", gw.port, timeout=30)
    conn.request("GET", "/events")
    resp = conn.getresponse()
    assert resp.status == 200
    first = b""
    while not first.endswith(b"\n\n"):
        first += resp.read1(1024)
    # The first event arrived while the backend still holds the stream open.
    assert first == "data: 我叫张*，电话138****8000\n\n".encode()
    backend.first_event_seen.set()
    rest = resp.read()
    resp.close()
    conn.close()
    assert rest == "data: 第二条：身份证110101********4258\n\n".encode()
