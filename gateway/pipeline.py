"""The pipeline: decode body → fields with context → scan → decide → apply → encode.

Takes a message (bytes plus headers plus where it goes) and returns what to forward, or
raises a RejectedMessage that says why it must not be forwarded. Knows nothing of
mitmproxy; `addons/` translate flows to `HttpMessage` and back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from gateway.codecs import content_encoding, socketio
from gateway.codecs.dispatch import open_document, parse_content_type
from gateway.codecs.fields import Document, Field
from gateway.codecs.form_body import FormDocument
from gateway.detokenize import Detokenizer
from gateway.errors import BodyTooLarge, RejectedMessage, ScanFailed, UnreadableBody
from gateway.exfiltration import ExfiltrationBlocked, ExfiltrationGuard
from gateway.metrics import Metrics
from gateway.policy import Action, Direction, Policy, Route, Rules
from gateway.redactor import Decision, Redactor

log = logging.getLogger(__name__)

# The only headers the pipeline reads (decoding, routing, detokenizing); the proxy passes
# these and no others, and sends them to the scan workers.
SCAN_HEADERS = ("content-type", "content-encoding")


@dataclass(frozen=True)
class HttpMessage:
    direction: Direction
    method: str
    path: str  # without the query string
    headers: Mapping[str, str]  # lower-case names
    body: bytes
    query: str = ""
    client: str = ""  # who a response goes to: staff member or address (exfiltration budgets)
    to_client: bool = False  # a response, or a WebSocket message from the server
    staff: str | None = None  # the authenticated staff member the response goes to
    engine_io: int = 0  # the engine.io version the URL names (EIO=3 or 4; Socket.IO), or 0


@dataclass(frozen=True)
class FieldDecision:
    path: str
    decision: Decision
    value: str = field(default="", repr=False)  # the raw value: never logged


@dataclass
class Outcome:
    """What to forward. `body` and `query` are None when unchanged; `body` is encoded with
    the message's Content-Encoding, ready to send."""

    route: str
    body: bytes | None = None
    query: str | None = None
    decisions: list[FieldDecision] = field(default_factory=list)
    max_subjects: int | None = None  # the route's per-response limit, for the guard
    detokenize: bool = False  # the route gives staff real values back
    texts: list[str] = field(default_factory=list, repr=False)  # raw field texts: never logged


class Pipeline:
    def __init__(
        self,
        policy: Policy,
        redactor: Redactor | None,  # None: scanning happens in worker processes
        metrics: Metrics,
        guard: ExfiltrationGuard | None = None,
        detokenizer: Detokenizer | None = None,
    ) -> None:
        self.policy = policy
        self.redactor = redactor
        self.metrics = metrics
        self.guard = guard
        self.detokenizer = detokenizer

    def process(self, msg: HttpMessage) -> Outcome:
        """Scan one message under the policy; raises RejectedMessage if it must not pass."""
        started = time.perf_counter()
        return self.complete(msg, started, self.try_scan(msg))

    def try_scan(self, msg: HttpMessage) -> Outcome | BaseException:
        """The CPU-heavy part, which a worker process can run: decode, scan, decide, apply.
        Returns the exception instead of raising it, so it crosses a process boundary."""
        try:
            return self._process(msg)
        except Exception as e:
            return e

    def complete(
        self, msg: HttpMessage, started: float, result: Outcome | BaseException
    ) -> Outcome:
        """The part that needs this process's state: the exfiltration guard, metrics, and
        turning every failure into a refusal (fail closed)."""
        metrics = self.metrics
        direction = msg.direction.value
        metrics.child(metrics.requests, direction).inc()
        try:
            if isinstance(result, BaseException):
                raise result
            outcome = result
            if self.guard is not None and msg.to_client:
                self.guard.check(
                    outcome.route,
                    outcome.max_subjects,
                    msg.client,
                    [(fd.decision.finding.entity_type, fd.value) for fd in outcome.decisions],
                    outcome.texts,
                )
            if self.detokenizer is not None and msg.to_client and outcome.detokenize and msg.body:
                outcome.body = self.detokenizer.apply(
                    outcome.body if outcome.body is not None else msg.body,
                    dict(msg.headers),
                    outcome.route,
                    msg.staff,
                )
        except ExfiltrationBlocked as e:
            self.metrics.blocked.labels(e.code).inc()
            # The client address is what ops need to act on; it is no patient identifier.
            log.warning("exfiltration blocked: %s to client %s", e.reason, msg.client or "?")
            raise
        except RejectedMessage as e:
            self.metrics.blocked.labels(e.code).inc()
            log.warning("%s %s refused: %s", msg.direction.value, msg.method, e.code)
            raise
        except Exception as e:
            # Never forward what we failed to scan. The exception text may quote the body,
            # so only its type is logged.
            self.metrics.blocked.labels(ScanFailed.code).inc()
            log.error("scan failed with %s", type(e).__name__)
            raise ScanFailed("the gateway could not scan this message") from None
        finally:
            metrics.child(metrics.scan_duration, direction).observe(time.perf_counter() - started)
        for fd in outcome.decisions:
            entity, action = fd.decision.finding.entity_type, fd.decision.action
            metrics.child(metrics.findings, entity, action.value, direction).inc()
            if action is Action.TOKENIZE:
                self.metrics.tokens_issued.labels(entity).inc()
        return outcome

    def _process(self, msg: HttpMessage) -> Outcome:
        route, outcome = self.begin(msg)
        opened = self.open_body(msg)
        if opened is None:
            return outcome
        doc, codings = opened
        replacements = self.rewrite(doc.fields, route.rules, outcome)
        if msg.to_client:
            outcome.texts = [f.text for f in doc.fields]  # for the honeytoken check
        if replacements:
            outcome.body = content_encoding.encode(doc.render(replacements), codings)
        return outcome

    def begin(self, msg: HttpMessage) -> tuple[Route, Outcome]:
        """The message's route, and an outcome holding what its query string became."""
        route = self.route(msg)
        outcome = Outcome(
            route=route.name, max_subjects=route.max_subjects, detokenize=route.detokenize
        )
        if msg.query:
            query_doc = FormDocument(msg.query, prefix="query")
            new_query = self.rewrite(query_doc.fields, route.rules, outcome)
            if new_query:
                outcome.query = query_doc.render_text(new_query)
        return route, outcome

    def route(self, msg: HttpMessage) -> Route:
        media_type, _ = parse_content_type(msg.headers.get("content-type"))
        return self.policy.route_for(msg.direction, msg.method, msg.path, media_type)

    def open_body(self, msg: HttpMessage) -> tuple[Document, list[str]] | None:
        """The body decoded into fields, with the content codings to encode it back in; None
        when there is nothing to scan. Raises BodyTooLarge or UnreadableBody."""
        media_type, charset = parse_content_type(msg.headers.get("content-type"))
        limit = self.policy.limits.max_body_bytes
        if not msg.body or self.policy.is_unscanned(media_type):
            return None
        if len(msg.body) > limit:
            raise BodyTooLarge(f"body of {len(msg.body)} bytes exceeds the limit of {limit}")
        codings = content_encoding.parse(msg.headers.get("content-encoding"))
        data = content_encoding.decode(msg.body, codings, limit)
        packets = socketio.open_packets(
            data, media_type, charset, msg.engine_io, msg.direction is Direction.WEBSOCKET
        )
        if packets is not None and packets.attachments:
            # Binary attachments cannot be scanned: they pass only as binary bodies do.
            if not self.policy.is_unscanned(socketio.BINARY):
                raise UnreadableBody("a binary attachment, which the policy does not let through")
        doc: Document = (
            packets
            if packets is not None
            else open_document(data, media_type, charset, msg.headers.get("content-type"))
        )
        return doc, codings

    def rewrite(
        self,
        fields: list[Field],
        rules: Rules,
        outcome: Outcome,
        first: int = 0,
        done: dict[tuple[str, tuple[str, ...]], tuple[str, list[Decision]]] | None = None,
    ) -> dict[int, str]:
        """Scan `fields` (numbered from `first`) and decide; their decisions go to `outcome`,
        and what changes is returned as {field number: new text}. `done` remembers what was
        scanned, for a caller that scans one body's fields in several calls."""
        assert self.redactor is not None, "this pipeline only completes what workers scanned"
        replacements: dict[int, str] = {}
        # Exports repeat values (sender roles, session ids, dates, canned replies): each
        # distinct value under a given field name is scanned once per body.
        if done is None:
            done = {}
        for i, f in enumerate(fields, first):
            key = (f.text, tuple(f.context))
            result = done.get(key)
            if result is None:
                result = done[key] = self.redactor.redact(f.text, rules, self.policy, f.context)
            new_text, decisions = result
            outcome.decisions.extend(
                FieldDecision(f.path, d, f.text[d.finding.start : d.finding.end]) for d in decisions
            )
            if new_text != f.text:
                replacements[i] = new_text
        return replacements
