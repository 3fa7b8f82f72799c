"""In-process benchmarks of the detection engine: rate per core, scaling over processes,
and a large chat-history export.

Each runs the engine the way a scan worker does, without the proxy, so the figures say
what detection itself costs; the export is also timed through the gateway's worker pool
(`pool_export_seconds`), which splits a large body across its workers.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

# Realistic chat messages of 20-40 characters, some with identifiers.
MESSAGES = [
    "医生您好，我最近小便有点疼，还有点尿频，需要做什么检查吗？",
    "我叫张伟，电话13800138000，想预约明天上午的男科门诊",
    "孕12周+3天，HCG 15678，孕酮25.3，这个正常吗？",
    "请问割双眼皮手术大概多少钱？恢复期要多久？",
    "我的身份证110101199003074258，帮我查一下上次的检查报告",
    "每天两次每次500mg，吃了三天还是没有好转怎么办",
    "微信同号，手机138 0013 8000，方便的话加我详细说",
    "血压150/95，心率88，头晕，需要去医院吗",
]
# 80-character chat messages: two of them run together, cut at 80. Looping over these eight
# measures a segmentation cache's hits, not detection: the rates below use `distinct_80`.
MESSAGES_80 = [(a + b + a)[:80] for a, b in zip(MESSAGES, MESSAGES[3:] + MESSAGES[:3], strict=True)]

# Real patient questions (a public medical-dialogue data set), read at bench time from the
# project's shared corpus beside the checkout; never copied into the repository.
PATIENT_CORPUS = (
    Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "patient_msgs.jsonl"
)
# Messages a measurement scans: each is scanned once, so none is a repeat of another.
STREAM_LENGTH = 3000
# Messages scanned before timing starts (jieba's first-use set-up), taken from elsewhere in
# the corpora so that they warm nothing the measurement then scans.
WARM_UP = 200


def _runs_of_80(texts: list[str]) -> list[str]:
    """The texts run together (with a comma between two) and cut into 80-character pieces."""
    joined = "，".join(texts)
    return [joined[i : i + 80] for i in range(0, len(joined) - 79, 80)]


def distinct_80(count: int) -> tuple[list[str], list[str], str]:
    """`count` distinct 80-character messages to measure, `WARM_UP` others to warm up with,
    and where they came from.

    Real patient messages alternate with the evaluation's synthetic messages (names,
    numbers and addresses in the spellings patients use), so about half the messages carry
    identifiers; when the real corpus is absent, or used up, synthetic ones fill in.
    """
    from gateway.evaluation.corpus import build

    synthetic = _runs_of_80([m.text for m in build(3 * (count + WARM_UP), seed=11)])
    real: list[str] = []
    if PATIENT_CORPUS.exists():
        with PATIENT_CORPUS.open(encoding="utf-8") as f:
            real = _runs_of_80([json.loads(line)["text"] for line in f])
    source = "real patient and synthetic messages, alternating" if real else "synthetic messages"
    warm = real[-WARM_UP // 2 :] + synthetic[-WARM_UP // 2 :] if real else synthetic[-WARM_UP:]
    real, synthetic = real[: -WARM_UP // 2] if real else [], synthetic[:-WARM_UP]
    stream: list[str] = []
    seen: set[str] = set()
    pairs = itertools.zip_longest(real, synthetic)
    for text in itertools.chain.from_iterable(pairs):
        if text is not None and text not in seen and len(stream) < count:
            seen.add(text)
            stream.append(text)
    if len(stream) < count:
        raise ValueError(f"only {len(stream)} distinct messages for {count}")
    return stream, warm, source


def _scanner(warm: list[str]) -> Any:
    from gateway.scanner import Scanner

    scanner = Scanner()
    for text in warm:
        scanner.scan(text)
    return scanner


def _seconds_to_scan(scanner: Any, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        scanner.scan(text)
    return time.perf_counter() - start


def detection_rate(count: int = STREAM_LENGTH) -> float:
    """Messages per second that one process scans (one core), over `count` distinct
    80-character messages."""
    stream, warm, _ = distinct_80(count)
    return count / _seconds_to_scan(_scanner(warm), stream)


def _worker(count: int, ready: Any, go: Any, results: Any) -> None:
    stream, warm, _ = distinct_80(count)
    scanner = _scanner(warm)
    ready.release()
    go.wait()
    results.put(count / _seconds_to_scan(scanner, stream))


def parallel_rate(processes: int, count: int = STREAM_LENGTH) -> float:
    """Messages per second scanned by `processes` processes together, started at once, each
    scanning the same `count` distinct messages (each process has its own caches)."""
    ctx = multiprocessing.get_context("spawn")
    ready, go, results = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(count, ready, go, results)) for _ in range(processes)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.acquire()
    go.set()
    rates = [results.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    return float(sum(rates))


def history_export(size: int) -> bytes:
    """A chat-history JSON export of about `size` bytes, as a console would download it.

    Every message text is different (the evaluation's synthetic corpus: names, numbers and
    addresses in the spellings patients use), so nothing is scanned twice; roles, session
    ids and dates repeat as they do in real exports.
    """
    from gateway.evaluation.corpus import build

    texts = [m.text for m in build(max(20, size // 150), seed=7)]
    messages = []
    total = 20
    i = 0
    while total < size:
        item = {
            "id": i,
            "session": f"s{i // 12}",
            "from": "patient" if i % 2 == 0 else "doctor",
            "time": f"2026-11-{1 + i % 28:02d}T10:{i % 60:02d}:00",
            "text": texts[i % len(texts)],
        }
        messages.append(item)
        total += len(json.dumps(item, ensure_ascii=False).encode()) + 1
        i += 1
    return json.dumps({"messages": messages}, ensure_ascii=False).encode()


# An export route has to allow bodies over the default 8 MiB limit, and time to scan them.
EXPORT_POLICY = "limits:\n  max_body_bytes: 33554432\n  scan_timeout_seconds: 600\n"


def _export_message(body: bytes) -> Any:
    from gateway.pipeline import HttpMessage
    from gateway.policy import Direction

    headers = {"content-type": "application/json"}
    return HttpMessage(Direction.RESPONSE, "GET", "/console/export", headers, body, to_client=True)


def export_seconds(size: int, repeats: int) -> tuple[int, float]:
    """Median seconds to scan and rewrite an export of about `size` bytes as a response."""
    from gateway.errors import RejectedMessage
    from gateway.masking import Hasher
    from gateway.metrics import Metrics
    from gateway.pipeline import Pipeline
    from gateway.policy_loader import parse_policy
    from gateway.redactor import Redactor
    from recognizers import supported_entities

    policy = parse_policy(EXPORT_POLICY, supported_entities())
    redactor = Redactor(_scanner(MESSAGES_80), Hasher(b"bench-key-0123456789abcdef"))
    pipeline = Pipeline(policy, redactor, Metrics())
    body = history_export(size)
    times = []
    for _ in range(repeats):
        msg = _export_message(body)
        start = time.perf_counter()
        try:
            pipeline.process(msg)
        except RejectedMessage:
            pass  # thousands of patients in one response: scanned, then refused as a bulk pull
        times.append(time.perf_counter() - start)
    return len(body), statistics.median(times)


def pool_export_seconds(size: int, repeats: int, workers: int = 2) -> tuple[int, float]:
    """Median seconds to scan and rewrite an export of about `size` bytes as a response
    through the gateway as `phigate run --workers N` runs it (`Gateway.process`: the worker
    pool, which scans a large body in shards on every worker, then the exfiltration guard and
    metrics in this process). Loading the workers is not timed."""
    from gateway.errors import RejectedMessage
    from gateway.policy_loader import parse_policy
    from gateway.service import Gateway
    from recognizers import supported_entities

    policy = parse_policy(EXPORT_POLICY, supported_entities())
    body = history_export(size)

    async def export(gateway: Gateway, msg: Any) -> None:
        try:
            await gateway.process(msg)
        except RejectedMessage:
            pass  # thousands of patients in one response: scanned, then refused as a bulk pull

    async def run(state_dir: Path) -> list[float]:
        gateway = Gateway(policy, state_dir, workers=workers)
        try:
            await gateway.start()
            await export(gateway, _export_message(MESSAGES[1].encode() * 100))  # warm up
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                await export(gateway, _export_message(body))
                times.append(time.perf_counter() - start)
            return times
        finally:
            gateway.close()

    with tempfile.TemporaryDirectory(prefix="phigate-bench-") as state_dir:
        times = asyncio.run(run(Path(state_dir)))
    return len(body), statistics.median(times)
