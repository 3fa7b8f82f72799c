"""`make soak` in miniature: bench/soak.py drives the real gateway with every kind of traffic
for a few seconds, and its leak check finds raw identifiers however the mix encodes them."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from bench.soak_backend import raw_identifiers

ROOT = Path(__file__).resolve().parent.parent
RAW = "我叫张伟，电话13800138000，身份证110101199003074258"
MASKED = "我叫张*，电话138****8000，身份证110101********4258"
ALL = ["CN_RESIDENT_ID", "PERSON", "PHONE_NUMBER"]


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (json.dumps({"m": RAW}, ensure_ascii=False).encode(), ALL),
        (json.dumps({"m": RAW}).encode(), ALL),  # \u escapes
        (urllib.parse.urlencode({"m": RAW}, encoding="gbk").encode(), ALL),
        (RAW.encode("gbk"), ALL),
        ("电话 13800138000".encode(), ["PHONE_NUMBER"]),
        (MASKED.encode(), []),
        (urllib.parse.urlencode({"m": MASKED}, encoding="gbk").encode(), []),
        (gzip.compress(RAW.encode()), []),  # the backend decompresses before it checks
    ],
    ids=["json", "json-escaped", "form-gbk", "text-gbk", "phone", "masked", "masked-form", "gzip"],
)
def test_soak_leak_check_reads_every_encoding(data: bytes, found: list[str]) -> None:
    assert raw_identifiers(data) == found


@pytest.mark.e2e
def test_soak_short_run_masks_everything_and_fails_closed(tmp_path: Path) -> None:
    out = tmp_path / "soak.json"
    command = [sys.executable, str(ROOT / "bench" / "soak.py"), "--seconds", "3"]
    command += ["--warmup", "1", "--rate", "20", "--out", str(out)]
    run = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(out.read_text())
    client, backend = report["client"], report["backend"]
    assert client["sent_total"] == 60
    assert client["connection_errors"] == client["unexpected_status"] == {}
    assert client["bad_replies"] == client["client_leaks"] == backend["leaks"] == {}
    over_limit = client["sent"].get("over_limit", 0)
    blocked = report["fail_closed"]["blocked"]
    assert blocked.get('phigate_blocked_total{reason="body_too_large"}', 0) == over_limit
    assert "over_limit" not in backend["received"]
    assert backend["received"]["chat_json"] == client["sent"]["chat_json"]
    assert report["log_leaks"] == []
    assert report["memory"]["end"]["total_kib"] > 0
