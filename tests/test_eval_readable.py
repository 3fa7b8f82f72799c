"""What `phigate eval` counts as a detected value still readable in the forwarded text."""

from __future__ import annotations

import pytest

from gateway.evaluation.readable import Forwarded, allowance, shows_more
from gateway.masking import Hasher, mask
from gateway.policy import Action


@pytest.mark.parametrize(
    ("entity", "action", "value", "allowed"),
    [
        ("PHONE_NUMBER", Action.MASK, "13800138000", 7),
        ("PHONE_NUMBER", Action.MASK, "+86 138 0013 8000", 9),
        ("PHONE_NUMBER", Action.MASK, "一三八零零一三八零零零", 7),
        ("PHONE_NUMBER", Action.MASK, "010-62345678", 7),
        ("PHONE_NUMBER", Action.MASK, "0755-26543210", 8),
        ("PHONE_NUMBER", Action.MASK, "2571 3986", 0),  # too short to keep both ends
        ("CN_RESIDENT_ID", Action.MASK, "11010519491231002X", 10),
        ("CN_BANK_CARD", Action.MASK, "6222021234567890128", 8),
        ("EMAIL_ADDRESS", Action.MASK, "zhangwei@163.com", 7),
        ("EMAIL_ADDRESS", Action.MASK, "zhangwei 艾特 163 点 com", 1),
        ("QQ_NUMBER", Action.MASK, "123456789", 0),
        ("PERSON", Action.MASK, "曹", 0),  # a surname given alone
        ("PERSON", Action.MASK, "东方", 0),
        ("PERSON", Action.MASK, "钱小姐", 0),
        ("PERSON", Action.MASK, "安安", 0),
        ("PHONE_NUMBER", Action.REDACT, "13800138000", 0),
        ("PHONE_NUMBER", Action.HASH, "13800138000", 0),
        ("PHONE_NUMBER", Action.TOKENIZE, "13800138000", 0),
        ("PHONE_NUMBER", Action.KEEP, "13800138000", 11),
    ],
)
def test_allowance_per_action_and_entity(
    entity: str, action: Action, value: str, allowed: int
) -> None:
    assert allowance(entity, action, value) == allowed


@pytest.mark.parametrize(
    ("entity", "value", "allowed"),
    [
        ("PERSON", "张伟", 1),
        ("PERSON", "欧阳娜娜", 2),
        ("LOCATION", "广东省深圳市南山区科技园阳光花园3栋", 6),
        ("LOCATION", "幸福小区12号楼3单元402室", 0),
    ],
)
def test_allowance_counts_chinese_characters_in_names_and_addresses(
    entity: str, value: str, allowed: int
) -> None:
    assert allowance(entity, Action.MASK, value, words=True) == allowed


def _readable(text: str, value: str, forwarded: str, allowed: int, words: bool = False) -> bool:
    start = text.index(value)
    return shows_more(Forwarded(text, forwarded), start, start + len(value), allowed, (), words)


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13800138000", "138****8000"),
        ("+86 138 0013 8000", "+86 138 **** 8000"),
        ("一三八零零一三八零零零", "一三八****八零零零"),
        ("１３８００１３８０００", "１３８****８０００"),
    ],
)
def test_phone_masked_by_design_is_not_readable(value: str, masked: str) -> None:
    text = f"电话{value}，下午联系我"
    assert mask("PHONE_NUMBER", value) == masked
    assert not _readable(text, value, text.replace(value, masked), 7 + (2 if "+86" in value else 0))


@pytest.mark.parametrize(
    ("value", "forwarded_value"),
    [
        ("13800138000", "1380***8000"),  # one digit more than 3 + 4
        ("13800138000", "13800138000"),  # nothing hidden
        ("138 0013 8000", "138 0013 8000"),
        ("一三八零零一三八零零零", "一三八零*一三八零零零"),
    ],
)
def test_phone_shown_beyond_its_mask_is_readable(value: str, forwarded_value: str) -> None:
    text = f"电话{value}，下午联系我"
    assert _readable(text, value, text.replace(value, forwarded_value), 7)


def test_value_copied_into_its_replacement_is_readable() -> None:
    # The e-mail mask once kept "first letter***@" and put the whole disguised value after it.
    value = "zhangwei艾特163点com"
    text = f"邮箱{value}谢谢"
    assert _readable(text, value, text.replace(value, f"z***@{value}"), 1)


def test_folded_sequence_elsewhere_in_the_output_is_readable() -> None:
    value = "一三八零零一三八零零零"
    text = f"电话{value}"
    assert _readable(text, value, "电话<PHONE_NUMBER>，就是13800138000", 0)


def test_hash_digits_are_not_taken_for_the_value() -> None:
    value = "13800138000"
    text = f"电话{value}"
    tag = Hasher(b"test-key-0123456789abcdef")("PHONE_NUMBER", value)
    for forwarded in (f"电话{tag}", "电话<PHONE_NUMBER:1380013800000000>"):
        assert not _readable(text, value, forwarded, 0)


def test_words_around_digits_are_not_counted() -> None:
    value = "159 然后 0192 最后是 6648"
    text = f"手机 {value} 别打错了"
    forwarded = text.replace(value, "159 然后 **** 最后是 6648")
    assert allowance("PHONE_NUMBER", Action.MASK, value) == 7
    assert not _readable(text, value, forwarded, 7)


def test_a_twin_value_elsewhere_is_not_blamed_on_this_mask() -> None:
    # Written twice, the second missed: that one is a leak, counted as such; the first was
    # masked as designed.
    text = "电话13800138000 微信13800138000"
    forwarded = "电话138****8000 微信13800138000"
    twin = (text.rindex("138"), len(text))
    assert not shows_more(Forwarded(text, forwarded), 2, 13, 7, [twin])
    assert shows_more(Forwarded(text, forwarded), 2, 13, 7, [])


def test_name_keeps_only_its_surname() -> None:
    text = "我叫欧阳娜娜，预约周六"
    assert not _readable(text, "欧阳娜娜", "我叫欧阳**，预约周六", 2, words=True)
    assert _readable(text, "欧阳娜娜", "我叫欧阳娜*，预约周六", 2, words=True)
