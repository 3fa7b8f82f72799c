"""WECHAT_ID: WeChat account names, as patients really write them."""

from __future__ import annotations

from presidio_analyzer import Pattern

from gateway.fold import DIGIT_CLASS
from recognizers._base import ASCII_ALNUM, BARE_SCORE, ChinesePatternRecognizer, Example, after_cue

CUES = [
    "微信",
    "微信号",
    "微信id",
    "威信",
    "薇信",
    "徽信",
    "维信",
    "v信",
    "vx",
    "wx",
    "weixin",
    "wechat",
    "加v",
    "加微",
    "+v",
    "➕v",
    "绿泡泡",
    "卫星",  # 微信 said so a filter does not catch it
    "卫星号",
    "v❤",
    "微❤",
    "VX号",
]
# An ID may end in digits typed as numerals after _ or - ("liang-xiaoyu_八八"); two at
# least, so that a following 一下 is not taken in.
_ID = rf"[a-z][a-z0-9_\-]{{5,19}}(?:(?<=[_\-]){DIGIT_CLASS}{{2,8}})?(?![a-z0-9_\-])"
_SPACED_ID = r"[a-z][a-z0-9_\-]{1,18}(?:\s[0-9_\-][a-z0-9_\-]{0,17}){1,3}(?![a-z0-9_\-])"


class WechatIdRecognizer(ChinesePatternRecognizer):
    """WeChat IDs (微信号): 6-20 characters of letters, digits, _ and -, starting with a
    letter (Tencent's rules for a chosen ID), or the system form wxid_ plus letters and
    digits. Patients name the app every way they can to dodge filters: 微信, 威信, 薇信,
    v信, vx, wx, 加v, 绿泡泡; full-width letters (ｖｘ) are folded before matching. An ID
    is recognised right after such a cue; a phone number given as the WeChat ("微信同号",
    "vx 138…") is left to PHONE_NUMBER.
    """

    ENTITY = "WECHAT_ID"
    NEEDS = ASCII_ALNUM
    PATTERNS = [
        Pattern("wechat_after_cue", after_cue(CUES, _ID), 0.85),
        # "qwe 520 1314", "lulu _88": spaces typed into an ID after a cue. Each group after
        # a space starts with a digit, _ or -, so the next word is not taken in.
        Pattern("wechat_spaced_after_cue", after_cue(CUES, _SPACED_ID), 0.85),
        Pattern("wxid", r"(?<![a-z0-9_])wxid_[a-z0-9]{6,22}(?![a-z0-9_])", 0.9),
        # "V：lx_688" — a lone v is a cue only right before a colon.
        Pattern("wechat_after_v", r"(?<=(?<![a-z])v\s?[：:]\s?)" + _ID, 0.8),
        # A bare ID needs a digit, _ or -, so that English words ("filler") are not IDs.
        # "加lily_2020 私聊": 加 (add me) alone before an ID shaped like a WeChat ID.
        Pattern("wechat_after_add", r"(?<=加\s?)(?=[a-z]*[0-9_\-])" + _ID, 0.7),
        Pattern("wechat_bare", r"(?<![A-Za-z0-9_\-@.])(?=[a-z]*[0-9_\-])" + _ID, BARE_SCORE),
    ]
    CONTEXT = ["微信", "wechat", "weixin", "vx", "wx"]

    def validate_result(self, pattern_text: str) -> bool | None:
        if any(ch.isspace() for ch in pattern_text):  # an ID typed with spaces in it
            return None if 6 <= len("".join(pattern_text.split())) <= 20 else False
        return None


EXAMPLES = [
    Example("想咨询 加tutu_2021 私聊", ("tutu_2021",), (0.7, 1.0), note="加 alone"),
    Example("加了metformin", (), note="a word, no digit"),
    Example("加我微信zhangwei_1990详聊", ("zhangwei_1990",), (0.85, 1.0)),
    Example("vx: Li-Na-88 谢谢", ("Li-Na-88",), (0.85, 1.0)),
    Example("vx：abc 886 2046 备注咨询", ("abc 886 2046",), (0.85, 1.0), note="spaces inside"),
    Example("加我卫星 tutu_0611 发你", ("tutu_0611",), (0.85, 1.0), note="卫星 for 微信"),
    Example("v❤ Lin_Xiao99", ("Lin_Xiao99",), (0.85, 1.0)),
    Example("微信 lily2020 qq也行", ("lily2020",), (0.85, 1.0), note="next word not taken in"),
    Example("ｖｘ：ｌｉｎａ２０２０", ("ｌｉｎａ２０２０",), (0.85, 1.0), note="full-width"),
    Example("威信号是abc12345", ("abc12345",), (0.85, 1.0), note="homophone"),
    Example("加v wang_doctor", ("wang_doctor",), (0.85, 1.0)),
    Example("加个威信吧 einjo13q", ("einjo13q",), (0.85, 1.0), note="particle after the cue"),
    Example("我的wxid_ab12cd34ef56", ("wxid_ab12cd34ef56",), (0.9, 1.0)),
    Example("zhangwei_1990", ("zhangwei_1990",), (0.35, 1.0), context=("wechat",)),
    Example("V：lx_68269910 宝妈群里推荐的", ("lx_68269910",), (0.8, 1.0)),
    Example("想咨询下 lip filler 价格，my wechat: yw-7379", ("yw-7379",), (0.85, 1.0)),
    Example("微信同号13800138000", (), note="a phone, not an ID"),
    Example("vx chen_yuting-五二零 晚上回", ("chen_yuting-五二零",), (0.85, 1.0), note="numerals"),
    Example("加我微信 momo_2019一下", ("momo_2019",), (0.85, 1.0), note="一下 not taken in"),
    Example("我做了B超和CT检查", ()),
    Example("微信支付了500元", (), note="too short after the cue"),
]
