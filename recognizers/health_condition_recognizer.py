"""HEALTH_CONDITION: diagnoses, symptoms and procedures, each with its category."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers._base import ChineseLocalRecognizer, Example, result

LEXICON: dict[str, tuple[str, ...]] = {
    "andrology": (
        "阳痿",
        "早泄",
        "勃起功能障碍",
        "勃起障碍",
        "前列腺炎",
        "前列腺增生",
        "包皮过长",
        "包茎",
        "精索静脉曲张",
        "少精症",
        "弱精症",
        "无精症",
        "男性不育",
        "睾丸炎",
        "附睾炎",
        "龟头炎",
        "性功能障碍",
        "遗精",
        "射精障碍",
    ),
    "gynecology_obstetrics": (
        "宫外孕",
        "人工流产",
        "无痛人流",
        "人流",
        "药流",
        "先兆流产",
        "阴道炎",
        "霉菌性阴道炎",
        "宫颈糜烂",
        "宫颈炎",
        "子宫肌瘤",
        "卵巢囊肿",
        "多囊卵巢综合征",
        "盆腔炎",
        "月经不调",
        "痛经",
        "不孕症",
        "试管婴儿",
        "胎停",
        "乳腺增生",
        "子宫内膜异位症",
        "宫颈癌前病变",
        "宫寒",
        "唐氏综合征",
        "唐氏筛查",
        "唐筛",
        "阴超",
    ),
    "plastic_surgery": (
        "割双眼皮",
        "双眼皮手术",
        "隆鼻",
        "隆胸",
        "吸脂",
        "抽脂",
        "玻尿酸",
        "瘦脸针",
        "肉毒素",
        "磨骨",
        "削骨",
        "祛眼袋",
        "丰唇",
        "处女膜修复",
        "阴道紧缩",
        "脂肪填充",
        "植发",
    ),
    "sexual_health": (
        "梅毒",
        "淋病",
        "尖锐湿疣",
        "生殖器疱疹",
        "衣原体感染",
        "支原体感染",
        "HPV感染",
        "HPV阳性",
        "非淋菌性尿道炎",
        "性病",
    ),
    "mental_health": (
        "抑郁症",
        "焦虑症",
        "双相情感障碍",
        "精神分裂症",
        "强迫症",
        "失眠症",
        "惊恐障碍",
        "创伤后应激障碍",
        "厌食症",
        "暴食症",
        "自残",
        "自杀倾向",
    ),
    "infectious_disease": (
        "艾滋病",
        "HIV阳性",
        "HIV",
        "乙肝",
        "丙肝",
        "肺结核",
        "结核病",
        "病毒性肝炎",
        "手足口病",
        "狂犬病",
    ),
    "oncology": (
        "肺癌",
        "胃癌",
        "肝癌",
        "乳腺癌",
        "宫颈癌",
        "前列腺癌",
        "结直肠癌",
        "白血病",
        "淋巴瘤",
        "恶性肿瘤",
        "化疗",
        "放疗",
    ),
    "chronic": ("糖尿病", "高血压", "癫痫", "痛风", "甲亢", "甲减", "冠心病", "哮喘"),
}
CATEGORY = {term: category for category, terms in LEXICON.items() for term in terms}
# jieba keeps these terms whole, so names next to them segment cleanly (麦冬 is a herb).
JIEBA_WORDS = tuple(CATEGORY)
_TERMS = re.compile(
    "|".join(re.escape(t) for t in sorted(CATEGORY, key=len, reverse=True)), re.IGNORECASE
)


class HealthConditionRecognizer(ChineseLocalRecognizer):
    """Health information: diagnoses, symptoms and procedures from a lexicon with a category
    each (andrology, gynecology and obstetrics, plastic surgery, sexual health, mental
    health, infectious disease, oncology, chronic disease). Not an identifier: the default
    policy keeps it for the clinician and counts it, since under the judicial interpretation
    on personal information health data is sensitive and its volume matters.
    """

    ENTITY = "HEALTH_CONDITION"
    SCORE = 0.85

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for m in _TERMS.finditer(text):
            category = CATEGORY.get(m.group()) or CATEGORY.get(m.group().upper(), "other")
            results.append(
                result(
                    self,
                    self.ENTITY,
                    m.start(),
                    m.end(),
                    self.SCORE,
                    f"health condition: {category}",
                    category=category,
                )
            )
        return results


EXAMPLES = [
    Example("我老公早泄好几年了", ("早泄",), (0.85, 0.85)),
    Example("无痛人流要住院吗", ("无痛人流",), (0.85, 0.85)),
    Example("HPV阳性16型怎么办", ("HPV阳性",), (0.85, 0.85)),
    Example("最近失眠焦虑，是抑郁症吗", ("抑郁症",), (0.85, 0.85)),
    Example("血压150/95，心率88", ()),
]
