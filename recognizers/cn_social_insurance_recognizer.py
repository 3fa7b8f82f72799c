"""CN_SOCIAL_INSURANCE: social security and medical insurance card numbers."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers._base import ASCII_ALNUM, BARE_SCORE, ChinesePatternRecognizer, Example, after_cue

CUES = [
    "社保卡号",
    "社保卡",
    "社保号",
    "医保卡号",
    "医保卡",
    "医保号",
    "社会保障号码",
    "社会保障卡号",
    "参保号",
    "医保编号",
    "个人编号",
]
_VALUE = r"(?:[a-z]{1,3}[\s\-]?)?\d(?:[\s\-]?[a-z0-9]){5,19}(?![a-z0-9])"


class CnSocialInsuranceRecognizer(ChinesePatternRecognizer):
    """Social security card (社会保障卡) and medical insurance (医保) numbers.

    The social security number is the holder's resident ID number (GB 11643, found as
    CN_RESIDENT_ID when it is one); card numbers and local insurance numbers are 6-20
    characters of digits with an optional letter prefix, set by each province, so they are
    recognised after the label that names them (社保卡号, 医保卡号, 参保号).
    """

    ENTITY = "CN_SOCIAL_INSURANCE"
    NEEDS = ASCII_ALNUM
    PATTERNS = [
        Pattern("insurance_after_cue", after_cue(CUES, _VALUE), 0.85),
        Pattern("insurance_bare", r"(?<![a-z0-9])" + _VALUE, BARE_SCORE),
    ]
    # Field names too, English or pinyin initials (sbkh 社保卡号, ybkh 医保卡号, ybh 医保号).
    CONTEXT = ["社保", "医保", "参保", "insurance", "sbk", "ybk", "sbh", "ybh", "shbz"]


EXAMPLES = [
    Example("医保卡号：A12345678 能报销吗", ("A12345678",), (0.85, 1.0)),
    Example("社保卡号 310100123456", ("310100123456",), (0.85, 1.0)),
    Example("参保号是1234567890", ("1234567890",), (0.85, 1.0)),
    Example("社保卡号R5987 4906，身份证", ("R5987 4906",), (0.85, 1.0), note="spaced"),
    Example("A12345678", ("A12345678",), (0.35, 1.0), context=("医保卡号",)),
    Example("Y3205117730", ("Y3205117730",), (0.35, 1.0), context=("ybkh",), note="pinyin key"),
    Example("320511773", ("320511773",), (0.35, 1.0), context=("sbh",), note="pinyin key"),
    Example("医保报销了80%，自费2000元", ()),
]
