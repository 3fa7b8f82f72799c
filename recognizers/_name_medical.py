"""What around a name-shaped candidate says it is no name: a drug or a test (黄那敏颗粒,
谷丙转氨酶), a brand after what was used (打的是衡力), a measure word (这张卡), a
measurement (宫高28), or a word with a suffix (阴道 + 镜, 麻木 + 感). jieba often tags these
as person names.
"""

from __future__ import annotations

import re

from gateway.nlp_engine import ChineseNlpArtifacts, JiebaNlpEngine
from recognizers._given_names import GIVEN_CHARS
from recognizers._name_words import CLINICAL_HEADS, DRUG_ENDINGS, NAME_TAGS, dictionary_word
from recognizers._surnames import surname_length

# Drug and test names look like names to jieba (黄那敏颗粒, 莫米松乳膏, 谷丙转氨酶): what
# follows or precedes them (a salt: 糠酸, 盐酸) says they are not.
_MEDICAL_AFTER = re.compile(
    r"[颗胶片膏丸栓贴剂散液针素酶酸苷]|韦(?![\u4e00-\u9fff])|帕|筛查|检查|夹板|冲剂|止痛|牛黄|避孕|洗剂|卫生|转氨|霉|环素|沙星|布韦|他韦|瑞韦"
)
# A product named after what was used or injected (用的是乔雅登, 打的是衡力): a brand, which
# jieba often guesses is a name.
_MEDICAL_BEFORE = re.compile(
    r"(?:[酸氯]|复方|口服|涂|擦|服用|吃|用|开了|服了|喝|(?:用|打|注射|选)的是?|进口的|国产的)$"
)

# 这张卡, 一张单子: after a demonstrative or a numeral, 张 is a measure word, not a surname.
_MEASURE_BEFORE = re.compile(r"[这那一两几每哪]$")

# A label right before a short number is a measurement (宫高28, 胎心145), not a name.
_MEASURED = re.compile(r"\d{1,3}(?:\.\d+)?(?![\d岁歲])")


def medical_context(text: str, start: int, end: int) -> bool:
    return bool(
        _MEDICAL_AFTER.match(text, end)
        # The words before are at most two characters: look no further back (a long text
        # would otherwise be searched from its start for every name).
        or _MEDICAL_BEFORE.search(text, max(0, start - 4), start)
        or _MEASURE_BEFORE.search(text, max(0, start - 4), start)
    )


def measured(text: str, end: int) -> bool:
    """Whether a short number follows the candidate ending at `end` (宫高28)."""
    return _MEASURED.match(text, end) is not None


# What continues a drug's name past the token jieba cut (阿昔洛 + 韦, 利培 + 酮, 乌梅 + 丸).
_DRUG_CONTINUES = re.compile(r"[韦唑酮胺醇霉苷酯丸散膏剂]")
# jieba's dictionary frequency from which the start of a token is an everyday word.
_EVERYDAY_FREQUENCY = 100


def clinical_word(text: str, start: int, end: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether the name-shaped token `text[start:end]` is part of a drug's or a device's
    name that runs on past it (阿昔洛 + 韦, 孟鲁司 + 特, 利普 + 刀), or three characters
    that are an everyday word and a suffix: one no given name ends in, or one that makes a
    word of jieba's dictionary (阴道镜, 牛肉干, 麻木感, 金银花)."""
    if _DRUG_CONTINUES.match(text, end) or text[end - 1 : end + 1] in DRUG_ENDINGS:
        return True
    if text[end : end + 2] in DRUG_ENDINGS:
        return True
    i = nlp.token_at.get(end)
    if i is not None and nlp.words[i] in CLINICAL_HEADS:
        return True  # the head stands as a token of its own (利普 + 刀), not 片 of 片子
    word, engine = text[start:end], nlp.nlp_engine
    if len(word) != 3 or not isinstance(engine, JiebaNlpEngine):
        return False
    if word[2] in GIVEN_CHARS and engine.frequency(word) == 0:
        return False  # 何桂 + 花 may be a name; 金银花, a word of the dictionary, is not
    if surname_length(word) == 2:
        return False  # 南宫 + 月: a compound surname, also a place
    stem = word[:2]
    everyday = engine.tag(stem) not in (None, *NAME_TAGS)
    return (everyday and engine.frequency(stem) >= _EVERYDAY_FREQUENCY) or dictionary_word(
        stem, engine
    )
