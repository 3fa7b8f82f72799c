"""Staff authentication for detokenisation.

Built in: `Authorization: Bearer <token>`, staff defined in PHIGATE_STAFF_TOKENS as
`name:token` pairs separated by commas. For the hospital's SSO or mTLS: the proxy that
authenticates staff (and verifies client certificates) puts the staff name in a header
named by PHIGATE_STAFF_HEADER; the gateway believes that header only on requests from the
policy's `exfiltration.trusted_proxies`.
"""

from __future__ import annotations

import hmac
import os
import re

from gateway.policy import ExfiltrationSettings

ENV = "PHIGATE_STAFF_TOKENS"
HEADER_ENV = "PHIGATE_STAFF_HEADER"
_NAME = re.compile(r"^[\w.@\-]{1,64}$")


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


def staff_header() -> str:
    return os.environ.get(HEADER_ENV, "").strip().lower()


def identify(
    authorization: str | None,
    header_value: str | None,
    peer: str,
    tokens: dict[str, str],
    settings: ExfiltrationSettings,
) -> str | None:
    """The staff member behind a request: a valid bearer token, else the SSO header when the
    request comes from a trusted proxy. None for anyone else."""
    name = authenticate(authorization, tokens)
    if name is not None:
        return name
    if header_value and settings.trusts(peer) and _NAME.match(header_value.strip()):
        return header_value.strip()
    return None
