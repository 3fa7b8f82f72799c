"""EMAIL_ADDRESS: e-mail addresses."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers._base import ASCII_ALNUM, ChinesePatternRecognizer, Example

_LOCAL = r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_TLD = r"[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
# How patients hide the @ from filters: 艾特, [at], (at), #, a spaced " @ " or " at ".
# 圈a and 小老鼠 are what Chinese speakers call the @ sign; any of the Chinese words may have
# spaces around it ("x 艾特 163 点 com").
_HIDDEN_AT = (
    r"(?:\s*@\s+|\s+@\s*|\s?(?:艾特|圈\s?a|小老鼠)\s?|\s?\[at\]\s?|\s?\(at\)\s?|#|\s+at\s+)"
)
_HIDDEN_DOT = r"(?:\.|\s+dot\s+|\s?[点點]\s?)"


class EmailRecognizer(ChinesePatternRecognizer):
    """E-mail addresses (the dot-atom form of RFC 5322: local@domain.tld), and the ways
    patients disguise them: "x 艾特 163.com", "x[at]163.com", "x#163.com", "x @ 163.com",
    "x at foxmail dot com".

    Checked without tldextract, whose suffix list would be fetched from the network: the
    domain must have at least one dot and an alphabetic top-level label of 2-24 letters.
    Chinese text may touch the address on both sides, so the edges are ASCII look-arounds.
    """

    ENTITY = "EMAIL_ADDRESS"
    NEEDS = ASCII_ALNUM
    PATTERNS = [
        Pattern("email", rf"{_LOCAL}@(?:{_LABEL}\.)+{_TLD}", 0.85),
        Pattern(
            "email_disguised",
            rf"{_LOCAL}(?:点[A-Za-z0-9_%+\-]+)*(?:{_HIDDEN_AT}|@)(?:{_LABEL}{_HIDDEN_DOT})+{_TLD}",
            0.8,
        ),
    ]
    CONTEXT = ["邮箱", "邮件", "电邮", "email", "mail"]
    REGEX_FLAGS = 0  # case-sensitive ASCII classes: no Unicode case folding


EXAMPLES = [
    Example("chen点li at qq点com", ("chen点li at qq点com",), (0.8, 1.0), note="点 in the name"),
    Example("邮箱zhangwei@163.com谢谢", ("zhangwei@163.com",), (1.0, 1.0)),
    Example("结果发 liqing88@qq点com 吧", ("liqing88@qq点com",), (0.8, 1.0), note="@, dot as 点"),
    Example("wang_l@126點net", ("wang_l@126點net",), (0.8, 1.0), note="traditional 點"),
    Example("zhang.wei+chat@hospital.com.cn", ("zhang.wei+chat@hospital.com.cn",), (0.85, 1.0)),
    Example("发到 Li_Na88@QQ.COM 吧", ("Li_Na88@QQ.COM",), (0.85, 1.0)),
    Example("邮箱 ella_0544艾特sina.com", ("ella_0544艾特sina.com",), (0.8, 1.0), note="艾特"),
    Example("Email: guo.wei88[at]163.com", ("guo.wei88[at]163.com",), (0.8, 1.0)),
    Example("结果发我guoxia85#163.com", ("guoxia85#163.com",), (0.8, 1.0)),
    Example("发到ryan_4311 @ 126.com，谢谢", ("ryan_4311 @ 126.com",), (0.8, 1.0)),
    Example("我用tao1980 at foxmail dot com发了", ("tao1980 at foxmail dot com",), (0.8, 1.0)),
    Example("@张医生 你好", ()),
    Example("发 zhou_kai2 艾特 126 点 com", ("zhou_kai2 艾特 126 点 com",), (0.8, 1.0)),
    Example("邮件 lin.yu 圈a sohu点com", ("lin.yu 圈a sohu点com",), (0.8, 1.0), note="圈a for @"),
    Example("mia88小老鼠qq点com", ("mia88小老鼠qq点com",), (0.8, 1.0), note="小老鼠 for @"),
    Example("艾特 我一下 点 我头像", (), note="艾特 as a verb"),
    Example("we meet at 3.30 pm", (), note="at between words, no domain"),
    Example("user@localhost", (), note="no dot in domain"),
]
