"""A scan worker process's main: load the scanner once, then scan each job the proxy sends
and answer it, until the proxy closes its end of the socket or dies."""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import socket
import sys
from pathlib import Path

from gateway import keys, scan_wire
from gateway.masking import Hasher
from gateway.metrics import Metrics
from gateway.pipeline import Pipeline
from gateway.policy import Policy
from gateway.redactor import Redactor
from gateway.scanner import Scanner
from gateway.shards import ShardScanner
from gateway.tokens import Tokenizer
from gateway.vault import open_vault

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def serve(sock: socket.socket, policy: Policy, state_dir: str, redis_url: str, parent: int) -> None:
    _exit_with(parent)
    pipeline = _build_pipeline(policy, state_dir, redis_url)
    shards = ShardScanner(pipeline)
    _send(sock, scan_wire.frame(scan_wire.READY))
    while True:
        try:
            meta, body = _receive(sock)
        except EOFError:  # the proxy closed its end, or went away
            return
        new_policy, msg, part, forget = scan_wire.read_job(meta, body)
        if new_policy is not None:
            pipeline.policy = new_policy
        if forget:
            shards.forget()
        result = pipeline.try_scan(msg) if part is None else shards.run(msg, part)
        try:
            _send(sock, scan_wire.result(result))
        except OSError:  # the proxy went away mid-scan
            return


def _exit_with(parent: int) -> None:
    """Be killed when the proxy process dies, even mid-scan: without it, a worker would scan
    a hostile body to its end (a minute or more) for a proxy that is gone. Idle, a worker
    sees the socket close anyway. Linux sends the signal when the thread that started the
    worker ends: the pool starts workers from the event loop's thread, which lives as long
    as the proxy."""
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the call above
        os._exit(0)


def _build_pipeline(policy: Policy, state_dir: str, redis_url: str) -> Pipeline:
    path = Path(state_dir)
    scanner = Scanner(str(path / "cache"), policy.recognizers)
    scanner.scan("预热：我叫张伟，电话13800138000")
    tokenizer = Tokenizer(open_vault(path, redis_url))
    redactor = Redactor(scanner, Hasher(keys.hash_key(path)), tokenizer)
    return Pipeline(policy, redactor, Metrics())


def _receive(sock: socket.socket) -> tuple[object, bytes]:
    meta_len, raw_len = scan_wire.HEADER.unpack(_exactly(sock, scan_wire.HEADER.size))
    data = _exactly(sock, meta_len + raw_len)
    with memoryview(data) as view:
        return pickle.loads(view[:meta_len]), bytes(view[meta_len:])


def _send(sock: socket.socket, parts: list[bytes]) -> None:
    sent = sock.sendmsg(parts)
    if sent < sum(map(len, parts)):  # a large body may go in several writes
        sock.sendall(b"".join(parts)[sent:])


def _exactly(sock: socket.socket, size: int) -> bytearray:
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        n = sock.recv_into(view[got:])
        if n == 0:
            raise EOFError
        got += n
    return buffer
