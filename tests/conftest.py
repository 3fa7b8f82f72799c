from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from gateway.masking import Hasher
from gateway.metrics import Metrics
from gateway.pipeline import Pipeline
from gateway.policy import Policy
from gateway.redactor import Redactor
from gateway.scanner import Scanner
from gateway.service import read_policy
from tests.support.processes import GatewayProcess, phigate_run
from tests.support.recording_backend import RecordingBackend

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def scanner() -> Scanner:
    return Scanner()


@pytest.fixture(scope="session")
def default_policy() -> Policy:
    return read_policy(None)


@pytest.fixture(scope="session")
def redactor(scanner: Scanner) -> Redactor:
    return Redactor(scanner, Hasher(b"test-key-0123456789abcdef"))


@pytest.fixture
def metrics() -> Metrics:
    return Metrics()


@pytest.fixture
def pipeline(default_policy: Policy, redactor: Redactor, metrics: Metrics) -> Pipeline:
    return Pipeline(default_policy, redactor, metrics)


@pytest.fixture(scope="module")
def backend() -> Iterator[RecordingBackend]:
    server = RecordingBackend()
    yield server
    server.close()


@pytest.fixture(scope="module")
def gateway(
    backend: RecordingBackend, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GatewayProcess]:
    gw = phigate_run(backend.url, tmp_path_factory.mktemp("gateway"))
    yield gw
    gw.stop()


def load_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
