"""PHONE_NUMBER: mainland China mobile and landline numbers."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers._base import ASCII_ALNUM, ChinesePatternRecognizer, Example, after_cue

# Between digit groups: nothing, a space, or a dash with a space either side ("186 - 9093").
_SEP = r"(?: ?[\-–—] ?| )?"
# Words a caller puts between the groups of a dictated number ("159 然后 0213 最后是 6648"):
# only words that say which part comes next, so "150 毫升 然后 2000 毫升" stays a dose.
_LINK = "(?:是|然后|后面|后边|最后|开头|中间|接着|接下来|再|尾号|前三位|中间四位|后四位|之后)"
_FILLER = rf"[ ，,]*(?:{_LINK}[ ，,]*){{1,3}}"
# Numbers of Hong Kong and Macau (8 digits, +852 / +853) and Taiwan (+886 9xx xxx xxx, or
# 09xx-xxx-xxx at home): patients from there give them in the same messages.
_HK_MO = r"85[23][ \-]?[2-9]\d{3}[ \-]?\d{4}"
_TW_MOBILE = r"(?:(?:\+|00)?886[ \-]?|0)9\d{2}[ \-]?\d{3}[ \-]?\d{3}"
# Cues for a bare 8-digit Hong Kong or Macau number, which alone could be anything.
_LOCAL_CUES = ["電話", "电话", "手機", "手机", "屋企電話", "whatsapp", "聯絡", "联系电话"]


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
            "cn_mobile_dictated",
            rf"(?<![0-9])1[3-9]\d{_FILLER}\d{{4}}{_FILLER}\d{{4}}(?!\d)",
            0.4,
        ),
        # Area code in brackets or before a dash, the subscriber number maybe split by a
        # space ("(0571)8852 6643", "0471 - 4605 327").
        Pattern(
            "cn_landline_separated",
            r"(?<!\d)(?:\(0(?:10|2\d|[3-9]\d{2})\)|0(?:10|2\d|[3-9]\d{2}) ?[\-–] ?)\s?"
            r"[2-9](?:\d{6,7}|\d{2,3} \d{4}|\d{3} \d{3})(?!\d)",
            0.5,
        ),
        # With + or 00 the country code says it is a phone; without, only a cue nearby does.
        Pattern("hk_macau", rf"(?:\+|(?<![0-9])00)(?:{_HK_MO})(?!\d)", 0.6),
        Pattern("hk_macau_no_plus", rf"(?<![0-9+])(?:{_HK_MO})(?!\d)", 0.4),
        Pattern("taiwan_mobile", rf"(?<![0-9+])(?:{_TW_MOBILE})(?!\d)", 0.45),
        Pattern("hk_macau_local", after_cue(_LOCAL_CUES, r"[2-9]\d{3} ?\d{4}(?![\d])"), 0.6),
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
        "電話",
        "手機",
        "聯絡",
        "whatsapp",
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
    Example("你们医院的电话是0731-84327788吗 打不通", (), note="the hospital's number asked about"),
    Example("客服：我院预约电话 0731 8432 7788，工作日可打", (), note="the hospital's own line"),
    Example(
        "医院的电话打不通 我的是13912345678 回我一下",
        ("13912345678",),
        (0.9, 1.0),
        note="the patient's number after the hospital's",
    ),
    Example(
        "客服：电话 13912345678 对吗",
        ("13912345678",),
        (0.9, 1.0),
        note="a counsellor repeating it",
    ),
    Example("13800138000", ("13800138000",), (0.55, 0.65), note="no context"),
    Example("手机：138 0013 8000", ("138 0013 8000",), (0.9, 1.0)),
    Example("电话(+86)139-1234-5678", ("(+86)139-1234-5678",), (0.9, 1.0), note="(+86)"),
    Example("phone=%2B8615900237716&name=x", ("%2B8615900237716",), (0.9, 1.0), note="url"),
    Example("电话 l86 O55l 2O93", ("l86 O55l 2O93",), (0.9, 1.0), note="three letters"),
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
    Example(
        "手机 177 - 2046 - 8815 晚上打", ("177 - 2046 - 8815",), (0.9, 1.0), note="spaced dash"
    ),
    Example(
        "电话 135 开头 中间 7720 最后 4196", ("135 开头 中间 7720 最后 4196",), note="dictated"
    ),
    Example("住了 135 天 花了 7720 元 还剩 4196", (), note="numbers with words, no cue"),
    Example("打针 150 毫升 然后 2000 毫升 最后 3000", (), note="doses, not a dictated number"),
    Example("座机 (0731)8456 2207", ("(0731)8456 2207",), (0.8, 1.0), note="split subscriber"),
    Example("电话 0851 - 8632 114", ("0851 - 8632 114",), (0.6, 1.0)),
    Example("電話 +852 6420 1187", ("+852 6420 1187",), (0.9, 1.0), note="Hong Kong"),
    Example("手機 0921-475-360", ("0921-475-360",), (0.8, 1.0), note="Taiwan mobile"),
    Example("屋企電話 3187 4402", ("3187 4402",), (0.9, 1.0), note="HK local after a cue"),
    Example("化验单 3187 4402 第二页", (), note="8 digits without a phone cue"),
    Example("单号 85361204471 已签收", (), note="852/853 without + and no phone cue"),
    Example("0933 108 246", weak=("0933 108 246",), note="Taiwan shape, no cue"),
    Example("手机 two three? no: one five nine", (), note="too few digit words"),
    Example("订单12800138000123", (), note="longer digit run"),
    Example("12345678901", (), note="no 12 prefix"),
    Example("13888888888", (), note="all same"),
]
