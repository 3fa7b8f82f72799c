"""Tokens in text: `tok_PHONE_NUMBER_<24 base32 characters>`. ASCII letters, digits and _
only, so they pass through JSON, forms and HTML unchanged and can be found again anywhere."""

from __future__ import annotations

import re
from collections.abc import Callable

from gateway.vault import Vault

TOKEN = re.compile(r"tok_([A-Z][A-Z0-9_]*?)_([a-z2-7]{24})(?![a-z2-7])")


class Tokenizer:
    """The `tokenize` action: store the value in the vault, put its token in the text."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def __call__(self, entity: str, value: str) -> str:
        return f"tok_{entity}_{self.vault.put(entity, value)}"


def replace_tokens(text: str, replace: Callable[[str, str], str]) -> str:
    """Every token in `text` replaced by replace(entity, token_id)."""
    return TOKEN.sub(lambda m: replace(m.group(1), m.group(2)), text)
