"""What crosses the socket to a scan worker and back: the scan sees what it needs, and an
answer that cannot be sent still refuses the message."""

from __future__ import annotations

import dataclasses

import pytest

from gateway import scan_wire
from gateway.errors import ScanFailed
from gateway.pipeline import FieldDecision, HttpMessage, Outcome
from gateway.policy import Action, Direction
from gateway.redactor import Decision
from gateway.scanner import Finding
from gateway.service import read_policy
from gateway.shards import ScanShard, Shard


def _through(parts: list[bytes]) -> tuple[object, bytes]:
    buffer = bytearray(b"".join(parts))
    [(meta, raw)] = scan_wire.parse(buffer)
    assert buffer == b""
    return meta, raw


def test_scan_wire_job_keeps_what_the_scan_reads() -> None:
    msg = HttpMessage(
        Direction.RESPONSE,
        "GET",
        "/history",
        {"content-type": "text/html; charset=gbk", "content-encoding": "gzip", "cookie": "s=1"},
        b"\x00body",
        query="page=2",
        client="10.0.0.9",
        to_client=True,
        staff="alice",
        engine_io=4,
    )
    policy = read_policy(None)
    sent_policy, got, part, forget = scan_wire.read_job(*_through(scan_wire.job(policy, msg)))
    assert sent_policy == policy
    assert (part, forget) == (None, False)
    assert got == HttpMessage(
        Direction.RESPONSE,
        "GET",
        "/history",
        {"content-type": "text/html; charset=gbk", "content-encoding": "gzip"},
        b"\x00body",
        query="page=2",
        to_client=True,
        engine_io=4,
    )
    assert scan_wire.read_job(*_through(scan_wire.job(None, msg)))[0] is None


@pytest.mark.parametrize("body", [None, b"", b"masked"], ids=["unchanged", "emptied", "rewritten"])
def test_scan_wire_result_body(body: bytes | None) -> None:
    outcome = Outcome(route="default", body=body, texts=["raw"])
    got = scan_wire.read_result(*_through(scan_wire.result(outcome)))
    assert got == outcome


class _Unpicklable(ValueError):
    def __init__(self) -> None:
        super().__init__("x")
        self.handle = lambda: None  # a scan error carrying something pickle cannot send


def test_scan_wire_unpicklable_error_still_refuses() -> None:
    got = scan_wire.read_result(*_through(scan_wire.result(_Unpicklable())))
    assert isinstance(got, ScanFailed)


def test_scan_wire_shard_job_without_the_body_a_worker_holds() -> None:
    msg = HttpMessage(Direction.RESPONSE, "GET", "/export", {}, b"large body", to_client=True)
    part = ScanShard(body_id=3, index=1, count=4)
    framed = scan_wire.job(None, msg, part, forget=True, with_body=False)
    _, got, got_part, forget = scan_wire.read_job(*_through(framed))
    assert (got.body, got_part, forget) == (b"", part, True)


def test_scan_wire_shard_answer() -> None:
    shard = Shard(Outcome(route="default", texts=["raw"]), {7: "138****8000"})
    got = scan_wire.read_result(*_through(scan_wire.result(shard)))
    assert isinstance(got, Shard)
    assert (got.outcome, got.replacements) == (shard.outcome, shard.replacements)


def test_scan_wire_result_with_findings_comes_back_equal() -> None:
    # Outcomes cross as plain tuples: every field, findings included, must survive.
    decisions = [
        FieldDecision(
            "$.message", Decision(Finding("PHONE_NUMBER", 7, 18, 0.95), Action.MASK), "13800138000"
        ),
        FieldDecision("query.n", Decision(Finding("PERSON", 0, 2, 0.85), Action.TOKENIZE), "张伟"),
    ]
    outcome = Outcome("chat", b"body", "name=tok", decisions, 5, True, ["text"])
    assert [f.name for f in dataclasses.fields(Outcome)] == [
        "route", "body", "query", "decisions", "max_subjects", "detokenize", "texts"
    ]  # fmt: skip
    got = scan_wire.read_result(*_through(scan_wire.result(outcome)))
    assert got == outcome
