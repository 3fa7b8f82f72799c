"""`phigate eval --labelled FILE --leaks`: what a developer tuning a recognizer reads."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tests.support.processes import BIN

MESSAGES: list[dict[str, Any]] = [
    # found: the phone number is masked
    {
        "text": "电话13800138000 明天复查",
        "labels": [{"entity": "PHONE_NUMBER", "start": 2, "end": 13}],
    },
    # a label on something no recognizer finds: reported as leaked, marked in its message
    {"text": "结果发到 zzz 那里", "labels": [{"entity": "WECHAT_ID", "start": 5, "end": 8}]},
    # no label, yet changed: reported as over-redaction
    {"text": "我的手机13900139000", "labels": []},
    # no label, not changed
    {"text": "血压150/95 每天两次每次500mg", "labels": []},
]


def _eval(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    labelled = tmp_path / "labelled.jsonl"
    with labelled.open("w", encoding="utf-8") as f:
        for i, m in enumerate(MESSAGES):
            f.write(json.dumps({"id": f"t-{i}", "dept": "男科", **m}, ensure_ascii=False) + "\n")
    empty = tmp_path / "no-corpus"
    empty.mkdir(exist_ok=True)
    command = [str(BIN / "phigate"), "eval", "--messages", "20", "--corpus-dir", str(empty)]
    command += ["--state-dir", str(tmp_path / "state"), "--labelled", str(labelled)]
    return subprocess.run(
        [*command, *extra],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def test_leaks_lists_each_leaked_value_and_each_changed_plain_message(tmp_path: Path) -> None:
    out = _eval(tmp_path, "--leaks").stdout
    assert "messages of this file with no identifier changed: 1 of 2" in out
    leaks = out[out.index("leaked in ") :]
    assert "leaked in" in leaks and ": 1\n" in leaks.splitlines(keepends=True)[0]
    assert "WECHAT_ID" in leaks and "结果发到 【zzz】 那里" in leaks
    assert "13800138000" not in leaks  # masked, so not listed
    assert "changed without an identifier: 1\n  我的手机13900139000" in leaks


def test_json_carries_the_leaks_and_changed_messages(tmp_path: Path) -> None:
    result = json.loads(_eval(tmp_path, "--json").stdout)
    f = result["labelled_file"]
    assert f["leaks"] == [{"entity": "WECHAT_ID", "value": "zzz", "text": "结果发到 zzz 那里"}]
    assert f["changed"] == ["我的手机13900139000"]
    assert f["unlabelled"] == 2 and f["unlabelled_changed"] == 1
