"""SIGTERM stops the real gateway gracefully: no new connections, requests in flight finish
(scanned as usual), the audit log stays intact, and the process exits 0 within the grace."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.http import request
from tests.support.processes import BIN, phigate_run
from tests.support.recording_backend import RecordingBackend, Reply

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "config" / "examples" / "staff-console.yaml"
STAFF = "dr_li:3f9a1c0e5b7d2468ace13579bdf02468"
MESSAGE = "我叫张伟，电话13800138000，身份证110101199003074258"
MASKED = "我叫张*，电话138****8000，身份证110101********4258"
GRACE = 8.0

pytestmark = pytest.mark.e2e


def refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False


def test_sigterm_lets_the_request_in_flight_finish_then_exits_0(
    backend: RecordingBackend, tmp_path: Path
) -> None:
    backend.reset()
    env = {**os.environ, "PHIGATE_STAFF_TOKENS": STAFF}
    gw = phigate_run(
        backend.url, tmp_path, "--config", str(POLICY), f"--shutdown-grace={GRACE}", env=env
    )
    try:
        # A reveal to staff before the shutdown, so that the audit log has a record.
        body = json.dumps({"message": MESSAGE}, ensure_ascii=False).encode()
        status, _, _ = request(gw, "POST", "/api/chat", body, {"content-type": "application/json"})
        assert status == 200
        backend.reply = Reply(body=backend.received[-1].body)
        bearer = {"authorization": f"Bearer {STAFF.split(':')[1]}"}
        status, _, revealed = request(gw, "GET", "/console/messages", headers=bearer)
        assert json.loads(revealed)["message"] == MESSAGE

        # A slow response, in flight when SIGTERM arrives.
        backend.reply = Reply(
            body=json.dumps({"history": [MESSAGE]}, ensure_ascii=False).encode(), delay=2.0
        )
        seen = len(backend.received)
        result: list[tuple[int, dict[str, str], bytes]] = []
        slow = threading.Thread(target=lambda: result.append(request(gw, "GET", "/api/messages")))
        slow.start()
        deadline = time.monotonic() + 10
        while len(backend.received) == seen:  # the backend has the request: it is in flight
            assert time.monotonic() < deadline
            time.sleep(0.02)
        gw.process.send_signal(signal.SIGTERM)
        started = time.monotonic()

        time.sleep(0.5)
        assert refused(gw.port)  # no new connections while the slow one finishes
        with pytest.raises(urllib.error.HTTPError) as not_ready:
            urllib.request.urlopen(f"{gw.metrics_url}/readyz", timeout=5).close()
        assert not_ready.value.code == 503
        not_ready.value.close()
        slow.join(timeout=30)
        [(status, headers, data)] = result
        assert status == 200
        assert json.loads(data) == {"history": [MASKED]}
        assert headers["connection"] == "close"

        code = gw.process.wait(timeout=GRACE + 10)
        elapsed = time.monotonic() - started
        assert code == 0, gw.log()
        assert elapsed < GRACE, f"exit took {elapsed:.1f}s"
        assert "SIGTERM: refusing new connections; 1 request(s) in flight" in gw.log()

        verify = subprocess.run(
            [str(BIN / "phigate"), "audit", "verify", "--state-dir", str(tmp_path / "state")],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert verify.returncode == 0, verify.stderr
        match = re.search(r"(\d+) record\(s\), chain intact", verify.stdout)
        assert match is not None and int(match.group(1)) >= 1
    finally:
        gw.stop()
