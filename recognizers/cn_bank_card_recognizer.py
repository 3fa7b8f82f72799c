"""CN_BANK_CARD: bank card numbers (UnionPay and other schemes issued in China)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers._base import ASCII_ALNUM, ChinesePatternRecognizer, Example


class CnBankCardRecognizer(ChinesePatternRecognizer):
    """Payment card numbers of 16 to 19 digits (ISO/IEC 7812), checked with the Luhn formula.

    UnionPay cards start with 62. Written plain or in groups separated by spaces or dashes.
    A Luhn-valid number alone is weak evidence (one random number in ten passes), so other
    numbers score low until a context word such as 银行卡, 卡号 or 户名 lifts them; a
    Luhn-valid 16-19 digit number starting with 62 is masked on its own. A number that fails
    Luhn is dropped.
    """

    ENTITY = "CN_BANK_CARD"
    NEEDS = ASCII_ALNUM
    PATTERNS = [
        Pattern("unionpay", r"(?<!\d)62\d{14,17}(?!\d)", 0.5),
        Pattern("card_plain", r"(?<!\d)[3-6]\d{15,18}(?!\d)", 0.3),
        Pattern(
            "card_grouped", r"(?<!\d)[3-6]\d{3}(?:[ \-]\d{4}){3}(?:[ \-]?\d{1,3})?(?!\d)", 0.35
        ),
    ]
    CONTEXT = [
        "银行卡",
        "卡号",
        "储蓄卡",
        "信用卡",
        "借记卡",
        "账号",
        "账户",
        "转账",
        "汇款",
        "刷卡",
        "这张卡",
        "退款",
        "退费",
        "户名",
        "开户行",
        "还款",
        "bank",
        "card",
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(c for c in pattern_text if c.isdigit())
        # A pass keeps the pattern's score (context decides); only a failure is decisive.
        return None if _luhn_ok(digits) else False

    def invalidate_result(self, pattern_text: str) -> bool | None:
        digits = [c for c in pattern_text if c.isdigit()]
        return len(set(digits)) <= 2


def _luhn_ok(digits: str) -> bool:
    """Luhn: double every second digit from the right, subtract 9 above 9; sum % 10 == 0."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


EXAMPLES = [
    Example("银行卡号6222021234567890128", ("6222021234567890128",), (0.85, 0.85)),
    Example("卡号 6222 0212 3456 7890 128", ("6222 0212 3456 7890 128",), (0.85, 0.85)),
    Example("信用卡4532015112830366", ("4532015112830366",), (0.65, 0.65)),
    Example("6222021234567890128", ("6222021234567890128",), (0.5, 0.5), note="62, no context"),
    Example("4532015112830366", weak=("4532015112830366",), note="not 62, no context"),
    Example("还款卡622848 1673420 750963 月供多少", ("622848 1673420 750963",), (0.5, 1.0)),
    Example("银行卡号6222021234567890127", (), note="fails Luhn"),
    Example("卡号4111111111111111", (), note="test number, two distinct digits"),
    Example("HCG 15678，孕酮 25.3", ()),
]
