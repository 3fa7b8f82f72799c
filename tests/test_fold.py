"""Folding: evasive spellings are found and the original characters are the ones masked."""

from __future__ import annotations

import pytest

from gateway.fold import fold
from gateway.policy import Policy
from gateway.redactor import Redactor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话１３８００１３８０００", "电话１３８****８０００"),
        ("电话138\u200b0013\u200b8000好", "电话138\u200b****\u200b8000好"),
        ("身份证１１０１０１１９９００３０７４２５８", "身份证１１０１０１********４２５８"),
        ("邮箱ｚｈａｎｇ＠１６３．ｃｏｍ", "邮箱ｚ***@１６３．ｃｏｍ"),
        ("电话一三八零零一三八零零零", "电话一三八****八零零零"),
        ("手机幺三八 零零一三 8000", "手机幺三八 **** 8000"),
        ("电话壹叁捌零零壹叁捌零零零", "电话壹叁捌****捌零零零"),
        ("电话138.0013.8000", "电话138.****.8000"),
        ("手机1️⃣3️⃣6️⃣0️⃣0️⃣1️⃣3️⃣8️⃣0️⃣0️⃣0️⃣", "手机1️⃣3️⃣6️⃣*️⃣*️⃣*️⃣*️⃣8️⃣0️⃣0️⃣0️⃣"),
        ("电话 幺三六洞洞幺三拐洞洞勾", "电话 幺三六****拐洞洞勾"),
        ("手机 136 - 0013 - 8009 谢谢", "手机 136 - **** - 8009 谢谢"),
        ("手机 1 3 6 ⭐ 0 0 1 3 ⭐ 8 0 0 9", "手机 1 3 6 ⭐ * * * * ⭐ 8 0 0 9"),
        (
            "电话 yao san liu ling ling yao san ba ling ling jiu 好",
            "电话 " + "*" * len("yao san liu ling ling yao san ba ling ling jiu") + " 好",
        ),
    ],
    ids=[
        "full-width",
        "zero-width",
        "full-width-id",
        "full-width-email",
        "numerals",
        "yao-and-spaces",
        "financial",
        "dots",
        "keycaps",
        "radio-numerals",
        "spaced-dashes",
        "emoji-between-spaces",
        "pinyin-words",
    ],
)
def test_folded_identifier_masked_in_original(redactor: Redactor, text: str, expected: str) -> None:
    policy = Policy()
    redacted, decisions = redactor.redact(text, policy.default.rules, policy)
    assert decisions
    assert redacted == expected


def test_fold_maps_offsets_back() -> None:
    folded = fold("a\u200bb１")
    assert folded.text == "ab1"
    assert folded.span_in_original(1, 3) == (2, 4)


def test_fold_of_full_width_punctuation_and_digits_keeps_every_offset() -> None:
    folded = fold("电话：１３８００１３８０００，谢谢")
    assert folded.text == "电话:13800138000,谢谢"
    assert folded.span_in_original(3, 14) == (3, 14)


def test_fold_is_identity_on_plain_text() -> None:
    folded = fold("我叫张伟")
    assert folded.text == "我叫张伟" and folded.origin is None


@pytest.mark.parametrize(
    "text",
    [
        "两次每天一二天",
        "血压150 95",
        "孕12周+3天",
        "一三八零零",
        "one or two three times",
        "yi er san si wu liu",  # six words: a count, not a number
        "复查 2023 - 10 - 04",
        "1 2 3 4 5 6",
        "用户 2024-11-03 20:18",  # a chat log's timestamp: a date and a clock
        "客服 2023.6.9 9:05\n您好",
    ],
)
def test_short_runs_not_folded(text: str) -> None:
    assert fold(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("唯一13800138000", "唯一13800138000"),  # 一 is part of 唯一, not a digit
        ("13800138000一下", "13800138000一下"),
        ("一三八00138000", "13800138000"),  # several numerals: a spelled-out number
        ("1三800138000", "13800138000"),
    ],
)
def test_lone_edge_numeral_stays_a_word(text: str, expected: str) -> None:
    assert fold(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("扣扣 Ol728833lo", "扣扣 0172883310"),  # paired letters at both ends of the digits
        ("电话 l86 O55l 2O93", "电话 18605512093"),  # three letters among eleven digits
        ("卡 ZY2O23O8l5O12", "卡 ZY20230815012"),  # after a prefix of real letters
        ("tel=%2B8613900139000&x", "tel=+8613900139000&x"),  # a percent-encoded form
        ("a%40qq.com", "a@qq.com"),
    ],
)
def test_letters_and_escapes_folded(text: str, expected: str) -> None:
    assert fold(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "I love 1234567 lol",  # a word of look-alike letters beside a number stays a word
        "Hello1234567",
        "cool OLED 12345678",
        "lO lO 12 lO lO",  # more letters than digits: words, not a number
        "降了50%2天",  # % then a digit is no escape
    ],
)
def test_words_beside_numbers_not_folded(text: str) -> None:
    assert fold(text).text == text
