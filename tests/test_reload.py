"""Policy hot reload on SIGHUP, through the real gateway process: a valid policy is swapped
in without a restart, an invalid one is refused and the old one stays."""

from __future__ import annotations

import json
import re
import signal
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.http import request
from tests.support.processes import GatewayProcess, phigate_run
from tests.support.recording_backend import RecordingBackend

pytestmark = pytest.mark.e2e


def post(gw: GatewayProcess, text: str) -> None:
    body = json.dumps({"message": text}, ensure_ascii=False).encode()
    status, _, _ = request(gw, "POST", "/api/chat", body, {"content-type": "application/json"})
    assert status == 200


def reloads(gw: GatewayProcess, outcome: str) -> float:
    with urllib.request.urlopen(f"{gw.metrics_url}/metrics") as resp:
        text = resp.read().decode()
    match = re.search(rf'^phigate_policy_reloads_total\{{outcome="{outcome}"\}} (\S+)$', text, re.M)
    return float(match.group(1)) if match else 0.0


def wait_for(condition, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_sighup_reloads_policy_and_refuses_a_broken_one(
    backend: RecordingBackend, tmp_path: Path
) -> None:
    backend.reset()
    policy = tmp_path / "policy.yaml"
    policy.write_text("default:\n  action: mask\n")
    gw = phigate_run(backend.url, tmp_path, "--config", str(policy))
    try:
        post(gw, "电话13800138000")
        assert json.loads(backend.received[-1].body)["message"] == "电话138****8000"

        policy.write_text("default:\n  action: redact\n")
        gw.process.send_signal(signal.SIGHUP)
        wait_for(lambda: reloads(gw, "ok") == 1)
        post(gw, "电话13800138000")
        assert json.loads(backend.received[-1].body)["message"] == "电话<PHONE_NUMBER>"

        policy.write_text("default:\n  action: scramble\n")
        gw.process.send_signal(signal.SIGHUP)
        wait_for(lambda: reloads(gw, "error") == 1)
        post(gw, "电话13800138000")
        assert json.loads(backend.received[-1].body)["message"] == "电话<PHONE_NUMBER>"
        assert gw.process.poll() is None
        assert "line 2, default.action: unknown action 'scramble'" in gw.log()
    finally:
        gw.stop()
