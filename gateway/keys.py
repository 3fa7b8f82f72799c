"""Keys from the environment or from key files made once in the state directory.

Every key phigate holds is 32 random bytes, base64 in an environment variable (for
replicas, which must share it) or in a file created on first use with mode 0600, so that
hashes and tokens stay stable across restarts.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from pathlib import Path

from gateway.errors import ConfigError

ENV = "PHIGATE_HASH_KEY"


def load_key(env: str, path: Path, min_length: int = 32, max_length: int = 32) -> bytes:
    raw = os.environ.get(env)
    if raw:
        try:
            key = base64.b64decode(raw, validate=True)
        except binascii.Error as e:
            raise ConfigError(f"{env} must be base64 of {min_length} bytes or more") from e
        if not min_length <= len(key) <= max_length:
            raise ConfigError(f"{env} must decode to {min_length} to {max_length} bytes")
        return key
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(base64.b64encode(secrets.token_bytes(32)))
    return base64.b64decode(path.read_bytes().strip())


def hash_key(state_dir: Path) -> bytes:
    """The key of the `hash` action: PHIGATE_HASH_KEY (16 bytes or more), or hash.key."""
    return load_key(ENV, state_dir / "hash.key", min_length=16, max_length=1024)
