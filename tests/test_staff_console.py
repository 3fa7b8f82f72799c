"""Tokenise on the way in, reveal to staff on the way out, audit every reveal: the
staff-console example policy through the real proxy, with the SQLite vault."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.http import request
from tests.support.processes import BIN, GatewayProcess, phigate_run
from tests.support.recording_backend import RecordingBackend, Reply
from tests.support.redis_server import redis_server

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "config" / "examples" / "staff-console.yaml"
STAFF = "dr_li:3f9a1c0e5b7d2468ace13579bdf02468"
MESSAGE = "我叫张伟，电话13800138000，身份证110101199003074258，最近阳痿"
RAW = ("13800138000", "110101199003074258", "张伟")

pytestmark = pytest.mark.e2e


def send(
    gw: GatewayProcess,
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes]:
    status, _, data = request(gw, method, path, body, headers)
    return status, data


def test_staff_console_tokenise_reveal_and_audit(backend: RecordingBackend, tmp_path: Path) -> None:
    backend.reset()
    env = {**os.environ, "PHIGATE_STAFF_TOKENS": STAFF}
    gw = phigate_run(backend.url, tmp_path, "--config", str(POLICY), env=env)
    try:
        body = json.dumps({"message": MESSAGE}, ensure_ascii=False).encode()
        status, _ = send(gw, "POST", "/api/chat", body, {"content-type": "application/json"})
        assert status == 200
        stored = backend.received[-1].body.decode()
        assert not any(raw in stored for raw in RAW)
        tokens = re.findall(r"tok_[A-Z_]+_[a-z2-7]{24}", stored)
        assert len(tokens) == 3
        assert "阳痿" in stored  # health information is kept for the clinician

        # The same value gets the same token: the backend can still group messages.
        send(gw, "POST", "/api/chat", body, {"content-type": "application/json"})
        assert re.findall(r"tok_[A-Z_]+_[a-z2-7]{24}", backend.received[-1].body.decode()) == tokens

        backend.reply = Reply(body=stored.encode())
        status, anonymous = send(gw, "GET", "/console/messages")
        assert status == 200
        text = json.loads(anonymous)["message"]
        assert text == "我叫张*，电话138****8000，身份证110101********4258，最近阳痿"

        status, wrong = send(
            gw, "GET", "/console/messages", headers={"authorization": "Bearer nope"}
        )
        assert not any(raw in wrong.decode() for raw in RAW)

        token = STAFF.split(":")[1]
        status, revealed = send(
            gw, "GET", "/console/messages", headers={"authorization": f"Bearer {token}"}
        )
        assert status == 200
        assert json.loads(revealed)["message"] == MESSAGE

        # Outside /console/, a staff token reveals nothing.
        status, elsewhere = send(
            gw, "GET", "/api/messages", headers={"authorization": f"Bearer {token}"}
        )
        assert not any(raw in elsewhere.decode() for raw in RAW)

        audit = tmp_path / "state" / "audit.jsonl"
        lines = [json.loads(line) for line in audit.read_text().splitlines()]
        assert len(lines) == 3
        assert {line["staff"] for line in lines} == {"dr_li"}
        assert {line["route"] for line in lines} == {"console"}
        assert not any(raw in audit.read_text() for raw in RAW)
    finally:
        gw.stop()

    verify = [str(BIN / "phigate"), "audit", "verify", "--state-dir", str(tmp_path / "state")]
    ok = subprocess.run(verify, capture_output=True, text=True)
    assert ok.returncode == 0 and "3 record(s), chain intact" in ok.stdout
    content = audit.read_text().splitlines()
    edited = json.loads(content[1])
    edited["staff"] = "someone_else"
    audit.write_text(
        "\n".join([content[0], json.dumps(edited, ensure_ascii=False), content[2]]) + "\n"
    )
    broken = subprocess.run(verify, capture_output=True, text=True)
    assert broken.returncode == 1 and "line 2 was edited" in broken.stderr
    audit.write_text("\n".join([content[0], content[2]]) + "\n")
    removed = subprocess.run(verify, capture_output=True, text=True)
    assert removed.returncode == 1 and "line 2 does not follow" in removed.stderr


@pytest.mark.skipif(
    shutil.which("redis-server") is None and not os.environ.get("CI"),
    reason="redis-server missing: run make test, which installs Debian's redis-server",
)
def test_replicas_share_the_vault_in_redis(backend: RecordingBackend, tmp_path: Path) -> None:
    """A value tokenised by one gateway is revealed by another: the vault is in Redis and
    both have the same keys (as replicas behind one load balancer would)."""
    backend.reset()
    keys = {
        "PHIGATE_VAULT_KEY": base64.b64encode(b"v" * 32).decode(),
        "PHIGATE_TOKEN_KEY": base64.b64encode(b"t" * 32).decode(),
    }
    env = {**os.environ, "PHIGATE_STAFF_TOKENS": STAFF, **keys}
    with redis_server() as url:
        first = phigate_run(
            backend.url, tmp_path / "a", "--config", str(POLICY), "--redis-url", url, env=env
        )
        second = phigate_run(
            backend.url, tmp_path / "b", "--config", str(POLICY), "--redis-url", url, env=env
        )
        try:
            body = json.dumps({"message": MESSAGE}, ensure_ascii=False).encode()
            send(first, "POST", "/api/chat", body, {"content-type": "application/json"})
            stored = backend.received[-1].body
            assert not any(raw.encode() in stored for raw in RAW)
            assert not (tmp_path / "a" / "state" / "vault.sqlite").exists()
            backend.reply = Reply(body=stored)
            token = STAFF.split(":")[1]
            _, revealed = send(
                second, "GET", "/console/m", headers={"authorization": f"Bearer {token}"}
            )
            assert json.loads(revealed)["message"] == MESSAGE
            _, anonymous = send(second, "GET", "/console/m")
            assert not any(raw in anonymous.decode() for raw in RAW)
        finally:
            first.stop()
            second.stop()
