"""Staff authentication for detokenisation: `Authorization: Bearer <token>`, staff defined
in PHIGATE_STAFF_TOKENS as `name:token` pairs separated by commas."""

from __future__ import annotations

import hmac
import os

ENV = "PHIGATE_STAFF_TOKENS"


def staff_tokens(raw: str | None = None) -> dict[str, str]:
    """token -> staff name."""
    raw = os.environ.get(ENV, "") if raw is None else raw
    tokens = {}
    for pair in raw.split(","):
        name, sep, token = pair.strip().partition(":")
        if sep and name and len(token) >= 16:
            tokens[token] = name
    return tokens


def authenticate(authorization: str | None, tokens: dict[str, str]) -> str | None:
    """The staff member a bearer token belongs to, or None."""
    if not authorization or not authorization.lower().startswith("bearer "):
        return None
    presented = authorization[7:].strip()
    for token, name in tokens.items():
        if hmac.compare_digest(token.encode(), presented.encode()):
            return name
    return None
