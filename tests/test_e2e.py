"""The real gateway process (`phigate run`) in front of a real HTTP backend on loopback."""

from __future__ import annotations

import gzip
import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.http import request
from tests.support.processes import BIN, GatewayProcess, free_port, start_gateway
from tests.support.recording_backend import RecordingBackend, Reply

MESSAGE = "我叫张伟，电话13800138000，身份证110101199003074258"
MASKED = "我叫张*，电话138****8000，身份证110101********4258"
RAW = ("13800138000", "110101199003074258", "张伟")

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def fresh_backend(backend: RecordingBackend) -> Iterator[None]:
    backend.reset()
    yield


send = request  # (status, headers, body) of one request to the gateway


def post_json(
    gw: GatewayProcess, value: object, **headers: str
) -> tuple[int, dict[str, str], bytes]:
    body = json.dumps(value, ensure_ascii=False).encode()
    return send(gw, "POST", "/api/chat", body, {"content-type": "application/json", **headers})


def test_e2e_backend_receives_masked_json(
    gateway: GatewayProcess, backend: RecordingBackend
) -> None:
    status, _, _ = post_json(gateway, {"session": "s1", "message": MESSAGE})
    assert status == 200
    [got] = backend.received
    assert json.loads(got.body) == {"session": "s1", "message": MASKED}
    assert got.headers["content-length"] == str(len(got.body))


def test_e2e_client_receives_masked_response(
    gateway: GatewayProcess, backend: RecordingBackend
) -> None:
    backend.reply = Reply(body=json.dumps({"history": [MESSAGE]}, ensure_ascii=False).encode())
    status, headers, body = send(gateway, "GET", "/api/messages")
    assert status == 200
    assert json.loads(body) == {"history": [MASKED]}
    assert headers["content-length"] == str(len(body))


def test_e2e_gzip_request_and_br_response(
    gateway: GatewayProcess, backend: RecordingBackend
) -> None:
    import brotli

    backend.reply = Reply(
        body=brotli.compress(MESSAGE.encode()),
        headers={"content-type": "text/plain; charset=utf-8", "content-encoding": "br"},
    )
    body = gzip.compress(json.dumps({"message": MESSAGE}, ensure_ascii=False).encode())
    status, headers, reply = send(
        gateway,
        "POST",
        "/api/chat",
        body,
        {"content-type": "application/json", "content-encoding": "gzip", "accept-encoding": "br"},
    )
    assert status == 200
    [got] = backend.received
    assert got.headers["content-encoding"] == "gzip"
    assert json.loads(gzip.decompress(got.body)) == {"message": MASKED}
    assert headers["content-encoding"] == "br"
    assert brotli.decompress(reply).decode() == MASKED


def test_e2e_form_and_query_masked(gateway: GatewayProcess, backend: RecordingBackend) -> None:
    status, _, _ = send(
        gateway,
        "POST",
        "/api/form?mobile=13800138000",
        "name=张伟&phone=13800138000".encode(),
        {"content-type": "application/x-www-form-urlencoded; charset=utf-8"},
    )
    assert status == 200
    [got] = backend.received
    assert "13800138000" not in got.path
    assert got.body == b"name=%E5%BC%A0%2A&phone=138%2A%2A%2A%2A8000"


def test_e2e_oversized_body_refused_backend_gets_nothing(
    backend: RecordingBackend, tmp_path: Path
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("limits:\n  max_body_bytes: 4KiB\n")
    port, metrics_port = free_port(), free_port()
    gw = start_gateway(
        [
            str(BIN / "phigate"),
            "run",
            "--upstream",
            backend.url,
            "--listen-port",
            str(port),
            "--metrics-port",
            str(metrics_port),
            "--config",
            str(policy),
            "--state-dir",
            str(tmp_path),
        ],
        tmp_path,
        port,
        metrics_port,
    )
    try:
        status, _, body = send(gw, "POST", "/api/chat", b"x" * 5000, {"content-type": "text/plain"})
        assert status == 413
        assert json.loads(body)["error"]["code"] == "body_too_large"
        status, _, _ = send(gw, "POST", "/api/chat", b"x" * 100_000, {"content-type": "text/plain"})
        assert status == 413
        assert backend.received == []
    finally:
        gw.stop()


def test_e2e_unreadable_body_refused_with_json_error(
    gateway: GatewayProcess, backend: RecordingBackend
) -> None:
    status, headers, body = send(
        gateway,
        "POST",
        "/api/chat",
        b"not gzip at all",
        {"content-type": "application/json", "content-encoding": "gzip"},
    )
    assert status == 415
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "unreadable_body"
    assert backend.received == []


def test_e2e_unscannable_response_not_forwarded(
    gateway: GatewayProcess, backend: RecordingBackend
) -> None:
    backend.reply = Reply(body=b"\xff\xfe\x81 13800138000", headers={"content-type": "text/plain"})
    status, _, body = send(gateway, "GET", "/api/messages")
    assert status == 415
    assert b"13800138000" not in body


def test_e2e_metrics_health_and_readiness(gateway: GatewayProcess) -> None:
    post_json(gateway, {"message": MESSAGE})
    with urllib.request.urlopen(f"{gateway.metrics_url}/metrics") as resp:
        text = resp.read().decode()
    for name in (
        "phigate_requests_total",
        "phigate_findings_total",
        "phigate_scan_duration_seconds_bucket",
        "phigate_blocked_total",
        "phigate_build_info",
    ):
        assert name in text
    phone = 'action="mask",direction="request",entity_type="PHONE_NUMBER"'
    assert re.search(r"phigate_findings_total\{" + phone + r"\} [1-9]", text)
    for raw in RAW:
        assert raw not in text
    for path in ("/healthz", "/readyz"):
        with urllib.request.urlopen(f"{gateway.metrics_url}{path}") as resp:
            assert resp.status == 200


def test_e2e_log_never_holds_raw_identifiers(
    gateway: GatewayProcess, backend: RecordingBackend
) -> None:
    post_json(gateway, {"message": MESSAGE})
    send(gateway, "GET", "/api/lookup?mobile=13800138000")
    send(
        gateway,
        "POST",
        "/api/chat",
        b"bad",
        {"content-type": "application/json", "content-encoding": "br"},
    )
    log = gateway.log()
    assert "client connect" in log  # the log is really being captured
    for raw in RAW:
        assert raw not in log


def test_e2e_plain_mitmdump_loads_the_addon(backend: RecordingBackend, tmp_path: Path) -> None:
    port, metrics_port = free_port(), free_port()
    root = Path(__file__).resolve().parent.parent
    gw = start_gateway(
        [
            str(BIN / "mitmdump"),
            "--mode",
            f"reverse:{backend.url}",
            "--listen-host",
            "127.0.0.1",
            "--listen-port",
            str(port),
            "-s",
            str(root / "addons" / "phigate.py"),
            "--set",
            f"phigate_metrics_port={metrics_port}",
            "--set",
            f"phigate_state_dir={tmp_path}",
            "--set",
            f"confdir={tmp_path / 'mitmproxy'}",
        ],
        tmp_path,
        port,
        metrics_port,
    )
    try:
        status, _, _ = post_json(gw, {"message": MESSAGE})
        assert status == 200
        assert json.loads(backend.received[0].body) == {"message": MASKED}
    finally:
        gw.stop()


def test_e2e_run_with_broken_policy_exits_with_line(tmp_path: Path) -> None:
    import subprocess

    policy = tmp_path / "policy.yaml"
    policy.write_text("default:\n  action: scramble\n")
    result = subprocess.run(
        [str(BIN / "phigate"), "run", "--upstream", "http://127.0.0.1:9", "--config", str(policy)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "line 2" in result.stderr
