"""`make soak`: the real gateway under steady, mixed load for a set time.

`phigate run` (default workers) in front of bench/soak_backend.py, both on loopback. Requests
leave at a fixed rate whatever the answers do (open loop), drawn from a fixed mix of every
kind of traffic phigate handles; each one opens its own connection. After a warm-up the
gateway's counters and the memory of its processes are read, and again at the end. Printed,
and written to bench/results/soak-latest.json: requests per kind, responses by status,
errors, fail-closed events from /metrics, raw identifiers that reached the backend (or came
back to the client), and memory growth.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prometheus_client.parser import text_string_to_metric_families
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, CloseConnection, RejectConnection, Request
from wsproto.events import TextMessage as WsText

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.soak_backend import (  # noqa: E402
    NAMES,
    SSE_EVENTS,
    SoakBackend,
    raw_identifiers,
    ws_messages,
)

BIN = Path(sys.executable).parent
TIMEOUT = 30.0
MAX_BODY = 65536
OVERSIZE = 70_000
BOUNDARY = "----phigateSoak7MA4YWxk"
# A file part passes byte for byte, so it carries no identifier (and no run of digits).
FILE_PART = b"\x89PNG\r\n\x1a\n" + bytes(range(0x80, 0x100)) * 4

# Relative weights: chat messages are most of the load; the over-limit body stays rare.
MIX = {
    "chat_json": 50,
    "gzip_json": 6,
    "form_gbk": 6,
    "multipart": 6,
    "malformed_json": 5,
    "socketio_polling": 6,
    "html": 6,
    "sse": 5,
    "websocket": 5,
    "over_limit": 1,
}
EXPECTED_STATUS = {kind: 200 for kind in MIX} | {"websocket": 101, "over_limit": 413}


def phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "150", "151", "186", "188", "135", "137")) + "".join(
        rng.choice("0123456789") for _ in range(8)
    )


def resident_id(rng: random.Random) -> str:
    """A valid 18-digit ID: region, birth date, sequence, GB 11643 check character."""
    region = rng.choice(("110101", "310104", "440305", "320102", "510107"))
    birth = f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = f"{region}{birth}{rng.randint(0, 999):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


SYMPTOMS = ("最近小便有点疼", "孕12周，想问检查结果", "血压150/95，头晕", "想预约明天的门诊")


def message(rng: random.Random) -> str:
    name, symptom = rng.choice(NAMES), rng.choice(SYMPTOMS)
    return f"我叫{name}，电话{phone(rng)}，身份证{resident_id(rng)}，{symptom}"


@dataclass
class Outcome:
    status: int | None = None  # None: the connection failed
    error: str = ""  # the exception's type, for connection failures
    bad_reply: str = ""  # an answer with the expected status but the wrong content
    client_leaks: list[str] = field(default_factory=list)  # raw identifiers sent back


def _http(
    port: int,
    kind: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request(method, path, body, {"x-soak-kind": kind, **(headers or {})})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def _post_json(port: int, kind: str, body: bytes, **headers: str) -> Outcome:
    status, reply = _http(
        port, kind, "POST", "/api/chat", body, {"content-type": "application/json", **headers}
    )
    return Outcome(status, client_leaks=raw_identifiers(reply))


def chat_json(port: int, rng: random.Random) -> Outcome:
    body = {"session": "soak", "message": message(rng)}
    return _post_json(port, "chat_json", json.dumps(body, ensure_ascii=False).encode())


def gzip_json(port: int, rng: random.Random) -> Outcome:
    body = gzip.compress(json.dumps({"message": message(rng)}, ensure_ascii=False).encode())
    return _post_json(port, "gzip_json", body, **{"content-encoding": "gzip"})


def malformed_json(port: int, rng: random.Random) -> Outcome:
    # Cut off mid-array: read token by token, still masked.
    body = json.dumps({"message": message(rng), "tags": [1, 2]}, ensure_ascii=False)[:-3]
    return _post_json(port, "malformed_json", body.encode())


def over_limit(port: int, rng: random.Random) -> Outcome:
    body = json.dumps({"message": message(rng), "pad": "x" * OVERSIZE}, ensure_ascii=False)
    status, reply = _http(
        port, "over_limit", "POST", "/api/chat", body.encode(), {"content-type": "application/json"}
    )
    outcome = Outcome(status)
    if status == 413 and b"body_too_large" not in reply:
        outcome.bad_reply = "413 without body_too_large"
    return outcome


def form_gbk(port: int, rng: random.Random) -> Outcome:
    form = {"name": rng.choice(NAMES), "phone": phone(rng), "message": message(rng)}
    status, reply = _http(
        port,
        "form_gbk",
        "POST",
        "/api/form",
        urllib.parse.urlencode(form, encoding="gbk").encode(),
        {"content-type": "application/x-www-form-urlencoded; charset=gbk"},
    )
    return Outcome(status, client_leaks=raw_identifiers(reply))


def multipart(port: int, rng: random.Random) -> Outcome:
    body = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="message"\r\n'
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{message(rng)}\r\n"
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="photo"; filename="ct.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()
    body += FILE_PART + f"\r\n--{BOUNDARY}--\r\n".encode()
    status, reply = _http(
        port,
        "multipart",
        "POST",
        "/upload",
        body,
        {"content-type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    return Outcome(status, client_leaks=raw_identifiers(reply))


def socketio_polling(port: int, rng: random.Random) -> Outcome:
    packets = [
        "42" + json.dumps(["message", {"text": message(rng)}], ensure_ascii=False),
        '42/chat,7["message",' + json.dumps({"text": f"电话{phone(rng)}"}) + "]",  # \u escapes
    ]
    status, reply = _http(
        port,
        "socketio_polling",
        "POST",
        "/socket.io/?EIO=4&transport=polling&sid=soak",
        "\x1e".join(packets).encode(),
        {"content-type": "text/plain; charset=UTF-8"},
    )
    return Outcome(status, client_leaks=raw_identifiers(reply))


def html(port: int, rng: random.Random) -> Outcome:
    status, page = _http(port, "html", "GET", "/page")
    outcome = Outcome(status, client_leaks=raw_identifiers(page))
    if status == 200 and b"</html>" not in page:
        outcome.bad_reply = "page cut short"
    return outcome


def sse(port: int, rng: random.Random) -> Outcome:
    status, stream = _http(port, "sse", "GET", "/events")
    outcome = Outcome(status, client_leaks=raw_identifiers(stream))
    if status == 200 and stream.count(b"\ndata: ") != SSE_EVENTS:
        outcome.bad_reply = f"{stream.count(b'data: ')} of {SSE_EVENTS} events"
    return outcome


WS_MESSAGES = 3


def websocket(port: int, rng: random.Random) -> Outcome:
    """A short chat: a few JSON text frames, each answered by the backend, then a clean close."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    try:
        ws = WSConnection(ConnectionType.CLIENT)
        sock.sendall(ws.send(Request(host=f"127.0.0.1:{port}", target="/ws/chat")))
        status = 0
        while not status:
            data = sock.recv(65536)
            if not data:
                raise ConnectionResetError("closed during the handshake")
            ws.receive_data(data)
            for event in ws.events():
                if isinstance(event, RejectConnection):
                    return Outcome(event.status_code)
                if isinstance(event, AcceptConnection):
                    status = 101
                    break
        outcome = Outcome(status)
        incoming = ws_messages(ws, lambda: sock.recv(65536))
        for _ in range(WS_MESSAGES):
            text = json.dumps({"type": "chat", "text": message(rng)}, ensure_ascii=False)
            sock.sendall(ws.send(WsText(text)))
            reply = next(incoming, None)
            if not isinstance(reply, str | bytes):
                outcome.bad_reply = "no answer to a message"
                return outcome
            outcome.client_leaks += raw_identifiers(reply)
        sock.sendall(ws.send(CloseConnection(code=1000)))
        for answer in incoming:
            if isinstance(answer, CloseConnection):
                break
        return outcome
    finally:
        sock.close()


KINDS: dict[str, Callable[[int, random.Random], Outcome]] = {
    "chat_json": chat_json,
    "gzip_json": gzip_json,
    "form_gbk": form_gbk,
    "multipart": multipart,
    "malformed_json": malformed_json,
    "socketio_polling": socketio_polling,
    "html": html,
    "sse": sse,
    "websocket": websocket,
    "over_limit": over_limit,
}


class Tally:
    """What the client saw, from many sender threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: Counter[str] = Counter()
        self.statuses: dict[str, Counter[str]] = defaultdict(Counter)
        self.connection_errors: Counter[str] = Counter()  # "kind ExceptionType"
        self.unexpected_status: Counter[str] = Counter()  # "kind status"
        self.bad_replies: Counter[str] = Counter()
        self.client_leaks: Counter[str] = Counter()
        self.latencies: dict[str, list[float]] = defaultdict(list)

    def add(self, kind: str, outcome: Outcome, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if outcome.status is None:
                self.statuses[kind]["connection error"] += 1
                self.connection_errors[f"{kind} {outcome.error}"] += 1
                return
            self.statuses[kind][str(outcome.status)] += 1
            if outcome.status != EXPECTED_STATUS[kind]:
                self.unexpected_status[f"{kind} {outcome.status}"] += 1
            if outcome.bad_reply:
                self.bad_replies[f"{kind}: {outcome.bad_reply}"] += 1
            for entity in set(outcome.client_leaks):
                self.client_leaks[f"{kind} {entity}"] += 1

    def report(self) -> dict[str, Any]:
        def pct(values: list[float], q: float) -> float:
            ordered = sorted(values)
            return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000

        with self.lock:
            return {
                "sent": dict(self.sent),
                "sent_total": sum(self.sent.values()),
                "statuses": {k: dict(v) for k, v in self.statuses.items()},
                "connection_errors": dict(self.connection_errors),
                "unexpected_status": dict(self.unexpected_status),
                "bad_replies": dict(self.bad_replies),
                "client_leaks": dict(self.client_leaks),
                "latency_ms": {
                    kind: {
                        "p50": statistics.median(v) * 1000,
                        "p99": pct(v, 0.99),
                        "max": max(v) * 1000,
                    }
                    for kind, v in self.latencies.items()
                    if v
                },
            }


def send_mix(port: int, rate: float, seconds: float, seed: int) -> Tally:
    """Requests at a fixed rate for `seconds`, each timed from when it was due; returns once
    every one has been answered or has failed (each socket times out after TIMEOUT)."""
    tally = Tally()
    kinds, weights = list(MIX), list(MIX.values())
    plan = random.Random(seed)

    def one(kind: str, due: float, rng: random.Random) -> None:
        try:
            outcome = KINDS[kind](port, rng)
        except (OSError, http.client.HTTPException, ValueError) as e:
            outcome = Outcome(None, error=type(e).__name__)
        tally.add(kind, outcome, time.perf_counter() - due)

    # Threads enough that a stalled gateway delays nothing at this rate for TIMEOUT seconds.
    with ThreadPoolExecutor(max_workers=max(16, int(rate * 2))) as pool:
        start = time.perf_counter()
        for i in range(int(rate * seconds)):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            kind = plan.choices(kinds, weights)[0]
            with tally.lock:
                tally.sent[kind] += 1
            pool.submit(one, kind, due, random.Random(plan.random()))
    return tally


def metrics(url: str) -> dict[str, float]:
    """Every counter sample of /metrics, as 'name{label="value",…}' → value."""
    with urllib.request.urlopen(f"{url}/metrics", timeout=10) as resp:
        text = resp.read().decode()
    samples = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name.endswith("_total") or s.name.endswith("_count"):
                labels = ",".join(f'{k}="{v}"' for k, v in sorted(s.labels.items()))
                samples[f"{s.name}{{{labels}}}"] = s.value
    return samples


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        tree[ppid].append(int(entry))
    return tree


def _rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _role(pid: int, root: int) -> str:
    if pid == root:
        return "gateway"
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "gone"
    if "resource_tracker" in cmdline:
        return "resource_tracker"
    if "multiprocessing" in cmdline:
        return "worker"
    return "child"


def memory(root: int) -> dict[str, Any]:
    """RSS in KiB of the gateway and of every process under it, by pid and role."""
    tree, pids, i = _children(), [root], 0
    while i < len(pids):
        pids += tree.get(pids[i], [])
        i += 1
    processes = []
    for pid in pids:
        rss = _rss_kib(pid)
        if rss is not None:
            processes.append({"pid": pid, "role": _role(pid, root), "rss_kib": rss})
    return {"processes": processes, "total_kib": sum(p["rss_kib"] for p in processes)}


def start_gateway(upstream: str, tmp: Path) -> tuple[subprocess.Popen[bytes], int, str]:
    policy = tmp / "soak-policy.yaml"
    default = (HERE.parent / "config" / "default.yaml").read_text()
    soak_policy = default.replace("max_body_bytes: 8MiB", f"max_body_bytes: {MAX_BODY}")
    assert soak_policy != default, "config/default.yaml no longer sets max_body_bytes: 8MiB"
    policy.write_text(soak_policy)
    port, metrics_port = _free_port(), _free_port()
    with (tmp / "gateway.log").open("wb") as log:
        process = subprocess.Popen(
            [
                str(BIN / "phigate"),
                "run",
                "--upstream",
                upstream,
                "--listen-port",
                str(port),
                "--metrics-port",
                str(metrics_port),
                "--config",
                str(policy),
                "--state-dir",
                str(tmp / "state"),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    metrics_url = f"http://127.0.0.1:{metrics_port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gateway exited with {process.returncode}, see {tmp}/gateway.log")
        try:
            with urllib.request.urlopen(f"{metrics_url}/readyz", timeout=2) as resp:
                if resp.status == 200:
                    return process, port, metrics_url
        except OSError:
            pass
        time.sleep(0.2)
    process.kill()
    process.wait()
    raise RuntimeError(f"gateway not ready in 120 s, see {tmp}/gateway.log")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _delta(before: dict[str, float], after: dict[str, float], prefix: str) -> dict[str, float]:
    return {
        k: after[k] - before.get(k, 0.0)
        for k in sorted(after)
        if k.startswith(prefix) and after[k] - before.get(k, 0.0)
    }


def soak(args: argparse.Namespace) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="phigate-soak-"))
    backend = SoakBackend()
    gateway, port, metrics_url = start_gateway(backend.url, tmp)
    samples: list[dict[str, Any]] = []
    try:
        print(f"warm-up: {args.warmup:.0f} s at {args.rate:g} req/s", flush=True)
        warm = send_mix(port, args.rate, args.warmup, args.seed + 1).report()
        time.sleep(1)
        backend.reset()
        metrics_start = metrics(metrics_url)
        memory_start = memory(gateway.pid)
        print(
            f"soak: {args.seconds:.0f} s at {args.rate:g} req/s; gateway + workers"
            f" {memory_start['total_kib'] / 1024:.1f} MiB after warm-up",
            flush=True,
        )
        stop = threading.Event()

        def sample_memory() -> None:
            started = time.monotonic()
            while not stop.wait(30):
                m = memory(gateway.pid)
                samples.append({"t": round(time.monotonic() - started), **m})
                print(f"  {samples[-1]['t']:5d} s  RSS {m['total_kib'] / 1024:.1f} MiB", flush=True)

        sampler = threading.Thread(target=sample_memory, daemon=True)
        sampler.start()
        started = time.monotonic()
        tally = send_mix(port, args.rate, args.seconds, args.seed).report()
        elapsed = time.monotonic() - started
        stop.set()
        sampler.join()
        time.sleep(1)  # let the last counters land
        memory_end = memory(gateway.pid)
        metrics_end = metrics(metrics_url)
        alive = gateway.poll() is None
    finally:
        gateway.terminate()
        try:
            gateway.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gateway.kill()
            gateway.wait()
        backend_seen = backend.snapshot()
        backend.close()
    # Privacy invariant: the gateway logs no raw identifier, whatever passed through it.
    log_leaks = raw_identifiers((tmp / "gateway.log").read_bytes())
    return {
        "settings": {**vars(args), "max_body_bytes": MAX_BODY, "mix": MIX},
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "elapsed_seconds": elapsed,
        "gateway_alive_at_end": alive,
        "gateway_exit_code": gateway.returncode,
        "warmup": {"sent_total": warm["sent_total"], "errors": _errors(warm)},
        "client": tally,
        "backend": backend_seen,
        "fail_closed": {
            "blocked": _delta(metrics_start, metrics_end, "phigate_blocked_total"),
            "exfiltration_blocked": _delta(
                metrics_start, metrics_end, "phigate_exfiltration_blocked_total"
            ),
            "client_budget_exhausted": _delta(
                metrics_start, metrics_end, "phigate_client_budget_exhausted_total"
            ),
        },
        "gateway_counters": _delta(metrics_start, metrics_end, "phigate_"),
        "memory": {
            "start": memory_start,
            "end": memory_end,
            "growth_kib": memory_end["total_kib"] - memory_start["total_kib"],
            "samples": samples,
        },
        "log": str(tmp / "gateway.log"),
        "log_leaks": log_leaks,
    }


def _errors(tally: dict[str, Any]) -> int:
    return sum(
        sum(tally[k].values()) for k in ("connection_errors", "unexpected_status", "bad_replies")
    )


def _counts(counts: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:g}" for k, v in counts.items()) or "none"


def summary(r: dict[str, Any]) -> list[str]:
    c, b, m = r["client"], r["backend"], r["memory"]
    lines = [
        f"soak: {c['sent_total']} requests in {r['elapsed_seconds']:.0f} s"
        f" ({r['settings']['rate']:g} req/s);"
        f" gateway alive at the end: {r['gateway_alive_at_end']}",
        "requests by kind (statuses; latency p50 / p99 / max, ms from when each was due):",
    ]
    for kind in MIX:
        lat = c["latency_ms"].get(kind)
        timing = f"{lat['p50']:.1f} / {lat['p99']:.1f} / {lat['max']:.0f}" if lat else "-"
        statuses = _counts(c["statuses"].get(kind, {}))
        lines.append(f"  {kind:17} {c['sent'].get(kind, 0):6d}  [{statuses}]  {timing}")
    lines += [
        f"errors: {_errors(c)}",
        f"  connection failures: {_counts(c['connection_errors'])}",
        f"  unexpected statuses: {_counts(c['unexpected_status'])}",
        f"  wrong replies: {_counts(c['bad_replies'])}",
        "fail-closed events (phigate_blocked_total by reason, during the soak):",
        f"  {_counts(r['fail_closed']['blocked'])}"
        f"  (expected: body_too_large = over_limit sent, {c['sent'].get('over_limit', 0)})",
        f"  exfiltration blocked: {_counts(r['fail_closed']['exfiltration_blocked'])};"
        f" client budget exhausted: {_counts(r['fail_closed']['client_budget_exhausted'])}",
        f"backend received: {_counts(b['received'])}",
        f"identifiers leaked to the backend: {_counts(b['leaks'])}",
        f"identifiers returned raw to the client: {_counts(c['client_leaks'])}",
        f"identifiers in the gateway's log: {', '.join(r['log_leaks']) or 'none'}",
        "gateway counted: "
        + _counts(
            {
                k: v
                for k, v in r["gateway_counters"].items()
                if k.startswith("phigate_requests_total")
            }
        )
        + f", findings {sum(v for k, v in r['gateway_counters'].items() if 'findings' in k):g}",
        f"warm-up ({r['settings']['warmup']:g} s): {r['warmup']['sent_total']} requests,"
        f" {r['warmup']['errors']} errors",
        "memory (RSS, MiB): start after warm-up -> end (growth)",
    ]
    start = {p["pid"]: p for p in m["start"]["processes"]}
    for p in m["end"]["processes"]:
        before = start.get(p["pid"])
        was = f"{before['rss_kib'] / 1024:7.1f}" if before else "    new"
        grown = f"{(p['rss_kib'] - before['rss_kib']) / 1024:+.1f}" if before else "n/a"
        lines.append(
            f"  {p['role']:17} pid {p['pid']:7d} {was} -> {p['rss_kib'] / 1024:7.1f} ({grown})"
        )
    for pid, p in start.items():
        if pid not in {q["pid"] for q in m["end"]["processes"]}:
            lines.append(f"  {p['role']:17} pid {pid:7d} gone by the end")
    lines.append(
        f"  total {m['start']['total_kib'] / 1024:.1f} -> {m['end']['total_kib'] / 1024:.1f}"
        f" ({m['growth_kib'] / 1024:+.1f})"
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seconds", type=float, help="run this many seconds (overrides --minutes)")
    parser.add_argument("--rate", type=float, default=40.0, help="requests per second")
    parser.add_argument("--warmup", type=float, default=15.0, help="seconds of load before")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--out", default=str(HERE / "results" / "soak-latest.json"))
    args = parser.parse_args()
    if args.seconds is None:
        args.seconds = args.minutes * 60
    report = soak(args)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print("\n".join(summary(report)))
    print(f"(all figures in {args.out})")
    failed = (
        report["backend"]["leaks"]
        or report["client"]["client_leaks"]
        or report["log_leaks"]
        or report["backend"]["received"].get("over_limit")
        or not report["gateway_alive_at_end"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
