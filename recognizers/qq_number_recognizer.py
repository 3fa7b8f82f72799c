"""QQ_NUMBER: QQ account numbers."""

from __future__ import annotations

from presidio_analyzer import Pattern

from gateway.fold import DIGIT_CLASS, NONZERO_DIGIT_CLASS
from recognizers._base import BARE_SCORE, ChinesePatternRecognizer, Example, after_cue

_NAMES = ["qq", "扣扣", "球球", "企鹅", "企鹅号", "q号", "抠抠", "寇寇", "Q Q"]
# "QQ找我 …", "扣扣加我 …": the app, then what to do with the number.
CUES = _NAMES + [name + verb for name in _NAMES for verb in ("找我", "加我", "联系我", "私我")]
# A number typed in two or three groups (8045-2317, 1234 56789); the digits are counted after.
_GROUPED = f"{NONZERO_DIGIT_CLASS}(?:[ \\-]?{DIGIT_CLASS}){{4,10}}(?![\\d@])"


class QqNumberRecognizer(ChinesePatternRecognizer):
    """QQ numbers: 5 to 11 digits, never starting with 0 (Tencent assigns them in sequence
    from 10000), plain or in groups split by a space or dash. Recognised after a cue — QQ,
    扣扣, 球球, 企鹅, also with 找我/加我 — since a bare run of digits is
    as likely a price or a lab value; Chinese numerals and full-width digits are folded
    first. A QQ mail address (12345@qq.com) is an EMAIL_ADDRESS.
    """

    ENTITY = "QQ_NUMBER"
    PATTERNS = [
        Pattern(
            "qq_after_cue",
            after_cue(CUES, _GROUPED),
            0.85,
        ),
        Pattern("qq_bare", r"(?<![\d.])[1-9]\d{4,10}(?![\d.@])", BARE_SCORE),
    ]
    CONTEXT = ["qq", "扣扣", "企鹅"]


EXAMPLES = [
    Example("我的QQ是123456789", ("123456789",), (0.85, 1.0)),
    Example("有问题可以加我们客服QQ 2853017746 咨询", (), note="the hospital's own QQ"),
    Example("医院的官方扣扣是80023311吗", (), note="the hospital's, asked about"),
    Example("客服：已加您QQ 2853017746 请通过", ("2853017746",), (0.85, 1.0), note="a patient's"),
    Example(
        "客服：方便加个QQ吗\n用户 2023-12-05 21:40\n可以",
        (),
        note="a chat log's timestamp after a QQ cue",
    ),
    Example("扣扣 87654321 加一下", ("87654321",), (0.85, 1.0)),
    Example("qq号码：10001", ("10001",), (0.85, 1.0)),
    Example("QQ加我 5521-90437 晚上在线", ("5521-90437",), (0.85, 1.0), note="dash, verb"),
    Example("球球三八七六五四三二一", ("三八七六五四三二一",), (0.85, 1.0), note="numerals"),
    Example(
        "扣扣三幺七四四幺，方便的话发我", ("三幺七四四幺",), (0.85, 1.0), note="short numerals"
    ),
    Example("987654321", ("987654321",), (0.35, 1.0), context=("qq",)),
    Example(
        "QQ nine eight seven six five four three two 晚上",
        ("nine eight seven six five four three two",),
        (0.85, 1.0),
        note="English words",
    ),
    Example("qq er ba si wu qi liu ling 找我", ("er ba si wu qi liu ling",), note="pinyin"),
    Example("企鹅号 lI8204576O 晚上", ("lI8204576O",), (0.85, 1.0), note="letters for digits"),
    Example("QQ会员 lol 12块", (), note="a word of look-alike letters"),
    Example("QQ一二次而已", (), note="two numerals are a count"),
    Example("QQ邮箱123456@qq.com", (), note="an e-mail address"),
    Example("手术费用12800元", ()),
    Example("HCG 15678", ()),
]
