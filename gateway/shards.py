"""One large body scanned in shards, several workers at once: what a worker does with its part.

The proxy cuts a large body into `count` shards and queues one job per shard (`ScanShard`);
any worker may take any of them. A worker decodes the body the first time it gets one of its
shards and keeps it decoded (`HeldBody`), so the next shard it takes arrives without the
body. A shard is a contiguous range of the body's fields, the ranges balanced by text length
(`bounds`): contiguous so that the worker's per-body memory of what it scanned still spares
repeated values (sender roles, dates) their second scan. Each shard answers with its fields'
decisions and new texts (`Shard`); the proxy merges them in field order and sends one last
job (`Render`) with every replacement, to a worker holding the body if one is idle, which
writes the body back. The proxy's event loop never decodes or renders a large body.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from gateway.codecs import content_encoding
from gateway.codecs.fields import Document, Field
from gateway.errors import ScanFailed
from gateway.pipeline import HttpMessage, Outcome, Pipeline
from gateway.redactor import Decision

# What a field costs to scan beyond its characters (Presidio's and jieba's set-up per text),
# in characters; measured: the export's short repeated fields cost about that much.
FIELD_WEIGHT = 20


@dataclass(frozen=True, slots=True)
class ScanShard:
    """A job part: scan shard `index` of `count` of body `body_id`."""

    body_id: int
    index: int
    count: int


@dataclass(frozen=True, slots=True)
class Render:
    """A job part: write body `body_id` back with `replacements` (field number: new text)."""

    body_id: int
    replacements: dict[int, str] = field(repr=False)


Part = ScanShard | Render


@dataclass
class Shard:
    """A shard's answer: `outcome` holds its route, its fields' decisions and texts (the first
    shard's also the query's), and `replacements` the new texts of its fields."""

    outcome: Outcome
    replacements: dict[int, str] = field(repr=False)


def bounds(fields: list[Field], count: int) -> list[tuple[int, int]]:
    """`count` contiguous ranges (start, end) covering `fields`, of about equal weight (the
    text's length plus FIELD_WEIGHT a field); ranges may be empty when fields are few."""
    totals = list(itertools.accumulate(len(f.text) + FIELD_WEIGHT for f in fields))
    whole = totals[-1] if totals else 0
    # Range k ends after the first field whose running total reaches k+1 shares of the whole.
    ends = [bisect.bisect_left(totals, whole * (k + 1) / count) + 1 for k in range(count - 1)]
    cuts = [0, *(min(end, len(fields)) for end in ends), len(fields)]
    return list(itertools.pairwise(cuts))


class HeldBody:
    """A large body decoded once in this worker, for the shards of it that the worker scans."""

    def __init__(self, body_id: int, pipeline: Pipeline, msg: HttpMessage) -> None:
        self.body_id = body_id
        self.route = pipeline.route(msg)
        opened = pipeline.open_body(msg)
        self.doc: Document | None = opened[0] if opened is not None else None
        self.codings: list[str] = opened[1] if opened is not None else []
        self.done: dict[tuple[str, tuple[str, ...]], tuple[str, list[Decision]]] = {}
        self._bounds: dict[int, list[tuple[int, int]]] = {}

    @property
    def fields(self) -> list[Field]:
        return self.doc.fields if self.doc is not None else []

    def shard_range(self, count: int) -> list[tuple[int, int]]:
        if count not in self._bounds:
            self._bounds[count] = bounds(self.fields, count)
        return self._bounds[count]


class ShardScanner:
    """A worker's side: scans shards and renders, holding at most one large body decoded."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.held: HeldBody | None = None

    def forget(self) -> None:
        """Drop the held body (the proxy is done with it): its texts leave this worker."""
        self.held = None

    def run(self, msg: HttpMessage, part: Part) -> Shard | Outcome | BaseException:
        """Like Pipeline.try_scan: the exception is returned, so it crosses to the proxy."""
        try:
            if isinstance(part, ScanShard):
                return self._scan(msg, part)
            return self._render(msg, part)
        except Exception as e:
            if isinstance(part, Render):
                self.held = None
            return e

    def _hold(self, msg: HttpMessage, body_id: int) -> HeldBody:
        # A shard job brings the body unless the proxy knows this worker holds it already.
        if msg.body:
            self.held = None  # the old one's memory first: both may be large
            self.held = HeldBody(body_id, self.pipeline, msg)
        elif self.held is None or self.held.body_id != body_id:
            raise ScanFailed("a shard of a body this worker does not hold")
        return self.held

    def _scan(self, msg: HttpMessage, part: ScanShard) -> Shard:
        held = self._hold(msg, part.body_id)
        if part.index == 0:  # the query's decisions come first, as in a whole scan
            _, outcome = self.pipeline.begin(msg)
        else:
            route = held.route
            outcome = Outcome(
                route=route.name, max_subjects=route.max_subjects, detokenize=route.detokenize
            )
        start, end = held.shard_range(part.count)[part.index]
        fields = held.fields[start:end]
        replacements = self.pipeline.rewrite(
            fields, held.route.rules, outcome, first=start, done=held.done
        )
        if msg.to_client:
            outcome.texts = [f.text for f in fields]  # for the honeytoken check
        return Shard(outcome, replacements)

    def _render(self, msg: HttpMessage, part: Render) -> Outcome:
        held = self._hold(msg, part.body_id)
        self.held = None  # the last job of this body
        if held.doc is None:
            raise ScanFailed("replacements for a body without fields")
        body = held.doc.render(part.replacements)
        return Outcome(held.route.name, body=content_encoding.encode(body, held.codings))
