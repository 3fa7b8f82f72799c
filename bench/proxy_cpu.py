"""CPU the proxy process spends per request, at a fixed moderate rate (not its maximum).

Starts the benchmark backend and `phigate run` (default workers), warms up, then sends the
same chat POSTs at `--rate` requests a second, `--requests` per round, and reads the
proxy's and the workers' utime+stime from /proc before and after each round. Prints the
CPU seconds per 1,000 requests of each round and their median. A fixed rate keeps the
figure about the work done per request, so other load on the machine moves it less than
it moves a throughput figure.

    .venv/bin/python bench/proxy_cpu.py --rounds 3 --rate 100 --requests 3000
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench import open_loop  # noqa: E402
from bench.run_bench import BIN, MESSAGES, free_port, start  # noqa: E402
from tests.support.processes import scan_workers, wait_ready  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process (all its threads), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=0, help="0: phigate's default")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="phigate-cpu-"))
    backend_port, port, metrics_port = free_port(), free_port(), free_port()
    upstream = f"http://127.0.0.1:{backend_port}"
    command = [
        str(BIN / "phigate"),
        "run",
        "--upstream",
        upstream,
        "--listen-port",
        str(port),
        "--metrics-port",
        str(metrics_port),
        "--state-dir",
        str(tmp / "state"),
    ]
    if args.workers:
        command += ["--workers", str(args.workers)]
    procs: list[subprocess.Popen[bytes]] = [
        start([sys.executable, str(HERE / "backend.py"), str(backend_port)], tmp / "backend.log")
    ]
    requests = open_loop.chat_requests(
        [
            json.dumps({"session": "bench", "message": m}, ensure_ascii=False).encode()
            for m in MESSAGES
        ]
    )
    rounds = []
    try:
        procs.append(start(command, tmp / "phigate.log"))
        wait_ready(f"http://127.0.0.1:{metrics_port}/readyz", procs[-1], tmp / "phigate.log")
        proxy = procs[-1].pid
        workers = scan_workers(proxy)
        open_loop.run("127.0.0.1", port, requests, args.rate, 5)  # warm-up
        seconds = args.requests / args.rate
        for r in range(args.rounds):
            before = cpu_seconds(proxy), sum(map(cpu_seconds, workers))
            result = open_loop.run("127.0.0.1", port, requests, args.rate, seconds)
            after = cpu_seconds(proxy), sum(map(cpu_seconds, workers))
            per_k = 1000 / result["sent"]
            row = {
                "proxy_cpu_s_per_1k": (after[0] - before[0]) * per_k,
                "workers_cpu_s_per_1k": (after[1] - before[1]) * per_k,
                "p50_ms": result["p50_ms"],
                "p99_ms": result["p99_ms"],
                "errors": result["errors"],
            }
            rounds.append(row)
            print(
                f"round {r + 1}: proxy {row['proxy_cpu_s_per_1k']:.2f} s CPU per 1k requests,"
                f" workers {row['workers_cpu_s_per_1k']:.2f} s; p50 {row['p50_ms']:.2f} ms"
                f" p99 {row['p99_ms']:.2f} ms; errors {row['errors']:.0f}",
                flush=True,
            )
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=15)
    print(
        f"median of {args.rounds} at {args.rate:g} req/s: proxy"
        f" {statistics.median(r['proxy_cpu_s_per_1k'] for r in rounds):.2f} s CPU per 1k"
        f" requests, workers {statistics.median(r['workers_cpu_s_per_1k'] for r in rounds):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
