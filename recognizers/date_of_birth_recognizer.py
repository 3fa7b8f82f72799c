"""DATE_OF_BIRTH: dates of birth."""

from __future__ import annotations

import datetime
import re

from presidio_analyzer import Pattern

from gateway.fold import digit_value
from recognizers._base import BARE_SCORE, ChinesePatternRecognizer, Example, after_cue

CUES = [
    "出生日期",
    "出生年月日",
    "出生年月",
    "出生于",
    "出生在",
    "出生",
    "生日",
    "生于",
    "生日是",
    "dob",
    "birthday",
    "birth",
    "birthdate",
]
_D = "[0-9零〇一二三四五六七八九]"
_DATE = (
    rf"(?:(?:19|20|一九|二〇|二零){_D}{{2}}\s*[年\-/.]\s*{_D}{{1,2}}\s*[月\-/.]\s*{_D}{{1,3}}[日号]?"
    rf"|(?:19|20)\d{{6}}(?!\d))"
)


class DateOfBirthRecognizer(ChinesePatternRecognizer):
    """Dates of birth: a full date (year, month and day) written as 1990-03-07, 1990/3/7,
    1990.03.07, 19900307 or 1990年3月7日, in digits or Chinese numerals (一九九零年三月七日).

    A date on its own is far more often an appointment or a test date, so a date is taken
    for a birth date only after a cue (出生日期, 生日, 出生于) or under a field so named. The
    date must exist and lie in the past.
    """

    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = [
        Pattern("dob_after_cue", after_cue(CUES, _DATE), 0.85),
        Pattern("date_bare", r"(?<![0-9])" + _DATE, BARE_SCORE),
    ]
    CONTEXT = ["出生", "生日", "birth", "dob"]

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(
            _digits(part) for part in re.split(r"[年月日号\-/.\s]+", pattern_text) if part
        )
        parts = [p for p in re.split(r"[年月日号\-/.\s]+", pattern_text) if p]
        try:
            if len(parts) == 3:
                y, m, d = (int(_digits(p)) for p in parts)
            else:
                y, m, d = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
            born = datetime.date(y, m, d)
        except ValueError:
            return False
        return None if born <= datetime.date.today() else False


def _digits(part: str) -> str:
    return "".join(d for d in map(digit_value, part) if d is not None)


EXAMPLES = [
    Example("出生日期：1990-03-07", ("1990-03-07",), (0.85, 1.0)),
    Example("我生日是1988年12月1日", ("1988年12月1日",), (0.85, 1.0)),
    Example("出生于一九九零年三月七日", ("一九九零年三月七日",), (0.85, 1.0), note="numerals"),
    Example("生日 19920815", ("19920815",), (0.85, 1.0)),
    Example("1990/3/7", ("1990/3/7",), (0.35, 1.0), context=("birthday",)),
    Example("预约2024年11月25日复诊", (), note="an appointment date"),
    Example("出生日期1990-02-30", (), note="no such day"),
]
