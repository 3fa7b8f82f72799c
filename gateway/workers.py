"""Detection in worker processes: each loads the scanner once and scans what the proxy's
event loop hands it, so scanning uses every core and never blocks the proxy.

Workers hold no state that must be shared: metrics and exfiltration budgets stay in the
main process (`Pipeline.complete`). The policy travels with each message, so a reloaded
policy applies at once.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from gateway import keys
from gateway.masking import Hasher
from gateway.metrics import Metrics
from gateway.pipeline import HttpMessage, Outcome, Pipeline
from gateway.policy import Policy
from gateway.redactor import Redactor
from gateway.scanner import Scanner
from gateway.tokens import Tokenizer
from gateway.vault import open_vault

_pipeline: Pipeline | None = None


def _init_worker(policy: Policy, state_dir: str, redis_url: str) -> None:
    global _pipeline
    path = Path(state_dir)
    scanner = Scanner(str(path / "cache"), policy.recognizers)
    scanner.scan("预热：我叫张伟，电话13800138000")
    tokenizer = Tokenizer(open_vault(path, redis_url))
    redactor = Redactor(scanner, Hasher(keys.hash_key(path)), tokenizer)
    _pipeline = Pipeline(policy, redactor, Metrics())


def _scan(policy: Policy, msg: HttpMessage) -> Outcome | BaseException:
    assert _pipeline is not None, "worker not initialised"
    _pipeline.policy = policy
    return _pipeline.try_scan(msg)


def _ready() -> bool:
    return _pipeline is not None


class WorkerPool:
    def __init__(self, workers: int, policy: Policy, state_dir: Path, redis_url: str = "") -> None:
        # spawn, not fork: the proxy process runs threads and an event loop.
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(policy, str(state_dir), redis_url),
        )
        self.workers = workers

    def start(self) -> None:
        """Start every worker and wait until each has loaded its scanner."""
        futures = [self._pool.submit(_ready) for _ in range(self.workers * 2)]
        for f in futures:
            f.result(timeout=300)

    def submit(self, policy: Policy, msg: HttpMessage) -> Future[Outcome | BaseException]:
        return self._pool.submit(_scan, policy, msg)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
