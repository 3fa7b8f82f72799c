from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag

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
