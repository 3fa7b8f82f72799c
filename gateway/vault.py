"""The token vault: what a token stands for, encrypted at rest.

Tokens are derived, not random: HMAC-SHA256 of the entity and the value's canonical form
under the token key, so the same value always gets the same token (backends can still group
a patient's messages) and the token holds no part of the value. The token key never
changes: tokens already stored by backends must keep resolving. The vault maps a token id
to the value encrypted with AES-256-GCM under the vault key (a fresh nonce per value, the
token id as associated data, so a row cannot be moved to another token); each row records
which vault key sealed it, so the vault key can be rotated by re-sealing rows.

Storage is SQLite in the state directory (one gateway and its scan workers), or Redis
when several replicas share the vault.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
import sqlite3
import threading
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from gateway.errors import ConfigError
from gateway.fold import fold
from gateway.keys import load_key
from gateway.policy import canonical

KEY_ENV = "PHIGATE_VAULT_KEY"
OLD_KEYS_ENV = "PHIGATE_VAULT_OLD_KEYS"  # base64 keys, comma-separated, during a rotation
TOKEN_KEY_ENV = "PHIGATE_TOKEN_KEY"


def vault_key(state_dir: Path) -> bytes:
    """32 bytes from PHIGATE_VAULT_KEY (base64), else from a key file made once (0600)."""
    return load_key(KEY_ENV, state_dir / "vault.key")


def old_vault_keys() -> list[bytes]:
    keys = []
    for raw in os.environ.get(OLD_KEYS_ENV, "").split(","):
        if raw.strip():
            try:
                keys.append(base64.b64decode(raw.strip(), validate=True))
            except binascii.Error as e:
                raise ConfigError(f"{OLD_KEYS_ENV} must hold base64 keys") from e
    return keys


def _key_id(key: bytes) -> str:
    return hashlib.sha256(b"phigate vault key id\x00" + key).hexdigest()[:16]


def token_key(state_dir: Path) -> bytes:
    """The key tokens are derived with: PHIGATE_TOKEN_KEY, else a key file made once. Every
    replica must have the same one, and it must never change."""
    return load_key(TOKEN_KEY_ENV, state_dir / "token.key")


class Vault:
    """Token ids and sealing; subclasses store the sealed rows."""

    def __init__(self, key: bytes, token_key: bytes, old_keys: list[bytes] | None = None) -> None:
        self._aead = AESGCM(key)
        self.key_id = _key_id(key)
        # Rows sealed under an old key stay readable until `phigate vault rotate` re-seals them.
        self._keys = {_key_id(k): AESGCM(k) for k in old_keys or []}
        self._keys[self.key_id] = self._aead
        self._mac_key = token_key

    def token_id(self, entity: str, value: str) -> str:
        form = canonical(fold(value).text)
        digest = hmac.new(self._mac_key, f"{entity}\x00{form}".encode(), hashlib.sha256).digest()
        return base64.b32encode(digest[:15]).decode().lower()  # 24 characters, a-z2-7

    def put(self, entity: str, value: str) -> str:
        token = self.token_id(entity, value)
        nonce = secrets.token_bytes(12)
        self._store(
            token, entity, nonce + self._aead.encrypt(nonce, value.encode(), token.encode())
        )
        return token

    def get(self, token: str) -> tuple[str, str] | None:
        row = self._load(token)
        if row is None:
            return None
        entity, key_id, sealed = row
        aead = self._keys.get(key_id)
        if aead is None:
            raise ConfigError(f"vault row sealed under key {key_id}, which is not configured")
        return entity, aead.decrypt(sealed[:12], sealed[12:], token.encode()).decode()

    def rotate(self) -> int:
        """Re-seal every row sealed under an old key with the current key; how many."""
        count = 0
        for token, key_id in self._rows():
            if key_id == self.key_id:
                continue
            found = self.get(token)
            assert found is not None
            nonce = secrets.token_bytes(12)
            sealed = nonce + self._aead.encrypt(nonce, found[1].encode(), token.encode())
            self._replace(token, sealed)
            count += 1
        return count

    def close(self) -> None:
        """Release the storage; nothing is lost, every row is committed when it is stored."""

    def _store(self, token: str, entity: str, sealed: bytes) -> None:
        raise NotImplementedError

    def _load(self, token: str) -> tuple[str, str, bytes] | None:
        raise NotImplementedError

    def _rows(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def _replace(self, token: str, sealed: bytes) -> None:
        raise NotImplementedError


class SqliteVault(Vault):
    """The vault in one SQLite file; the scan workers of one gateway share it."""

    def __init__(
        self, path: Path, key: bytes, token_key: bytes, old_keys: list[bytes] | None = None
    ) -> None:
        super().__init__(key, token_key, old_keys)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS tokens (id TEXT PRIMARY KEY, entity TEXT NOT NULL, "
            "key_id TEXT NOT NULL, sealed BLOB NOT NULL)"
        )
        self._db.commit()

    def _store(self, token: str, entity: str, sealed: bytes) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO tokens (id, entity, key_id, sealed) VALUES (?, ?, ?, ?)",
                (token, entity, self.key_id, sealed),
            )
            self._db.commit()

    def _load(self, token: str) -> tuple[str, str, bytes] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT entity, key_id, sealed FROM tokens WHERE id = ?", (token,)
            ).fetchone()
        return (str(row[0]), str(row[1]), bytes(row[2])) if row else None

    def _rows(self) -> list[tuple[str, str]]:
        with self._lock:
            return [(str(a), str(b)) for a, b in self._db.execute("SELECT id, key_id FROM tokens")]

    def close(self) -> None:
        # Closing the last connection checkpoints the write-ahead log into vault.sqlite.
        with self._lock:
            self._db.close()

    def _replace(self, token: str, sealed: bytes) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE tokens SET key_id = ?, sealed = ? WHERE id = ?",
                (self.key_id, sealed, token),
            )
            self._db.commit()


class RedisVault(Vault):
    """The vault in Redis, shared by replicas: one hash per token (entity, key id, sealed)."""

    def __init__(
        self,
        url: str,
        key: bytes,
        token_key: bytes,
        old_keys: list[bytes] | None = None,
        prefix: str = "phigate:vault:",
    ) -> None:
        super().__init__(key, token_key, old_keys)
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._prefix = prefix

    def _store(self, token: str, entity: str, sealed: bytes) -> None:
        # HSETNX on the first field: a token once stored is never overwritten.
        name = self._prefix + token
        if self._redis.hsetnx(name, "sealed", sealed):
            self._redis.hset(name, mapping={"entity": entity, "key_id": self.key_id})

    def _load(self, token: str) -> tuple[str, str, bytes] | None:
        entity, key_id, sealed = self._redis.hmget(
            self._prefix + token, ["entity", "key_id", "sealed"]
        )
        if not (
            isinstance(entity, bytes) and isinstance(key_id, bytes) and isinstance(sealed, bytes)
        ):
            return None
        return entity.decode(), key_id.decode(), sealed

    def _rows(self) -> list[tuple[str, str]]:
        rows = []
        for name in self._redis.scan_iter(match=self._prefix + "*"):
            key_id = self._redis.hget(name, "key_id")
            if isinstance(name, bytes) and isinstance(key_id, bytes):
                rows.append((name.decode()[len(self._prefix) :], key_id.decode()))
        return rows

    def close(self) -> None:
        self._redis.close()

    def _replace(self, token: str, sealed: bytes) -> None:
        self._redis.hset(self._prefix + token, mapping={"key_id": self.key_id, "sealed": sealed})


def open_vault(state_dir: Path, redis_url: str = "") -> Vault:
    """The vault: in Redis when replicas share one, else in the state directory."""
    key, tokens, old = vault_key(state_dir), token_key(state_dir), old_vault_keys()
    if redis_url:
        return RedisVault(redis_url, key, tokens, old)
    return SqliteVault(state_dir / "vault.sqlite", key, tokens, old)
