"""Real-world bodies through the real gateway (`phigate run`) in front of a real backend:
Chinese charsets, HTML, escaped and hostile JSON."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import pytest

from tests.support.http import request
from tests.support.processes import GatewayProcess, descendants, phigate_run, running
from tests.support.recording_backend import RecordingBackend, Reply

pytestmark = pytest.mark.e2e

MESSAGE = "我叫张伟，电话13800138000，身份证110101199003074258"
MASKED = "我叫张*，电话138****8000，身份证110101********4258"
RAW = (b"13800138000", b"110101199003074258")
SCAN_TIMEOUT = 5  # the default policy's limits.scan_timeout_seconds


@pytest.fixture(autouse=True)
def fresh_backend(backend: RecordingBackend) -> Iterator[None]:
    backend.reset()
    yield


def post(gw: GatewayProcess, body: bytes, content_type: str) -> tuple[int, bytes]:
    status, _, reply = request(gw, "POST", "/api/chat", body, {"content-type": content_type})
    return status, reply


def received(backend: RecordingBackend) -> bytes:
    [got] = backend.received
    assert got.headers["content-length"] == str(len(got.body))
    for raw in RAW:
        assert raw not in got.body
    return got.body


@pytest.mark.parametrize("content_type", ["; charset=gbk", ""], ids=["declared", "undeclared"])
def test_e2e_gbk_form_reaches_backend_in_gbk_masked(
    gateway: GatewayProcess, backend: RecordingBackend, content_type: str
) -> None:
    form = {"name": "张伟", "phone": "13800138000", "msg": MESSAGE}
    body = urlencode(form, encoding="gbk").encode()
    status, _ = post(gateway, body, "application/x-www-form-urlencoded" + content_type)
    assert status == 200
    got = dict(parse_qsl(received(backend).decode("ascii"), encoding="gbk", errors="strict"))
    assert got == {"name": "张*", "phone": "138****8000", "msg": MASKED}


def test_e2e_gbk_json_and_text_reach_backend_in_gbk_masked(
    gateway: GatewayProcess, backend: RecordingBackend
) -> None:
    body = json.dumps({"message": MESSAGE}, ensure_ascii=False).encode("gbk")
    assert post(gateway, body, "application/json; charset=gbk")[0] == 200
    assert json.loads(received(backend).decode("gbk")) == {"message": MASKED}
    backend.reset()
    assert post(gateway, MESSAGE.encode("gbk"), "text/plain; charset=GBK")[0] == 200
    assert received(backend) == MASKED.encode("gbk")


def test_e2e_big5_text_masked(gateway: GatewayProcess, backend: RecordingBackend) -> None:
    message = "我叫張偉，電話13800138000，身份證110101199003074258"
    assert post(gateway, message.encode("big5"), "text/plain; charset=big5")[0] == 200
    assert received(backend).decode("big5") == "我叫張*，電話138****8000，身份證110101********4258"


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (MESSAGE.encode("utf-16"), "text/plain; charset=utf-16", MASKED.encode("utf-16")),
        (MESSAGE.encode("utf-16-le"), "text/plain; charset=utf-16le", MASKED.encode("utf-16-le")),
        (MESSAGE.encode("utf-16-be"), "text/plain; charset=utf-16be", MASKED.encode("utf-16-be")),
    ],
    ids=["bom", "le-no-bom", "be-no-bom"],
)
def test_e2e_utf16_masked_in_utf16(
    gateway: GatewayProcess,
    backend: RecordingBackend,
    body: bytes,
    content_type: str,
    expected: bytes,
) -> None:
    assert post(gateway, body, content_type)[0] == 200
    [got] = backend.received
    assert got.body == expected


def test_e2e_undeclared_gb18030_is_guessed(
    gateway: GatewayProcess, backend: RecordingBackend
) -> None:
    assert post(gateway, MESSAGE.encode("gb18030"), "text/plain")[0] == 200
    assert received(backend) == MASKED.encode("gb18030")


def test_e2e_bytes_invalid_in_declared_charset_refused(
    gateway: GatewayProcess, backend: RecordingBackend
) -> None:
    status, reply = post(gateway, MESSAGE.encode("gbk") + b"\x81", "text/plain; charset=gbk")
    assert status == 415
    assert json.loads(reply)["error"]["code"] == "unreadable_body"
    assert backend.received == []


def test_e2e_html_response_masked_in_text_and_attributes(
    gateway: GatewayProcess, backend: RecordingBackend
) -> None:
    page = (
        '<html><head><meta charset="gbk"></head><body>'
        "<p>患者张伟，电话1&#51;800138000</p>"
        '<input name="mobile" value="13800138000">'
        "<img alt='身份证110101199003074258' src=a.png>"
        "</body></html>"
    )
    backend.reply = Reply(body=page.encode("gbk"), headers={"content-type": "text/html"})
    status, headers, body = request(gateway, "GET", "/records/1")
    assert status == 200
    assert headers["content-length"] == str(len(body))
    assert body.decode("gbk") == (
        '<html><head><meta charset="gbk"></head><body>'
        "<p>患者张*，电话138****8000</p>"  # the reference between two masked spans is rewritten
        '<input name="mobile" value="138****8000">'
        "<img alt='身份证110101********4258' src=a.png>"
        "</body></html>"
    )


@pytest.mark.parametrize(
    "body",
    [
        b'{"msg": "\\u5f20\\u4f1f \\u7535\\u8bdd \\u0031\\u0033\\u0038\\u0030\\u0030138000"}',
        b'{"msg": "\\u5f20\\u4f1f \\u7535\\u8bdd \\u0031\\u0033\\u0038\\u0030\\u0030138000"',
    ],
    ids=["valid", "malformed"],
)
def test_e2e_json_unicode_escapes_masked(
    gateway: GatewayProcess, backend: RecordingBackend, body: bytes
) -> None:
    assert post(gateway, body, "application/json")[0] == 200
    got = received(backend)
    closed = got if got.endswith(b"}") else got + b"}"
    assert json.loads(closed) == {"msg": "张* 电话 138****8000"}


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("[", "]"), ('{"a":', "}")],
    ids=["array", "object"],
)
def test_e2e_json_ten_thousand_deep_scanned_and_answered(
    gateway: GatewayProcess, backend: RecordingBackend, opening: str, closing: str
) -> None:
    value = json.dumps(MESSAGE, ensure_ascii=False)
    body = (opening * 10_000 + value + closing * 10_000).encode()
    started = time.monotonic()
    status, _ = post(gateway, body, "application/json")
    assert time.monotonic() - started < SCAN_TIMEOUT
    assert status == 200
    assert received(backend) == body.replace(MESSAGE.encode(), MASKED.encode())


def test_e2e_default_body_limit_still_applies(
    gateway: GatewayProcess, backend: RecordingBackend
) -> None:
    body = b'{"msg": "' + b"a" * (8 << 20) + b'"}'
    status, reply = post(gateway, body, "application/json")
    assert status == 413
    assert json.loads(reply)["error"]["code"] == "body_too_large"
    assert backend.received == []


def test_e2e_five_megabyte_string_answered_within_the_scan_timeout(
    backend: RecordingBackend, tmp_path: Path
) -> None:
    # Its own gateway: the scanner needs far longer than the timeout for 5 MB, so its
    # worker is killed and replaced; stopping the gateway must leave no process behind.
    gw = phigate_run(backend.url, tmp_path, "--workers", "1")
    try:
        body = json.dumps({"message": "a" * (5 << 20) + " " + MESSAGE}, ensure_ascii=False)
        started = time.monotonic()
        status, reply = post(gw, body.encode(), "application/json")
        elapsed = time.monotonic() - started
        assert elapsed < SCAN_TIMEOUT + 5
        assert (status, json.loads(reply)["error"]["code"]) == (503, "scan_timeout")
        assert backend.received == []
    finally:
        left = descendants(gw.process.pid)
        gw.stop()
    deadline = time.monotonic() + 5
    while any(map(running, left)):
        assert time.monotonic() < deadline, "a worker outlived the gateway"
        time.sleep(0.1)
