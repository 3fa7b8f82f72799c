"""`make bench`: chat POSTs through plain mitmdump and through phigate, same run, same backend.

Each round measures both proxies back to back (order alternating), with wrk as the load
generator; the summary gives the median over rounds of throughput, p50 and p99 latency,
and phigate's throughput as a ratio of mitmdump's.
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

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
MESSAGES = [
    "医生您好，我最近小便有点疼，还有点尿频，需要做什么检查吗？",
    "我叫张伟，电话13800138000，想预约明天上午的男科门诊",
    "孕12周+3天，HCG 15678，孕酮25.3，这个正常吗？",
    "请问割双眼皮手术大概多少钱？恢复期要多久？",
    "我的身份证110101199003074258，帮我查一下上次的检查报告",
    "每天两次每次500mg，吃了三天还是没有好转怎么办",
    "微信同号，手机138 0013 8000，方便的话加我详细说",
    "血压150/95，心率88，头晕，需要去医院吗",
]


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
    parser.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (make bench installs it)", file=sys.stderr)
        return 1

    tmp = Path(tempfile.mkdtemp(prefix="phigate-bench-"))
    script = lua_script(tmp)
    backend_port, mitm_port, phi_port, metrics_port = (free_port() for _ in range(4))
    upstream = f"http://127.0.0.1:{backend_port}"
    procs = [
        start([sys.executable, str(HERE / "backend.py"), str(backend_port)], tmp / "backend.log")
    ]
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
        targets = {
            "mitmdump": f"http://127.0.0.1:{mitm_port}",
            "phigate": f"http://127.0.0.1:{phi_port}",
        }
        for url in targets.values():  # warm-up
            run_wrk(url, script, 2, args.connections)
        rounds: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
        for r in range(args.rounds):
            order = list(targets) if r % 2 == 0 else list(reversed(targets))
            for name in order:
                result = run_wrk(targets[name], script, args.seconds, args.connections)
                rounds[name].append(result)
                print(f"round {r + 1} {name:9} {_line(result)}", flush=True)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=15)

    summary = {
        name: {key: statistics.median(r[key] for r in results) for key in results[0]}
        for name, results in rounds.items()
    }
    ratios = [
        p["rps"] / m["rps"] for p, m in zip(rounds["phigate"], rounds["mitmdump"], strict=True)
    ]
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": vars(args),
        "median": summary,
        "throughput_ratio_median": statistics.median(ratios),
        "rounds": rounds,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    print(f"\nmedian over {args.rounds} rounds of {args.seconds}s, {args.connections} connections:")
    for name, s in summary.items():
        print(f"  {name:9} {_line(s)}  non-2xx {s['non2xx']:.0f}")
    print(f"  phigate / mitmdump throughput: {report['throughput_ratio_median']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
