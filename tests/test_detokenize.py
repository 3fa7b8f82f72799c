from __future__ import annotations

import gzip
import json
from pathlib import Path

from gateway.audit import AuditLog
from gateway.detokenize import Detokenizer
from gateway.exfiltration import MemoryWindows
from gateway.metrics import Metrics
from gateway.policy import DetokenizeSettings
from gateway.tokens import Tokenizer
from gateway.vault import SqliteVault

JSON = {"content-type": "application/json"}


def setup(tmp: Path, budget: int) -> tuple[Detokenizer, Tokenizer]:
    vault = SqliteVault(tmp / "v.sqlite", b"a" * 32, b"t" * 32)
    detok = Detokenizer(
        vault, AuditLog(tmp / "audit.jsonl"), MemoryWindows(), DetokenizeSettings(budget), Metrics()
    )
    return detok, Tokenizer(vault)


def test_staff_past_budget_gets_masked_values_and_it_is_counted(tmp_path: Path) -> None:
    detok, tokenize = setup(tmp_path, budget=2)
    one = json.dumps({"m": tokenize("PHONE_NUMBER", "13800138000")}).encode()
    three = json.dumps(
        {"m": " ".join(tokenize("PHONE_NUMBER", f"1390000000{i}") for i in range(1, 4))}
    ).encode()
    assert json.loads(detok.apply(one, JSON, "console", "dr_li"))["m"] == "13800138000"
    masked = json.loads(detok.apply(three, JSON, "console", "dr_li"))["m"]
    assert masked == "139****0001 139****0002 139****0003"
    get = detok.metrics.registry.get_sample_value
    assert get("phigate_staff_budget_exhausted_total") == 1
    assert get("phigate_detokenizations_total", {"route": "console", "outcome": "revealed"}) == 1
    assert get("phigate_detokenizations_total", {"route": "console", "outcome": "masked"}) == 3
    assert len((tmp_path / "audit.jsonl").read_text().splitlines()) == 1


def test_detokenize_keeps_content_encoding_and_json_valid(tmp_path: Path) -> None:
    detok, tokenize = setup(tmp_path, budget=10)
    body = json.dumps({"m": tokenize("PERSON", 'O"Neil')}).encode()
    out = detok.apply(gzip.compress(body), {**JSON, "content-encoding": "gzip"}, "console", "dr_li")
    assert json.loads(gzip.decompress(out)) == {"m": 'O"Neil'}


def test_unknown_token_left_as_is(tmp_path: Path) -> None:
    detok, _ = setup(tmp_path, budget=10)
    body = b'{"m": "tok_PHONE_NUMBER_aaaaaaaaaaaaaaaaaaaaaaaa"}'
    assert detok.apply(body, JSON, "console", "dr_li") == body
