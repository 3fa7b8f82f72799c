"""Chinese context words, in the text or as the field name, really raise scores."""

from __future__ import annotations

import pytest
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from gateway.context_enhancer import InPlaceContextEnhancer
from gateway.scanner import Scanner


def _score(scanner: Scanner, text: str, entity: str, context: tuple[str, ...] = ()) -> float:
    scores = [f.score for f in scanner.scan(text, context) if f.entity_type == entity]
    return max(scores, default=0.0)


@pytest.mark.parametrize(
    ("bare", "with_context", "entity"),
    [
        ("13800138000", "手机号码是13800138000", "PHONE_NUMBER"),
        ("4532015112830366", "银行卡号4532015112830366", "CN_BANK_CARD"),
        ("02087654321", "座机02087654321", "PHONE_NUMBER"),
        ("李建国最近早泄", "我老公李建国最近早泄", "PERSON"),
    ],
    ids=["mobile", "bank-card", "landline", "person"],
)
def test_context_word_raises_score(
    scanner: Scanner, bare: str, with_context: str, entity: str
) -> None:
    before = _score(scanner, bare, entity)
    after = _score(scanner, with_context, entity)
    assert after >= before + 0.3


def test_context_lifts_weak_finding_over_threshold(scanner: Scanner) -> None:
    assert _score(scanner, "4532015112830366", "CN_BANK_CARD") < 0.5
    assert _score(scanner, "卡号4532015112830366", "CN_BANK_CARD") >= 0.5


@pytest.mark.parametrize(
    ("value", "key", "entity"),
    [
        ("02087654321", "phone", "PHONE_NUMBER"),
        ("4532015112830366", "银行卡号", "CN_BANK_CARD"),
        # A name jieba's dictionary knows is weak alone (王秀英, which it does not know, is
        # masked even alone, as a signature).
        ("王平", "姓名", "PERSON"),
    ],
)
def test_field_name_is_context(scanner: Scanner, value: str, key: str, entity: str) -> None:
    assert _score(scanner, value, entity) < 0.5
    assert _score(scanner, value, entity, (key,)) >= 0.5


@pytest.mark.parametrize(
    ("surrounding", "context_words"),
    [
        (["我", "的", "电话"], ["手机", "电话"]),
        (["电", "话"], ["电话"]),  # two words do not make the context word between them
        (["联系人张伟"], ["联系人"]),  # a context word inside a longer token counts
        (["a\x00b", "c"], ["\x00b", "b\x00c"]),  # a NUL inside a word
        ([], ["电话"]),
        (["Phone"], ["PHONE"]),
    ],
    ids=["word", "not-across-words", "inside-token", "nul", "nothing-around", "case"],
)
def test_supportive_word_search_answers_as_presidio(
    surrounding: list[str], context_words: list[str]
) -> None:
    ours = InPlaceContextEnhancer._find_supportive_word_in_context
    theirs = LemmaContextAwareEnhancer._find_supportive_word_in_context
    for mode in ("substring", "whole_word"):
        assert ours(surrounding, context_words, mode) == theirs(surrounding, context_words, mode)
