"""MEDICAL_RECORD_NUMBER: hospital record and card numbers."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers._base import ASCII_ALNUM, BARE_SCORE, ChinesePatternRecognizer, Example, after_cue

CUES = [
    "住院号",
    "门诊号",
    "病历号",
    "病案号",
    "就诊卡号",
    "就诊号",
    "诊疗卡号",
    "就诊卡",
    "诊疗卡",
    "门诊卡号",
    "挂号单号",
    "登记号",
    "病人id",
    "患者id",
    "病人编号",
    "患者编号",
    "产检卡号",
    "产检号",
    "建档号",
    "体检号",
    # "病案 号…", "病历 号…": the label typed with a space before 号 (the gap takes 号)
    "病案",
    "病历",
]
_VALUE = r"(?:[a-z]{1,4}[\s\-]?)?\d(?:[\s\-]?[a-z0-9]){3,23}(?![a-z0-9\-])"


_NOT_A_DOCUMENT = r"(?<!(?:报告|订单|发票|快递|单据)(?:编号|单号|号码|号)[\s:：]{0,2})"
_LETTERED = r"[a-z]{1,4}[\s\-]?\d(?:[\s\-]?[a-z0-9]){3,23}(?![a-z0-9\-])"


class MedicalRecordNumberRecognizer(ChinesePatternRecognizer):
    """Medical record numbers: 住院号, 门诊号, 病历号, 病案号, 就诊卡号 and the like.

    Every hospital information system numbers its records its own way (digits, often with
    a letter prefix such as ZY or MZ, sometimes dashes), so there is no format to check; the
    number is recognised after the label that names it, or under a field so named. A
    hospital with a fixed format can declare a stricter pattern in its policy.
    """

    ENTITY = "MEDICAL_RECORD_NUMBER"
    NEEDS = ASCII_ALNUM
    PATTERNS = [
        Pattern("mrn_after_cue", after_cue(CUES, _VALUE), 0.85),
        # A bare 卡号 is as often a bank card; a value with a letter prefix is not one.
        Pattern("mrn_after_card", after_cue(["卡号", "卡號"], _LETTERED), 0.85),
        # The prefixes hospital systems put on record numbers (MZ 门诊, ZY 住院, JZ 就诊, BA 病案,
        # BL 病历, TJ 体检) followed by six digits or more: a record number wherever it stands.
        # Not right after a label naming it a document's own number (报告编号, 订单号): a
        # report or order is numbered with the same prefixes and names no patient.
        Pattern(
            "mrn_prefixed",
            rf"(?<![a-z0-9\-]){_NOT_A_DOCUMENT}(?:mz|zy|jz|ba|bl|tj)-?\d{{6,20}}(?![a-z0-9\-])",
            0.6,
        ),
        Pattern("mrn_bare", r"(?<![a-z0-9\-])" + _VALUE, BARE_SCORE),
    ]
    CONTEXT = ["住院号", "门诊号", "病历号", "病案号", "就诊卡", "诊疗卡", "mrn", "patient_id"]

    def validate_result(self, pattern_text: str) -> bool | None:
        # A record number has at least five digits; "ZY12" is a ward, not a patient.
        return None if sum(c.isdigit() for c in pattern_text) >= 5 else False


EXAMPLES = [
    Example("报告编号和那个一样 ZY2023004417", ("ZY2023004417",), (0.6, 1.0), note="prefix"),
    Example("单子上是 ZY2O23O8l5O12 吧", ("ZY2O23O8l5O12",), (0.6, 1.0), note="O and l"),
    Example("ZY OLED 屏幕 2023", (), note="letters and a year"),
    Example("MZ12 诊室在三楼", (), note="too short"),
    Example("发票号 MZ20240611337 抬头写公司", (), note="an invoice's own number"),
    Example("报告单号：ZY2023110907 打印不了", (), note="a report's own number"),
    Example("体检号 TJ2023110907 报告出了吗", ("TJ2023110907",), (0.85, 1.0)),
    Example("我的住院号是ZY20230815012", ("ZY20230815012",), (0.85, 1.0)),
    Example("门诊号：0012345678，想查报告", ("0012345678",), (0.85, 1.0)),
    Example("病历号 MZ-2023-004512", ("MZ-2023-004512",), (0.85, 1.0)),
    Example("儿保卡号ET20190044 要带吗", ("ET20190044",), (0.85, 1.0), note="卡号, lettered"),
    Example("病历 号 三零零二一四五六七 复印", ("三零零二一四五六七",), (0.85, 1.0), note="spaced"),
    Example("病历 3页 要复印吗", (), note="a count, not a number"),
    Example("就诊卡号一二三四五六七八九", ("一二三四五六七八九",), (0.85, 1.0), note="numerals"),
    Example("20230815012", ("20230815012",), (0.35, 1.0), context=("mrn",)),
    Example("病历号BL 8442 6050 喹硫平25mg", ("BL 8442 6050",), (0.85, 1.0), note="spaced"),
    Example("产检卡号1000704655 唐筛低风险", ("1000704655",), (0.85, 1.0)),
    Example("住院费用128000元", (), note="住院 alone is no cue"),
    Example("住院号ZY12", (), note="too few digits"),
    Example(
        '{"孕妇": "x", "产检号": "CJ3097215", "孕周": "20+1"}',
        ("CJ3097215",),
        (0.85, 1.0),
        note="a JSON key as the cue, its quotes between",
    ),
    Example("{'门诊号':'88213076'}", ("88213076",), (0.85, 1.0), note="single quotes"),
    Example('{"建档日期": "2024-05-18", "床号": "12"}', (), note="a date and a bed"),
]
