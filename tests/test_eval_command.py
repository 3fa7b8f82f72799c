"""`phigate eval --labelled FILE --leaks`: what a developer tuning a recognizer or a mask
reads."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gateway.eval_command import format_leaks, run_eval
from gateway.masking import Hasher
from gateway.policy import Policy
from gateway.redactor import Redactor
from gateway.scanner import Scanner
from gateway.service import read_policy
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


# Widget traffic (POST /api/chat) tokenized, everything else masked: the evaluation must
# read what the widget's route does to a message.
WIDGET_TOKENIZED = """\
version: 1
default:
  action: mask
  actions:
    HEALTH_CONDITION: keep
routes:
  - name: widget
    match:
      direction: request
      path: /api/*
    action: tokenize
    actions:
      HEALTH_CONDITION: keep
"""


def _labelled(tmp_path: Path) -> Path:
    labelled = tmp_path / "labelled.jsonl"
    with labelled.open("w", encoding="utf-8") as f:
        for i, m in enumerate(MESSAGES):
            f.write(json.dumps({"id": f"t-{i}", "dept": "男科", **m}, ensure_ascii=False) + "\n")
    return labelled


def _widget_tokenized(tmp_path: Path) -> Path:
    policy = tmp_path / "policy.yaml"
    policy.write_text(WIDGET_TOKENIZED, encoding="utf-8")
    return policy


def _eval(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    labelled = _labelled(tmp_path)
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
    assert "detected, but readable in the output (synthetic corpus): 0\n" in out
    assert f"detected, but readable in the output ({tmp_path / 'labelled.jsonl'}): 0\n" in leaks
    assert "changed without an identifier: 1\n  我的手机13900139000" in leaks


def test_table_has_a_readable_column_apart_from_leak(tmp_path: Path) -> None:
    out = _eval(tmp_path).stdout
    assert "(POST /api/chat application/json), under route 'default'" in out
    header = next(line for line in out.splitlines() if line.startswith("entity"))
    assert header.split()[-3:] == ["evasive", "ev.leak", "readable"]
    phone = [line for line in out.splitlines() if line.startswith("PHONE_NUMBER")]
    assert len(phone) == 2 and all(line.split()[-1] == "0" for line in phone)


def test_json_carries_the_leaks_and_changed_messages(tmp_path: Path) -> None:
    result = json.loads(_eval(tmp_path, "--json").stdout)
    f = result["labelled_file"]
    assert f["leaks"] == [
        {"entity": "WECHAT_ID", "value": "zzz", "text": "结果发到 zzz 那里", "start": 5}
    ]
    assert f["changed"] == ["我的手机13900139000"]
    assert f["unlabelled"] == 2 and f["unlabelled_changed"] == 1
    assert f["readable"] == [] and result["readable_examples"] == []
    assert f["entities"]["PHONE_NUMBER"]["readable"] == 0
    assert all(e["readable"] == 0 for e in result["entities"].values())


def test_policy_option_evaluates_the_widget_route(tmp_path: Path) -> None:
    # The route the widget's requests take tokenizes; the evaluation's tokens hide the
    # value whole (and are stored nowhere), so nothing is readable and nothing leaks.
    config = str(_widget_tokenized(tmp_path))
    result = json.loads(_eval(tmp_path, "--json", "--config", config).stdout)
    assert result["sent_as"]["route"] == "widget"
    f = result["labelled_file"]
    assert (
        f["entities"]["PHONE_NUMBER"] | {"leak_rate": 0.0, "readable": 0}
        == f["entities"]["PHONE_NUMBER"]
    )
    assert f["changed"] == ["我的手机13900139000"]
    assert not (tmp_path / "state" / "vault.sqlite").exists()


@pytest.fixture(scope="module")
def widget_tokenized(tmp_path_factory: pytest.TempPathFactory) -> Policy:
    return read_policy(_widget_tokenized(tmp_path_factory.mktemp("policy")))


@pytest.mark.parametrize(
    ("replacement", "forwarded"),
    [
        (lambda entity, value: value, "电话【13800138000】 明天复查"),
        (lambda entity, value: value[:-4] + "****", "电话【1380013****】 明天复查"),
        (
            lambda entity, value: f"tok_{entity}_{value}",
            "电话【tok_PHONE_NUMBER_13800138000】 明天复查",
        ),
    ],
    ids=["keeps-whole", "hides-four", "copies-into-tag"],
)
def test_a_replacement_that_lets_a_detected_value_through_is_counted(
    tmp_path: Path,
    scanner: Scanner,
    widget_tokenized: Policy,
    replacement: Callable[[str, str], str],
    forwarded: str,
) -> None:
    # A policy cannot make `mask` keep more than its convention, so the faulty replacement
    # comes in through the internal API: the tokenizer the widget route calls.
    redactor = Redactor(scanner, Hasher(b"test-key-0123456789abcdef"), replacement)
    result = run_eval(redactor, widget_tokenized, 20, 20261122, None, _labelled(tmp_path))
    f = result["labelled_file"]
    phone = f["entities"]["PHONE_NUMBER"]
    assert phone["leak_rate"] == 0.0 and phone["recall"] == 1.0  # detected, not leaked
    assert phone["readable"] == 1
    assert [(r["entity"], r["value"], r["forwarded"]) for r in f["readable"]] == [
        ("PHONE_NUMBER", "13800138000", forwarded)
    ]
    assert f"  PHONE_NUMBER          {forwarded}" in format_leaks(f)
    # In the synthetic corpus every phone number is found, so every one is readable.
    synthetic = result["entities"]["PHONE_NUMBER"]
    assert synthetic["labelled"] > 0 and synthetic["readable"] == synthetic["labelled"]
