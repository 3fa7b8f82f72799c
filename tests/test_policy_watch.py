"""The policy is reloaded when its file changes: validated and swapped in, or refused with
the old one kept; open connections stay open across a reload."""

from __future__ import annotations

import http.client
import json
import threading
import time
from pathlib import Path

import pytest

from gateway.metrics import Metrics
from gateway.policy import Action
from gateway.policy_watch import PolicyWatcher
from gateway.service import Gateway, read_policy
from tests.support.processes import phigate_run
from tests.support.recording_backend import RecordingBackend
from tests.test_reload import reloads, wait_for

RAW = ("13800138000", "张伟")


def test_watcher_calls_back_once_per_change(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("default:\n  action: mask\n")
    calls: list[float] = []
    changed = threading.Event()

    def on_change() -> None:
        calls.append(time.monotonic())
        changed.set()

    watcher = PolicyWatcher(policy, on_change, interval=0.05, settle=0.05)
    watcher.start()
    try:
        time.sleep(0.3)
        assert calls == []  # nothing changed
        policy.write_text("default:\n  action: redact\n")
        assert changed.wait(5)
        time.sleep(0.3)
        assert len(calls) == 1
    finally:
        watcher.stop()


def test_gateway_reload_skips_unchanged_and_refuses_empty(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("default:\n  action: mask\n")
    metrics = Metrics()
    gateway = Gateway(read_policy(policy), tmp_path / "state", metrics, policy_path=policy)
    try:
        assert gateway.reload(policy)  # same bytes as at start: nothing to do
        assert (
            metrics.registry.get_sample_value("phigate_policy_reloads_total", {"outcome": "ok"})
            is None
        )

        policy.write_text("default:\n  action: redact\n")
        assert gateway.reload(policy)
        assert gateway.reload(policy)  # SIGHUP after the watcher saw the same edit
        assert (
            metrics.registry.get_sample_value("phigate_policy_reloads_total", {"outcome": "ok"})
            == 1
        )
        assert gateway.policy.default.rules.action is Action.REDACT

        policy.write_text("")  # an editor between truncating and writing
        assert not gateway.reload(policy)
        assert (
            metrics.registry.get_sample_value("phigate_policy_reloads_total", {"outcome": "error"})
            == 1
        )
        assert gateway.policy.default.rules.action is Action.REDACT
    finally:
        gateway.close()


@pytest.mark.e2e
def test_policy_file_change_reloads_without_dropping_a_keepalive_connection(
    backend: RecordingBackend, tmp_path: Path
) -> None:
    backend.reset()
    policy = tmp_path / "policy.yaml"
    policy.write_text("default:\n  action: mask\n")
    gw = phigate_run(
        backend.url, tmp_path, "--workers=0", "--policy-poll=0.2", "--config", str(policy)
    )
    conn = http.client.HTTPConnection("127.0.0.1", gw.port, timeout=60)
    try:

        def post() -> str:
            body = json.dumps({"message": "我叫张伟，电话13800138000"}, ensure_ascii=False)
            conn.request("POST", "/api/chat", body.encode(), {"content-type": "application/json"})
            resp = conn.getresponse()
            resp.read()
            assert resp.status == 200
            return str(json.loads(backend.received[-1].body)["message"])

        assert post() == "我叫张*，电话138****8000"
        sock, local = conn.sock, conn.sock.getsockname()

        policy.write_text("default:\n  action: redact\n")
        wait_for(lambda: reloads(gw, "ok") == 1)
        assert post() == "我叫<PERSON>，电话<PHONE_NUMBER>"
        assert conn.sock is sock and conn.sock.getsockname() == local  # the same connection

        policy.write_text("default:\n  action: redact\nroutes:\n  - name: Bad Name\n")
        wait_for(lambda: reloads(gw, "error") == 1)
        assert post() == "我叫<PERSON>，电话<PHONE_NUMBER>"  # the old policy stays
        assert conn.sock is sock
        assert gw.process.poll() is None
        log = gw.log()
        assert "line 4, routes[0].name: needs a name of lowercase letters" in log
        assert not any(raw in log for raw in RAW)
    finally:
        conn.close()
        gw.stop()
