"""Start the real gateway process and wait until it is ready."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class GatewayProcess:
    process: subprocess.Popen[bytes]
    port: int
    metrics_port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def metrics_url(self) -> str:
        return f"http://127.0.0.1:{self.metrics_port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def wait_ready(
    url: str, process: subprocess.Popen[bytes], log_path: Path, timeout: float = 90
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gateway exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gateway not ready in {timeout}s:\n{log_path.read_text()}")


def start_gateway(
    command: list[str], tmp: Path, port: int, metrics_port: int, env: dict[str, str] | None = None
) -> GatewayProcess:
    tmp.mkdir(parents=True, exist_ok=True)
    log_path = tmp / f"gateway-{port}.log"
    with log_path.open("wb") as log:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    gw = GatewayProcess(process, port, metrics_port, log_path)
    try:
        wait_ready(f"{gw.metrics_url}/readyz", process, log_path)
    except RuntimeError:
        gw.stop()
        raise
    return gw


def phigate_run(
    upstream: str, tmp: Path, *extra: str, env: dict[str, str] | None = None
) -> GatewayProcess:
    port, metrics_port = free_port(), free_port()
    command = [
        str(BIN / "phigate"),
        "run",
        "--upstream",
        upstream,
        "--listen-port",
        str(port),
        "--metrics-port",
        str(metrics_port),
        "--state-dir",
        str(tmp / "state"),
        *extra,
    ]
    return start_gateway(command, tmp, port, metrics_port, env)


def descendants(pid: int) -> list[int]:
    """The processes `pid` started (its scan workers), and theirs, read from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *descendants(child)]
    return found


def running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie waiting to be reaped is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def scan_workers(pid: int) -> list[int]:
    """The scan worker processes among `pid`'s descendants (multiprocessing also starts a
    resource tracker)."""
    found = []
    for child in descendants(pid):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            found.append(child)
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) that process `pid` has used, read from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
