"""CN_PASSPORT: passports of the People's Republic of China."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers._base import ASCII_ALNUM, ChinesePatternRecognizer, Example, after_cue

CUES = ["护照", "护照号", "护照号码", "護照", "護照號", "護照號碼", "passport"]
_NUMBER = r"(?:[EG]\s?(?:\d{8}|\d{4}\s\d{4})|E[A-HJ-NP-Z]\s?\d{3}\s?\d{4}|[DSP]\d{7})(?![a-z0-9])"
# Right after 护照 any passport number, a foreign one too: up to two letters and 7-9 digits,
# which may be typed in groups or with a dot, space or dash between digits
# ("M48217036", "561 204 873", "G2.9.0.5.3.1.7.6").
_ANY_AFTER_CUE = r"(?:[a-z]{1,2}\s?)?\d(?:[ .\-]?\d){6,8}(?![a-z0-9])"


class CnPassportRecognizer(ChinesePatternRecognizer):
    """Passport numbers issued by the PRC (Exit and Entry Administration).

    Ordinary electronic passports: E plus 8 digits, or, since the E range ran out, E plus
    a letter (not I or O) plus 7 digits; older ordinary passports G plus 8 digits; service,
    official and diplomatic passports S, P or D plus 7 digits. The letter-and-digits shape
    is shared with product codes, so a bare number scores low until 护照 is near, except the
    ordinary E/G-and-eight-digits form standing on its own.
    """

    ENTITY = "CN_PASSPORT"
    NEEDS = ASCII_ALNUM
    PATTERNS = [
        Pattern("passport_after_cue", after_cue(CUES, _NUMBER), 0.85),
        Pattern("any_passport_after_cue", after_cue(CUES, _ANY_AFTER_CUE), 0.8),
        # E or G and eight digits, standing apart: the ordinary passport's exact shape, and
        # nothing else patients write looks like it.
        Pattern("passport_ordinary", r"(?<![a-z0-9])[EG]\d{8}(?![a-z0-9])", 0.5),
        Pattern("passport", r"(?<![a-z0-9])" + _NUMBER, 0.4),
    ]
    CONTEXT = ["护照", "護照", "passport", "出国", "签证"]


EXAMPLES = [
    Example("护照号E12345678，下周出国", ("E12345678",), (0.85, 1.0)),
    Example("护照 E 5512 0087 签证要用", ("E 5512 0087",), (0.85, 1.0), note="4-4 groups"),
    Example("護照號碼G71230045", ("G71230045",), (0.85, 1.0), note="traditional cue"),
    Example("还有他的 e51230977 下周出发", ("e51230977",), (0.5, 1.0), note="no cue"),
    Example("型号EA123456B", (), note="a product code"),
    Example("护照：EA1234567", ("EA1234567",), (0.85, 1.0)),
    Example("我的护照号码是G87654321", ("G87654321",), (0.85, 1.0)),
    Example("E12345678", ("E12345678",), (0.5, 0.6), note="ordinary shape, no context"),
    Example("passport EL 690 4177, email", ("EL 690 4177",), (0.85, 1.0), note="spaced"),
    Example("维生素E12粒", ()),
    Example("法国护照 18 AB 52 731", (), note="not a shape we know: letters inside"),
    Example("她的日本护照TR 4471 902 要复印吗", ("TR 4471 902",), (0.8, 1.0), note="foreign"),
    Example("护照号 3.8.1.7.2.0.5.9 急用", ("3.8.1.7.2.0.5.9",), (0.8, 1.0), note="dots"),
    Example("护照过期了 2019年办的", (), note="a year after the cue"),
]
