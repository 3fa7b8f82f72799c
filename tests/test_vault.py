from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag

from gateway.errors import ConfigError
from gateway.tokens import TOKEN, Tokenizer
from gateway.vault import SqliteVault

KEY_A, KEY_B, TOKEN_KEY = b"a" * 32, b"b" * 32, b"t" * 32


def test_vault_token_deterministic_opaque_and_reversible(tmp_path: Path) -> None:
    vault = SqliteVault(tmp_path / "v.sqlite", KEY_A, TOKEN_KEY)
    tokenize = Tokenizer(vault)
    token = tokenize("PHONE_NUMBER", "13800138000")
    assert (
        token
        == tokenize("PHONE_NUMBER", "138 0013 8000")
        == tokenize("PHONE_NUMBER", "一三八零零一三八零零零")
    )
    assert token != tokenize("PHONE_NUMBER", "13800138001")
    assert not any(part in token for part in ("138", "0013", "8000"))
    match = TOKEN.fullmatch(token)
    assert match is not None and match.group(1) == "PHONE_NUMBER"
    assert vault.get(match.group(2)) == ("PHONE_NUMBER", "13800138000")
    assert vault.get("a" * 24) is None


def test_vault_encrypted_at_rest(tmp_path: Path) -> None:
    path = tmp_path / "v.sqlite"
    vault = SqliteVault(path, KEY_A, TOKEN_KEY)
    vault.put("CN_RESIDENT_ID", "110101199003074258")
    vault.put("PERSON", "张伟")
    raw = b"".join(f.read_bytes() for f in tmp_path.iterdir())
    assert b"110101199003074258" not in raw and "张伟".encode() not in raw


def test_vault_row_bound_to_its_token(tmp_path: Path) -> None:
    path = tmp_path / "v.sqlite"
    vault = SqliteVault(path, KEY_A, TOKEN_KEY)
    first, second = vault.put("PERSON", "张伟"), vault.put("PERSON", "李娜")
    db = sqlite3.connect(str(path))
    sealed = db.execute("SELECT sealed FROM tokens WHERE id = ?", (second,)).fetchone()[0]
    db.execute("UPDATE tokens SET sealed = ? WHERE id = ?", (sealed, first))
    db.commit()
    with pytest.raises(InvalidTag):
        vault.get(first)


def test_token_ids_do_not_depend_on_the_vault_key(tmp_path: Path) -> None:
    old = SqliteVault(tmp_path / "old.sqlite", KEY_A, TOKEN_KEY)
    new = SqliteVault(tmp_path / "new.sqlite", KEY_B, TOKEN_KEY)
    assert old.put("PERSON", "张伟") == new.put("PERSON", "张伟")
    assert old.key_id != new.key_id


def test_vault_key_rotation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Old rows stay readable with the old key listed; rotate re-seals them; then the old key
    can go. Through the `phigate vault rotate` command, as an operator runs it."""
    import base64
    import subprocess
    import sys

    def b64(key: bytes) -> str:
        return base64.b64encode(key).decode()

    old = SqliteVault(tmp_path / "vault.sqlite", KEY_A, TOKEN_KEY)
    token = old.put("PHONE_NUMBER", "13800138000")
    without_old = SqliteVault(tmp_path / "vault.sqlite", KEY_B, TOKEN_KEY)
    with pytest.raises(ConfigError):
        without_old.get(token)
    during = SqliteVault(tmp_path / "vault.sqlite", KEY_B, TOKEN_KEY, [KEY_A])
    assert during.get(token) == ("PHONE_NUMBER", "13800138000")

    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PHIGATE_VAULT_KEY": b64(KEY_B),
        "PHIGATE_VAULT_OLD_KEYS": b64(KEY_A),
        "PHIGATE_TOKEN_KEY": b64(TOKEN_KEY),
    }
    phigate = str(Path(sys.executable).parent / "phigate")
    result = subprocess.run(
        [phigate, "vault", "rotate", "--state-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "re-sealed 1 value(s)" in result.stdout
    after = SqliteVault(tmp_path / "vault.sqlite", KEY_B, TOKEN_KEY)
    assert after.get(token) == ("PHONE_NUMBER", "13800138000")
    assert after.put("PHONE_NUMBER", "13800138000") == token  # tokens did not change
