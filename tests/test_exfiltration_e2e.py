"""The real attacks replayed through the real proxy with the default policy: a bulk export,
a fast scraper paging through the history API, and a slow drip under the per-response
limit."""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.history_backend import HistoryBackend, patient
from tests.support.http import request
from tests.support.processes import GatewayProcess, phigate_run

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def history() -> Iterator[HistoryBackend]:
    backend = HistoryBackend()
    yield backend
    backend.close()


@pytest.fixture
def fresh_gateway(history: HistoryBackend, tmp_path: Path) -> Iterator[GatewayProcess]:
    gw = phigate_run(history.url, tmp_path)
    yield gw
    gw.stop()


def get(gw: GatewayProcess, path: str) -> tuple[int, bytes]:
    status, _, body = request(gw, "GET", path)
    return status, body


def metric(gw: GatewayProcess, name: str, labels: str = "") -> float:
    with urllib.request.urlopen(f"{gw.metrics_url}/metrics") as resp:
        text = resp.read().decode()
    match = re.search(rf"^{name}{re.escape(labels)} (\S+)$", text, re.M)
    return float(match.group(1)) if match else 0.0


def test_bulk_export_of_200_patients_blocked(fresh_gateway: GatewayProcess) -> None:
    status, body = get(fresh_gateway, "/api/export?size=200")
    assert status == 403
    error = json.loads(body)["error"]
    assert error["code"] == "exfiltration_blocked" and error["reason"] == "too_many_subjects"
    assert not re.search(rb"139\d{8}", body)
    assert "王伟".encode() not in body
    labels = '{reason="too_many_subjects",route="default"}'
    assert metric(fresh_gateway, "phigate_exfiltration_blocked_total", labels) == 1
    log = fresh_gateway.log()
    assert "exfiltration blocked: too_many_subjects to client 127.0.0.1" in log
    assert not re.search(r"139\d{8}", log)


def test_small_response_passes_masked(fresh_gateway: GatewayProcess) -> None:
    status, body = get(fresh_gateway, "/api/history?page=0&size=3")
    assert status == 200
    records = json.loads(body)["records"]
    assert len(records) == 3
    for i, record in enumerate(records):
        raw = patient(i)
        assert record["phone"] == raw["phone"][:3] + "****" + raw["phone"][-4:]
        assert raw["phone"] not in record["message"]
    assert metric(fresh_gateway, "phigate_subjects_served_total", '{route="default"}') == 3


def test_scrapers_stopped(fresh_gateway: GatewayProcess) -> None:
    """A fast scraper (50 a page) gets nothing; a drip (10 a page, under the per-response
    limit) gets exactly its budget of 200 patients, then every page is refused."""
    status, _ = get(fresh_gateway, "/api/history?page=0&size=50")
    assert status == 403

    served = 0
    refused_at = None
    for page in range(40):
        status, body = get(fresh_gateway, f"/api/history?page={page}&size=10")
        if status != 200:
            assert json.loads(body)["error"]["reason"] == "budget_exhausted"
            refused_at = page
            break
        served += len(json.loads(body)["records"])
    assert served == 200
    assert refused_at == 20
    status, _ = get(fresh_gateway, "/api/history?page=500&size=1")  # a patient not seen yet
    assert status == 403  # stays blocked until the window moves
    assert metric(fresh_gateway, "phigate_client_budget_exhausted_total") == 2
