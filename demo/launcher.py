"""`phigate demo` (what `make run` starts): the demo backend and the gateway in front of it."""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from demo.backend import make_server


def run_demo(args: argparse.Namespace) -> int:
    backend = make_server("127.0.0.1", args.backend_port)
    threading.Thread(target=backend.serve_forever, name="demo-backend", daemon=True).start()
    command = [
        str(Path(sys.executable).parent / "phigate"),
        "run",
        "--upstream",
        f"http://127.0.0.1:{args.backend_port}",
        "--listen-port",
        str(args.gateway_port),
        "--metrics-port",
        str(args.metrics_port),
    ]
    if args.config:
        command += ["--config", args.config]
    if args.state_dir:
        command += ["--state-dir", args.state_dir]
    gateway = subprocess.Popen(command)
    try:
        if not _wait_ready(f"http://127.0.0.1:{args.metrics_port}/readyz", gateway):
            print("the gateway did not become ready; see the messages above", file=sys.stderr)
            return 1
        print(
            f"""
phigate is running.
  chat widget (through the gateway):   http://127.0.0.1:{args.gateway_port}/
  what the backend stored (direct):    http://127.0.0.1:{args.backend_port}/stored
  metrics:                             http://127.0.0.1:{args.metrics_port}/metrics
Type a message such as 我叫张伟，电话13800138000，身份证110101199003074258 in the widget.
Press Ctrl-C to stop.""",
            flush=True,
        )
        return gateway.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if gateway.poll() is None:
            gateway.terminate()
            gateway.wait(timeout=10)
        backend.shutdown()


def _wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 90) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False
