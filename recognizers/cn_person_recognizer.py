"""PERSON: Chinese personal names."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gateway.nlp_engine import ChineseNlpArtifacts, JiebaNlpEngine
from recognizers._base import ChineseLocalRecognizer, Example, result
from recognizers._given_names import GIVEN_CHARS
from recognizers._surnames import COMPOUND, surname_length

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
# Between a cue and the name: 是, a colon, spaces, or "write/fill in" (收件人写罗海涛, 姓名填李四).
_CUE_GAP = r"[是为為：:\s]*(?:(?:写|寫|填)(?:的是|成)?[：:\s]*)?"
# A cue that introduces a name: "我叫张伟", "姓名：张伟", "名字是欧阳娜娜".
_STRONG_CUE = re.compile(
    r"(?:(?:[我他她]|宝宝|寶寶|孩子|名字|本人)叫|名叫|叫做|姓名|名字是|我的名字|户名|戶名)"
    + _CUE_GAP
)
# A cue often followed by a name, and as often by something else ("我是高血压患者"): the word
# after it must not be a common one.
_MEDIUM_CUE = re.compile(
    r"(?:我是|患者|病人|家属|家长|收件人|收货人|联系人|持卡人|宝宝|孩子|我爸|我妈|爸爸|妈妈|"
    r"父亲|母亲|老公|老婆|丈夫|妻子|爱人|儿子|女儿|本人|男朋友|女朋友|朋友|闺蜜|同事|"
    r"哥哥|姐姐|弟弟|妹妹|爷爷|奶奶|外公|外婆|他爸|她爸|他妈|她妈|"
    # the same cues in traditional characters, where they differ
    r"家屬|家長|收貨人|聯繫人|聯絡人|寶寶|我媽|媽媽|父親|母親|愛人|兒子|女兒|閨蜜|爺爺|他媽|她媽)"
    + _CUE_GAP
)
# A name that opens a message or a sentence, followed by what patients put after their
# name: a number, 男/女, or the label of an identifier ("余杰 3717…", "段诗涵，门诊号…").
_LEADING = re.compile(r"(?:^|(?<=[。！？!?\n]))\s*")
_AFTER_LEADING_NAME = re.compile(
    r"[，,\s]*(?:[0-9０-９一幺]|[男女][，,\s]|的?(?:医保|社保|身份证|电话|手机|门诊|住院|病历|就诊))"
)
# A full name before 收 (on a parcel) or before 先生/女士/小姐.
_SUFFIX_CUE = re.compile(
    r"(?:^|(?<=[\s，,。；;：:、]))([\u4e00-\u9fff]{2,4}?)(?=收(?:[\s，,。；;]|$)|先生|女士|小姐)"
)
# Compound surnames that are also everyday words (east, fifth, west gate).
_COMPOUND_WORDS = frozenset("东方 東方 第五 西门 西門 百里 南宫 南宮".split())
# A given name that is a frequent common noun (王 + 医生, 段 + 时间) is no given name. jieba's
# dictionary frequency cannot tell names from words on its own: it tags 段时间 (154) and
# 麻醉 (264) as names, and real names such as 王平 (352) and 李俊 (550) are as frequent.
_COMMON_NOUN_FREQUENCY = 1000
# A two-character given name is no name when it is a frequent noun or verb (电话, 检查).
_NOUN_OR_VERB = frozenset({"n", "v", "vn", "f", "t", "s"})
_FUNCTION_TAGS = ("c", "p", "u", "r", "y", "e", "o")
# Words jieba sometimes tags as names that are not names in chat text.
_NOT_NAMES = frozenset(
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
    }
)


class CnPersonRecognizer(ChineseLocalRecognizer):
    """Chinese personal names: a surname (single or compound) and one or two given characters.

    Two sources of evidence, both over jieba's segmentation:
    - a name right after a cue that introduces one (我叫, 姓名, 名字是): strong;
    - a name right after a word often followed by one (我是, 患者, 家属, 收件人, 联系人,
      持卡人, 宝宝, 老公) or before 收 / 先生 / 女士, unless it is a common word: medium;
    - a token jieba tags as a person name (nr) that starts with a known surname: weak on its
      own, lifted by a context word nearby (患者, 老公, 联系人) or a field named 姓名/name.
    A whole field of two to four Han characters starting with a surname is a weak candidate
    too, so that `{"姓名": "张伟"}` is found through its key.
    """

    ENTITY = "PERSON"
    CONTEXT = [
        "姓名",
        "名字",
        "患者",
        "病人",
        "联系人",
        "家属",
        "称呼",
        "老公",
        "老婆",
        "丈夫",
        "妻子",
        "爱人",
        "儿子",
        "女儿",
        "name",
    ]
    STRONG_SCORE = 0.85
    MEDIUM_SCORE = 0.7
    WEAK_SCORE = 0.35
    # A name-tagged token jieba's dictionary does not know (its HMM found it): masked even
    # without a cue. Dictionary words it tags as names (康复, 艾灸) stay weak.
    BARE_SCORE = 0.5

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not isinstance(nlp_artifacts, ChineseNlpArtifacts):
            return []  # needs jieba's part-of-speech tags
        words = nlp_artifacts.words
        starts = nlp_artifacts.tokens_indices
        flags = nlp_artifacts.pos_flags
        found: dict[tuple[int, int], float] = {}

        engine = nlp_artifacts.nlp_engine
        for cue in _STRONG_CUE.finditer(text):
            span = _name_at(text, cue.end(), nlp_artifacts, strict=False)
            if span:
                found[span] = self.STRONG_SCORE
        for cue in _MEDIUM_CUE.finditer(text):
            span = _name_at(text, cue.end(), nlp_artifacts, strict=True)
            if span:
                found.setdefault(span, self.MEDIUM_SCORE)
        for lead in _LEADING.finditer(text):
            span = _name_at(text, lead.end(), nlp_artifacts, strict=True)
            if span and _AFTER_LEADING_NAME.match(text, span[1]):
                found.setdefault(span, self.MEDIUM_SCORE)
        for match in _SUFFIX_CUE.finditer(text):
            name = match.group(1)
            if _looks_like_name(name) and not _common_word(name, engine):
                found.setdefault(match.span(1), self.MEDIUM_SCORE)

        for i, word in enumerate(words):
            if flags[i] in _NAME_TAGS and _looks_like_name(word) and not _common_word(word, engine):
                end = starts[i] + len(word)
                bare = _unknown_word(word, engine) and not _medical_context(text, starts[i], end)
                score = self.BARE_SCORE if bare else self.WEAK_SCORE
                found.setdefault((starts[i], starts[i] + len(word)), score)
            elif (
                word in COMPOUND
                and i + 1 < len(words)
                and _is_given_name(words[i + 1])
                and not _common_word(word + words[i + 1], engine)
            ):
                # 宇文辉, 令狐娟: a compound surname is hardly ever anything else, unless it is
                # also an everyday word (东方, 第五).
                score = self.WEAK_SCORE if word in _COMPOUND_WORDS else self.MEDIUM_SCORE
                found.setdefault((starts[i], starts[i + 1] + len(words[i + 1])), score)

        stripped = text.strip()
        if _looks_like_name(stripped):
            begin = text.index(stripped)
            found.setdefault((begin, begin + len(stripped)), self.WEAK_SCORE)

        return [
            result(self, self.ENTITY, start, end, score, "Chinese name")
            for (start, end), score in found.items()
        ]


def _common_word(word: str, engine: object) -> bool:
    """A surname followed by a common noun (段 + 时间) or a function word (第五 + 或), or a
    word in the list of those jieba mistakes for names."""
    if word in _NOT_NAMES:
        return True
    if not isinstance(engine, JiebaNlpEngine):
        return False
    if engine.tag(word) not in (None, *_NAME_TAGS) and engine.frequency(word) >= 100:
        return True  # the dictionary knows it as another kind of word (高血压: n)
    given = word[surname_length(word) :]
    if len(given) == 1:
        return (engine.tag(given) or "").startswith(_FUNCTION_TAGS)
    return engine.tag(given) == "n" and engine.frequency(given) >= _COMMON_NOUN_FREQUENCY


def _is_given_name(word: str) -> bool:
    return 1 <= len(word) <= 2 and _HAN.fullmatch(word) is not None


def _looks_like_name(word: str) -> bool:
    if not 2 <= len(word) <= 4 or word in _NOT_NAMES or _HAN.fullmatch(word) is None:
        return False
    surname = surname_length(word)
    return surname > 0 and 1 <= len(word) - surname <= 2


def _name_at(text: str, pos: int, nlp: ChineseNlpArtifacts, strict: bool) -> tuple[int, int] | None:
    """The name that begins at `pos` right after a cue: a surname (compound first) and a
    given name of two or one characters, whichever ends on one of jieba's token
    boundaries. Refused when the "given name" is a common word (姓名和电话: 和 + 电话) and,
    after a weaker cue (`strict`), when the "surname" is used as another word (孩子都是: 都)
    or the whole is a dictionary word (我是高血压…)."""
    boundaries = nlp.boundaries
    engine = nlp.nlp_engine
    for surname_len in (2, 1):
        if surname_length(text[pos : pos + surname_len]) != surname_len:
            continue
        for given_len in (2, 1):
            end = pos + surname_len + given_len
            given = text[pos + surname_len : end]
            hidden = given_len == 2 and _hidden_name(pos, surname_len, nlp)
            if given_len == 2 and _single_char_word(end - 1, nlp) and not hidden:
                continue  # 郭鑫陪我来: 陪 is a verb of its own, not part of the name
            if len(given) == given_len and _HAN.fullmatch(given) and end in boundaries:
                name = text[pos:end]
                if _common_given(given, engine) or name[:2] in _NOT_NAMES or name in _NOT_NAMES:
                    return None
                if (
                    strict
                    and not hidden
                    and (_used_as_word(pos, nlp) or _common_word(name, engine))
                ):
                    return None
                return pos, end
    return None


# Drug and test names look like names to jieba (黄那敏颗粒, 莫米松乳膏, 谷丙转氨酶): what
# follows or precedes them says they are not.
_MEDICAL_AFTER = re.compile(
    r"[颗胶片膏丸栓贴剂散液针素酶酸苷]|帕|筛查|检查|夹板|冲剂|止痛|牛黄|避孕|洗剂|卫生|转氨|霉|环素|沙星"
)
_MEDICAL_BEFORE = re.compile(r"(?:盐酸|硫酸|复方|口服|涂|擦|服用|吃|用|开了|服了|喝)$")
# 这张卡, 一张单子: after a demonstrative or a numeral, 张 is a measure word, not a surname.
_MEASURE_BEFORE = re.compile(r"[这那一两几每哪]$")


def _medical_context(text: str, start: int, end: int) -> bool:
    return bool(
        _MEDICAL_AFTER.match(text, end)
        # The words before are at most two characters: look no further back (a long text
        # would otherwise be searched from its start for every name).
        or _MEDICAL_BEFORE.search(text, max(0, start - 4), start)
        or _MEASURE_BEFORE.search(text, max(0, start - 4), start)
    )


def _unknown_word(word: str, engine: object) -> bool:
    return isinstance(engine, JiebaNlpEngine) and engine.frequency(word) == 0


def _single_char_word(pos: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether jieba made the character at `pos` a one-character verb or function word."""
    i = nlp.token_at.get(pos)
    if i is None:
        return False
    return len(nlp.words[i]) == 1 and nlp.pos_flags[i].startswith(("v", "d", *_FUNCTION_TAGS))


# jieba's dictionary frequency under which a surname-plus-character word (毛子: 31) is
# rare enough to be the start of a name rather than the word.
_RARE_WORD_FREQUENCY = 100


def _hidden_name(pos: int, surname_len: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether jieba split a three-character name after a cue as a rare or unknown word of
    surname and first given character, then the last character alone (毛子 + 豪, 毛梓 + 萱,
    何佑 + 安). Both given characters must be common in names."""
    i = nlp.token_at.get(pos)
    if i is None or i + 1 >= len(nlp.words) or surname_len != 1:
        return False
    first, last = nlp.words[i], nlp.words[i + 1]
    if len(first) != 2 or len(last) != 1 or nlp.pos_flags[i + 1].startswith(_FUNCTION_TAGS):
        return False
    if first[1] not in GIVEN_CHARS or last not in GIVEN_CHARS:
        return False
    engine = nlp.nlp_engine
    return isinstance(engine, JiebaNlpEngine) and engine.frequency(first) < _RARE_WORD_FREQUENCY


def _common_given(given: str, engine: object) -> bool:
    if not isinstance(engine, JiebaNlpEngine):
        return False
    tag = engine.tag(given) or ""
    if len(given) == 1:
        return tag.startswith(_FUNCTION_TAGS)
    return tag in _NOUN_OR_VERB and engine.frequency(given) >= _COMMON_NOUN_FREQUENCY


def _used_as_word(pos: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether jieba read the text at `pos` as another word: an adverb or particle (都), or a
    longer word not tagged as a name (平时, 宫外孕, 应当)."""
    i = nlp.token_at.get(pos)
    if i is None:
        return False
    flag, word = nlp.pos_flags[i], nlp.words[i]
    if flag.startswith(("d", *_FUNCTION_TAGS)):
        return True
    return len(word) > surname_length(word) and flag not in _NAME_TAGS


EXAMPLES = [
    Example("我叫张伟，电话13800138000", ("张伟",), (0.85, 1.0)),
    Example("我叫張偉，電話13800138000", ("張偉",), (0.85, 1.0), note="traditional (Big5 pages)"),
    Example("快递收件人写罗海涛就行", ("罗海涛",), (0.6, 1.0), note="cue, then 写"),
    Example("产后复查 令狐娟 下周二", ("令狐娟",), (0.6, 1.0), note="compound surname, no cue"),
    Example("我在东方医院做的检查", (), note="东方 is also a word"),
    Example("聯繫人：陳大文", ("陳大文",), (0.6, 1.0), note="traditional cue"),
    Example("患者歐陽娜娜，女，32歲", ("歐陽娜娜",), (0.6, 1.0), note="traditional compound"),
    Example("姓名：欧阳娜娜", ("欧阳娜娜",), (0.85, 1.0)),
    Example("医生您好，我老公李建国最近早泄怎么办", ("李建国",), (0.6, 1.0)),
    Example("张伟", ("张伟",), (0.6, 1.0), context=("姓名",)),
    Example("张伟", ("张伟",), (0.5, 0.5), note="bare name jieba does not know"),
    Example("王平", weak=("王平",), note="bare name jieba's dictionary knows: weak"),
    Example("我是高血压患者，每天吃药", ()),
    Example("我是许淑兰，之前做过检查", ("许淑兰",), (0.7, 1.0)),
    Example("宝宝曹勇黄疸值15", ("曹勇",), (0.7, 1.0)),
    Example("寄到幸福小区3栋，曹梅收，电话", ("曹梅",), (0.7, 1.0)),
    Example("联系人：王小明", ("王小明",), (0.7, 1.0)),
    Example("我是王医生的病人", (), note="医生 is no given name"),
    Example("今天和韦元强一起来复查", ("韦元强",), (0.5, 1.0), note="no cue, unknown to jieba"),
    Example("小儿氨酚黄那敏颗粒能吃吗", (), note="a drug name"),
    Example("退款打到这张卡", (), note="张 as a measure word"),
    Example("朋友介绍来的，他叫上官德华，说你们这看得好", ("上官德华",), (0.85, 1.0)),
    Example("余杰 37172119850927783X 预约精液分析", ("余杰",), (0.7, 1.0), note="leading"),
    Example("司徒晓燕，女，28岁，焦虑症", ("司徒晓燕",), (0.7, 1.0), note="leading"),
    Example("尉迟子轩的医保卡号903105351669", ("尉迟子轩",), (0.7, 1.0), note="leading"),
    Example("退款打到这张卡 户名吴明", ("吴明",), (0.85, 1.0)),
    Example("我男朋友郭鑫陪我来", ("郭鑫",), (0.7, 1.0)),
    Example("我是毛子豪，想问下报告", ("毛子豪",), (0.7, 1.0), note="jieba reads 毛子 + 豪"),
    Example("孩子何佑安，2岁", ("何佑安",), (0.7, 1.0), note="jieba reads 何佑 + 安"),
    Example("高血压，150/95，吃什么药", (), note="leading word, no name"),
    Example("请留下姓名和电话，医生会联系您", (), note="cue followed by a common word"),
    Example("医生说我老公没什么问题", ()),
    Example("患者这段时间一直失眠", (), note="jieba tags 段时间 nr"),
    Example("患者麻醉后恢复得怎样", (), note="jieba tags 麻醉 nr"),
]
