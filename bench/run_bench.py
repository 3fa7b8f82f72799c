"""`make bench`: every figure of the performance targets, medians over several rounds.

- Proxy: chat POSTs through plain mitmdump and through phigate, same run, same backend,
  wrk keeping 16 connections busy; each round measures both back to back (order
  alternating). Throughput, p50/p99 under saturation, and phigate's throughput as a ratio
  of mitmdump's.
- Latency at half load: both proxies at a fixed rate of half phigate's measured maximum
  (bench/open_loop.py); the p99 phigate adds is its p99 minus mitmdump's, round by round.
- Detection engine (bench/engine.py), with the proxies stopped: distinct messages of 80
  characters (real patient messages and synthetic ones, none scanned twice) per second in
  one process, the rate of two processes as a multiple of one, the time to scan a 10 MB
  chat-history export through the gateway's two scan workers (which split it between them),
  and, in one process, the 10 MB export against a 10 KB one, per byte.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # bench/ and gateway/ from this checkout

from bench import engine, open_loop  # noqa: E402

BIN = Path(sys.executable).parent
MESSAGES = engine.MESSAGES  # the chat messages every benchmark here sends


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def lua_script(directory: Path) -> Path:
    bodies = ", ".join(
        json.dumps(
            json.dumps({"session": "bench", "message": m}, ensure_ascii=False), ensure_ascii=False
        )
        for m in MESSAGES
    )
    script = directory / "chat.lua"
    script.write_text(
        f"""
local bodies = {{{bodies}}}
local i = 0
request = function()
  i = i + 1
  local headers = {{["Content-Type"] = "application/json"}}
  return wrk.format("POST", "/api/chat", headers, bodies[(i % #bodies) + 1])
end
"""
    )
    return script


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def run_wrk(url: str, script: Path, seconds: int, connections: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    lat = {
        p: float(v) * _UNITS[u]
        for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", out, re.M)
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": lat["50"],
        "p99_ms": lat["99"],
        "non2xx": float(errors.group(1)) if errors else 0.0,
    }


def _line(r: dict[str, float]) -> str:
    return f"{r['rps']:8.0f} req/s  p50 {r['p50_ms']:6.2f} ms  p99 {r['p99_ms']:6.2f} ms"


def start(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as f:
        return subprocess.Popen(command, stdout=f, stderr=subprocess.STDOUT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", choices=["proxy", "engine"], help="run one half (default: both)")
    parser.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    args = parser.parse_args()
    if args.only != "engine" and shutil.which("wrk") is None:
        print("wrk is not installed (make bench installs it)", file=sys.stderr)
        return 1
    report: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": vars(args),
    }
    if args.only != "engine":
        report["proxy"] = proxy_bench(args)
    if args.only != "proxy":
        report["engine"] = engine_bench(args)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    print(f"\nmedians over {args.rounds} rounds (all rounds in {args.out}):")
    if "proxy" in report:
        proxy = report["proxy"]
        for name, s in proxy["median"].items():
            print(f"  {name:9} {_line(s)}  non-2xx {s['non2xx']:.0f}")
        print(f"  throughput phigate / mitmdump: {proxy['throughput_ratio']:.2f}  (target 0.8)")
        lat = proxy["half_load"]
        print(
            f"  at half load ({lat['rate']:.0f} req/s): p99 mitmdump {lat['mitmdump_p99_ms']:.2f}"
            f" ms, phigate {lat['phigate_p99_ms']:.2f} ms, added {lat['added_p99_ms']:.2f} ms"
            "  (target 3 ms)"
        )
    if "engine" in report:
        e = report["engine"]
        print(
            f"  detection, 80-char messages: {e['rate_per_core']:.0f} msg/s per core  (target 5000)"
        )
        print(f"  two processes / one: {e['scaling_2_over_1']:.2f}x  (target 1.7)")
        print(
            f"  10 MB export: {e['export_10mb_seconds']:.2f} s on two workers  (target 2 s);"
            f" {e['export_10mb_one_process_seconds']:.2f} s in one process, per byte vs 10 KB:"
            f" {e['export_per_byte_ratio']:.2f}x  (target 1.5)"
        )
    return 0


def proxy_bench(args: argparse.Namespace) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="phigate-bench-"))
    script = lua_script(tmp)
    backend_port, mitm_port, phi_port, metrics_port = (free_port() for _ in range(4))
    upstream = f"http://127.0.0.1:{backend_port}"
    procs = [
        start([sys.executable, str(HERE / "backend.py"), str(backend_port)], tmp / "backend.log")
    ]
    ports = {"mitmdump": mitm_port, "phigate": phi_port}
    try:
        procs.append(
            start(
                [
                    str(BIN / "mitmdump"),
                    "--mode",
                    f"reverse:{upstream}",
                    "--listen-host",
                    "127.0.0.1",
                    "--listen-port",
                    str(mitm_port),
                    "--set",
                    "flow_detail=0",
                    "--set",
                    f"confdir={tmp / 'mitm'}",
                ],
                tmp / "mitmdump.log",
            )
        )
        procs.append(
            start(
                [
                    str(BIN / "phigate"),
                    "run",
                    "--upstream",
                    upstream,
                    "--listen-port",
                    str(phi_port),
                    "--metrics-port",
                    str(metrics_port),
                    "--state-dir",
                    str(tmp / "state"),
                ],
                tmp / "phigate.log",
            )
        )
        wait_port(f"http://127.0.0.1:{mitm_port}/")
        wait_port(f"http://127.0.0.1:{metrics_port}/readyz")
        targets = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        for url in targets.values():  # warm-up
            run_wrk(url, script, 2, args.connections)
        rounds: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
        for r in range(args.rounds):
            order = list(targets) if r % 2 == 0 else list(reversed(targets))
            for name in order:
                result = run_wrk(targets[name], script, args.seconds, args.connections)
                rounds[name].append(result)
                print(f"round {r + 1} {name:9} {_line(result)}", flush=True)
        summary = {
            name: {key: statistics.median(r[key] for r in results) for key in results[0]}
            for name, results in rounds.items()
        }
        rate = summary["phigate"]["rps"] / 2
        requests = open_loop.chat_requests(
            [
                json.dumps({"session": "bench", "message": m}, ensure_ascii=False).encode()
                for m in MESSAGES
            ]
        )
        half: dict[str, list[dict[str, float]]] = {name: [] for name in ports}
        for r in range(args.rounds):
            order = list(ports) if r % 2 == 0 else list(reversed(ports))
            for name in order:
                result = open_loop.run("127.0.0.1", ports[name], requests, rate, args.seconds)
                half[name].append(result)
                print(
                    f"half load {r + 1} {name:9} {rate:.0f} req/s  p50 {result['p50_ms']:6.2f} ms"
                    f"  p99 {result['p99_ms']:6.2f} ms  errors {result['errors']:.0f}",
                    flush=True,
                )
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=15)
    ratios = [
        p["rps"] / m["rps"] for p, m in zip(rounds["phigate"], rounds["mitmdump"], strict=True)
    ]
    added = [
        p["p99_ms"] - m["p99_ms"] for p, m in zip(half["phigate"], half["mitmdump"], strict=True)
    ]
    return {
        "median": summary,
        "throughput_ratio": statistics.median(ratios),
        "rounds": rounds,
        "half_load": {
            "rate": rate,
            "mitmdump_p99_ms": statistics.median(r["p99_ms"] for r in half["mitmdump"]),
            "phigate_p99_ms": statistics.median(r["p99_ms"] for r in half["phigate"]),
            "added_p99_ms": statistics.median(added),
            "rounds": half,
        },
    }


def engine_bench(args: argparse.Namespace) -> dict[str, Any]:
    per_core, scaling, export_ratio, export_10mb, export_one = [], [], [], [], []
    source = engine.distinct_80(engine.STREAM_LENGTH)[2]
    print(f"engine: {engine.STREAM_LENGTH} distinct 80-character messages, {source}", flush=True)
    for r in range(args.rounds):
        one = engine.parallel_rate(1)
        two = engine.parallel_rate(2)
        small_size, small = engine.export_seconds(10_000, 20)
        big_size, big = engine.export_seconds(10_000_000, 1)
        _, pooled = engine.pool_export_seconds(10_000_000, 1, workers=2)
        per_core.append(one)
        scaling.append(two / one)
        export_10mb.append(pooled)
        export_one.append(big)
        export_ratio.append((big / big_size) / (small / small_size))
        print(
            f"engine {r + 1}: {one:6.0f} msg/s one process, {two:6.0f} two ({two / one:.2f}x);"
            f" export 10 KB {small * 1000:.1f} ms, 10 MB {big:.2f} s in one process,"
            f" {pooled:.2f} s on two workers",
            flush=True,
        )
    return {
        "messages": source,
        "rate_per_core": statistics.median(per_core),
        "scaling_2_over_1": statistics.median(scaling),
        "export_10mb_seconds": statistics.median(export_10mb),
        "export_10mb_one_process_seconds": statistics.median(export_one),
        "export_per_byte_ratio": statistics.median(export_ratio),
        "rounds": {
            "rate_per_core": per_core,
            "scaling": scaling,
            "export_10mb_seconds": export_10mb,
            "export_10mb_one_process_seconds": export_one,
            "export_per_byte_ratio": export_ratio,
        },
    }


if __name__ == "__main__":
    sys.exit(main())
