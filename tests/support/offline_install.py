"""Run inside a network namespace with only loopback: unpack an offline bundle, install it
into a fresh virtualenv with its install script, start the installed `phigate run` in
front of a loopback backend, and exit 0 only if the backend received a message masked.

    python -m tests.support.offline_install BUNDLE.tar.gz WORKDIR PYTHON
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

from tests.support.processes import free_port, start_gateway
from tests.support.recording_backend import RecordingBackend

MESSAGE = {"message": "我叫张伟，电话13800138000"}


def network_is_cut() -> bool:
    try:
        socket.create_connection(("1.1.1.1", 443), timeout=3).close()
    except OSError:
        return True
    return False


def clean_env() -> dict[str, str]:
    """The environment of a site's shell: none of this checkout on the path, no pip
    settings from this machine (its find-links would be a source besides the bundle)."""
    drop = ("PYTHONPATH", "VIRTUAL_ENV")
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("PIP_")}


def install(bundle: Path, work: Path, python: str) -> Path:
    with tarfile.open(bundle) as tar:
        tar.extractall(work, filter="data")
    [top] = work.glob("phigate-offline-*")
    prefix = work / "venv"
    result = subprocess.run(
        ["sh", str(top / "install.sh"), str(prefix)],
        env={**clean_env(), "PYTHON": python},
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(result.stdout, result.stderr, sep="\n")
    if result.returncode != 0:
        raise SystemExit(f"install.sh failed with {result.returncode}")
    return prefix


def main() -> int:
    bundle, work, python = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    if not network_is_cut():
        print("network reachable: the check is meaningless", file=sys.stderr)
        return 2
    os.chdir(work)  # away from the checkout, whose packages would shadow the installed ones
    prefix = install(bundle, work, python)
    where = subprocess.run(
        [str(prefix / "bin" / "python"), "-c", "import gateway; print(gateway.__file__)"],
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"gateway imported from {where}")
    backend = RecordingBackend()
    port, metrics_port = free_port(), free_port()
    command = [
        str(prefix / "bin" / "phigate"),
        "run",
        "--upstream",
        backend.url,
        "--listen-port",
        str(port),
        "--metrics-port",
        str(metrics_port),
        "--config",
        str(prefix / "share" / "phigate" / "default.yaml"),
        "--state-dir",
        str(work / "state"),
    ]
    gw = start_gateway(command, work, port, metrics_port, clean_env())
    try:
        body = json.dumps(MESSAGE, ensure_ascii=False).encode()
        request = urllib.request.Request(
            gw.url + "/api/chat", body, {"content-type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as resp:
            assert resp.status == 200
        print("received: " + backend.received[0].body.decode())
        return 0
    finally:
        gw.stop()
        backend.close()


if __name__ == "__main__":
    sys.exit(main())
