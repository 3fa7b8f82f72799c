"""A large body is scanned in shards by every worker at once: through the real gateway
(`phigate run --workers 2`) in front of a real backend, and the shard plan on its own."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import re
import signal
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from gateway.codecs.fields import Field
from gateway.pipeline import HttpMessage
from gateway.policy import Direction
from gateway.service import read_policy
from gateway.shards import FIELD_WEIGHT, bounds
from gateway.split_scan import SPLIT_BYTES, shard_count, splits
from gateway.workers import WorkerPool
from tests.support.http import request
from tests.support.processes import GatewayProcess, cpu_seconds, phigate_run, scan_workers
from tests.support.recording_backend import RecordingBackend, Reply

# Large bodies take seconds to scan on a shared machine; exports name many patients.
POLICY = """\
version: 1
limits:
  scan_timeout_seconds: 120
exfiltration:
  max_subjects_per_response: 100000
  budget_subjects: 100000
default:
  action: mask
  actions:
    HEALTH_CONDITION: keep
"""
SENTENCES = [
    "医生您好，我最近小便有点疼，还有点尿频，需要做什么检查吗",
    "请问割双眼皮手术大概多少钱？恢复期要多久",
    "每天两次每次五百毫克，吃了三天还是没有好转怎么办",
    "血压一百五，心率八十八，头晕，需要去医院吗",
]
# Placed in the first, the middle and the last message: each in a different shard.
FIRST, MIDDLE, LAST = "我叫张伟，电话13800138000", "手机13912345678", "身份证110101199003074258"
MASKED = ["张*", "138****8000", "139****5678", "110101********4258"]
RAW = ["张伟", "13800138000", "13912345678", "110101199003074258"]


def export(messages: int) -> bytes:
    """A chat-history export: every message text distinct, identifiers at start, middle, end."""
    items = []
    for i in range(messages):
        text = f"第{i}条：{SENTENCES[i % len(SENTENCES)]}"
        if i in (0, messages // 2, messages - 1):
            text += "，" + {0: FIRST, messages // 2: MIDDLE}.get(i, LAST)
        items.append({"id": i, "from": "patient" if i % 2 == 0 else "doctor", "text": text})
    return json.dumps({"messages": items}, ensure_ascii=False).encode()


@pytest.fixture(scope="module")
def policy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("policy") / "policy.yaml"
    path.write_text(POLICY)
    return path


@pytest.fixture(scope="module")
def two_workers(
    backend: RecordingBackend, policy: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GatewayProcess]:
    gw = phigate_run(
        backend.url, tmp_path_factory.mktemp("two"), "--workers", "2", "--config", str(policy)
    )
    yield gw
    gw.stop()


def get_export(gw: GatewayProcess) -> tuple[int, bytes]:
    status, _, body = request(gw, "GET", "/export")
    return status, body


def post(gw: GatewayProcess, body: bytes, content_type: str) -> tuple[int, bytes]:
    status, _, reply = request(gw, "POST", "/api/chat", body, {"content-type": content_type})
    return status, reply


def restarts(gw: GatewayProcess) -> float:
    with urllib.request.urlopen(f"{gw.metrics_url}/metrics") as resp:
        text = resp.read().decode()
    match = re.search(r'^phigate_worker_restarts_total\{reason="crashed"\} (\S+)$', text, re.M)
    return float(match.group(1)) if match else 0.0


def wait_until(condition, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout}s"
        time.sleep(0.1)


def test_split_export_masked_on_two_workers_as_on_one(
    backend: RecordingBackend,
    two_workers: GatewayProcess,
    policy: Path,
    tmp_path: Path,
) -> None:
    body = export(5_000)
    assert len(body) > 2 * SPLIT_BYTES
    backend.reset()
    backend.reply = Reply(body=body)
    workers = scan_workers(two_workers.process.pid)
    assert len(workers) == 2
    before = [cpu_seconds(pid) for pid in workers]
    status, split = get_export(two_workers)
    used = [cpu_seconds(pid) - cpu for pid, cpu in zip(workers, before, strict=True)]
    assert status == 200, split[:300]
    # Both workers scanned a good part of it (the whole takes several CPU seconds).
    assert min(used) > 0.5, used

    one = phigate_run(backend.url, tmp_path, "--workers", "1", "--config", str(policy))
    try:
        status, whole = get_export(one)
    finally:
        one.stop()
    assert status == 200, whole[:300]
    assert split == whole
    text = split.decode()
    assert not any(raw in text for raw in RAW)
    messages = json.loads(split)["messages"]
    assert len(messages) == 5_000
    assert MASKED[0] in messages[0]["text"] and MASKED[1] in messages[0]["text"]
    assert MASKED[2] in messages[2_500]["text"]
    assert MASKED[3] in messages[-1]["text"]
    assert messages[1]["text"] == "第1条：" + SENTENCES[1]  # the rest untouched


def test_split_compressed_export_masked_and_compressed_again(
    backend: RecordingBackend, two_workers: GatewayProcess
) -> None:
    # 40 KB of gzip, counted at eight times that: split, and written back gzipped.
    body = gzip.compress(export(3_000))
    assert len(body) < SPLIT_BYTES
    backend.reset()
    backend.reply = Reply(
        body=body, headers={"content-type": "application/json", "content-encoding": "gzip"}
    )
    workers = scan_workers(two_workers.process.pid)
    before = [cpu_seconds(pid) for pid in workers]
    status, headers, reply = request(two_workers, "GET", "/export")
    used = [cpu_seconds(pid) - cpu for pid, cpu in zip(workers, before, strict=True)]
    assert status == 200, reply[:300]
    assert min(used) > 0.3, used
    assert headers["content-encoding"] == "gzip"
    messages = json.loads(gzip.decompress(reply))["messages"]
    assert len(messages) == 3_000
    assert not any(raw in json.dumps(messages, ensure_ascii=False) for raw in RAW)
    assert MASKED[1] in messages[0]["text"]
    assert MASKED[2] in messages[1_500]["text"]
    assert MASKED[3] in messages[-1]["text"]


def test_split_small_messages_pass_while_a_large_body_is_scanned(
    backend: RecordingBackend, two_workers: GatewayProcess
) -> None:
    # A large body's shards wait behind whole messages: a chat message is answered between
    # two shards, long before the large body is done.
    backend.reset()
    workers = scan_workers(two_workers.process.pid)
    before = [cpu_seconds(pid) for pid in workers]
    with ThreadPoolExecutor(max_workers=1) as client:
        large = client.submit(post, two_workers, export(12_000), "application/json")
        wait_until(
            lambda: all(cpu_seconds(p) > c + 0.3 for p, c in zip(workers, before, strict=True)),
            30,
        )
        status, reply = post(two_workers, "电话13800138000".encode(), "text/plain; charset=utf-8")
        assert not large.done()
        assert status == 200
        assert backend.received[0].body.decode() == "电话138****8000"
        status, reply = large.result(timeout=120)
    assert status == 200, reply[:300]
    stored = backend.received[1].body.decode()
    assert not any(raw in stored for raw in RAW)


def test_split_worker_killed_mid_shard_refuses_the_whole_body(
    backend: RecordingBackend, two_workers: GatewayProcess
) -> None:
    backend.reset()
    crashed = restarts(two_workers)
    workers = scan_workers(two_workers.process.pid)
    victim = workers[1]
    idle = cpu_seconds(victim)
    with ThreadPoolExecutor(max_workers=1) as client:
        large = client.submit(post, two_workers, export(12_000), "application/json")
        wait_until(lambda: cpu_seconds(victim) > idle + 0.5, 30)
        os.kill(victim, signal.SIGKILL)
        status, reply = large.result(timeout=60)
    assert (status, json.loads(reply)["error"]["code"]) == (500, "scan_failed")
    assert backend.received == []  # not a shard of it forwarded
    assert restarts(two_workers) == crashed + 1

    # The other worker goes on serving while the replacement loads.
    status, reply = post(two_workers, "电话13800138000".encode(), "text/plain; charset=utf-8")
    assert status == 200, reply
    assert backend.received[0].body.decode() == "电话138****8000"
    wait_until(lambda: len(scan_workers(two_workers.process.pid)) == 2, 60)
    assert victim not in scan_workers(two_workers.process.pid)
    log = two_workers.log()
    assert not any(raw in log for raw in RAW)


def _cpu_of_workers(gw: GatewayProcess) -> dict[int, float]:
    readings = {}
    for pid in scan_workers(gw.process.pid):
        try:
            readings[pid] = cpu_seconds(pid)
        except FileNotFoundError:  # killed for its timeout between the listing and the read
            pass
    return readings


def _idle_after(gw: GatewayProcess, deadline: float) -> float:
    """Wait until the gateway's scan workers use no CPU for a second; the CPU seconds they
    used meanwhile (a worker replaced meanwhile counts from its start)."""
    start = time.monotonic()
    used: dict[int, tuple[float, float]] = {}  # pid: (first reading, last reading)
    while True:
        before = _cpu_of_workers(gw)
        time.sleep(1)
        after = _cpu_of_workers(gw)
        for pid, now in after.items():
            used[pid] = (used.get(pid, (before.get(pid, now), now))[0], now)
        if before.keys() == after.keys() and all(after[p] - before[p] < 0.05 for p in after):
            return sum(last - first for first, last in used.values())
        assert time.monotonic() - start < deadline, f"workers still busy after {deadline}s"


def test_split_timeout_covers_the_whole_body(backend: RecordingBackend, tmp_path: Path) -> None:
    # Each shard takes well under the timeout (about half a CPU second); the body as a whole
    # takes far longer (about 25 CPU seconds).
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY.replace("scan_timeout_seconds: 120", "scan_timeout_seconds: 4"))
    gw = phigate_run(backend.url, tmp_path, "--workers", "2", "--config", str(policy))
    try:
        backend.reset()
        started = time.monotonic()
        status, reply = post(gw, export(30_000), "application/json")
        assert time.monotonic() - started < 15
        assert (status, json.loads(reply)["error"]["code"]) == (503, "scan_timeout")
        assert backend.received == []
        # Its shards still queued were dropped: once the shards already running end (on a
        # loaded machine they can outlast the timeout and have their worker replaced), the
        # workers go idle having spent far less than the 20-odd CPU seconds the rest of the
        # body would take, and serve the next message.
        spent = _idle_after(gw, deadline=60)
        assert spent < 10, f"workers went on scanning for {spent:.1f} CPU seconds"
        status, reply = post(gw, "电话13800138000".encode(), "text/plain; charset=utf-8")
        assert status == 200, reply
        assert backend.received[0].body.decode() == "电话138****8000"
    finally:
        gw.stop()


def _fields(*lengths: int) -> list[Field]:
    return [Field(f"$[{i}]", "字" * n) for i, n in enumerate(lengths)]


@pytest.mark.parametrize(
    ("lengths", "count", "expected"),
    [
        ((10, 10, 10, 10), 2, [(0, 2), (2, 4)]),
        ((100, 1, 1, 1, 1, 100), 2, [(0, 3), (3, 6)]),
        ((10, 10), 4, [(0, 1), (1, 1), (1, 2), (2, 2)]),
        ((), 3, [(0, 0), (0, 0), (0, 0)]),
        ((5, 5, 5), 1, [(0, 3)]),
    ],
    ids=["even", "weighted", "more-shards-than-fields", "no-fields", "one-shard"],
)
def test_split_bounds_contiguous_and_balanced(
    lengths: tuple[int, ...], count: int, expected: list[tuple[int, int]]
) -> None:
    assert bounds(_fields(*lengths), count) == expected


def test_split_bounds_balance_a_long_export() -> None:
    fields = _fields(*(((i * 37) % 90) + 5 for i in range(10_000)))
    ranges = bounds(fields, 7)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(fields)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    weights = [sum(len(f.text) + FIELD_WEIGHT for f in fields[s:e]) for s, e in ranges]
    assert max(weights) - min(weights) <= 2 * (90 + FIELD_WEIGHT)


@pytest.mark.parametrize(
    ("size", "encoding", "expected"),
    [
        (640 * 1024, None, 10),
        (100 * 1024, "gzip", 13),  # counted at eight times its size
        (7 * 1024 * 1024, "br", 128),  # and at most the 8 MiB it may decode to
    ],
    ids=["identity", "compressed", "compressed-capped"],
)
def test_split_shard_count_from_the_decoded_size(
    size: int, encoding: str | None, expected: int
) -> None:
    headers = {"content-type": "application/json"}
    if encoding:
        headers["content-encoding"] = encoding
    msg = HttpMessage(Direction.RESPONSE, "GET", "/export", headers, b"x" * size, to_client=True)
    assert shard_count(read_policy(None), msg) == expected


@pytest.mark.parametrize(
    ("workers", "size", "expected"),
    [
        (2, 1_000, False),  # a chat message: whole, as before
        (2, SPLIT_BYTES, True),
        (1, SPLIT_BYTES, False),  # one worker: nothing to share it with
        (2, (8 << 20) + 1, False),  # over the limit: refused whole
    ],
    ids=["small", "large", "one-worker", "over-the-limit"],
)
def test_split_which_bodies(workers: int, size: int, expected: bool, tmp_path: Path) -> None:
    policy = read_policy(None)
    pool = WorkerPool(workers, policy, tmp_path)  # not started: no process
    msg = HttpMessage(Direction.REQUEST, "POST", "/api/chat", {}, b"x" * size)
    assert splits(pool, policy, msg) is expected
