"""`phigate scan`, as a user runs it: a real subprocess reading an argument or stdin."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.processes import BIN

PHIGATE = str(BIN / "phigate")


def scan(tmp: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PHIGATE, "scan", "--state-dir", str(tmp), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_scan_text_argument_prints_findings_and_redacted_text(tmp_path: Path) -> None:
    result = scan(tmp_path, "我叫张伟，电话13800138000")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "我叫张*，电话138****8000"
    assert any(line.startswith("PHONE_NUMBER") and "7-18" in line for line in lines)
    assert "13800138000" not in result.stdout


def test_scan_jsonl_from_stdin(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "电话13800138000"}, ensure_ascii=False),
        json.dumps({"id": "b", "json": {"患者": {"姓名": "张伟"}, "n": 3}}, ensure_ascii=False),
        "not json",
        json.dumps({"id": "c", "text": "血压150/95"}, ensure_ascii=False),
    ]
    result = scan(tmp_path, "--jsonl", stdin="\n".join(lines) + "\n")
    assert result.returncode == 1  # one bad line
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", "b", None, "c"]
    assert out[0]["text"] == "电话138****8000"
    assert out[0]["findings"] == [
        {"entity_type": "PHONE_NUMBER", "start": 2, "end": 13, "score": 0.95, "action": "mask"}
    ]
    assert out[1]["json"] == {"患者": {"姓名": "张*"}, "n": 3}
    assert out[1]["findings"][0]["path"] == "$.患者.姓名"
    assert out[2]["error"]["code"] == "bad_input" and out[2]["error"]["line"] == 3
    assert out[3] == {"id": "c", "text": "血压150/95", "findings": []}
