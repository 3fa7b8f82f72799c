"""CN_HK_MACAU_PERMIT: permits for travel between the mainland and Hong Kong / Macau."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers._base import ASCII_ALNUM, ChinesePatternRecognizer, Example, after_cue

_CUES_SIMPLIFIED = [
    "通行证",
    "港澳通行证",
    "通行证号",
    "回乡证",
    "回乡证号",
    "港澳居民来往内地通行证",
]
# Hong Kong and Macau patients write traditional characters (回鄉證, 證件號碼).
_CUES_TRADITIONAL = ["通行證", "港澳通行證", "通行證號", "回鄉證", "回鄉證號", "證件", "證件號碼"]
CUES = _CUES_SIMPLIFIED + _CUES_TRADITIONAL + ["证件", "证件号码"]
# H or M and 8 digits, in whatever groups they are typed ("H6031 8427", "M51 209 364").
_NUMBER = r"(?:C\s?\d{4}\s?\d{4}|C[A-HJ-NP-Z]\s?\d{7}|[HM]\s?\d(?:\s?\d){7}(?:\d{2})?)(?![a-z0-9])"


# A permit asked for and given a few words later or in the next turn ("通行证号码提供一下
# ⏎ 访客：梁某，C1234…"): the cue and the value are not adjacent, but no other document
# takes this shape, so a cue within a line before it is enough.
_CUE_NEARBY = "|".join(sorted(CUES, key=len, reverse=True))
_NEARBY = rf"(?<=(?:{_CUE_NEARBY})[^\n]{{0,30}}\n?[^\n]{{0,20}})(?<![a-z0-9])"


class CnHkMacauPermitRecognizer(ChinesePatternRecognizer):
    """Travel permits between the mainland and Hong Kong or Macau.

    往来港澳通行证 (mainland residents): C plus 8 digits, or C plus a letter and 7 digits on
    the electronic card. 港澳居民来往内地通行证 (回乡证, Hong Kong and Macau residents): H (Hong
    Kong) or M (Macau) plus 8 digits, with 2 more digits for the renewal count on older
    cards. Scores low without a cue such as 通行证 or 回乡证 in the same or the line before
    (a counsellor's request, answered in the next turn); a bare C plus 8 digits with no cue
    is left alone, since product, order and lot numbers take that shape too.
    """

    ENTITY = "CN_HK_MACAU_PERMIT"
    NEEDS = ASCII_ALNUM
    PATTERNS = [
        Pattern("permit_after_cue", after_cue(CUES, _NUMBER), 0.85),
        Pattern("permit_near_cue", _NEARBY + _NUMBER, 0.6),
        Pattern("permit", r"(?<![a-z0-9])" + _NUMBER, 0.35),
    ]
    CONTEXT = ["通行证", "回乡证", "港澳", "香港", "澳门", "通行證", "回鄉證", "澳門"]


EXAMPLES = [
    Example("港澳通行证C12345678", ("C12345678",), (0.85, 1.0)),
    Example("回乡证号：H1234567801", ("H1234567801",), (0.85, 1.0)),
    Example("通行证 CB1234567", ("CB1234567",), (0.85, 1.0)),
    Example("从香港过来，证件M87654321", ("M87654321",), (0.6, 1.0)),
    Example("C12345678", weak=("C12345678",), note="no context"),
    Example("港澳通行证C 7960 0369", ("C 7960 0369",), (0.85, 1.0), note="spaced"),
    Example("维生素C1000毫克", ()),
    Example("我回鄉證 M2047 5518", ("M2047 5518",), (0.85, 1.0), note="traditional cue"),
    Example("證件號碼 H 70 418 236 唔該", ("H 70 418 236",), (0.85, 1.0), note="2-3-3 groups"),
    Example("证件带了吗 H2 楼等你", (), note="a floor, not a permit"),
    Example(
        "客服：请发一下回乡证号码，方便登记\n访客：好 M80451273",
        ("M80451273",),
        (0.6, 1.0),
        note="asked for in the turn before",
    ),
    Example(
        "通行证和姓名都要吗 我叫何某 号码是 C30718842",
        ("C30718842",),
        (0.6, 1.0),
        note="a few words after the cue",
    ),
    Example("订单号 C20931175 什么时候发货", weak=("C20931175",), note="an order number"),
]
