"""The name that begins right after a cue: a word that introduces a name (我叫, 姓名, 患者,
老公), the start of a sentence that goes on with what patients put after their name, a
stated surname (姓时 时雨桐) or 叫 before a child's doubled nickname (宝宝叫糖糖).

A name after a cue is a surname (compound first) and a given name of two or one
characters, cut where jieba cut the text; jieba's reading refuses it where the "name" is
a common word or the "surname" is a verb or adverb (recognizers/_name_tokens.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gateway.nlp_engine import ChineseNlpArtifacts, JiebaNlpEngine
from recognizers._given_names import GIVEN_CHARS
from recognizers._name_cues import MEDIUM_CUE
from recognizers._name_free import free_name_at
from recognizers._name_medical import clinical_word
from recognizers._name_tokens import (
    hidden_name,
    single_char_word,
    split_name,
    used_as_word,
    verb_then_word,
)
from recognizers._name_words import (
    HAN,
    NOT_NAMES,
    common_given,
    common_word,
    dictionary_word,
    looks_like_name,
)
from recognizers._surnames import surname_length

# A name that opens a message or a sentence, followed by what patients put after their
# name: a number, 男/女, or the label of an identifier ("余杰 3717…", "段诗涵，门诊号…").
# A numbered line of a list ("1 黄立新 男 4401…") starts like a sentence.
_LEADING = re.compile(r"(?:^|(?<=[。！？!?\n]))\s*(?:\d{1,2}[.、．)）]?\s+)?")
_AFTER_LEADING_NAME = re.compile(
    r"[，,\s]*(?:[0-9０-９一幺]|[男女][，,\s]|的?(?:医保|社保|身份证|电话|手机|门诊|住院|病历|就诊))"
)
# A cue ending in a colon, and the end of its line: a form's "label：value".
_FORM_VALUE = re.compile(r"[:：]")
_LINE_END = re.compile(r"[ \t]*(?:\n|\Z)")
# The end of a form's value: a space before the next field, punctuation, the end.
_VALUE_END = re.compile(r"\s|[，,。；;、]|\Z")
# What follows a name when the speaker says whose relative he is (时光的家长).
_OF_KIN = re.compile(
    r"的(?:丈夫|老公|妻子|老婆|爱人|家长|家属|妈妈|爸爸|母亲|父亲|儿子|女儿|孩子|朋友|"
    r"哥哥|姐姐|弟弟|妹妹|同事|同学|媳妇|奶奶|爷爷|外婆|外公)"
)
# "姓时 时雨桐": the surname stated, then the full name that starts with it.
_SURNAME_STATED = re.compile(
    r"[姓][\s，,]?([\u4e00-\u9fff])[\s，,。]+(\1[\u4e00-\u9fff]{1,2})(?![\u4e00-\u9fff])"
)
# 我是 and a short clause ending in 的 before the name: who the speaker is to the clinic
# (我是昨天预约的…, 我是上周来看过的…).
_WHO_I_AM = re.compile(r"我是(?:(?![的，,。])[\u4e00-\u9fff]){1,8}的")
# A name after that clause ends it: punctuation, a space or the end follows.
_CLAUSE_END = re.compile(r"[^\u4e00-\u9fff]|\Z")
# A child's doubled nickname after 叫 (宝宝叫糖糖): its name, like 小名糖糖.
_DOUBLED_CALLED = re.compile(
    r"(?:宝宝|寶寶|孩子|女儿|儿子|女兒|兒子|闺女)叫(([\u4e00-\u9fff])\2)(?![\u4e00-\u9fff]|[了过])"
)


# A form's label followed by the next one it asks for (姓名和邮箱, 姓名及联系电话, 名字跟
# 手机号): 和, 及, 与 are surnames too, but here they join two fields and no name follows.
_NEXT_FIELD = re.compile(
    r"[和与與及跟或、/](?:您的|你的|孩子的|患者的)?(?:联系|聯繫|手机|手機)?"
    r"(?:电话|電話|手机|手機|邮箱|郵箱|电邮|地址|住址|身份证|身份證|证件|證件|年龄|年齡|性别|性別"
    r"|微信|号码|號碼|方式|生日|出生|单位|單位|工号|职业|卡号|医保)"
)


def strong_cue_name(text: str, pos: int, nlp: ChineseNlpArtifacts) -> tuple[int, int] | None:
    """The name after a strong cue (我叫, 姓名, a name key): the one that starts with a
    surname, unless a name without one runs on to the end of the Han characters (我叫阿依努尔:
    not 阿 + 依). None where the cue is a form's label joined to the next (姓名和电话)."""
    if _NEXT_FIELD.match(text, pos):
        return None
    span = name_at(text, pos, nlp, strict=False)
    free = free_name_at(text, pos, nlp)
    if span is None or free is None:
        return span or free
    if free[1] > span[1] and (free[1] == len(text) or HAN.match(text, free[1]) is None):
        return free
    return span


def medium_cue_name(
    text: str, cue: re.Match[str], nlp: ChineseNlpArtifacts
) -> tuple[int, int] | None:
    """The name after a word often followed by one (我是, 患者, 老公): strict, unless the
    cue is a form's label on a line of its own or a kin word follows the name. After a
    form's label the name is the whole value when that is a transliterated name."""
    span = name_at(text, cue.end(), nlp, strict=True)
    if span is None and _FORM_VALUE.search(cue.group()):
        # 患者：原野 on a line of its own: a form's field holds a name that is a word
        whole = name_at(text, cue.end(), nlp, strict=False)
        if whole and _LINE_END.match(text, whole[1]) and _form_name(text, whole, nlp.nlp_engine):
            span = whole
    if _FORM_VALUE.search(cue.group()):
        # 患者：马木提 地址：…: the value runs to the field's end, past jieba's cut (马木 + 提),
        # or is a transliterated name of three characters or more (患者：吐尔逊)
        free = free_name_at(text, cue.end(), nlp)
        longer = free and (free[1] > span[1] if span else free[1] - free[0] >= 3)
        if free and longer and _VALUE_END.match(text, free[1]):
            span = free
    kin = _of_kin(text, cue.end(), nlp)
    if kin and (span is None or kin[1] > span[1]):
        span = kin  # 古丽米拉的姐姐, not 古丽
    return span


def leading_names(text: str, nlp: ChineseNlpArtifacts) -> Iterator[tuple[int, int]]:
    """A name opening a message, a sentence or a numbered line, followed by a number, 男/女
    or an identifier's label (余杰 3717…)."""
    for lead in _LEADING.finditer(text):
        span = name_at(text, lead.end(), nlp, strict=True)
        if span and _AFTER_LEADING_NAME.match(text, span[1]):
            yield span


def described_speakers(text: str, nlp: ChineseNlpArtifacts) -> Iterator[tuple[int, int]]:
    """The name after 我是 and a clause that says who the speaker is (我是之前咨询过的韩雨凡，
    …): read as after 我是, and only where the name ends the clause."""
    for match in _WHO_I_AM.finditer(text):
        span = name_at(text, match.end(), nlp, strict=True)
        if span and _CLAUSE_END.match(text, span[1]):
            yield span


def stated_surnames(text: str) -> Iterator[tuple[int, int]]:
    """The full name after its surname was stated (他姓邵，邵一鸣)."""
    for match in _SURNAME_STATED.finditer(text):
        yield match.span(2)


def doubled_nicknames(text: str, engine: object) -> Iterator[tuple[int, int]]:
    """A child's doubled nickname after 叫 (孩子叫朵朵), unless jieba knows it well as a word
    (宝宝叫宝宝)."""
    for match in _DOUBLED_CALLED.finditer(text):
        if not common_word(match.group(1), engine) and not _frequent(match.group(1), engine):
            yield match.span(1)


def name_at(text: str, pos: int, nlp: ChineseNlpArtifacts, strict: bool) -> tuple[int, int] | None:
    """The name that begins at `pos` right after a cue: a surname (compound first) and a
    given name of two or one characters, whichever ends on one of jieba's token
    boundaries. Refused when the "given name" is a common word (姓名和电话: 和 + 电话) and,
    after a weaker cue (`strict`), when the "surname" is used as another word (孩子都是: 都)
    or the whole is a dictionary word (我是高血压…)."""
    boundaries = nlp.boundaries
    engine = nlp.nlp_engine
    for surname_len in (2, 1):
        if surname_length(text[pos : pos + surname_len], words_too=not strict) != surname_len:
            continue
        for given_len in (2, 1):
            end = pos + surname_len + given_len
            given = text[pos + surname_len : end]
            hidden = given_len == 2 and (
                hidden_name(text, pos, surname_len, nlp)
                or split_name(pos, surname_len, nlp)
                or (not strict and _whole_run(text, pos + surname_len, end))
            )
            if given_len == 2 and single_char_word(end - 1, nlp) and not hidden:
                continue  # 郭鑫陪我来: 陪 is a verb of its own, not part of the name
            if len(given) == given_len and HAN.fullmatch(given) and end in boundaries:
                name = text[pos:end]
                if (
                    common_given(given, engine)
                    or name[:2] in NOT_NAMES
                    or not looks_like_name(name)
                ):
                    return None
                if MEDIUM_CUE.fullmatch(name):
                    return None  # 阿姨阿姨的叫: a cue, not a name after one
                if (
                    strict
                    and not hidden
                    and (
                        used_as_word(pos, nlp)
                        or common_word(name, engine)
                        or verb_then_word(pos, surname_len, nlp)
                        or dictionary_word(name, engine)  # 患者艾灸了三次
                        or clinical_word(text, pos, end, nlp)  # 患者孟鲁司特吃了一个月
                    )
                ):
                    return None
                return pos, end
    return None


def _whole_run(text: str, start: int, end: int) -> bool:
    """Whether the given name `text[start:end]` ends the run of Han characters and is made
    of characters common in names: after a strong cue it is read whole even when jieba cut
    a character off as a verb (全名禚文博: 禚 + 文 + 博)."""
    return (end == len(text) or HAN.match(text, end) is None) and all(
        ch in GIVEN_CHARS for ch in text[start:end]
    )


def _of_kin(text: str, pos: int, nlp: ChineseNlpArtifacts) -> tuple[int, int] | None:
    """A name after a cue that is also a word, or starts with no surname, when a kin word
    follows it: 我是时光的家长, 我是次仁卓玛的丈夫 (the speaker says whose relative he is)."""
    for span in (name_at(text, pos, nlp, strict=False), free_name_at(text, pos, nlp)):
        if span and _OF_KIN.match(text, span[1]) and text[span[0] : span[1]] not in NOT_NAMES:
            return span
    return None


def _form_name(text: str, span: tuple[int, int], engine: object) -> bool:
    """A form's value that may be a name although it is a word: two characters (原野, not
    高血压), and no verb, adverb or term of the health lexicon (nz)."""
    word = text[span[0] : span[1]]
    tag = engine.tag(word) if isinstance(engine, JiebaNlpEngine) else None
    return len(word) == 2 and not (tag or "").startswith(("v", "d", "nz"))


def _frequent(word: str, engine: object) -> bool:
    return isinstance(engine, JiebaNlpEngine) and engine.frequency(word) >= 100
