"""The running gateway: policy, scanner, pipeline and metrics wired together, with scans run
off the caller's event loop under a per-body timeout.

The addon owns one Gateway. Loading the scanner (jieba's dictionary, Presidio) takes a
second or two, so it happens in `start()`, and `ready` turns true only afterwards.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import recognizers
from gateway import keys, split_scan
from gateway.audit import AuditLog
from gateway.detokenize import Detokenizer
from gateway.errors import ConfigError, RejectedMessage, ScanFailed, ScanTimeout
from gateway.exfiltration import ExfiltrationGuard, MemoryWindows, SubjectWindows
from gateway.masking import Hasher
from gateway.metrics import Metrics
from gateway.pipeline import HttpMessage, Outcome, Pipeline
from gateway.policy import Policy
from gateway.policy_loader import load_policy
from gateway.redactor import Redactor
from gateway.redis_windows import RedisWindows
from gateway.scanner import Scanner
from gateway.shards import Shard
from gateway.staff import identify, staff_header, staff_tokens
from gateway.tokens import Tokenizer
from gateway.vault import Vault, open_vault
from gateway.workers import Result, WorkerPool

log = logging.getLogger(__name__)

DEFAULT_POLICY = Path(__file__).resolve().parent / "data" / "default.yaml"


def default_state_dir() -> Path:
    return Path(os.environ.get("PHIGATE_STATE_DIR") or Path.home() / ".phigate")


def read_policy(path: str | Path | None, raw: bytes | None = None) -> Policy:
    """The policy at `path` (from `raw`, its bytes, if given), or the bundled default."""
    return load_policy(path or DEFAULT_POLICY, recognizers.supported_entities(), raw)


class NotReady(RejectedMessage):
    code = "not_ready"
    status = 503


class Gateway:
    def __init__(
        self,
        policy: Policy,
        state_dir: Path,
        metrics: Metrics | None = None,
        redis_url: str = "",
        workers: int = 0,
        policy_path: str | Path | None = None,
    ) -> None:
        self.policy = policy
        # What the policy in force was read from, to tell a real change from a touch.
        self._policy_digest = _digest(Path(policy_path or DEFAULT_POLICY))
        self._policy_ok = True
        self.state_dir = state_dir
        self.metrics = metrics or Metrics()
        self.pipeline: Pipeline | None = None
        # Budgets in this process, or in Redis when replicas share the load.
        self.windows: SubjectWindows = RedisWindows(redis_url) if redis_url else MemoryWindows()
        self.redis_url = redis_url  # the token vault is shared there too
        # workers > 0: scan in that many processes. 0: scan in one thread of this process
        # (plain mitmdump, tests); jieba and Presidio are pure Python, so more threads
        # would only contend for the GIL.
        self.workers = workers
        self._pool: WorkerPool | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="phigate-scan")
        self._staff_tokens = staff_tokens()
        self._staff_header = staff_header()
        self._vault: Vault | None = None

    def set_policy(self, policy: Policy) -> None:
        """Swap in a validated policy; messages already being scanned finish under the old one.
        Declared recognizers are built with the scanner, so changing them needs a restart."""
        if self.pipeline is not None and policy.recognizers != self.policy.recognizers:
            log.warning("the policy's recognizers changed: they take effect after a restart")
        self.policy = policy
        if self.pipeline is not None:
            self.pipeline.policy = policy
            if self.pipeline.guard is not None:
                self.pipeline.guard.settings = policy.exfiltration
            if self.pipeline.detokenizer is not None:
                self.pipeline.detokenizer.settings = policy.detokenization

    def reload(self, path: str | Path | None) -> bool:
        """Read and validate the policy again and swap it in; on an error keep the old one,
        log where the error is, and count it. A file whose content has not changed since
        the last attempt is not reloaded again (SIGHUP and the file watcher can both see
        one edit). Returns whether the file's policy is in force."""
        source = Path(path or DEFAULT_POLICY)
        try:
            raw = source.read_bytes()
        except OSError as e:
            return self._refuse(f"{source}: cannot read the policy: {e.strerror}")
        digest = hashlib.sha256(raw).hexdigest()
        if digest == self._policy_digest:
            log.info("policy file unchanged; nothing to reload")
            return self._policy_ok
        self._policy_digest = digest
        if not raw.strip():
            # Most likely an editor caught between truncating and writing; an empty policy
            # would silently drop every rule and route.
            return self._refuse(f"{source}: the policy file is empty")
        try:
            policy = read_policy(source, raw)
        except ConfigError as e:
            return self._refuse(str(e))
        if policy.tls != self.policy.tls:
            log.warning("the policy's tls section changed: it takes effect after a restart")
        self.set_policy(policy)
        self._policy_ok = True
        self.metrics.policy_reloads.labels("ok").inc()
        log.info("policy reloaded")
        return True

    def _refuse(self, error: str) -> bool:
        # Policy errors name lines, keys and entity types, never message content.
        self._policy_ok = False
        self.metrics.policy_reloads.labels("error").inc()
        log.error("policy reload refused, the old policy stays:\n%s", error)
        return False

    def identify_staff(self, headers: Mapping[str, str], peer: str) -> str | None:
        """The staff member a request comes from (bearer token, or the SSO header from a
        trusted proxy), or None."""
        sso = headers.get(self._staff_header) if self._staff_header else None
        return identify(
            headers.get("authorization"), sso, peer, self._staff_tokens, self.policy.exfiltration
        )

    @property
    def ready(self) -> bool:
        return self.pipeline is not None

    async def start(self) -> None:
        """Load the scanner (in this process, or in the worker processes) without blocking
        the event loop; `ready` turns true once it is done."""
        hasher, redactor = await asyncio.to_thread(self._load)
        if self.workers > 0:
            pool = WorkerPool(
                self.workers, self.policy, self.state_dir, self.redis_url, self.metrics
            )
            self._pool = pool  # so that close() stops it even while it starts
            await pool.start()
            log.info("scanning in %d worker processes", self.workers)
        guard = ExfiltrationGuard(self.policy.exfiltration, self.windows, hasher, self.metrics)
        assert self._vault is not None
        detokenizer = Detokenizer(
            self._vault,
            AuditLog(self.state_dir / "audit.jsonl"),
            self.windows,
            self.policy.detokenization,
            self.metrics,
        )
        self.pipeline = Pipeline(self.policy, redactor, self.metrics, guard, detokenizer)

    def _load(self) -> tuple[Hasher, Redactor | None]:
        """The slow, blocking part of `start`; the scanner only when scanning in-process.
        The hash key is made here, before any worker reads it."""
        if isinstance(self.windows, RedisWindows):
            self.windows.ping()  # not ready until the shared budgets can be reached
        hasher = Hasher(keys.hash_key(self.state_dir))
        vault = self._vault = open_vault(self.state_dir, self.redis_url)
        if self.workers > 0:
            return hasher, None
        scanner = Scanner(str(self.state_dir / "cache"), self.policy.recognizers)
        scanner.scan("预热：我叫张伟，电话13800138000")  # first call builds lazy state
        return hasher, Redactor(scanner, hasher, Tokenizer(vault))

    async def process(self, msg: HttpMessage) -> Outcome:
        """Scan `msg` off the event loop; raises RejectedMessage (fail closed) on any failure,
        a timeout included."""
        pipeline = self.pipeline
        if pipeline is None:
            self.metrics.blocked.labels(NotReady.code).inc()
            raise NotReady("the gateway is still loading; try again shortly")
        started = time.perf_counter()
        future: asyncio.Future[Result] | asyncio.Future[Outcome | BaseException]
        if self._pool is not None and split_scan.splits(self._pool, self.policy, msg):
            future = asyncio.ensure_future(split_scan.scan(self._pool, self.policy, msg))
        elif self._pool is not None:
            future = self._pool.submit(self.policy, msg)
        else:
            future = asyncio.get_running_loop().run_in_executor(
                self._executor, pipeline.try_scan, msg
            )
        result: Result
        try:
            result = await asyncio.wait_for(future, self.policy.limits.scan_timeout_seconds)
        except TimeoutError:
            # Still queued: dropped (wait_for cancels it; a large body's queued shards too).
            # Already scanning: the pool kills that worker once the scan has had its timeout
            # there. In a thread (workers=0) the scan cannot be stopped; it finishes and its
            # result is dropped.
            result = ScanTimeout("the gateway could not scan this message in time")
        return pipeline.complete(msg, started, _whole(result))

    def scan_event(self, template: HttpMessage, data: bytes) -> bytes | None:
        """Scan one server-sent event's data synchronously (SSE streams are rewritten chunk
        by chunk on the proxy's loop); None when it must be dropped."""
        pipeline = self.pipeline
        if pipeline is None:
            return None
        looks_json = data.lstrip()[:1] in (b"{", b"[")
        content_type = "application/json" if looks_json else "text/plain; charset=utf-8"
        msg = HttpMessage(
            direction=template.direction,
            method=template.method,
            path=template.path,
            headers={"content-type": content_type},
            body=data,
            client=template.client,
            to_client=True,
            staff=template.staff,
        )
        started = time.perf_counter()
        result: Outcome | BaseException
        if self._pool is not None:
            # Called on the event loop, which waits here: the pool drives its workers itself.
            timeout = self.policy.limits.scan_timeout_seconds
            result = _whole(self._pool.scan_now(self.policy, msg, timeout))
        else:
            result = pipeline.try_scan(msg)
        try:
            outcome = pipeline.complete(msg, started, result)
        except RejectedMessage:
            return None
        return outcome.body if outcome.body is not None else data

    def close(self) -> None:
        """Stop the scan workers and close the vault. The audit log needs nothing: each
        record is written and flushed when it is made."""
        if self._pool is not None:
            self._pool.close()
        self._executor.shutdown(wait=False, cancel_futures=True)
        if self._vault is not None:
            self._vault.close()


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _whole(result: Result) -> Outcome | BaseException:
    if isinstance(result, Shard):  # a part of a body: never forwarded as if it were the whole
        return ScanFailed("the gateway could not scan this message")
    return result
