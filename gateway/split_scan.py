"""A large body scanned by every scan worker at once: the proxy's side.

A chat-history export of 10 MB holds about 70,000 messages; one worker scans them one after
another (about 50 s here) while the others sit idle. A body of SPLIT_BYTES or more is cut
into shards of about SHARD_BYTES each (gateway/shards.py says how a worker scans one), which
all idle workers take in turn; their answers are merged in field order and one last job
writes the body back with every replacement, in a worker, since rendering megabytes of JSON
on the proxy's event loop would stall every other request.

Fail closed: the first shard that fails refuses the whole body with its error (the shards
still queued are dropped, and nothing of the body is forwarded); the caller's per-body
timeout covers the whole, shards and rendering. Back-pressure: shards wait behind whole
messages (gateway/workers.py), so a chat message waits at most for the shards being scanned;
a large body counts as one waiting message against the queue's limit, and beyond it is
refused at once as too busy. Under a load that keeps every worker busy with whole messages, a
large body's shards wait until its timeout refuses it: chat messages come first.
"""

from __future__ import annotations

import asyncio
import math

from gateway.errors import ScanFailed, ScanTimeout
from gateway.pipeline import HttpMessage, Outcome
from gateway.policy import Policy
from gateway.shards import Render, ScanShard, Shard
from gateway.workers import QUEUED_PER_WORKER, Result, WorkerPool

# Measured on the 10 MB export (bench/engine.py): 7 to 9 CPU seconds of scanning per MB of
# body, and 0.08 s per MB to decode it, which each worker that takes a shard does once. A
# shard of 64 KiB is then about half a second: the longest a chat message waits behind one.
SHARD_BYTES = 64 * 1024
# Below two shards' worth (about a second of scanning), a body is scanned whole as before.
SPLIT_BYTES = 2 * SHARD_BYTES
# A compressed body is counted at this many times its size (the export gzips to a sixth of
# it), and at most the size it may decode to: a shard too many costs a round trip to a worker
# that holds the body; too few, longer shards for chat messages to wait behind.
COMPRESSION = 8


def splits(pool: WorkerPool, policy: Policy, msg: HttpMessage) -> bool:
    """Whether `msg` is scanned in shards: a large body, and more than one worker to share it.
    A body over the size limit is not: one worker refuses it whole, without scanning."""
    size = len(msg.body)
    if pool.workers < 2 or size > policy.limits.max_body_bytes:
        return False
    return _size(policy, msg) >= SPLIT_BYTES


def shard_count(policy: Policy, msg: HttpMessage) -> int:
    return math.ceil(_size(policy, msg) / SHARD_BYTES)


def _size(policy: Policy, msg: HttpMessage) -> int:
    """About how large the body is decoded."""
    size = len(msg.body)
    if msg.headers.get("content-encoding", "identity").strip().lower() != "identity":
        size = min(size * COMPRESSION, max(size, policy.limits.max_body_bytes))
    return size


async def scan(pool: WorkerPool, policy: Policy, msg: HttpMessage) -> Outcome | BaseException:
    """Scan `msg` in shards on every worker and merge them: the outcome of a whole scan, or the
    error that refuses the body."""
    if len(pool.split_bodies) >= QUEUED_PER_WORKER * pool.workers:
        return ScanTimeout("the gateway is too busy to scan this message")
    body_id = pool.open_split()
    count = shard_count(policy, msg)
    futures = [pool.submit(policy, msg, ScanShard(body_id, k, count)) for k in range(count)]
    try:
        shards: list[Shard] = []
        for result in await _all_or_first_error(futures):
            if not isinstance(result, Shard):
                return _refusal(result)
            shards.append(result)
        outcome, replacements = merge(shards)
        if replacements:
            futures.append(pool.submit(policy, msg, Render(body_id, replacements)))
            rendered = await futures[-1]
            if not isinstance(rendered, Outcome) or rendered.body is None:
                return _refusal(rendered)
            outcome.body = rendered.body
        return outcome
    finally:
        for future in futures:
            future.cancel()  # shards still queued are dropped; running ones finish unheard
        pool.close_split(body_id)


def merge(shards: list[Shard]) -> tuple[Outcome, dict[int, str]]:
    """The shards' outcomes as one, in field order, and all their replacements."""
    outcome = shards[0].outcome  # its route, and the query's decisions before the body's
    replacements = dict(shards[0].replacements)
    for shard in shards[1:]:
        outcome.decisions.extend(shard.outcome.decisions)
        outcome.texts.extend(shard.outcome.texts)
        replacements.update(shard.replacements)
    return outcome, replacements


async def _all_or_first_error(futures: list[asyncio.Future[Result]]) -> list[Result]:
    """Every future's result in order, or as soon as one is not a shard, that one alone."""
    pending: set[asyncio.Future[Result]] = set(futures)
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for future in done:
            result = future.result()
            if not isinstance(result, Shard):
                return [result]
    return [future.result() for future in futures]


def _refusal(result: Result) -> BaseException:
    if isinstance(result, BaseException):
        return result
    return ScanFailed("the gateway could not scan this message")
