"""Run inside a network namespace with only loopback: start a backend and the gateway,
send one chat message, and exit 0 only if the backend received it masked."""

from __future__ import annotations

import json
import socket
import sys
import tempfile
import urllib.request
from pathlib import Path

from tests.support.processes import phigate_run
from tests.support.recording_backend import RecordingBackend


def main() -> int:
    # Prove the namespace really has no way out before trusting the result.
    try:
        socket.create_connection(("1.1.1.1", 443), timeout=3).close()
        print("network reachable: the check is meaningless", file=sys.stderr)
        return 2
    except OSError:
        pass
    backend = RecordingBackend()
    with tempfile.TemporaryDirectory() as tmp:
        gw = phigate_run(backend.url, Path(tmp))
        try:
            body = json.dumps({"message": "我叫张伟，电话13800138000"}, ensure_ascii=False).encode()
            request = urllib.request.Request(
                gw.url + "/api/chat", body, {"content-type": "application/json"}
            )
            with urllib.request.urlopen(request, timeout=30) as resp:
                assert resp.status == 200
            received = json.loads(backend.received[0].body)
            print(json.dumps(received, ensure_ascii=False))
            return 0 if received == {"message": "我叫张*，电话138****8000"} else 1
        finally:
            gw.stop()
            backend.close()


if __name__ == "__main__":
    sys.exit(main())
