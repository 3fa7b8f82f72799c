"""TLS through the real `phigate run`: clients reach the gateway over HTTPS with the
hospital's certificate, the gateway verifies the backend against a CA bundle of its own,
and identifiers are masked end to end. Certificates come from test CAs made here."""

from __future__ import annotations

import http.client
import json
import os
import ssl
import stat
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pytest

from gateway.errors import ConfigError
from gateway.policy import TlsSettings
from gateway.tls import check_upstream, write_listener_pem
from tests.support.certs import TestCA
from tests.support.http import request
from tests.support.processes import BIN, GatewayProcess, free_port, phigate_run
from tests.support.recording_backend import RecordingBackend, Reply

MESSAGE = "我叫张伟，电话13800138000，身份证110101199003074258"
MASKED = "我叫张*，电话138****8000，身份证110101********4258"
RAW = ("13800138000", "110101199003074258", "张伟")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TestCA]:
    """Three unrelated CAs: the hospital's (clients trust it), the one the backend's
    certificate comes from, and a rogue one."""
    root = tmp_path_factory.mktemp("pki")
    return {name: TestCA(root / name, name) for name in ("hospital", "backend", "rogue")}


def server_context(ca: TestCA) -> ssl.SSLContext:
    issued = ca.issue()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(issued.cert, issued.key)
    return context


@pytest.fixture(scope="module")
def tls_backend(pki: dict[str, TestCA]) -> Iterator[RecordingBackend]:
    server = RecordingBackend(tls=server_context(pki["backend"]))
    yield server
    server.close()


@pytest.fixture(scope="module")
def tls_gateway(
    pki: dict[str, TestCA], tls_backend: RecordingBackend, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GatewayProcess]:
    hospital = pki["hospital"].issue()
    gw = phigate_run(
        tls_backend.url,
        tmp_path_factory.mktemp("tls-gateway"),
        "--workers=0",
        f"--cert={hospital.cert}",
        f"--key={hospital.key}",
        f"--upstream-ca={pki['backend'].pem}",
    )
    yield gw
    gw.stop()


def https(
    gw: GatewayProcess,
    ca: TestCA,
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """One request over HTTPS to `localhost`, trusting only `ca`, hostname checked."""
    context = ssl.create_default_context(cafile=str(ca.pem))
    return request(gw, method, path, body, headers, tls=context)


class BrowserAlpnContext(ssl.SSLContext):
    """Offers h2 before http/1.1, as browsers do. httpx offers http/1.1 first, and the
    gateway (mitmproxy) honours the client's order, so httpx alone would get HTTP/1.1."""

    def set_alpn_protocols(self, alpn_protocols: Iterable[str]) -> None:
        super().set_alpn_protocols(sorted(alpn_protocols, key=lambda p: p != "h2"))


def chat(message: str) -> bytes:
    return json.dumps({"message": message}, ensure_ascii=False).encode()


JSON = {"content-type": "application/json"}


@pytest.mark.e2e
def test_tls_identifiers_masked_from_https_client_to_verified_backend(
    pki: dict[str, TestCA], tls_gateway: GatewayProcess, tls_backend: RecordingBackend
) -> None:
    tls_backend.reset()
    tls_backend.reply = Reply(body=json.dumps({"history": [MESSAGE]}, ensure_ascii=False).encode())
    status, _, body = https(tls_gateway, pki["hospital"], "POST", "/api/chat", chat(MESSAGE), JSON)
    assert status == 200, body
    assert json.loads(body) == {"history": [MASKED]}
    [got] = tls_backend.received
    assert json.loads(got.body) == {"message": MASKED}
    assert not any(raw.encode() in got.body for raw in RAW)


@pytest.mark.e2e
def test_tls_gateway_presents_the_hospital_certificate(
    pki: dict[str, TestCA], tls_gateway: GatewayProcess
) -> None:
    # A client that trusts another CA refuses the handshake: the certificate is the
    # hospital's, not one mitmproxy made up.
    with pytest.raises(ssl.SSLCertVerificationError):
        https(tls_gateway, pki["backend"], "GET", "/api/messages")


@pytest.mark.e2e
def test_tls_plain_http_to_the_tls_listener_is_refused(
    tls_gateway: GatewayProcess, tls_backend: RecordingBackend
) -> None:
    tls_backend.reset()
    conn = http.client.HTTPConnection("127.0.0.1", tls_gateway.port, timeout=60)
    try:
        conn.request("POST", "/api/chat", body=chat(MESSAGE), headers=JSON)
        resp = conn.getresponse()
        status, body = resp.status, resp.read()
    finally:
        conn.close()
    assert status == 400
    assert json.loads(body)["error"]["code"] == "tls_required"
    assert tls_backend.received == []


@pytest.mark.e2e
def test_tls_backend_not_signed_by_the_upstream_ca_gets_502(
    pki: dict[str, TestCA], tmp_path: Path
) -> None:
    rogue = RecordingBackend(tls=server_context(pki["rogue"]))
    hospital = pki["hospital"].issue()
    gw = phigate_run(
        rogue.url,
        tmp_path,
        "--workers=0",
        f"--cert={hospital.cert}",
        f"--key={hospital.key}",
        f"--upstream-ca={pki['backend'].pem}",
    )
    try:
        status, _, body = https(gw, pki["hospital"], "POST", "/api/chat", chat(MESSAGE), JSON)
        assert status == 502
        assert not any(raw.encode() in body for raw in RAW)
        assert rogue.received == []
        assert not any(raw in gw.log() for raw in RAW)
    finally:
        gw.stop()
        rogue.close()


@pytest.mark.e2e
def test_http2_client_over_tls_gets_http2_and_masked_identifiers(
    pki: dict[str, TestCA], backend: RecordingBackend, tmp_path: Path
) -> None:
    """TLS set in the policy's tls section; the backend is plain HTTP on loopback, which the
    policy allows explicitly."""
    backend.reset()
    backend.reply = Reply(body=json.dumps({"history": [MESSAGE]}, ensure_ascii=False).encode())
    hospital = pki["hospital"].issue()
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        f"tls:\n"
        f"  cert_file: {os.path.relpath(hospital.cert, tmp_path)}\n"
        f"  key_file: {os.path.relpath(hospital.key, tmp_path)}\n"
        f"  allow_plain_upstream: true\n"
    )
    gw = phigate_run(backend.url, tmp_path, "--workers=0", "--config", str(policy))
    try:
        context = BrowserAlpnContext(ssl.PROTOCOL_TLS_CLIENT)
        context.load_verify_locations(cafile=str(pki["hospital"].pem))
        with httpx.Client(http2=True, verify=context, timeout=60) as client:
            resp = client.post(
                f"https://localhost:{gw.port}/api/chat", content=chat(MESSAGE), headers=JSON
            )
        assert resp.http_version == "HTTP/2"
        assert resp.status_code == 200
        assert resp.json() == {"history": [MASKED]}
        [got] = backend.received
        assert json.loads(got.body) == {"message": MASKED}
    finally:
        gw.stop()


def test_tls_plain_upstream_behind_tls_listener_refused_at_start(
    pki: dict[str, TestCA], tmp_path: Path
) -> None:
    hospital = pki["hospital"].issue()
    command = [
        str(BIN / "phigate"),
        "run",
        "--upstream=http://127.0.0.1:1",
        f"--listen-port={free_port()}",
        f"--state-dir={tmp_path / 'state'}",
        f"--cert={hospital.cert}",
        f"--key={hospital.key}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "plain http://" in result.stderr
    assert "--allow-plain-upstream" in result.stderr


@pytest.mark.parametrize(
    ("upstream", "settings", "allowed"),
    [
        ("http://b:80", TlsSettings(), True),  # plain on both sides, as before TLS existed
        ("https://b", TlsSettings(cert_file="c"), True),
        ("http://b", TlsSettings(cert_file="c"), False),
        ("HTTP://b", TlsSettings(cert_file="c"), False),
        ("http://b", TlsSettings(cert_file="c", allow_plain_upstream=True), True),
        ("https://b", TlsSettings(key_file="k"), False),  # a key but no certificate
    ],
    ids=["plain-both", "tls-both", "downgrade", "downgrade-upper", "downgrade-allowed", "key-only"],
)
def test_tls_upstream_rule(upstream: str, settings: TlsSettings, allowed: bool) -> None:
    if allowed:
        check_upstream(upstream, settings)
    else:
        with pytest.raises(ConfigError):
            check_upstream(upstream, settings)


def test_tls_listener_pem_holds_chain_and_key_private(
    pki: dict[str, TestCA], tmp_path: Path
) -> None:
    issued = pki["hospital"].issue()
    pem = write_listener_pem(issued.cert, issued.key, tmp_path / "tls" / "listener.pem")
    text = pem.read_text()
    assert text.index("BEGIN CERTIFICATE") < text.index("BEGIN PRIVATE KEY")
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600


def test_tls_key_may_come_with_the_certificate(pki: dict[str, TestCA], tmp_path: Path) -> None:
    issued = pki["hospital"].issue()
    both = tmp_path / "both.pem"
    both.write_bytes(issued.cert.read_bytes() + issued.key.read_bytes())
    pem = write_listener_pem(both, both, tmp_path / "listener.pem")
    assert "BEGIN PRIVATE KEY" in pem.read_text()


def test_tls_key_of_another_certificate_is_refused(pki: dict[str, TestCA], tmp_path: Path) -> None:
    one, other = pki["hospital"].issue("a.example"), pki["hospital"].issue("b.example")
    with pytest.raises(ConfigError, match="does not belong to the certificate"):
        write_listener_pem(one.cert, other.key, tmp_path / "listener.pem")
    with pytest.raises(ConfigError, match="give --key"):
        write_listener_pem(one.cert, one.cert, tmp_path / "listener.pem")
