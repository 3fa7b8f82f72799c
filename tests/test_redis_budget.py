"""Budgets shared through a real redis-server: the same semantics as in memory, and two
gateway processes in front of one backend enforce one budget per client."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gateway.redis_windows import RedisWindows
from tests.support.history_backend import HistoryBackend
from tests.support.http import request
from tests.support.processes import GatewayProcess, phigate_run
from tests.support.redis_server import redis_server

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None and not os.environ.get("CI"),
    reason="redis-server missing: run make test, which installs Debian's redis-server",
)


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


def test_redis_window_limits_dedupes_and_expires(redis_url: str) -> None:
    windows = RedisWindows(redis_url, prefix="test:unit:")
    assert windows.charge("c1", {"a", "b"}, limit=3, window=1.0)
    assert windows.charge("c1", {"a", "b", "c"}, limit=3, window=1.0)  # only c is new
    assert not windows.charge("c1", {"d"}, limit=3, window=1.0)
    assert windows.charge("c2", {"d"}, limit=3, window=1.0)  # per client
    time.sleep(1.2)
    assert windows.charge("c1", {"d", "e", "f"}, limit=3, window=1.0)


def _get(gw: GatewayProcess, path: str) -> tuple[int, bytes]:
    status, _, body = request(gw, "GET", path)
    return status, body


def test_two_gateways_share_one_budget(redis_url: str, tmp_path: Path) -> None:
    backend = HistoryBackend()
    first = phigate_run(backend.url, tmp_path / "a", "--redis-url", redis_url)
    second = phigate_run(backend.url, tmp_path / "b", "--redis-url", redis_url)
    try:
        served = 0
        refused_at = None
        for page in range(40):  # the drip scraper alternates between the replicas
            status, body = _get(
                first if page % 2 == 0 else second, f"/api/history?page={page}&size=10"
            )
            if status != 200:
                assert json.loads(body)["error"]["reason"] == "budget_exhausted"
                refused_at = page
                break
            served += 10
        assert (served, refused_at) == (200, 20)
        assert _get(first, "/api/history?page=900&size=1")[0] == 403
        assert _get(second, "/api/history?page=901&size=1")[0] == 403
    finally:
        first.stop()
        second.stop()
        backend.close()
