"""Run inside the test engine's network namespace (only loopback): start a backend, start
the gateway's container in front of it, and print what /healthz answered and what the
backend received. The container is left running for the caller to inspect and remove.

    python -m tests.support.image_check IMAGE NAME VOLUME
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.support.dockerd import client
from tests.support.offline_install import MESSAGE, network_is_cut
from tests.support.recording_backend import RecordingBackend

METRICS = "http://127.0.0.1:9090"
GATEWAY = "http://127.0.0.1:8080"


def docker(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([client(), *args], capture_output=True, text=True, timeout=120)


def wait_ready(name: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = docker("inspect", "--format", "{{.State.Status}}", name).stdout.strip()
        if state != "running":
            raise SystemExit(f"container is {state}:\n{docker('logs', name).stderr}")
        try:
            with urllib.request.urlopen(f"{METRICS}/readyz", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"gateway not ready in {timeout} s:\n{docker('logs', name).stderr}")


def main() -> int:
    image, name, volume = sys.argv[1:4]
    if not network_is_cut():
        print("network reachable: the check is meaningless", file=sys.stderr)
        return 2
    backend = RecordingBackend()
    try:
        started = docker(
            "run",
            "--detach",
            "--name",
            name,
            "--network=host",  # the namespace's loopback: the backend is on it
            "--read-only",
            f"--volume={volume}:/var/lib/phigate",
            image,
            "--upstream",
            backend.url,
        )
        if started.returncode != 0:
            raise SystemExit(f"docker run failed: {started.stderr}")
        wait_ready(name)
        with urllib.request.urlopen(f"{METRICS}/healthz", timeout=5) as resp:
            print(f"healthz: {resp.status}")
        body = json.dumps(MESSAGE, ensure_ascii=False).encode()
        request = urllib.request.Request(
            f"{GATEWAY}/api/chat", body, {"content-type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as resp:
            assert resp.status == 200
        print("received: " + backend.received[0].body.decode())
    finally:
        backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
