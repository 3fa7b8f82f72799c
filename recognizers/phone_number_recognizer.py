"""PHONE_NUMBER: mainland China mobile and landline numbers."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers._base import ASCII_ALNUM, ChinesePatternRecognizer, Example

_SEP = r"[ \-]?"


class PhoneNumberRecognizer(ChinesePatternRecognizer):
    """Telephone numbers of mainland China (numbering plan of the MIIT).

    Mobile: 11 digits starting 13-19, optionally after +86 / (+86) / 0086 / 86, written plain or in
    3-4-4 groups separated by spaces or dashes. Landline: a trunk prefix 0, an area code
    (010, 02x, or 0 plus three digits) and a 7 or 8 digit subscriber number, optionally
    separated by a dash or written as (0xx). Bare landline digits look like many other
    numbers, so they score low until a context word such as 电话 lifts them.
    """

    ENTITY = "PHONE_NUMBER"
    NEEDS = ASCII_ALNUM
    PATTERNS = [
        Pattern(
            "cn_mobile",
            rf"(?<![0-9+(])(?:\(?(?:\+|00)?86\)?{_SEP})?1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}(?!\d)",
            0.6,
        ),
        Pattern(
            "cn_landline_separated",
            r"(?<!\d)(?:\(0(?:10|2\d|[3-9]\d{2})\)|0(?:10|2\d|[3-9]\d{2})-)\s?[2-9]\d{6,7}(?!\d)",
            0.5,
        ),
        Pattern("cn_landline_plain", r"(?<!\d)0(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}(?!\d)", 0.35),
    ]
    CONTEXT = [
        "电话",
        "手机",
        "联系",
        "致电",
        "号码",
        "来电",
        "座机",
        "打",  # 打这个, 别打, 拨打
        "phone",
        "mobile",
        "tel",
        "cell",
    ]

    def invalidate_result(self, pattern_text: str) -> bool | None:
        digits = [c for c in pattern_text if c.isdigit()]
        return len(set(digits[-8:])) == 1


EXAMPLES = [
    Example("我叫张伟，电话13800138000", ("13800138000",), (0.9, 1.0)),
    Example("13800138000", ("13800138000",), (0.55, 0.65), note="no context"),
    Example("手机：138 0013 8000", ("138 0013 8000",), (0.9, 1.0)),
    Example("电话(+86)139-1234-5678", ("(+86)139-1234-5678",), (0.9, 1.0), note="(+86)"),
    Example("手机l39 1234 5O78", ("l39 1234 5O78",), (0.9, 1.0), note="letters for digits"),
    Example(
        "身份证110101199003074514 13912345678",
        ("13912345678",),
        (0.55, 1.0),
        note="right after another number",
    ),
    Example("联系方式 138-0013-8000 谢谢", ("138-0013-8000",), (0.9, 1.0)),
    Example("+8613800138000", ("+8613800138000",), (0.55, 1.0)),
    Example("电话+86 138 0013 8000", ("+86 138 0013 8000",), (0.9, 1.0)),
    Example("电话一三八零零一三八零零零", ("一三八零零一三八零零零",), (0.9, 1.0), note="numerals"),
    Example("手机 幺三八-零零一三-八零零零", ("幺三八-零零一三-八零零零",), (0.9, 1.0), note="幺"),
    Example(
        "电话１３８ ００１３ ８０００", ("１３８ ００１３ ８０００",), (0.9, 1.0), note="full-width"
    ),
    Example("座机010-62345678", ("010-62345678",), (0.6, 1.0)),
    Example("电话 (0755)26543210", ("(0755)26543210",), (0.8, 1.0)),
    Example("电话02087654321", ("02087654321",), (0.6, 0.75), note="plain landline, context"),
    Example("打这个17526767495找我 别打020-69590294", ("17526767495", "020-69590294")),
    Example(
        "02087654321", weak=("02087654321",), note="plain landline, no context: below threshold"
    ),
    Example("血压150/95，心率88", ()),
    Example("订单12800138000123", (), note="longer digit run"),
    Example("12345678901", (), note="no 12 prefix"),
    Example("13888888888", (), note="all same"),
]
