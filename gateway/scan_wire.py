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

import dataclasses
import pickle
import struct
from typing import Any

from gateway.errors import ScanFailed
from gateway.pipeline import HttpMessage, Outcome
from gateway.policy import Policy
from gateway.shards import Part, Shard

HEADER = struct.Struct("!IQ")  # length of the pickled part, length of the raw part
READY = "ready"  # a worker's first frame, once it has loaded its scanner

# The headers the pipeline's scan reads (Pipeline._process); the others stay in the proxy.
SCAN_HEADERS = ("content-type", "content-encoding")


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
    """A scan's outcome (its body as the raw part), or the error that refuses it."""
    body = None
    if isinstance(outcome, Outcome) and outcome.body is not None:
        body, outcome = outcome.body, dataclasses.replace(outcome, body=None)
    try:
        return frame((outcome, body is not None), body or b"")
    except Exception:
        # Something in it cannot be pickled (an error's attributes): refused all the same.
        return frame((ScanFailed("the gateway could not scan this message"), False))


def read_result(meta: Any, raw: bytes) -> Outcome | Shard | BaseException:
    outcome, has_body = meta
    if has_body:
        outcome.body = raw
    if not isinstance(outcome, Outcome | Shard | BaseException):
        raise TypeError(f"a worker answered {type(outcome).__name__}")
    return outcome


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
