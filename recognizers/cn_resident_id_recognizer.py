"""CN_RESIDENT_ID: the resident identity card number of mainland China."""

from __future__ import annotations

import datetime

from presidio_analyzer import Pattern

from recognizers._base import ASCII_ALNUM, ChinesePatternRecognizer, Example

_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]
_CHECK_CHARS = "10X98765432"


class CnResidentIdRecognizer(ChinesePatternRecognizer):
    """Resident ID numbers as defined by GB 11643-1999.

    18 characters: a 6-digit administrative region code, the birth date as YYYYMMDD,
    a 3-digit sequence number (odd for men) and a check character computed with
    ISO 7064 MOD 11-2 (0-9 or X). Cards issued before 1999 carried 15 digits: the region
    code, the birth date as YYMMDD and the sequence number, without a check digit.
    A valid check digit and birth date give the top score; a wrong one drops the match.
    """

    ENTITY = "CN_RESIDENT_ID"
    NEEDS = ASCII_ALNUM
    PATTERNS = [
        Pattern(
            "resident_id_18",
            r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])"
            r"(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])",
            0.5,
        ),
        Pattern(
            "resident_id_15",
            r"(?<![0-9A-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])",
            0.3,
        ),
    ]
    CONTEXT = [
        "身份证",
        "身份号",
        "证件号",
        "公民身份",
        "sfz",
        "idcard",
        "id_card",
        "id_no",
        "idno",
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        if len(pattern_text) == 18:
            birth = pattern_text[6:14]
            return _valid_date(birth) and _check_char(pattern_text[:17]) == pattern_text[17].upper()
        return None if _valid_date("19" + pattern_text[6:12]) else False

    def invalidate_result(self, pattern_text: str) -> bool | None:
        return len(set(pattern_text[:17])) == 1


def _check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2: sum(digit_i * 2^(17-i) mod 11), check = (12 - sum mod 11) mod 11."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def _valid_date(yyyymmdd: str) -> bool:
    try:
        born = datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return born <= datetime.date.today()


EXAMPLES = [
    Example("身份证110101199003074258", ("110101199003074258",), (1.0, 1.0)),
    Example("我的身份证号是11010519491231002X谢谢", ("11010519491231002X",), (1.0, 1.0)),
    Example("110101199003074258", ("110101199003074258",), (1.0, 1.0), note="no context"),
    Example("证件号 11010519491231002x", ("11010519491231002x",), (1.0, 1.0), note="lower x"),
    Example("老身份证 110105491231002", ("110105491231002",), (0.6, 0.7), note="15-digit"),
    Example(
        "身份证 1️⃣1️⃣0️⃣1️⃣0️⃣1️⃣1️⃣9️⃣9️⃣0️⃣0️⃣3️⃣0️⃣7️⃣4️⃣2️⃣5️⃣8️⃣ 建档",
        ("1️⃣1️⃣0️⃣1️⃣0️⃣1️⃣1️⃣9️⃣9️⃣0️⃣0️⃣3️⃣0️⃣7️⃣4️⃣2️⃣5️⃣8️⃣",),
        (1.0, 1.0),
        note="keycap emoji",
    ),
    Example(
        "身份证 yao yao ling yao ling yao yao jiu jiu ling ling san ling qi si er wu ba",
        ("yao yao ling yao ling yao yao jiu jiu ling ling san ling qi si er wu ba",),
        (1.0, 1.0),
        note="pinyin from a voice keyboard",
    ),
    Example("身份证110101199003074259", (), note="wrong check digit"),
    Example("身份证110101199002304258", (), note="30 February"),
    Example("订单号1101011990030742581", (), note="19 digits"),
    Example("111111111111111111", (), note="all same"),
]
