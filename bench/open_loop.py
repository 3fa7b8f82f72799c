"""A fixed-rate (open-loop) load generator for latency at a chosen load.

wrk keeps its connections busy, so its latencies are those of a saturated proxy. Here
requests leave on a fixed schedule whatever the answers do, and each latency is counted from
the moment its request was due, so a stall shows up in the percentiles instead of slowing
the sender down (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Sequence


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> int:
    writer.write(request)
    await writer.drain()
    status_line = await reader.readline()
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return int(status_line.split()[1])


async def _run(
    host: str, port: int, requests: Sequence[bytes], rate: float, seconds: float
) -> dict[str, float]:
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    opened: list[asyncio.StreamWriter] = []
    latencies: list[float] = []
    errors = 0

    async def one(due: float, request: bytes) -> None:
        nonlocal errors
        if idle:
            conn = idle.pop()
        else:
            conn = await asyncio.open_connection(host, port)
            opened.append(conn[1])
        try:
            status = await _exchange(*conn, request)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            errors += 1
            return
        latencies.append(time.perf_counter() - due)
        if status >= 400:
            errors += 1
        idle.append(conn)

    start = time.perf_counter()
    total = int(rate * seconds)
    tasks = []
    for i in range(total):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(due, requests[i % len(requests)])))
    await asyncio.gather(*tasks)
    for writer in opened:
        writer.close()
    latencies.sort()
    return {
        "rate": rate,
        "sent": float(total),
        "errors": float(errors),
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "connections": float(len(opened)),
    }


def run(
    host: str, port: int, requests: Sequence[bytes], rate: float, seconds: float
) -> dict[str, float]:
    """Send `rate` requests per second for `seconds`; latency percentiles in ms."""
    return asyncio.run(_run(host, port, requests, rate, seconds))


def chat_requests(bodies: Sequence[bytes]) -> list[bytes]:
    return [
        b"POST /api/chat HTTP/1.1\r\nhost: bench\r\ncontent-type: application/json\r\n"
        b"content-length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        for body in bodies
    ]
