"""The remembering part-of-speech pass gives exactly jieba's words and tags, holds no run
with digits or Latin letters, and stays within its bound."""

from __future__ import annotations

import json

import jieba
import jieba.posseg
import pytest

from gateway import segment_cache
from gateway.segment_cache import CachedPOSTokenizer
from tests.conftest import SHARED


@pytest.fixture(scope="module")
def tokenizer() -> jieba.Tokenizer:
    t = jieba.Tokenizer()
    t.initialize()
    return t


def _messages(limit: int) -> list[str]:
    with (SHARED / "corpus" / "patient_msgs.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for _, line in zip(range(limit), f, strict=False)]


def test_cached_tokenizer_gives_jieba_words_and_tags_first_and_second_time(
    tokenizer: jieba.Tokenizer,
) -> None:
    ours, theirs = CachedPOSTokenizer(tokenizer), jieba.posseg.POSTokenizer(tokenizer)
    texts = [*_messages(300), "我叫欧阳娜娜，电话13800138000", "医生你好，医生你好！谢谢"]
    expected = [[tuple(p) for p in theirs.cut(text)] for text in texts]
    assert [ours.tagged(text) for text in texts] == expected  # mostly cut afresh
    assert [ours.tagged(text) for text in texts] == expected  # now mostly remembered


def test_cache_holds_no_run_with_digits_or_latin_letters(tokenizer: jieba.Tokenizer) -> None:
    ours = CachedPOSTokenizer(tokenizer)
    ours.tagged("我叫张伟，电话13800138000，微信zhangwei88，谢谢")
    assert set(ours._runs) == {"我叫张伟", "谢谢"}


def test_cache_forgets_the_least_recently_used_beyond_its_bound(
    tokenizer: jieba.Tokenizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segment_cache, "RUNS", 3)
    ours = CachedPOSTokenizer(tokenizer)
    for text in ["头疼", "发烧", "咳嗽", "头疼", "失眠"]:
        ours.tagged(text)
    assert list(ours._runs) == ["咳嗽", "头疼", "失眠"]
