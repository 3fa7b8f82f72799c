"""One exception hierarchy for the gateway.

    GatewayError
    ├── ConfigError        a policy or option is wrong; carries the line and the path
    └── ScanError          a body could not be scanned, so it must not be forwarded
        ├── BodyTooLarge       (413, body_too_large)
        ├── UnreadableBody     (415, unreadable_body)
        ├── ScanTimeout        (503, scan_timeout)
        └── ScanFailed         (500, scan_failed)
    PolicyBlock            the policy refuses the message (403, blocked_by_policy)
    TlsRequired            plain HTTP sent to a listener that terminates TLS (400, tls_required)

Messages of ScanError and PolicyBlock are sent to clients, so they never contain
any part of the body: only codes, entity types and sizes.
"""

from __future__ import annotations

import json


class GatewayError(Exception):
    """Base of every error the gateway raises on purpose."""


class ConfigError(GatewayError):
    """A policy or option is invalid. `line` is 1-based, `path` like `routes[0].actions`."""

    def __init__(self, message: str, *, line: int | None = None, path: str = "") -> None:
        self.message = message
        self.line = line
        self.path = path
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.path:
            where.append(self.path)
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ConfigErrors(ConfigError):
    """Several configuration errors found in one pass, reported together."""

    def __init__(self, source: str, errors: list[ConfigError]) -> None:
        self.source = source
        self.errors = errors
        super().__init__(f"{len(errors)} error(s) in {source}")

    def __str__(self) -> str:
        return "\n".join(f"{self.source}: {e}" for e in self.errors)


class RejectedMessage(GatewayError):
    """A message the gateway will not forward. Subclasses fix `code` and `status`."""

    code = "rejected"
    status = 400

    def __init__(self, detail: str) -> None:
        # `detail` is shown to the client: it must never contain body content.
        self.detail = detail
        super().__init__(detail)

    def to_json(self) -> bytes:
        body = {"error": {"code": self.code, "message": self.detail}}
        return json.dumps(body, ensure_ascii=False).encode()


class ScanError(RejectedMessage):
    """The body could not be scanned; it is not forwarded (fail closed)."""

    code = "scan_failed"
    status = 500


class BodyTooLarge(ScanError):
    code = "body_too_large"
    status = 413


class UnreadableBody(ScanError):
    code = "unreadable_body"
    status = 415


class ScanTimeout(ScanError):
    code = "scan_timeout"
    status = 503


class ScanFailed(ScanError):
    code = "scan_failed"
    status = 500


class PolicyBlock(RejectedMessage):
    """The policy says this message must not pass (an entity with action `block`)."""

    code = "blocked_by_policy"
    status = 403


class TlsRequired(RejectedMessage):
    """Plain HTTP reached a listener configured for TLS: refused unread, never forwarded."""

    code = "tls_required"
    status = 400
