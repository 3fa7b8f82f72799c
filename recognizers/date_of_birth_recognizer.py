"""DATE_OF_BIRTH: dates of birth."""

from __future__ import annotations

import datetime
import re

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

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
_MD = "[0-9零〇一二三四五六七八九十]"  # months and days: 十, 二十五
_SEP = r"\s*[年\-/.]\s*"
_FULL_YEAR = rf"(?:19|20|一九|二〇|二零){_D}{{2}}"
_DATE = (
    rf"(?:{_FULL_YEAR}{_SEP}{_MD}{{1,2}}\s*[月\-/.]\s*{_MD}{{1,3}}[日号]?"
    rf"|(?:19|20)\d{{6}}(?!\d))"
)
# "01年12月17号", "64年8月9号": a two-digit year, only where a cue says it is a birth date.
_SHORT_DATE = rf"{_D}{{2}}年{_MD}{{1,2}}月{_MD}{{1,3}}[日号]?"
# A date right after the label of another date (EDC 2024-07-19, 预产期, 末次月经, 复查) is
# that date, even with a DOB field in the same line to lift it.
_OTHER_DATE = (
    r"(?<!(?:edc|edd|lmp|预产期|末次月经|月经|复查|复诊|手术|入院|出院|就诊|检查|预约|"
    r"挂号|签发|有效期|到期)[\s:：是为]{0,3})"
)
# A birthday kept by the lunar calendar (农历1990年腊月初八, 二〇一八年正月十五): month 正/冬/腊
# or a day 初一…廿九 that no Gregorian date has; taken only next to a cue, like a short date.
_LUNAR_MONTH = r"(?:十一|十二|冬|腊|正|[一二三四五六七八九十]|[0-9]{1,2})月"
_LUNAR_DAY = (
    r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十|廿[一二三四五六七八九]|三十|卅)"
)
_LUNAR_WORD = r"(?:(?:农历|阴历|旧历)\s*)?"
_LUNAR = rf"{_LUNAR_WORD}(?:{_FULL_YEAR}|{_D}{{2}})\s*年\s*{_LUNAR_WORD}{_LUNAR_MONTH}{_LUNAR_DAY}"
_LUNAR_ONLY = re.compile("[初廿卅腊冬正]")
_AFTER = r"(?=\s*(?:出生|生的|生人|生，|生,|生\s))"


_FIELD_BEFORE = re.compile(r"(?:[男女]|[\u4e00-\u9fff]{2}|\d{7})[，,、\s]+$")
_FIELD_AFTER = re.compile(r"[，,、。；;\s]|$")


class DateOfBirthRecognizer(ChinesePatternRecognizer):
    """Dates of birth: a full date (year, month and day) written as 1990-03-07, 1990/3/7,
    1990.03.07, 19900307 or 1990年3月7日, in digits or Chinese numerals (一九九零年三月七日,
    二〇〇三年八月二十五日), or with a two-digit year (01年12月17号) after a cue.

    A date on its own is far more often an appointment or a test date, so a date is taken
    for a birth date only next to a cue: before it (出生日期, 生日, 出生于) or after it
    (…出生, …生的), or under a field so named, or, fifteen years back or more, as a field of
    its own after a name or sex.
    The date must exist and lie in the past.
    """

    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = [
        Pattern("dob_after_cue", after_cue(CUES, f"(?:{_DATE}|{_SHORT_DATE}|{_LUNAR})"), 0.85),
        Pattern("dob_lunar_before_cue", rf"(?<![0-9]){_LUNAR}{_AFTER}", 0.85),
        Pattern("dob_before_cue", rf"(?<![0-9]){_DATE}{_AFTER}", 0.85),
        Pattern("dob_short_before_cue", rf"(?<![0-9]){_SHORT_DATE}{_AFTER}", 0.85),
        Pattern("date_bare", r"(?<![0-9])" + _OTHER_DATE + _DATE, BARE_SCORE),
    ]
    CONTEXT = ["出生", "生日", "birth", "dob"]

    # A full date this many years back, standing as a field of its own after a name, a
    # sex, a word or another number ("孙某，男，1985年7月22日，手机…"), is a birth date.
    # An old date that runs on into the story ("2010年8月10日血便") is an event.
    OLD_YEARS = 15
    OLD_SCORE = 0.6

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        oldest = datetime.date.today().year - self.OLD_YEARS
        for r in results:
            if r.score < self.OLD_SCORE:
                born = _date(text[r.start : r.end])
                if (
                    born is not None
                    and born.year <= oldest
                    and _FIELD_BEFORE.search(text, max(0, r.start - 8), r.start)
                    and _FIELD_AFTER.match(text, r.end)
                ):
                    r.score = self.OLD_SCORE
        return results

    def validate_result(self, pattern_text: str) -> bool | None:
        if _LUNAR_ONLY.search(pattern_text):
            return None if _lunar_year_past(pattern_text) else False
        born = _date(pattern_text)
        return None if born is not None and born <= datetime.date.today() else False


def _date(text: str) -> datetime.date | None:
    """The date a matched text names, or None if there is no such day."""
    parts = [p for p in re.split(r"[年月日号\-/.\s]+", text) if p]
    try:
        if len(parts) == 3:
            year, month, day = (_number(p) for p in parts)
        else:
            digits = _number(text)
            year, month, day = digits // 10000, digits // 100 % 100, digits % 100
        if year < 100:  # two-digit year: the most recent past one
            year += 2000 if year <= datetime.date.today().year % 100 else 1900
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _lunar_year_past(text: str) -> bool:
    """Whether a lunar date's year (its month and day have no Gregorian day) is not ahead."""
    year = _number(re.split(r"\s*年", re.sub(r"农历|阴历|旧历", "", text))[0])
    if year < 100:
        return True  # a two-digit year is the most recent past one
    return year <= datetime.date.today().year


def _number(part: str) -> int:
    """A number written in digits or Chinese numerals, with 十 (十五 = 15, 二十 = 20)."""
    if "十" in part:
        tens, _, ones = part.partition("十")
        return int(_digits(tens) or "1") * 10 + int(_digits(ones) or "0")
    return int(_digits(part))


def _digits(part: str) -> str:
    return "".join(d for d in map(digit_value, part) if d is not None)


EXAMPLES = [
    Example(
        "DOB 1988-02-11 LMP 2024-01-03 孕几周了", ("1988-02-11",), (0.85, 1.0), note="LMP is no DOB"
    ),
    Example("出生日期那栏空着 预产期：2025.03.14", (), note="a due date"),
    Example("出生日期：1990-03-07", ("1990-03-07",), (0.85, 1.0)),
    Example("我生日是1988年12月1日", ("1988年12月1日",), (0.85, 1.0)),
    Example("出生于一九九零年三月七日", ("一九九零年三月七日",), (0.85, 1.0), note="numerals"),
    Example("生日 19920815", ("19920815",), (0.85, 1.0)),
    Example("1990/3/7", ("1990/3/7",), (0.35, 1.0), context=("birthday",)),
    Example("出生日期二〇〇三年八月二十五日 身份证", ("二〇〇三年八月二十五日",), (0.85, 1.0)),
    Example("我是01年12月17号出生", ("01年12月17号",), (0.85, 1.0), note="two-digit year"),
    Example("我爸是1953/03/30出生的", ("1953/03/30",), (0.85, 1.0), note="cue after"),
    Example("孩子，20140520生，过敏性鼻炎", ("20140520",), (0.85, 1.0)),
    Example("预约2024年11月25日复诊", (), note="an appointment date"),
    Example("李某 女 1979年5月3日 来复查", ("1979年5月3日",), (0.6, 1.0), note="long ago"),
    Example("老人王某 1950.12.01 住院", ("1950.12.01",), (0.6, 1.0), note="long ago, dots"),
    Example("2008年10月22日至今反复发作", (), note="an old date in the story"),
    Example("手机13912345678 1969.7.20", ("1969.7.20",), (0.6, 1.0), note="after another field"),
    Example("我父亲今年75岁，2007年11月30日，体检发现", (), note="after an age, no field"),
    Example("2019年3月5日做的手术", (), note="a recent past date"),
    Example("24年11月25日复诊", (), note="two-digit year, no cue"),
    Example("出生日期1990-02-30", (), note="no such day"),
    Example(
        "儿子生日 二〇二〇年冬月十六 要打几针", ("二〇二〇年冬月十六",), (0.85, 1.0), note="lunar"
    ),
    Example("妈妈是农历1962年正月廿三出生的", ("农历1962年正月廿三",), (0.85, 1.0), note="lunar"),
    Example("生日 二〇九九年腊月初八", (), note="a lunar year ahead"),
    Example("爸爸生日 八八年三月十二号", ("八八年三月十二号",), (0.85, 1.0), note="not cut short"),
    Example("腊月初八喝粥，正月十五复查", (), note="lunar days with no cue"),
]
