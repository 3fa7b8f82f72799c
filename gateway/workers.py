"""Detection in worker processes: each loads the scanner once and scans what the proxy's
event loop hands it, so scanning uses every core and never blocks the proxy.

The event loop talks to the workers itself, over one non-blocking socket each (no thread
per worker: in the proxy process those threads competed with mitmproxy for the GIL). A
worker has one message at a time; the others wait in one shared queue, and are refused
beyond QUEUED_PER_WORKER per worker. A scan cannot be interrupted, so a scan that outlives
the policy's `limits.scan_timeout_seconds` on its worker gets that worker killed and
replaced: a few hostile bodies cannot keep every worker busy. A worker that dies mid-scan
has its message refused, never forwarded, and is replaced too. Queued messages go to the
other workers, or wait for the replacement, which loads while the loop keeps serving.

Workers hold no state that must be shared: metrics and exfiltration budgets stay in the
main process (`Pipeline.complete`). A message carries its policy to the worker only when
that worker does not have it yet, so a reloaded policy applies to the next message.

A large body is scanned in shards by every worker at once (gateway/split_scan.py). Its
shard jobs wait in a queue of their own, which a worker turns to only when no message waits
in the first: a shard of a chat export takes about half a second here, so a large body
holds up a chat message for about that long, not for the whole body. A worker keeps the
large body it scanned a shard of decoded, and its next shard of that body is sent without
the body.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
import os
import select
import socket
import time
from collections import deque
from multiprocessing.process import BaseProcess
from pathlib import Path

from gateway import scan_wire
from gateway.errors import ScanFailed, ScanTimeout
from gateway.metrics import Metrics
from gateway.pipeline import HttpMessage, Outcome
from gateway.policy import Policy
from gateway.scan_worker import serve
from gateway.shards import Part, Render, ScanShard, Shard

log = logging.getLogger(__name__)

LOAD_TIMEOUT = 300.0  # seconds for a worker to load its scanner
RETRY_DELAY = 5.0  # before starting a replacement again when one failed to load
QUEUED_PER_WORKER = 32  # messages waiting beyond that are refused, not held in memory
_READ_SIZE = 1 << 18
_REAP_EVERY = 0.05  # seconds between checks that a killed worker has exited

# spawn, not fork: the proxy process runs threads and an event loop.
_context = multiprocessing.get_context("spawn")

Result = Outcome | Shard | BaseException


class _Job:
    __slots__ = ("future", "msg", "part", "policy")

    def __init__(
        self,
        policy: Policy,
        msg: HttpMessage,
        future: asyncio.Future[Result],
        part: Part | None = None,
    ) -> None:
        self.policy = policy
        self.msg = msg
        self.future = future
        self.part = part  # a shard of a large body, or its rendering; None: the whole message

    def answer(self, result: Result) -> None:
        # Answered, not cancelled: a cancelled future would cancel the caller's task.
        if not self.future.done():  # the caller may have stopped waiting
            self.future.set_result(result)


class _Slot:
    """One worker process at a time, restarted when it must be killed, and its socket."""

    def __init__(self, pool: WorkerPool, index: int) -> None:
        self.pool = pool
        self.index = index
        self.process: BaseProcess | None = None
        self.sock: socket.socket | None = None
        self.ready = False  # loaded its scanner, and not being replaced
        self.job: _Job | None = None  # the message being scanned
        self.held: int | None = None  # the large body the worker keeps decoded (its id)
        self.deadline = 0.0  # time.monotonic() at which that scan is cut short
        self.loaded: asyncio.Future[bool] = pool.loop.create_future()  # first start only
        self._policy: Policy | None = None  # the policy the worker holds
        self._timer: asyncio.TimerHandle | None = None
        self._inbox = bytearray()
        self._outbox = b""  # what a full socket buffer left to send

    @property
    def idle(self) -> bool:
        return self.ready and self.job is None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    @property
    def poll_events(self) -> int:
        """What to wait for on the socket when the caller blocks the loop (`scan_now`)."""
        return select.POLLIN | select.POLLOUT if self._outbox else select.POLLIN

    def spawn(self) -> None:
        """Start a worker process; it is ready when its first frame arrives. The start
        itself takes about a millisecond, and the loading happens in the new process."""
        self._timer = None
        if self.pool.closing:
            return
        parent, child = socket.socketpair()
        process = _context.Process(
            target=serve,
            args=(child, self.pool.policy, self.pool.state_dir, self.pool.redis_url, os.getpid()),
            name=f"phigate-scan-{self.index}",
            daemon=True,  # multiprocessing kills it if the proxy exits without close()
        )
        try:
            process.start()
        except Exception as e:  # out of processes or memory: retried like a failed load
            parent.close()
            log.error("scan worker %d could not be started (%s)", self.index, type(e).__name__)
            self._load_failed()
            return
        finally:
            child.close()  # so the worker's death reads as end of file here
        parent.setblocking(False)
        self.process, self.sock, self._policy = process, parent, self.pool.policy
        self.pool.loop.add_reader(parent.fileno(), self.on_readable)
        self._timer = self.pool.loop.call_later(LOAD_TIMEOUT, self._load_timed_out)

    def run(self, job: _Job) -> None:
        """Send `job` to this idle worker."""
        assert self.sock is not None
        policy = job.policy
        self.job = job
        timeout = policy.limits.scan_timeout_seconds
        self.deadline = time.monotonic() + timeout
        self._timer = self.pool.loop.call_later(timeout, self.scan_timed_out)
        forget = self.held is not None and self.held not in self.pool.split_bodies
        if forget:
            self.held = None
        part = job.part
        with_body = part is None or part.body_id != self.held
        if part is not None:
            self.held = part.body_id if isinstance(part, ScanShard) else None
        parts = scan_wire.job(
            policy if policy is not self._policy else None, job.msg, part, forget, with_body
        )
        self._policy = policy
        try:
            sent = self.sock.sendmsg(parts)
        except BlockingIOError:
            sent = 0
        except OSError as e:
            self._crashed(f"could not be reached ({type(e).__name__})")
            return
        if sent < sum(map(len, parts)):
            self._outbox = b"".join(parts)[sent:]
            self.pool.loop.add_writer(self.sock.fileno(), self.on_writable)

    def on_writable(self) -> None:
        assert self.sock is not None
        try:
            sent = self.sock.send(self._outbox)
        except BlockingIOError:
            return
        except OSError as e:
            self._crashed(f"could not be reached ({type(e).__name__})")
            return
        self._outbox = self._outbox[sent:]
        if not self._outbox:
            self.pool.loop.remove_writer(self.sock.fileno())

    def on_readable(self) -> None:
        assert self.sock is not None
        try:
            data = self.sock.recv(_READ_SIZE)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            if not self.ready:
                self._stop()
                self._load_failed()
            else:
                self._crashed("exited")
            return
        self._inbox += data
        try:
            frames = scan_wire.parse(self._inbox)
        except Exception as e:  # garbled: its state is unknown
            self._crashed(f"sent an unreadable answer ({type(e).__name__})")
            return
        sock = self.sock
        for meta, raw in frames:
            if self.sock is not sock:  # replaced meanwhile: the rest was the old worker's
                return
            self._received(meta, raw)

    def _received(self, meta: object, raw: bytes) -> None:
        if not self.ready and meta == scan_wire.READY:
            self._cancel_timer()
            self.ready = True
            if not self.loaded.done():
                self.loaded.set_result(True)
            else:
                log.info("scan worker %d is back (pid %s)", self.index, self.pid)
            self.pool.dispatch()
            return
        job = self.job
        try:
            if job is None:
                raise ValueError("an answer nobody asked for")
            result = scan_wire.read_result(meta, raw)
        except Exception as e:
            self._crashed(f"sent an unreadable answer ({type(e).__name__})")
            return
        self._cancel_timer()
        self.job = None
        job.answer(result)
        self.pool.dispatch()

    def scan_timed_out(self) -> None:
        job = self.job
        assert job is not None
        job.answer(ScanTimeout("the gateway could not scan this message in time"))
        timeout = job.policy.limits.scan_timeout_seconds
        self._restart("scan_timeout", f"still scanning after {timeout:g}s: killed")

    def _crashed(self, what: str) -> None:
        # Died mid-scan, or the socket broke: refused, never forwarded, and the worker
        # replaced since its state is unknown.
        if self.job is not None:
            self.job.answer(ScanFailed("the gateway could not scan this message"))
        self._restart("crashed", what)

    def _restart(self, reason: str, what: str) -> None:
        # Ids and a reason code only: nothing of the message.
        self.pool.metrics.worker_restarts.labels(reason).inc()
        log.warning(
            "scan worker %d (pid %s) %s; starting a replacement", self.index, self.pid, what
        )
        self._stop()
        self.spawn()

    def _load_timed_out(self) -> None:
        self._timer = None
        self._stop()
        self._load_failed()

    def _load_failed(self) -> None:
        if not self.loaded.done():
            self.loaded.set_result(False)  # the pool does not start
        elif not self.pool.closing:
            log.error("scan worker %d could not start; retrying shortly", self.index)
            self._timer = self.pool.loop.call_later(RETRY_DELAY, self.spawn)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _stop(self) -> None:
        """Kill the process and forget it; it is reaped without blocking the loop."""
        self._cancel_timer()
        self.ready = False
        self.job = None
        self.held = None
        self._inbox.clear()
        self._outbox = b""
        sock, self.sock = self.sock, None
        process, self.process = self.process, None
        if sock is not None:
            if not self.pool.loop.is_closed():
                self.pool.loop.remove_reader(sock.fileno())
                self.pool.loop.remove_writer(sock.fileno())
            sock.close()
        if process is not None:
            process.kill()  # a scan cannot be interrupted any other way
            self._reap(process)

    def _reap(self, process: BaseProcess) -> None:
        if process.exitcode is None:
            self.pool.loop.call_later(_REAP_EVERY, self._reap, process)
        else:
            process.close()

    def close(self) -> BaseProcess | None:
        """Refuse the message being scanned and kill the process; returns it to be joined."""
        if self.job is not None:
            self.job.answer(ScanFailed("the gateway could not scan this message"))
        process = self.process
        self.process = None  # joined by the pool, not reaped on the loop
        if process is not None and process.is_alive():
            process.kill()
        self._stop()
        return process


class WorkerPool:
    """Worker processes driven by the event loop that calls `start()`; every other method
    is called on that loop's thread."""

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
        self.closing = False
        self._queue: deque[_Job] = deque()
        self._shards: deque[_Job] = deque()  # shards of large bodies: when _queue is empty
        self.split_bodies: set[int] = set()  # the large bodies being scanned in shards
        self._body_ids = itertools.count()
        self._slots: list[_Slot] = []
        self.loop: asyncio.AbstractEventLoop

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids (a slot being restarted may be missing)."""
        return [pid for slot in self._slots if (pid := slot.pid) is not None]

    @property
    def queued(self) -> int:
        """Messages and shards waiting for a worker (those whose caller stopped waiting not
        counted)."""
        return sum(not job.future.done() for job in itertools.chain(self._queue, self._shards))

    async def start(self) -> None:
        """Start every worker and wait until each has loaded its scanner."""
        self.loop = asyncio.get_running_loop()
        self._slots = [_Slot(self, i) for i in range(self.workers)]
        for slot in self._slots:
            slot.spawn()
        loaded = await asyncio.gather(*(slot.loaded for slot in self._slots))
        if not all(loaded):
            self.close()
            raise RuntimeError("a scan worker could not load its scanner")

    def open_split(self) -> int:
        """A new large body to scan in shards: its id, for the parts submitted for it."""
        body_id = next(self._body_ids)
        self.split_bodies.add(body_id)
        return body_id

    def close_split(self, body_id: int) -> None:
        """Done with that body: each worker holding it is told to forget it with its next job."""
        self.split_bodies.discard(body_id)

    def submit(
        self, policy: Policy, msg: HttpMessage, part: Part | None = None
    ) -> asyncio.Future[Result]:
        """Queue `msg` for the next idle worker. Its future gets the outcome, or the error
        that refuses it. Cancel the future to drop a message that is still queued.
        With `part`, only that part of `msg` (gateway/shards.py), queued behind whole
        messages; a rendering goes before the shards, since its body is otherwise done."""
        future: asyncio.Future[Result] = self.loop.create_future()
        if self.closing:
            future.set_result(ScanFailed("the gateway is stopping"))
            return future
        if part is not None:
            shard = _Job(policy, msg, future, part)
            if isinstance(part, Render):
                self._shards.appendleft(shard)
            else:
                self._shards.append(shard)
            self.dispatch()
            return future
        job = _Job(policy, msg, future)
        if not self._queue:
            for slot in self._slots:
                if slot.idle:
                    slot.run(job)
                    return future
        if len(self._queue) >= QUEUED_PER_WORKER * self.workers:
            self._drop_abandoned()
        if len(self._queue) >= QUEUED_PER_WORKER * self.workers:
            # Every worker is busy and many are waiting: refuse rather than pile up bodies.
            future.set_result(ScanTimeout("the gateway is too busy to scan this message"))
        else:
            self._queue.append(job)
        return future

    def dispatch(self) -> None:
        """Hand queued messages to idle workers, then shards of large bodies."""
        for slot in self._slots:
            while slot.idle:
                job = self._next()
                if job is None:
                    return
                slot.run(job)

    def _next(self) -> _Job | None:
        for queue in (self._queue, self._shards):
            while queue:
                job = queue.popleft()
                if not job.future.done():  # else the caller stopped waiting while it was queued
                    return job
        return None

    def _drop_abandoned(self) -> None:
        self._queue = deque(job for job in self._queue if not job.future.done())

    def scan_now(self, policy: Policy, msg: HttpMessage, timeout: float) -> Result:
        """Scan `msg` while the caller blocks the event loop (server-sent events are rewritten
        synchronously): drive the workers' sockets here until its answer arrives."""
        future = self.submit(policy, msg)
        until = time.monotonic() + timeout
        while not future.done():
            now = time.monotonic()
            if now >= until:
                future.cancel()  # dropped if still queued; a running scan has its own limit
                return ScanTimeout("the gateway could not scan this event in time")
            for slot in self._slots:
                if slot.job is not None and slot.deadline <= now:
                    slot.scan_timed_out()
            poller = select.poll()
            slots = {}
            for slot in self._slots:
                if slot.sock is not None:
                    slots[slot.sock.fileno()] = slot
                    poller.register(slot.sock, slot.poll_events)
            deadlines = [until, *(s.deadline for s in self._slots if s.job is not None)]
            wait_ms = max(0.0, min(deadlines) - now) * 1000
            for fd, events in poller.poll(wait_ms + 1):
                slot = slots[fd]
                if (
                    events & select.POLLOUT
                    and slot.sock is not None
                    and slot.poll_events != select.POLLIN
                ):
                    slot.on_writable()
                if events & ~select.POLLOUT and slot.sock is not None:
                    slot.on_readable()
        return future.result()

    def close(self) -> None:
        """Kill every worker, busy or not, and refuse what is still queued."""
        self.closing = True
        queue, self._queue = self._queue, deque()
        shards, self._shards = self._shards, deque()
        for job in itertools.chain(queue, shards):
            job.answer(ScanFailed("the gateway is stopping"))
        for slot in self._slots:
            slot.loaded.cancel()  # closed while starting: start() stops waiting
        processes = [slot.close() for slot in self._slots]
        for process in processes:
            if process is not None:
                process.join(10)
                if process.exitcode is not None:
                    process.close()
