"""What crosses the socket between the proxy process and a scan worker, and how it is framed.

A frame is a 12-byte header (the lengths of its two parts), a pickled part (protocol 5),
and a raw part: a message's body, or a rewritten body, sent as the bytes they are rather
than copied into the pickle. The proxy sends a job; the worker answers each with one
result. A job carries the policy only when it differs from the one the worker last got.

A job for a shard of a large body (gateway/shards.py) also names its part, and comes without
the body when the worker holds that body already; any job may tell the worker to forget the
large body it holds.
"""

from __future__ import annotations

import pickle
import struct
from typing import Any

from gateway.errors import ScanFailed
from gateway.pipeline import SCAN_HEADERS, FieldDecision, HttpMessage, Outcome
from gateway.policy import Action, Policy
from gateway.redactor import Decision
from gateway.scanner import Finding
from gateway.shards import Part, Shard

HEADER = struct.Struct("!IQ")  # length of the pickled part, length of the raw part
READY = "ready"  # a worker's first frame, once it has loaded its scanner


def frame(meta: object, raw: bytes = b"") -> list[bytes]:
    """A frame as parts to send with one sendmsg, the raw part not copied."""
    pickled = pickle.dumps(meta, protocol=5)
    return [HEADER.pack(len(pickled), len(raw)), pickled, raw]


def job(
    policy: Policy | None,
    msg: HttpMessage,
    part: Part | None = None,
    forget: bool = False,
    with_body: bool = True,
) -> list[bytes]:
    """What a worker needs of `msg` to scan it (or `part` of it), and `policy` if it must
    change; `forget`: drop the large body it holds first."""
    headers = tuple(msg.headers.get(name) for name in SCAN_HEADERS)
    meta = (policy, msg.direction, msg.method, msg.path, headers, msg.query, msg.to_client)
    return frame((*meta, msg.engine_io, part, forget), msg.body if with_body else b"")


def read_job(meta: Any, body: bytes) -> tuple[Policy | None, HttpMessage, Part | None, bool]:
    policy, direction, method, path, values, query, to_client, engine_io, part, forget = meta
    headers = {name: v for name, v in zip(SCAN_HEADERS, values, strict=True) if v is not None}
    msg = HttpMessage(
        direction, method, path, headers, body, query, to_client=to_client, engine_io=engine_io
    )
    return policy, msg, part, forget


def result(outcome: Outcome | Shard | BaseException) -> list[bytes]:
    """A scan's outcome (its body as the raw part), or the error that refuses it. A whole
    message's outcome goes as plain tuples: pickle rebuilds frozen dataclasses with slots
    (FieldDecision, Decision, Finding) one attribute at a time, which cost the proxy's event
    loop about 35 µs for an answer with two findings."""
    if isinstance(outcome, Outcome):
        body = outcome.body
        return frame((_OUTCOME, _flat(outcome), body is not None), body or b"")
    try:
        return frame((_OBJECT, outcome, False))
    except Exception:
        # Something in it cannot be pickled (an error's attributes): refused all the same.
        return frame((_OBJECT, ScanFailed("the gateway could not scan this message"), False))


def read_result(meta: Any, raw: bytes) -> Outcome | Shard | BaseException:
    kind, payload, has_body = meta
    if kind == _OUTCOME:
        return _outcome(payload, raw if has_body else None)
    if kind != _OBJECT or not isinstance(payload, Outcome | Shard | BaseException):
        raise TypeError(f"a worker answered {type(payload).__name__}")
    return payload


_OUTCOME, _OBJECT = 0, 1
_Flat = tuple[str, str | None, tuple[tuple[Any, ...], ...], int | None, bool, list[str]]


def _flat(outcome: Outcome) -> _Flat:
    decisions = tuple(
        (fd.path, f.entity_type, f.start, f.end, f.score, fd.decision.action.value, fd.value)
        for fd in outcome.decisions
        for f in (fd.decision.finding,)
    )
    return (
        outcome.route,
        outcome.query,
        decisions,
        outcome.max_subjects,
        outcome.detokenize,
        outcome.texts,
    )


def _outcome(flat: _Flat, body: bytes | None) -> Outcome:
    route, query, decisions, max_subjects, detokenize, texts = flat
    return Outcome(
        route,
        body,
        query,
        [
            FieldDecision(path, Decision(Finding(entity, start, end, score), Action(action)), value)
            for path, entity, start, end, score, action, value in decisions
        ],
        max_subjects,
        detokenize,
        texts,
    )


def parse(buffer: bytearray) -> list[tuple[Any, bytes]]:
    """Take every complete frame off the front of `buffer`: (unpickled part, raw part)."""
    frames = []
    start = 0
    size = len(buffer)
    with memoryview(buffer) as view:
        while size - start >= HEADER.size:
            meta_len, raw_len = HEADER.unpack_from(view, start)
            meta_at = start + HEADER.size
            raw_at = meta_at + meta_len
            end = raw_at + raw_len
            if end > size:
                break
            frames.append((pickle.loads(view[meta_at:raw_at]), bytes(view[raw_at:end])))
            start = end
    del buffer[:start]
    return frames
