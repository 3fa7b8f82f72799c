"""Every Prometheus metric phigate exports, in one place.

Labels are bounded enums only: direction, entity type, action, route name, reason code.
Never a client, a path with IDs in it, or any matched text.
"""

from __future__ import annotations

import platform
from typing import TypeVar

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from gateway import __version__

_Metric = TypeVar("_Metric", Counter, Histogram)

_SCAN_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self._children: dict[tuple[object, tuple[str, ...]], object] = {}
        self.requests = Counter(
            "phigate_requests", "Messages the gateway handled.", ["direction"], registry=r
        )
        self.findings = Counter(
            "phigate_findings",
            "Identifiers found, by entity type and the action applied.",
            ["entity_type", "action", "direction"],
            registry=r,
        )
        self.scan_duration = Histogram(
            "phigate_scan_duration_seconds",
            "Time to decode, scan and re-encode one message body.",
            ["direction"],
            buckets=_SCAN_BUCKETS,
            registry=r,
        )
        self.blocked = Counter(
            "phigate_blocked",
            "Messages refused instead of forwarded, by reason code.",
            ["reason"],
            registry=r,
        )
        self.exfiltration_blocked = Counter(
            "phigate_exfiltration_blocked",
            "Responses blocked to stop a bulk pull, by route and reason.",
            ["route", "reason"],
            registry=r,
        )
        self.subjects_served = Counter(
            "phigate_subjects_served",
            "Distinct data subjects (patients' identifiers) in responses that were served.",
            ["route"],
            registry=r,
        )
        self.client_budget_exhausted = Counter(
            "phigate_client_budget_exhausted",
            "Responses blocked because a client passed its budget of subjects per window.",
            registry=r,
        )
        self.honeytoken_hits = Counter(
            "phigate_honeytoken_hits",
            "Responses that carried a planted canary record.",
            registry=r,
        )
        self.tokens_issued = Counter(
            "phigate_tokens_issued",
            "Values replaced by a reversible token, by entity type.",
            ["entity_type"],
            registry=r,
        )
        self.detokenizations = Counter(
            "phigate_detokenizations",
            "Tokens in responses on staff routes: revealed to staff, masked, or unknown.",
            ["route", "outcome"],
            registry=r,
        )
        self.staff_budget_exhausted = Counter(
            "phigate_staff_budget_exhausted",
            "Responses where a staff member passed the budget of patients revealed per window.",
            registry=r,
        )
        self.policy_reloads = Counter(
            "phigate_policy_reloads",
            "Policy reloads (SIGHUP or a changed file), by outcome: ok, or error (old one kept).",
            ["outcome"],
            registry=r,
        )
        self.worker_restarts = Counter(
            "phigate_worker_restarts",
            "Scan workers killed and replaced, by reason: scan_timeout (still scanning when its"
            " time was up) or crashed.",
            ["reason"],
            registry=r,
        )
        self.build_info = Gauge(
            "phigate_build_info",
            "phigate's version and Python's; always 1.",
            ["version", "python"],
            registry=r,
        )
        self.build_info.labels(__version__, platform.python_version()).set(1)

    def child(self, metric: _Metric, *values: str) -> _Metric:
        """`metric.labels(*values)`, remembered: prometheus_client validates the values and
        takes a lock on every `labels` call, a few µs per message on the proxy's event
        loop. Label values are bounded enums, so this stays small."""
        key = (metric, values)
        found = self._children.get(key)
        if found is None:
            found = self._children[key] = metric.labels(*values)
        return found  # type: ignore[return-value]
