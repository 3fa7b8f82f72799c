"""The policy: which messages are scanned and what happens to each entity found in them.

Built from YAML by `gateway.policy_loader`; immutable once built, so a reload swaps the
whole object.
"""

from __future__ import annotations

import enum
import fnmatch
import ipaddress
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field


class Direction(enum.StrEnum):
    REQUEST = "request"  # client → backend
    RESPONSE = "response"  # backend → client
    WEBSOCKET = "websocket"


class Action(enum.StrEnum):
    REDACT = "redact"  # <PHONE_NUMBER>
    MASK = "mask"  # 138****8000
    HASH = "hash"  # <PHONE_NUMBER:3f2a…>, keyed and stable
    TOKENIZE = "tokenize"  # tok_PHONE_NUMBER_…, reversible through the vault for staff
    KEEP = "keep"  # detected and counted only
    BLOCK = "block"  # refuse the whole message


@dataclass(frozen=True)
class Rules:
    """What to do with each entity: an action and a minimum score."""

    action: Action = Action.MASK
    score_threshold: float = 0.5
    actions: Mapping[str, Action] = field(default_factory=dict)
    score_thresholds: Mapping[str, float] = field(default_factory=dict)

    def action_for(self, entity: str) -> Action:
        return self.actions.get(entity, self.action)

    def threshold_for(self, entity: str) -> float:
        return self.score_thresholds.get(entity, self.score_threshold)


@dataclass(frozen=True)
class Route:
    """A named set of rules for the messages its `match` fields select (None: any)."""

    name: str
    rules: Rules
    directions: frozenset[Direction] | None = None
    methods: frozenset[str] | None = None
    paths: tuple[str, ...] | None = None
    content_types: tuple[str, ...] | None = None
    max_subjects: int | None = None  # per response; None: the exfiltration default
    detokenize: bool = False  # responses: tokens revealed to staff, masked for anyone else

    def matches(self, direction: Direction, method: str, path: str, content_type: str) -> bool:
        if self.directions is not None and direction not in self.directions:
            return False
        if self.methods is not None and method.upper() not in self.methods:
            return False
        if self.paths is not None and not any(fnmatch.fnmatchcase(path, p) for p in self.paths):
            return False
        return self.content_types is None or any(
            fnmatch.fnmatchcase(content_type, p) for p in self.content_types
        )


@dataclass(frozen=True)
class DeclaredPattern:
    name: str
    regex: str
    score: float


@dataclass(frozen=True)
class DeclaredRecognizer:
    """A pattern recognizer declared in the policy (a hospital's own record-number format)."""

    name: str
    entity: str
    patterns: tuple[DeclaredPattern, ...]
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int = 8 * 1024 * 1024
    scan_timeout_seconds: float = 5.0


@dataclass(frozen=True)
class ExfiltrationSettings:
    max_subjects_per_response: int = 20
    budget_subjects: int = 200
    budget_window_seconds: float = 3600.0
    trusted_proxies: tuple[str, ...] = ()
    honeytokens: frozenset[str] = frozenset()  # canonical forms

    def trusts(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in ipaddress.ip_network(net, strict=False) for net in self.trusted_proxies)


@dataclass(frozen=True)
class DetokenizeSettings:
    budget_patients: int = 50  # distinct patients one staff member may reveal per window
    budget_window_seconds: float = 3600.0


@dataclass(frozen=True)
class TlsSettings:
    """TLS towards clients and towards the backend; read by `phigate run` at start-up.

    Paths are absolute (the loader resolves them against the policy file's directory)."""

    cert_file: str | None = None  # the hospital's certificate (chain), PEM
    key_file: str | None = None  # its private key, PEM, unencrypted
    upstream_ca_file: str | None = None  # CAs the backend's certificate must chain to
    allow_plain_upstream: bool = False  # an http:// backend behind a TLS listener


@dataclass(frozen=True)
class Policy:
    default: Route = field(default_factory=lambda: Route("default", Rules()))
    routes: tuple[Route, ...] = ()
    limits: Limits = field(default_factory=Limits)
    allow_list: frozenset[str] = frozenset()
    unscanned_content_types: tuple[str, ...] = ()
    recognizers: tuple[DeclaredRecognizer, ...] = ()
    exfiltration: ExfiltrationSettings = field(default_factory=ExfiltrationSettings)
    detokenization: DetokenizeSettings = field(default_factory=DetokenizeSettings)
    tls: TlsSettings = field(default_factory=TlsSettings)

    def route_for(self, direction: Direction, method: str, path: str, content_type: str) -> Route:
        """The first route that matches, else the default route."""
        for route in self.routes:
            if route.matches(direction, method, path, content_type):
                return route
        return self.default

    def is_unscanned(self, content_type: str) -> bool:
        return any(fnmatch.fnmatchcase(content_type, p) for p in self.unscanned_content_types)

    def is_allowed(self, value: str) -> bool:
        return canonical(value) in self.allow_list


def canonical(value: str) -> str:
    """A value without separators or case, for allow-list comparison (+86 dropped)."""
    text = "".join(ch for ch in unicodedata.normalize("NFKC", value) if ch.isalnum()).lower()
    return text[2:] if text.startswith("86") and len(text) == 13 else text
