"""Reload the policy when its file changes.

A thread looks at the file every `interval` seconds (modification time, size and a hash of
the content, so an edit that keeps size and time is still seen). A change is acted on only
once the file has held still for `settle` seconds, so a file caught halfway through being
written is not loaded. The callback decides what a reload means; the gateway validates
the new policy and keeps the old one if it is invalid.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

State = tuple[int, int, str] | None


def file_state(path: Path) -> State:
    """(mtime in ns, size, SHA-256 of the content), or None if the file cannot be read."""
    try:
        st = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, digest


class PolicyWatcher:
    def __init__(
        self,
        path: Path,
        on_change: Callable[[], object],
        interval: float = 1.0,
        settle: float = 0.2,
    ) -> None:
        self.path = path
        self.on_change = on_change
        self.interval = interval
        self.settle = settle
        self._stop = threading.Event()
        self._last = file_state(path)
        self._thread = threading.Thread(target=self._run, name="phigate-policy-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()
        log.info("watching %s for changes every %.1f s", self.path, self.interval)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            state = file_state(self.path)
            if state == self._last:
                continue
            if self._stop.wait(self.settle) or file_state(self.path) != state:
                continue  # stopping, or still being written: look again next round
            self._last = state
            try:
                self.on_change()
            except Exception:  # the watcher must outlive a failing callback
                log.exception("policy reload after a file change failed")
