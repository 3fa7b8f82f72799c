"""Detection in worker processes: each loads the scanner once and scans what the proxy's
event loop hands it, so scanning uses every core and never blocks the proxy.

Each worker is one process in its own slot, fed one message at a time from a shared queue
by a thread of the proxy process. A scan cannot be interrupted, so a scan that outlives
the policy's `limits.scan_timeout_seconds` on its worker gets that worker killed and
replaced: a few hostile bodies cannot keep every worker busy. Messages still queued go to
the other workers, or wait for the replacement.

Workers hold no state that must be shared: metrics and exfiltration budgets stay in the
main process (`Pipeline.complete`). The policy travels with each message, so a reloaded
policy applies at once.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from gateway import keys
from gateway.errors import ScanFailed, ScanTimeout
from gateway.masking import Hasher
from gateway.metrics import Metrics
from gateway.pipeline import HttpMessage, Outcome, Pipeline
from gateway.policy import Policy
from gateway.redactor import Redactor
from gateway.scanner import Scanner
from gateway.tokens import Tokenizer
from gateway.vault import open_vault

log = logging.getLogger(__name__)

LOAD_TIMEOUT = 300.0  # seconds for a worker to load its scanner
RETRY_DELAY = 5.0  # before starting a replacement again when one failed to load
QUEUED_PER_WORKER = 32  # messages waiting beyond that are refused, not held in memory
_READY = "ready"

# spawn, not fork: the proxy process runs threads and an event loop.
_context = multiprocessing.get_context("spawn")


def _build_pipeline(policy: Policy, state_dir: str, redis_url: str) -> Pipeline:
    path = Path(state_dir)
    scanner = Scanner(str(path / "cache"), policy.recognizers)
    scanner.scan("预热：我叫张伟，电话13800138000")
    tokenizer = Tokenizer(open_vault(path, redis_url))
    redactor = Redactor(scanner, Hasher(keys.hash_key(path)), tokenizer)
    return Pipeline(policy, redactor, Metrics())


def _serve(conn: Connection, policy: Policy, state_dir: str, redis_url: str) -> None:
    """A worker process's main: load the scanner, then scan each (policy, message) received
    and send back the outcome, until the proxy closes its end."""
    pipeline = _build_pipeline(policy, state_dir, redis_url)
    conn.send(_READY)
    while True:
        try:
            job = conn.recv()
        except EOFError:  # the proxy process went away
            return
        pipeline.policy, msg = job
        conn.send(pipeline.try_scan(msg))


@dataclass
class _Job:
    policy: Policy
    msg: HttpMessage
    future: Future[Outcome | BaseException]


class _Slot:
    """One worker process, restarted when it must be killed, and the thread feeding it."""

    def __init__(self, pool: WorkerPool, index: int) -> None:
        self.pool = pool
        self.index = index
        self.loaded = threading.Event()  # set once the first process is ready (or failed)
        self.failed = False
        self._lock = threading.Lock()  # guards _process against close() from another thread
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._thread = threading.Thread(target=self._run, name=f"phigate-slot-{index}")

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None else None

    def start(self) -> None:
        self._thread.start()

    def join(self, timeout: float) -> None:
        if self._thread.ident is not None:  # started
            self._thread.join(timeout)

    def _run(self) -> None:
        first = True
        while not self.pool.closing:
            if not self._spawn():
                if first:
                    self.failed = True
                    self.loaded.set()
                    return
                if self.pool.closing:  # killed by close() while loading
                    return
                log.error("scan worker %d could not start; retrying shortly", self.index)
                self.pool.closed.wait(RETRY_DELAY)
                continue
            if first:
                first = False
                self.loaded.set()
            else:
                log.info("scan worker %d is back (pid %s)", self.index, self.pid)
            self._feed()
            self._stop()

    def _spawn(self) -> bool:
        """Start a worker process and wait until it has loaded its scanner."""
        parent, child = _context.Pipe()
        process = _context.Process(
            target=_serve,
            args=(child, self.pool.policy, self.pool.state_dir, self.pool.redis_url),
            name=f"phigate-scan-{self.index}",
            daemon=True,  # multiprocessing kills it if the proxy exits without close()
        )
        with self._lock:
            if self.pool.closing:
                parent.close()
                child.close()
                return False
            process.start()
            self._process, self._conn = process, parent
        child.close()  # so the worker's death reads as EOF here
        try:
            ready = parent.poll(LOAD_TIMEOUT) and parent.recv() == _READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            self._stop()
        return ready

    def _feed(self) -> None:
        """Hand queued messages to the worker until it must be replaced or the pool closes."""
        conn = self._conn
        assert conn is not None
        while True:
            job = self.pool.jobs.get()
            if job is None:  # close() asks every slot to stop
                return
            if not job.future.set_running_or_notify_cancel():
                continue  # the caller stopped waiting while it was queued
            timeout = job.policy.limits.scan_timeout_seconds
            try:
                conn.send((job.policy, job.msg))
                done = conn.poll(timeout)
                result = conn.recv() if done else None
            except Exception as e:
                # Died mid-scan (killed by close(), or crashed), or the pipe broke: refused,
                # never forwarded, and the worker replaced since its state is unknown.
                job.future.set_result(ScanFailed("the gateway could not scan this message"))
                if not self.pool.closing:
                    self._restarting("crashed", f"failed ({type(e).__name__})")
                return
            if result is None:
                job.future.set_result(
                    ScanTimeout("the gateway could not scan this message in time")
                )
                self._restarting("scan_timeout", f"still scanning after {timeout:g}s: killed")
                return
            job.future.set_result(result)

    def _restarting(self, reason: str, what: str) -> None:
        # Ids and a reason code only: nothing of the message.
        self.pool.metrics.worker_restarts.labels(reason).inc()
        log.warning(
            "scan worker %d (pid %s) %s; starting a replacement", self.index, self.pid, what
        )

    def _stop(self) -> None:
        with self._lock:
            process, conn = self._process, self._conn
            self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            _end(process)

    def kill(self) -> None:
        """Kill the current process now (close()); the feeding thread then sees EOF."""
        with self._lock:
            process = self._process
            if process is not None and process.is_alive():
                process.kill()


def _end(process: BaseProcess) -> None:
    if process.is_alive():
        process.kill()  # a scan cannot be interrupted any other way
    process.join(10)
    if process.exitcode is not None:
        process.close()


class WorkerPool:
    def __init__(
        self,
        workers: int,
        policy: Policy,
        state_dir: Path,
        redis_url: str = "",
        metrics: Metrics | None = None,
    ) -> None:
        self.workers = workers
        self.policy = policy  # what each (re)started worker builds its scanner from
        self.state_dir = str(state_dir)
        self.redis_url = redis_url
        self.metrics = metrics or Metrics()
        self.jobs: queue.Queue[_Job | None] = queue.Queue()
        self.closed = threading.Event()
        self._slots = [_Slot(self, i) for i in range(workers)]

    @property
    def closing(self) -> bool:
        return self.closed.is_set()

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids (a slot being restarted may be missing)."""
        return [pid for slot in self._slots if (pid := slot.pid) is not None]

    def start(self) -> None:
        """Start every worker and wait until each has loaded its scanner."""
        for slot in self._slots:
            slot.start()
        for slot in self._slots:
            slot.loaded.wait()
        if any(slot.failed for slot in self._slots):
            self.close()
            raise RuntimeError("a scan worker could not load its scanner")

    def submit(self, policy: Policy, msg: HttpMessage) -> Future[Outcome | BaseException]:
        """Queue `msg` for the next idle worker. Its future gets the outcome, or the error
        that refuses it. Cancel the future to drop a message that is still queued."""
        future: Future[Outcome | BaseException] = Future()
        if self.closing:
            future.set_result(ScanFailed("the gateway is stopping"))
        elif self.jobs.qsize() >= QUEUED_PER_WORKER * self.workers:
            # Every worker is busy and many are waiting: refuse rather than pile up bodies.
            future.set_result(ScanTimeout("the gateway is too busy to scan this message"))
        else:
            self.jobs.put(_Job(policy, msg, future))
        return future

    def close(self) -> None:
        """Kill every worker, busy or not, and refuse what is still queued."""
        self.closed.set()
        while True:
            try:
                job = self.jobs.get_nowait()
            except queue.Empty:
                break
            # Answered, not cancelled: a cancelled future would cancel the caller's task.
            if job is not None and job.future.set_running_or_notify_cancel():
                job.future.set_result(ScanFailed("the gateway is stopping"))
        for slot in self._slots:
            self.jobs.put(None)
            slot.kill()
        for slot in self._slots:
            slot.join(15)
