"""Stop bulk pulls of patient data in responses.

A response's data subjects are the distinct identifiers in it (a phone, an ID number, a
card, a record number…; a name is counted through the identifier beside it, not on its
own). Three checks run on every response, in this order:

1. honeytokens: a canary value planted by IT in any response blocks it;
2. per response: more subjects than the route allows blocks it;
3. per client: a client (staff member, else address) that would pass its budget of
   distinct subjects in a sliding window is blocked until the window moves.

Subjects are kept only as keyed hashes; no raw identifier is stored or logged.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from gateway.errors import RejectedMessage
from gateway.fold import fold
from gateway.masking import Hasher
from gateway.metrics import Metrics
from gateway.policy import ExfiltrationSettings, canonical

SUBJECT_ENTITIES = frozenset(
    {
        "PHONE_NUMBER",
        "CN_RESIDENT_ID",
        "CN_BANK_CARD",
        "CN_PASSPORT",
        "CN_HK_MACAU_PERMIT",
        "MEDICAL_RECORD_NUMBER",
        "CN_SOCIAL_INSURANCE",
        "EMAIL_ADDRESS",
        "WECHAT_ID",
        "QQ_NUMBER",
    }
)


class ExfiltrationBlocked(RejectedMessage):
    code = "exfiltration_blocked"
    status = 403

    def __init__(self, reason: str, detail: str) -> None:
        self.reason = reason
        super().__init__(detail)

    def to_json(self) -> bytes:
        import json

        body = {"error": {"code": self.code, "reason": self.reason, "message": self.detail}}
        return json.dumps(body).encode()


def client_key(peer: str, forwarded_for: str | None, settings: ExfiltrationSettings) -> str:
    """The client a budget is charged to: the peer address, or, when the peer is a trusted
    proxy, the right-most untrusted address in X-Forwarded-For."""
    if not forwarded_for or not settings.trusts(peer):
        return peer
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        if not settings.trusts(hop):
            return hop
    return peer


class SubjectWindows(Protocol):
    def charge(self, client: str, subjects: set[str], limit: int, window: float) -> bool:
        """Add `subjects` to the client's window if the distinct total stays within `limit`;
        return False (adding nothing) if it would not."""
        ...


@dataclass
class MemoryWindows:
    """Sliding windows in this process: one instance, or tests."""

    _seen: dict[str, dict[str, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    clock: object = time.monotonic

    def charge(self, client: str, subjects: set[str], limit: int, window: float) -> bool:
        now = self.clock()  # type: ignore[operator]
        with self._lock:
            seen = self._seen.setdefault(client, {})
            for key in [k for k, t in seen.items() if now - t > window]:
                del seen[key]
            if len(seen.keys() | subjects) > limit:
                return False
            for key in subjects:
                seen[key] = now
            return True


class ExfiltrationGuard:
    def __init__(
        self,
        settings: ExfiltrationSettings,
        windows: SubjectWindows,
        hasher: Hasher,
        metrics: Metrics,
    ) -> None:
        self.settings = settings
        self.windows = windows
        self.hasher = hasher
        self.metrics = metrics

    def check(
        self,
        route: str,
        max_subjects: int | None,
        client: str,
        values: Iterable[tuple[str, str]],
        texts: Sequence[str],
    ) -> None:
        """Raise ExfiltrationBlocked if this response must not reach `client`.
        `values` are the (entity, value) pairs found in it, `texts` its text fields."""
        if self.settings.honeytokens and self._has_honeytoken(values, texts):
            self.metrics.honeytoken_hits.inc()
            self._block(route, "honeytoken", "this response contains a planted record")
        subjects = {
            self.hasher(entity, _key(value))
            for entity, value in values
            if entity in SUBJECT_ENTITIES
        }
        if not subjects:
            return
        limit = (
            max_subjects if max_subjects is not None else self.settings.max_subjects_per_response
        )
        if len(subjects) > limit:
            self._block(
                route,
                "too_many_subjects",
                f"this response carries {len(subjects)} patients' identifiers; "
                f"the limit for one response is {limit}",
            )
        if not self.windows.charge(
            client, subjects, self.settings.budget_subjects, self.settings.budget_window_seconds
        ):
            self.metrics.client_budget_exhausted.inc()
            self._block(
                route,
                "budget_exhausted",
                f"this client has reached its limit of {self.settings.budget_subjects} patients "
                f"per {self.settings.budget_window_seconds:g} seconds",
            )
        self.metrics.subjects_served.labels(route).inc(len(subjects))

    def _has_honeytoken(self, values: Iterable[tuple[str, str]], texts: Sequence[str]) -> bool:
        tokens = self.settings.honeytokens
        if any(_key(value) in tokens for _, value in values):
            return True
        # Also without detection: a canary in any spelling the fold understands.
        flat = [_key(t) for t in texts]
        return any(token in text for token in tokens for text in flat)

    def _block(self, route: str, reason: str, detail: str) -> None:
        self.metrics.exfiltration_blocked.labels(route, reason).inc()
        raise ExfiltrationBlocked(reason, detail)


def _key(value: str) -> str:
    """One form for every spelling of a value: folded (numerals, full-width), then only
    letters and digits, lower case, without a +86 prefix."""
    return canonical(fold(value).text)
