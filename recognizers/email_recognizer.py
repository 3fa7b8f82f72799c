"""EMAIL_ADDRESS: e-mail addresses."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers._base import ChinesePatternRecognizer, Example


class EmailRecognizer(ChinesePatternRecognizer):
    """E-mail addresses (the dot-atom form of RFC 5322: local@domain.tld).

    Checked without tldextract, whose suffix list would be fetched from the network: the
    domain must have at least one dot and an alphabetic top-level label of 2-24 letters.
    Chinese text may touch the address on both sides, so the edges are ASCII look-arounds.
    """

    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = [
        Pattern(
            "email",
            r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@"
            r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])",
            0.85,
        ),
    ]
    CONTEXT = ["邮箱", "邮件", "电邮", "email", "mail"]
    REGEX_FLAGS = 0  # case-sensitive ASCII classes: no Unicode case folding


EXAMPLES = [
    Example("邮箱zhangwei@163.com谢谢", ("zhangwei@163.com",), (1.0, 1.0)),
    Example("zhang.wei+chat@hospital.com.cn", ("zhang.wei+chat@hospital.com.cn",), (0.85, 1.0)),
    Example("发到 Li_Na88@QQ.COM 吧", ("Li_Na88@QQ.COM",), (0.85, 1.0)),
    Example("@张医生 你好", ()),
    Example("user@localhost", (), note="no dot in domain"),
]
