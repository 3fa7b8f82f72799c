"""The fast part-of-speech decoder gives exactly jieba's tags (it replaces jieba's own)."""

from __future__ import annotations

import json
import re

import jieba
import jieba.posseg
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi

from gateway.pos_viterbi import FastPOSTokenizer, decode
from tests.conftest import SHARED

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _messages(limit: int) -> list[str]:
    with (SHARED / "corpus" / "patient_msgs.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for _, line in zip(range(limit), f, strict=False)]


def test_decoder_matches_jieba_on_real_patient_messages() -> None:
    runs = [run for text in _messages(400) for run in HAN_RUN.findall(text)]
    assert len(runs) > 1000
    for run in runs:
        assert decode(run) == viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)[1], run


def test_tokenizer_gives_jieba_words_and_tags() -> None:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    ours, theirs = FastPOSTokenizer(tokenizer), jieba.posseg.POSTokenizer(tokenizer)
    for text in [*_messages(200), "我叫欧阳娜娜，电话13800138000", "孩子毛梓萱发烧了"]:
        assert [tuple(p) for p in ours.cut(text)] == [tuple(p) for p in theirs.cut(text)]
