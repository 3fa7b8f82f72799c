"""In-process benchmarks of the detection engine: rate per core, scaling over processes,
and a large chat-history export.

Each runs the engine the way a scan worker does, without the proxy, so the figures say
what detection itself costs.
"""

from __future__ import annotations

import json
import multiprocessing
import statistics
import time
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
# 80-character chat messages: two of them run together, cut at 80.
MESSAGES_80 = [(a + b + a)[:80] for a, b in zip(MESSAGES, MESSAGES[3:] + MESSAGES[:3], strict=True)]


def _scanner() -> Any:
    from gateway.scanner import Scanner

    scanner = Scanner()
    for text in MESSAGES_80:  # warm the caches jieba fills on first use
        scanner.scan(text)
    return scanner


def _count_scans(scanner: Any, seconds: float) -> int:
    done = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for text in MESSAGES_80:
            scanner.scan(text)
        done += len(MESSAGES_80)
    return done


def detection_rate(seconds: float) -> float:
    """Messages per second that one process scans (one core)."""
    scanner = _scanner()
    start = time.perf_counter()
    done = _count_scans(scanner, seconds)
    return done / (time.perf_counter() - start)


def _worker(seconds: float, ready: Any, go: Any, results: Any) -> None:
    scanner = _scanner()
    ready.release()
    go.wait()
    start = time.perf_counter()
    done = _count_scans(scanner, seconds)
    results.put(done / (time.perf_counter() - start))


def parallel_rate(processes: int, seconds: float) -> float:
    """Messages per second scanned by `processes` processes together, started at once."""
    ctx = multiprocessing.get_context("spawn")
    ready, go, results = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(seconds, ready, go, results)) for _ in range(processes)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.acquire()
    go.set()
    rates = [results.get(timeout=seconds + 120) for _ in procs]
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


def export_seconds(size: int, repeats: int) -> tuple[int, float]:
    """Median seconds to scan and rewrite an export of about `size` bytes as a response."""
    from gateway.errors import RejectedMessage
    from gateway.masking import Hasher
    from gateway.metrics import Metrics
    from gateway.pipeline import HttpMessage, Pipeline
    from gateway.policy import Direction
    from gateway.policy_loader import parse_policy
    from gateway.redactor import Redactor
    from recognizers import supported_entities

    # An export route has to allow bodies over the default 8 MiB limit.
    policy = parse_policy("limits:\n  max_body_bytes: 33554432\n", supported_entities())
    redactor = Redactor(_scanner(), Hasher(b"bench-key-0123456789abcdef"))
    pipeline = Pipeline(policy, redactor, Metrics())
    body = history_export(size)
    times = []
    for _ in range(repeats):
        msg = HttpMessage(
            Direction.RESPONSE,
            "GET",
            "/console/export",
            {"content-type": "application/json"},
            body,
            to_client=True,
        )
        start = time.perf_counter()
        try:
            pipeline.process(msg)
        except RejectedMessage:
            pass  # thousands of patients in one response: scanned, then refused as a bulk pull
        times.append(time.perf_counter() - start)
    return len(body), statistics.median(times)
