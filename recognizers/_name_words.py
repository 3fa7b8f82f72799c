"""Whether a string of Han characters can be a Chinese name, judged by its shape (surname
and given name) and by jieba's dictionary (is it an everyday word?).

Shared by the PERSON recognizer's rules: the cues, the name-tagged tokens, and the names
that stand alone as a field of a form-like message.
"""

from __future__ import annotations

import re

from gateway.fold import NUMERALS
from gateway.nlp_engine import JiebaNlpEngine
from recognizers._given_names import GIVEN_CHARS
from recognizers._surnames import surname_length

HAN = re.compile(r"[\u4e00-\u9fff]+")
NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
FUNCTION_TAGS = ("c", "p", "u", "r", "y", "e", "o")
# A given name that is a frequent common noun (王 + 医生, 段 + 时间) is no given name. jieba's
# dictionary frequency cannot tell names from words on its own: it tags 段时间 (154) and
# 麻醉 (264) as names, and real names such as 王平 (352) and 李俊 (550) are as frequent.
COMMON_NOUN_FREQUENCY = 1000
# A two-character given name is no name when it is a frequent noun or verb (电话, 检查).
_NOUN_OR_VERB = frozenset({"n", "v", "vn", "f", "t", "s"})
# Words jieba sometimes tags as names that are not names in chat text.
NOT_NAMES = frozenset(
    {
        "老公",
        "老婆",
        "宝宝",
        "医生",
        "大夫",
        "护士",
        "老师",
        "小孩",
        "谢谢",
        "银行",
        "万一",
        "明白",
        "高兴",
        "麻醉",
        "段时间",
        "康复",
        # medical-insurance schemes (门诊特殊病种, 门诊慢性病, 门诊大病)
        "门特",
        "门慢",
        "门大",
        # @ spelled out in an e-mail address (name 艾特 qq 点 com)
        "艾特",
    }
)
# Kin terms and forms of address that start with a surname's character (孙子, 师傅, 帅哥;
# jieba's dictionary tags several as names): they say who someone is, not his name.
KIN_AND_ADDRESS = frozenset(
    "孙子 孙女 孙儿 孙媳妇 公公 岳父 岳母 师傅 师父 师母 师兄 师姐 师弟 师妹 帅哥 干妈 干爹 "
    "干女儿 干儿子 房东 阿姨 阿婆 阿公 阿伯 阿叔 阿嫂 阿妈 阿爸 阿爷 阿奶".split()
)
# Physicians and scientists of medicine's history and of public health, whom patients
# quote (李时珍的本草纲目, 钟南山说…): public figures, not identifiers of a patient.
PUBLIC_FIGURES = frozenset(
    "扁鹊 华佗 華佗 张仲景 張仲景 孙思邈 孫思邈 葛洪 李时珍 李時珍 皇甫谧 王叔和 叶天士 葉天士 "
    "吴鞠通 张景岳 朱丹溪 钱乙 錢乙 陶弘景 屠呦呦 钟南山 鍾南山 张文宏 李兰娟 林巧稚 "
    "吴阶平 伍连德 鲁迅 魯迅".split()
)
# Endings of generic drug names (莫米松, 普萘洛尔, 奥美拉唑, 左氧氟沙星), never of a name.
# Endings of scopes too (宫腔镜, which jieba's dictionary tags as a name; 腹腔镜, 胃肠镜).
DRUG_ENDINGS = frozenset(
    "米松 尼松 洛尔 沙坦 他汀 替丁 拉唑 硝唑 康唑 昔布 沙星 西林 腔镜 肠镜 胃镜 喉镜 "
    "洛韦 司特 韦林 米芬 霉素 地平 普利 地尔 法辛 法林".split()
)
# Characters that end the name of a scope, a device, a dosage form, a drug or a treatment
# (阴道镜, 利普刀, 乌梅丸, 黄体酮, 呼吸机, 理疗) and no given name: none is in GIVEN_CHARS.
CLINICAL_HEADS = frozenset("镜刀丸散膏剂酮唑胺苷醇酯钠钾钙锌针栓片液机械术疗霉酸碱")
# Pronouns and particles, which end sentences ("谢谢您", "谢谢了") and never names.
_NEVER_LAST = frozenset("您你我他她它吗呢吧啊了啦呀哦么嘛的")
# Numerals, Arabic and Chinese (十, 百, 千 are not digits, but count as much in 二十八周).
_NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９十百千") | frozenset(NUMERALS)
_SURNAME_NUMERALS = frozenset("一二三四五六七八九十")
# A count is at most this long minus one (12800元); longer runs are identifiers.
_LONGEST_COUNT = 6


def looks_like_name(word: str) -> bool:
    """A surname (single or compound) and one or two given characters, all Han."""
    if not 2 <= len(word) <= 4 or word in NOT_NAMES or HAN.fullmatch(word) is None:
        return False
    surname = surname_length(word)
    return (
        surname > 0
        and 1 <= len(word) - surname <= 2
        and word[-1] not in _NEVER_LAST
        and word[-2:] not in DRUG_ENDINGS
        and word[-1] not in CLINICAL_HEADS
        and word not in KIN_AND_ADDRESS
    )


def is_given_name(word: str) -> bool:
    return 1 <= len(word) <= 2 and HAN.fullmatch(word) is not None


def numeral_given(word: str) -> bool:
    """A "given name" that is a numeral: a grade or a weekday (高三, 初二, 周一), not a name
    unless a cue as strong as 姓名 says so (张三)."""
    given = word[surname_length(word) :]
    return bool(given) and all(ch in _SURNAME_NUMERALS for ch in given)


def after_numeral(text: str, start: int) -> bool:
    """Whether a count stands right before `start`: then the "surname" is a unit or a
    measure word (孕二十八周加五天, 28周加3天, 两万), not the start of a name. A long run of
    digits is an identifier, which a name may follow unspaced (13800138000王芳)."""
    run = 0
    while run < _LONGEST_COUNT and start - run > 0 and text[start - run - 1] in _NUMERAL_CHARS:
        run += 1
    return 0 < run < _LONGEST_COUNT


def common_word(word: str, engine: object) -> bool:
    """A surname followed by a common noun (段 + 时间) or a function word (第五 + 或), a
    numeral (高三, 周一), or a word in the list of those jieba mistakes for names."""
    if word in NOT_NAMES or numeral_given(word):
        return True
    if not isinstance(engine, JiebaNlpEngine):
        return False
    if engine.tag(word) not in (None, *NAME_TAGS) and engine.frequency(word) >= 100:
        return True  # the dictionary knows it as another kind of word (高血压: n)
    given = word[surname_length(word) :]
    if len(given) == 1:
        return (engine.tag(given) or "").startswith(FUNCTION_TAGS)
    return engine.tag(given) == "n" and engine.frequency(given) >= COMMON_NOUN_FREQUENCY


def common_given(given: str, engine: object) -> bool:
    """A given name that is a function word (和) or a frequent noun or verb (电话, 检查)."""
    if not isinstance(engine, JiebaNlpEngine):
        return False
    tag = engine.tag(given) or ""
    if len(given) == 1:
        return tag.startswith(FUNCTION_TAGS)
    return tag in _NOUN_OR_VERB and engine.frequency(given) >= COMMON_NOUN_FREQUENCY


def dictionary_word(word: str, engine: object) -> bool:
    """Whether jieba's dictionary knows a two-character "name" whose given character is rare
    in names: it tags hundreds of words as names (矫正, 蓝光, 艾灸, 涂抹, 顾问), and few of
    those are anyone's name. So with three characters after 阿 (a drug: 阿托品)."""
    if not isinstance(engine, JiebaNlpEngine) or engine.frequency(word) == 0:
        return False
    if len(word) == 3 and word[0] == "阿":
        return True  # 阿托品, 阿司匹: 阿 starts a nickname of two (阿宝), not a name of three
    return len(word) == 2 and word[1] not in GIVEN_CHARS


def unknown_word(word: str, engine: object) -> bool:
    return isinstance(engine, JiebaNlpEngine) and engine.frequency(word) == 0
