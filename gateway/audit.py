"""The audit log of reveals: one JSON line per detokenised value in `audit.jsonl`, chained
by SHA-256 so that a removed, inserted or edited line breaks the chain.

Each line holds the staff member, the time, the route, the entity type and the token id —
never the value. `phigate audit verify` checks the chain.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from pathlib import Path
from typing import Any

GENESIS = "0" * 64


def _digest(prev: str, record: dict[str, Any]) -> str:
    body = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev}\n{body}".encode()).hexdigest()


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._last = GENESIS
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            if lines:
                self._last = json.loads(lines[-1])["hash"]

    def append(self, staff: str, route: str, entity: str, token: str) -> None:
        with self._lock:
            record = {
                "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "staff": staff,
                "route": route,
                "entity_type": entity,
                "token": token,
                "prev": self._last,
            }
            record["hash"] = _digest(self._last, record)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
                f.flush()
            self._last = record["hash"]


def verify(path: Path) -> tuple[bool, str]:
    """(True, summary) if every line chains to the one before; else (False, where it breaks)."""
    if not path.exists():
        return True, f"{path}: no audit log yet"
    prev = GENESIS
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
            claimed = record.pop("hash")
        except (ValueError, KeyError):
            return False, f"{path}: line {number} is not an audit record"
        if record.get("prev") != prev:
            return (
                False,
                f"{path}: line {number} does not follow line {number - 1} (removed or reordered)",
            )
        if _digest(prev, record) != claimed:
            return False, f"{path}: line {number} was edited"
        prev = claimed
    return True, f"{path}: {len(lines)} record(s), chain intact"
