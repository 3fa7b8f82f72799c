"""Replacement text for a found value, per action, in the conventions Chinese users expect.

mask keeps what staff need to recognise a value without revealing it: a mobile as
138****8000, an ID number with its region prefix and last four, a bank card with its
first and last four, a name with its surname (a surname given alone is hidden whole), an
e-mail with its first letter and domain, an address with its province and city.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable

from gateway.fold import LOOKALIKES, digit_value
from recognizers._name_surname_alone import ADDRESS_WORDS
from recognizers._surnames import surname_length

_MASK = "*"
_SPACES = re.compile(r"(\s+)")


def redact(entity: str, value: str) -> str:
    return f"<{entity}>"


def mask(entity: str, value: str) -> str:
    return _MASKERS.get(entity, _mask_all)(value)


class Hasher:
    """Keyed HMAC-SHA256: the same value gives the same tag under the same key, and the
    tag reveals nothing of the value to anyone without the key."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the hash key must be at least 16 bytes")
        self._key = key

    def __call__(self, entity: str, value: str) -> str:
        # Hash the folded, separator-free form so "138 0013 8000" and "13800138000" agree.
        canonical = "".join(ch for ch in value if ch.isalnum()).upper()
        digest = hmac.new(self._key, f"{entity}\x00{canonical}".encode(), hashlib.sha256)
        return f"<{entity}:{digest.hexdigest()[:16]}>"


_MIN_HIDDEN = 3
_FULL_WIDTH_OFFSET = 0xFEE0


def _digit(ch: str) -> str | None:
    """The digit `ch` stands for inside a found number: a digit or a numeral, or a letter
    typed for one (l38…, 6222O2…), which the number was found only by reading as a digit;
    left visible, such a letter would show one character more than the mask keeps."""
    if "Ａ" <= ch <= "ｚ":
        ch = chr(ord(ch) - _FULL_WIDTH_OFFSET)
    return digit_value(ch) or LOOKALIKES.get(ch)


def _mask_digits(value: str, keep_first: int, keep_last: int) -> str:
    """Mask the digits (and a trailing X) of `value` except the first and last few;
    separators and prefixes such as +86 stay where they are."""
    # A full-width Ｘ is the ID's check character as much as X is; left out, it would stand
    # in for one of the last four and one more digit would show.
    positions = [i for i, ch in enumerate(value) if _digit(ch) is not None or ch in "XxＸｘ"]
    hide = set(positions[keep_first : max(keep_first, len(positions) - keep_last)])
    if len(hide) < _MIN_HIDDEN:
        # Digits written as words ("one three eight…"), or too few digits to keep both
        # ends (an 8-digit Hong Kong number): a mask that hid little would show the number.
        return _mask_all(value)
    return "".join(_MASK if i in hide else ch for i, ch in enumerate(value))


def _mask_phone(value: str) -> str:
    digits = "".join(d for d in map(_digit, value) if d is not None)
    national = digits[-11:] if len(digits) >= 11 and digits[-11] == "1" else digits
    prefix_len = len(digits) - len(national)
    if national.startswith("1"):  # mobile: 138****8000
        return _mask_digits(value, prefix_len + 3, 4)
    area = 3 if national.startswith(("010", "02")) else 4
    return _mask_digits(value, prefix_len + area, 4)


def _mask_resident_id(value: str) -> str:
    return _mask_digits(value, 6, 4)


def _mask_bank_card(value: str) -> str:
    return _mask_digits(value, 4, 4)


def _mask_email(value: str) -> str:
    at = max(value.rfind("@"), value.rfind("＠"))
    if at < 0:  # the @ disguised (艾特, 圈a, #, " at "): where the domain starts is unknown
        return value[:1] + _MASK * 3
    local, domain = value[:at], value[at + 1 :]
    return f"{local[:1]}***@{domain}"


def _mask_person(value: str) -> str:
    if any(ch.isspace() for ch in value) and not any(ch.isascii() and ch.isalpha() for ch in value):
        # Presidio's anonymizer joins names with only spaces between them (时 时雨桐):
        # each keeps its own surname, and a surname given alone is hidden. A Latin name
        # (Kevin Zhang) keeps one initial, not one per word.
        return "".join(p if p.isspace() or not p else _mask_person(p) for p in _SPACES.split(value))
    keep = surname_length(value) or 1
    if keep >= len(value) or len(set(value)) == 1:
        # a surname given alone (曹 in 曹女士) or a doubled nickname (安安): what the mask
        # would keep is the whole value
        return _MASK * len(value)
    if value[keep:] in ADDRESS_WORDS:  # 钱小姐 found whole: the surname is all there is to hide
        return _MASK * keep + value[keep:]
    return value[:keep] + _MASK * (len(value) - keep)


_PROVINCE_CITY = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区))?\s*(?:[\u4e00-\u9fff]{2,8}?(?:市|自治州|地区|盟))?"
)


def _mask_address(value: str) -> str:
    """Keep the province and city (广东省深圳市), mask the rest character for character."""
    keep = _PROVINCE_CITY.match(value)
    head = keep.group(0) if keep else ""
    return head + "".join(ch if ch.isspace() else _MASK for ch in value[len(head) :])


def _mask_all(value: str) -> str:
    return _MASK * len(value)


_MASKERS: dict[str, Callable[[str], str]] = {
    "PHONE_NUMBER": _mask_phone,
    "CN_RESIDENT_ID": _mask_resident_id,
    "CN_BANK_CARD": _mask_bank_card,
    "EMAIL_ADDRESS": _mask_email,
    "PERSON": _mask_person,
    "LOCATION": _mask_address,
}
