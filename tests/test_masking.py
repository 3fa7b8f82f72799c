from __future__ import annotations

import pytest

from gateway.masking import Hasher, mask, redact


@pytest.mark.parametrize(
    ("entity", "value", "masked"),
    [
        ("PHONE_NUMBER", "13800138000", "138****8000"),
        ("PHONE_NUMBER", "+86 138 0013 8000", "+86 138 **** 8000"),
        ("PHONE_NUMBER", "010-62345678", "010-****5678"),
        ("PHONE_NUMBER", "(0755)26543210", "(0755)****3210"),
        ("PHONE_NUMBER", "one three five 0", "*" * 16),
        ("PHONE_NUMBER", "2571 3986", "*" * 9),
        ("CN_RESIDENT_ID", "110101199003074258", "110101********4258"),
        ("CN_RESIDENT_ID", "11010519491231002X", "110105********002X"),
        ("CN_RESIDENT_ID", "６３０１０４１９９０１２０８５８１Ｘ", "６３０１０４********５８１Ｘ"),
        # letters typed for digits, which the number was found by reading as digits
        ("CN_RESIDENT_ID", "11010l199003074258", "11010l********4258"),
        ("CN_BANK_CARD", "6222O21234567890128", "6222***********0128"),
        ("PHONE_NUMBER", "l3800138000", "l38****8000"),
        ("PHONE_NUMBER", "l38 O612 7749", "l38 **** 7749"),
        ("CN_BANK_CARD", "6222021234567890128", "6222***********0128"),
        ("EMAIL_ADDRESS", "zhangwei@163.com", "z***@163.com"),
        ("EMAIL_ADDRESS", "zhangwei 艾特 163 点 com", "z***"),
        ("PERSON", "张伟", "张*"),
        ("PERSON", "欧阳娜娜", "欧阳**"),
        ("PERSON", "王小明", "王**"),
        # a surname given alone (曹女士, 东方先生): the surname is the whole value
        ("PERSON", "曹", "*"),
        ("PERSON", "东方", "**"),
        ("PERSON", "钱小姐", "*小姐"),
        ("PERSON", "安安", "**"),  # a doubled nickname: its first character is all of it
        ("PERSON", "欧阳先生", "**先生"),
        ("PERSON", "时 时雨桐", "* 时**"),
        ("PERSON", "张伟 李娜", "张* 李*"),
        ("PERSON", "Kevin Zhang", "K**********"),
        ("LOCATION", "广东省深圳市南山区科技园阳光花园3栋", "广东省深圳市" + "*" * 12),
        ("LOCATION", "北京市朝阳区建国路88号", "北京市" + "*" * 9),
        ("LOCATION", "幸福小区12号楼3单元402室", "*" * 15),
    ],
)
def test_mask_chinese_convention(entity: str, value: str, masked: str) -> None:
    assert mask(entity, value) == masked


def test_redact_names_the_entity() -> None:
    assert redact("PHONE_NUMBER", "13800138000") == "<PHONE_NUMBER>"


def test_hash_stable_keyed_and_separator_blind() -> None:
    h1, h2 = Hasher(b"k" * 32), Hasher(b"j" * 32)
    tag = h1("PHONE_NUMBER", "13800138000")
    assert tag == h1("PHONE_NUMBER", "138 0013 8000")
    assert tag != h2("PHONE_NUMBER", "13800138000")
    assert tag != h1("PHONE_NUMBER", "13800138001")
    assert "13800138000" not in tag and "8000" not in tag


def test_hash_key_too_short_rejected() -> None:
    with pytest.raises(ValueError):
        Hasher(b"short")
