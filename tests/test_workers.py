"""A scan that outlives its timeout gets its worker killed and replaced: through the real
gateway (`phigate run --workers 1`) in front of a real backend, and the pool on its own."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import re
import signal
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from gateway.errors import ScanTimeout
from gateway.metrics import Metrics
from gateway.pipeline import HttpMessage, Outcome
from gateway.policy import Direction
from gateway.service import read_policy
from gateway.workers import QUEUED_PER_WORKER, WorkerPool
from tests.support.http import request
from tests.support.processes import (
    GatewayProcess,
    cpu_seconds,
    descendants,
    phigate_run,
    running,
    scan_workers,
)
from tests.support.recording_backend import RecordingBackend

pytestmark = pytest.mark.e2e

# Scanning time grows faster than the length: measured here, 20,000 characters of Chinese
# take the scanner 2.2 s and 100,000 take 51 s. This one is far over a 1 s timeout.
HOSTILE = "我叫张伟住在北京市朝阳区" * 4_000
# Keeps a worker busy far longer than any test waits: scanning HOSTILE took 1.4 s here.
LONG = HOSTILE * 20
POLICY = "version: 1\nlimits:\n  scan_timeout_seconds: {}\n"


def post(gw: GatewayProcess, text: str) -> tuple[int, bytes]:
    headers = {"content-type": "text/plain; charset=utf-8"}
    status, _, reply = request(gw, "POST", "/api/chat", text.encode(), headers)
    return status, reply


def restarts(gw: GatewayProcess, reason: str) -> float:
    with urllib.request.urlopen(f"{gw.metrics_url}/metrics") as resp:
        text = resp.read().decode()
    pattern = rf'^phigate_worker_restarts_total\{{reason="{reason}"\}} (\S+)$'
    match = re.search(pattern, text, re.M)
    return float(match.group(1)) if match else 0.0


def wait_until(condition, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout}s"
        time.sleep(0.2)


def one_worker_gateway(
    backend: RecordingBackend, tmp_path: Path, scan_timeout: int
) -> GatewayProcess:
    """The real gateway with one scan worker and a scan timeout of `scan_timeout` seconds."""
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY.format(scan_timeout))
    return phigate_run(backend.url, tmp_path, "--workers", "1", "--config", str(policy))


def wait_scanning(worker: int, idle: float) -> None:
    """Until the worker has used half a CPU second more than `idle`: it is scanning."""
    wait_until(lambda: cpu_seconds(worker) > idle + 0.5, 20)


def test_workers_timed_out_scan_replaces_its_worker(
    backend: RecordingBackend, tmp_path: Path
) -> None:
    gw = one_worker_gateway(backend, tmp_path, scan_timeout=1)
    try:
        [old] = scan_workers(gw.process.pid)
        backend.reset()

        started = time.monotonic()
        status, reply = post(gw, HOSTILE)
        assert time.monotonic() - started < 3
        assert (status, json.loads(reply)["error"]["code"]) == (503, "scan_timeout")
        assert backend.received == []

        # The old worker is killed once the scan has had its second, and a new one loads.
        wait_until(lambda: not running(old), 10)
        started = time.monotonic()
        status, reply = post(gw, "电话13800138000")
        while status == 503 and time.monotonic() - started < 30:
            # Queued until the replacement has loaded, and refused if that takes over 1 s.
            assert json.loads(reply)["error"]["code"] == "scan_timeout"
            time.sleep(0.5)
            status, reply = post(gw, "电话13800138000")
        assert status == 200
        [got] = backend.received
        assert got.body.decode() == "电话138****8000"
        assert restarts(gw, "scan_timeout") == 1
        [new] = scan_workers(gw.process.pid)
        assert new != old
    finally:
        left = descendants(gw.process.pid)
        gw.stop()
    wait_until(lambda: not any(map(running, left)), 5)


def test_workers_gone_when_the_gateway_stops_mid_scan(
    backend: RecordingBackend, tmp_path: Path
) -> None:
    # A long timeout and a short grace: the worker is still scanning when it is stopped.
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY.format(120))
    gw = phigate_run(
        backend.url, tmp_path, "--workers", "1", "--shutdown-grace", "1", "--config", str(policy)
    )
    try:
        workers = descendants(gw.process.pid)
        assert scan_workers(gw.process.pid)
        backend.reset()
        conn = http.client.HTTPConnection("127.0.0.1", gw.port, timeout=30)
        conn.request("POST", "/api/chat", HOSTILE.encode(), {"content-type": "text/plain"})
        time.sleep(1)  # sent; not waiting for the answer
        stopping = time.monotonic()
    finally:
        gw.stop()
    assert time.monotonic() - stopping < 10
    assert gw.process.returncode == 0
    conn.close()
    wait_until(lambda: not any(map(running, workers)), 5)
    assert backend.received == []


def test_workers_message_queued_behind_a_timeout_waits_for_the_replacement(
    tmp_path: Path,
) -> None:
    # The pool on its own, with real worker processes: one worker, so the second message
    # can only be scanned by the replacement.
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(POLICY.format(1))
    policy = read_policy(policy_file)
    metrics = Metrics()
    pool = WorkerPool(1, policy, tmp_path / "state", metrics=metrics)

    async def check() -> None:
        await pool.start()
        try:
            [old] = pool.pids
            hostile = pool.submit(policy, _message(HOSTILE))
            queued = pool.submit(policy, _message("电话13800138000"))
            assert isinstance(await asyncio.wait_for(hostile, 10), ScanTimeout)
            outcome = await asyncio.wait_for(queued, 60)
            assert isinstance(outcome, Outcome)
            assert outcome.body == "电话138****8000".encode()
            assert not running(old)
            assert pool.pids != [old]
            assert (
                metrics.registry.get_sample_value(
                    "phigate_worker_restarts_total", {"reason": "scan_timeout"}
                )
                == 1
            )
        finally:
            pool.close()
        assert pool.pids == []

    asyncio.run(check())


def test_workers_full_queue_refuses_at_once_with_scan_timeout(
    backend: RecordingBackend, tmp_path: Path
) -> None:
    # One worker busy with a hostile body and QUEUED_PER_WORKER messages waiting behind it:
    # the next message is refused at once, not held until its timeout, and not forwarded.
    gw = one_worker_gateway(backend, tmp_path, scan_timeout=10)
    try:
        backend.reset()
        with ThreadPoolExecutor(max_workers=QUEUED_PER_WORKER + 1) as clients:
            waiting = [clients.submit(post, gw, LONG)]
            time.sleep(1)
            waiting += [clients.submit(post, gw, "您好") for _ in range(QUEUED_PER_WORKER)]
            time.sleep(2)  # all of them sent and queued
            started = time.monotonic()
            status, reply = post(gw, "电话13800138000")
            assert time.monotonic() - started < 2
            error = json.loads(reply)["error"]
            assert (status, error["code"]) == (503, "scan_timeout")
            assert "busy" in error["message"]
            assert not any(future.done() for future in waiting)  # refused, not timed out
            for future in waiting:
                future.result()
        assert not any(b"13800138000" in got.body for got in backend.received)
    finally:
        gw.stop()


def test_workers_crash_mid_scan_refuses_the_message_and_replaces_the_worker(
    backend: RecordingBackend, tmp_path: Path
) -> None:
    gw = one_worker_gateway(backend, tmp_path, scan_timeout=120)
    try:
        [old] = scan_workers(gw.process.pid)
        backend.reset()
        idle = cpu_seconds(old)
        with ThreadPoolExecutor(max_workers=1) as client:
            pending = client.submit(post, gw, LONG)
            wait_scanning(old, idle)
            os.kill(old, signal.SIGKILL)
            status, reply = pending.result(timeout=10)
        assert (status, json.loads(reply)["error"]["code"]) == (500, "scan_failed")
        assert backend.received == []
        assert restarts(gw, "crashed") == 1

        started = time.monotonic()
        status, reply = post(gw, "电话13800138000")
        while status == 503 and time.monotonic() - started < 60:  # the replacement loads
            time.sleep(0.5)
            status, reply = post(gw, "电话13800138000")
        assert status == 200
        [got] = backend.received
        assert got.body.decode() == "电话138****8000"
        [new] = scan_workers(gw.process.pid)
        assert new != old
        assert "张伟" not in gw.log() and "13800138000" not in gw.log()
    finally:
        gw.stop()


def test_workers_exit_when_the_gateway_is_killed_mid_scan(
    backend: RecordingBackend, tmp_path: Path
) -> None:
    # SIGKILL leaves the gateway no chance to stop its workers: they must go by themselves,
    # the busy one too, rather than scan on for a gateway that is gone.
    gw = one_worker_gateway(backend, tmp_path, scan_timeout=120)
    try:
        [worker] = scan_workers(gw.process.pid)
        idle = cpu_seconds(worker)
        conn = http.client.HTTPConnection("127.0.0.1", gw.port, timeout=30)
        conn.request("POST", "/api/chat", LONG.encode(), {"content-type": "text/plain"})
        wait_scanning(worker, idle)
        gw.process.kill()
        gw.process.wait()
        wait_until(lambda: not running(worker), 5)
        conn.close()
    finally:
        gw.stop()


def test_workers_abandoned_messages_leave_the_queue_and_their_answers_are_dropped(
    tmp_path: Path,
) -> None:
    # The pool on its own, with a real worker: callers that stop waiting (their request
    # timed out, or the client went away) cancel their futures.
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(POLICY.format(30))
    policy = read_policy(policy_file)
    metrics = Metrics()
    pool = WorkerPool(1, policy, tmp_path / "state", metrics=metrics)
    slow = "我叫张伟住在北京市朝阳区" * 1_000  # about a second of scanning here

    async def check() -> None:
        await pool.start()
        try:
            [worker] = pool.pids
            # Running when abandoned: the worker finishes it, and its answer goes to nobody.
            abandoned = pool.submit(policy, _message(slow))
            # Queued when abandoned: dropped, and no longer counted against the queue limit.
            queued = [pool.submit(policy, _message("您好")) for _ in range(QUEUED_PER_WORKER)]
            for future in [abandoned, *queued]:
                future.cancel()
            wanted = pool.submit(policy, _message("电话13800138000"))
            outcome = await asyncio.wait_for(wanted, 30)
            assert isinstance(outcome, Outcome)
            assert outcome.body == "电话138****8000".encode()
            assert pool.pids == [worker]  # not restarted
            for reason in ("crashed", "scan_timeout"):
                labels = {"reason": reason}
                assert not metrics.registry.get_sample_value(
                    "phigate_worker_restarts_total", labels
                )
        finally:
            pool.close()

    asyncio.run(check())


def _message(text: str) -> HttpMessage:
    headers = {"content-type": "text/plain; charset=utf-8"}
    return HttpMessage(Direction.REQUEST, "POST", "/api/chat", headers, text.encode())
