"""The one-pass cut of a run gives exactly jieba's words and tags: dictionary words, the
HMM's words for unknown stretches, numbers and Latin letters, and words added at start-up
with their own tag."""

from __future__ import annotations

import json

import jieba
import jieba.posseg
import pytest
from jieba.posseg import re_han_internal

from gateway.pos_cut import RunCutter
from gateway.segment_cache import _stretch
from tests.conftest import SHARED


def _runs(limit: int) -> list[str]:
    with (SHARED / "corpus" / "patient_msgs.jsonl").open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(limit), f, strict=False)]
    return [run for text in texts for run in re_han_internal.findall(text)]


def _jieba_pairs(pos: jieba.posseg.POSTokenizer, run: str) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in pos.cut(run)]


@pytest.fixture(scope="module")
def tokenizer() -> jieba.Tokenizer:
    t = jieba.Tokenizer()
    t.initialize()
    return t


@pytest.mark.parametrize(
    "run",
    [
        "我叫欧阳娜娜电话13800138000",  # a compound surname, then digits in the same run
        "孩子毛梓萱发烧了",  # an unknown stretch the HMM reads as a name
        "微信zhangwei88",  # letters and digits after Han characters
        "体重3.5kg身高70cm",  # a number with a decimal point
        "AA制B超T恤",  # dictionary words with Latin letters
        "禚",  # one character
    ],
)
def test_cut_gives_jieba_words_and_tags(tokenizer: jieba.Tokenizer, run: str) -> None:
    pos = jieba.posseg.POSTokenizer(tokenizer)
    assert RunCutter(pos, _stretch).cut(run) == _jieba_pairs(pos, run)


def test_cut_gives_jieba_words_and_tags_on_real_patient_messages(
    tokenizer: jieba.Tokenizer,
) -> None:
    pos = jieba.posseg.POSTokenizer(tokenizer)
    cutter = RunCutter(pos, _stretch)
    runs = _runs(300)
    assert len(runs) > 1000
    for run in runs:
        assert cutter.cut(run) == _jieba_pairs(pos, run), run


def test_cut_follows_words_added_after_it_was_made() -> None:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    ours, theirs = jieba.posseg.POSTokenizer(tokenizer), jieba.posseg.POSTokenizer(tokenizer)
    cutter = RunCutter(ours, _stretch)
    before = cutter.cut("想转到你们康复医学科")
    tokenizer.add_word("康复医学科", tag="nz")
    ours.makesure_userdict_loaded()
    theirs.word_tag_tab["康复医学科"] = "nz"
    after = cutter.cut("想转到你们康复医学科")
    assert after == _jieba_pairs(theirs, "想转到你们康复医学科")
    assert ("康复医学科", "nz") in after and after != before
