"""The hash key: from PHIGATE_HASH_KEY, else a key file created once in the state directory,
so hashes stay stable across restarts."""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from pathlib import Path

from gateway.errors import ConfigError

ENV = "PHIGATE_HASH_KEY"


def hash_key(state_dir: Path) -> bytes:
    raw = os.environ.get(ENV)
    if raw:
        try:
            key = base64.b64decode(raw, validate=True)
        except binascii.Error as e:
            raise ConfigError(f"{ENV} must be base64 (of at least 16 bytes)") from e
        if len(key) < 16:
            raise ConfigError(f"{ENV} must decode to at least 16 bytes")
        return key
    path = state_dir / "hash.key"
    if not path.exists():
        state_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(base64.b64encode(secrets.token_bytes(32)))
    return base64.b64decode(path.read_bytes().strip())
