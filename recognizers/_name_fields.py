"""Names that stand alone as a field of a form-like message.

Patients and staff type chat messages like forms, fields separated by spaces: "体检报告
林峰 身份证号…", "拆线 贾宏伟 135…", "13-2-801 白雪 139…", "下周能约上吗 邹海波". A run
of Han characters with nothing Han on either side that has the shape of a name is read as
one when

- an identifier or its label follows it (a number of six digits or more, a year of birth,
  an e-mail address, 电话, 邮箱, 身份证, 住院号, 生日 …): strong enough for a name that is
  also a word (白雪, 严冬), unless jieba knows it as an everyday noun, verb or adverb (门诊,
  方便, 明天). What precedes a name is no evidence: other fields follow a number too
  (6222… 农行);
- or it ends the message, after a space or the end of a sentence, as a signature: only
  when jieba's dictionary hardly knows it as a word (fewer than 100 times) and its given
  characters are common in names, so that "……怎么办？谢谢", "……吗 方便" and "孕妇 能吃
  党参" stay untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gateway.nlp_engine import ChineseNlpArtifacts, JiebaNlpEngine
from recognizers._given_names import GIVEN_CHARS
from recognizers._name_words import (
    FUNCTION_TAGS,
    NAME_TAGS,
    after_numeral,
    common_given,
    looks_like_name,
    numeral_given,
)
from recognizers._surnames import surname_length

# Two to four Han characters with no Han character on either side.
_FIELD = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff])")
_LABELS = (
    "电话|電話|手机|手機|联系方式|聯繫方式|邮箱|郵箱|电邮|電郵|邮件|身份证|身份證|证件|證件|护照|護照|"
    "住院号|門診號|门诊号|病历号|病歷號|病案号|就诊卡|医保|醫保|社保|卡号|卡號|生日|出生|"
    "微信|薇信|威信|扣扣|地址|住址|家住|公司地址|单位地址|家庭地址|家庭住址|收货地址|性别|性別|年龄|年齡|qq|vx|wx|tel|email|dob"
)
_LABEL = re.compile(_LABELS, re.IGNORECASE)
# A sex after a name is the next field of a form (黄立新 男 4401…).
_SEX = r"[男女](?![\u4e00-\u9fff])"
# An age after a field is one too, but also after a symptom (高烧 三岁): only after a
# field jieba itself tags as a person's name (巴特尔 六岁).
_AGE_AFTER = re.compile(
    r"[\s,，]*(?:\d{1,3}|[一二三四五六七八九十两]{1,3})[岁歲](?![\u4e00-\u9fff])"
)
# The last character of a label: 号 (number), 卡 (card), 码 (code), 证 (certificate).
_LABEL_ENDINGS = frozenset("号號卡码碼证證")
_GAP = r"[\s,，:：;；、|/]*"
# What follows a name in a form: a label, a long number (phone, ID, card), a year of birth,
# an e-mail address.
_IDENTIFIER_AFTER = re.compile(
    rf"{_GAP}(?:{_LABELS}|住(?:在|址)?(?!院)(?=[\u4e00-\u9fff])|{_SEX}|\+?[(（]?\d[\d\s()（）\-]{{5,}}|(?:19|20)\d\d[年./\-]|[\w.\-]+@)",
    re.IGNORECASE,
)
# The start of a message or of a line, spaces aside, and a phone number right after a field.
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
_PHONE_AFTER = re.compile(r"[ \t,，:：]*\+?(?:86)?[ \t\-]?1\d{2}[ \t\-]?\d{4}[ \t\-]?\d{4}(?!\d)")
# Days named from today that start like a name (明 is a surname).
_DAYS = frozenset("明天 明早 明晚 明日 明年".split())
# A signature follows a space or the end of a sentence, and only punctuation or emoji
# follow it.
_SIGNATURE_BEFORE = re.compile(r"[\s。！？!?~～…]$")
_SIGNATURE_AFTER = re.compile(r"[^\w]*\Z")
# jieba's dictionary frequency under which a word is too rare to outweigh a name's shape
# (常远: 3, 牛犇: 3), and the kinds of word that, more frequent, are everyday words.
_RARE_FREQUENCY = 100
# Parts of speech that, frequent, are no part of a given name (adjectives are: 宏伟, 美丽).
_NOT_NAME_PART = ("d", "v", *FUNCTION_TAGS)
_EVERYDAY_TAGS = ("n", "v", "a", "d", "t", "s", "f", "b", "z", "i", "l", "c", "p", "r", "u")


def field_names(text: str, nlp: ChineseNlpArtifacts) -> Iterator[tuple[int, int]]:
    """Spans of the names that stand alone as a field of `text`."""
    engine = nlp.nlp_engine
    for match in _FIELD.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if not _name_shaped(word, text, start, engine):
            continue
        if _reads_as_words(start, end, nlp) and not _unknown_given_name(word, engine):
            continue
        if _before_identifier(text, end):
            if not _everyday_word(word, engine) or _name_then_number(text, start, end, engine):
                yield start, end
        elif (
            _AGE_AFTER.match(text, end)
            and isinstance(engine, JiebaNlpEngine)
            and engine.tag(word) in NAME_TAGS
            and _rare_word(word, engine)
        ):
            # a name jieba tags as one and hardly knows (巴特尔), not 孙子 (nr, frequent)
            yield start, end
        elif _surname_then_name(start, end, nlp):
            yield start, end
        elif (
            _signature(text, start, end)
            and _rare_word(word, engine)
            and all(ch in GIVEN_CHARS for ch in word[surname_length(word) :])
        ):
            yield start, end


def _name_then_number(text: str, start: int, end: int, engine: object) -> bool:
    """Whether a noun or a season (夏天, 江山) opens the message or a line and a phone
    number follows it at once: the answer to "请留下姓名和电话", even when the name is also
    a word, if its given characters are common in names (not 门诊). A day (明天) is no
    name there."""
    if not _LINE_START.search(text, 0, start) or not _PHONE_AFTER.match(text, end):
        return False
    word = text[start:end]
    tag = engine.tag(word) if isinstance(engine, JiebaNlpEngine) else None
    return (
        word not in _DAYS
        and (tag or "n").startswith(("n", "t"))
        and tag != "nz"
        and all(ch in GIVEN_CHARS for ch in word[surname_length(word) :])
    )


def _surname_then_name(start: int, end: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether the field is a surname jieba took for another word (蒙: a verb) and a given
    name it tags as a person's name (海涛), the whole unknown to its dictionary."""
    engine = nlp.nlp_engine
    i = nlp.token_at.get(start)
    if not isinstance(engine, JiebaNlpEngine) or i is None or i + 1 >= len(nlp.words):
        return False
    first, given = nlp.words[i], nlp.words[i + 1]
    return (
        len(first) == 1
        and surname_length(first) == 1
        and len(given) == 2
        and nlp.pos_flags[i + 1] in NAME_TAGS
        and nlp.tokens_indices[i + 1] + 2 == end
        and engine.frequency(first + given) == 0
    )


def _unknown_given_name(word: str, engine: object) -> bool:
    """Three characters jieba's dictionary does not know, whose given name is made of
    characters common in names: a name even when jieba cut it into words (晏 + 欣然)."""
    return (
        len(word) == 3
        and isinstance(engine, JiebaNlpEngine)
        and engine.frequency(word) == 0
        and all(ch in GIVEN_CHARS for ch in word[surname_length(word) :])
    )


def _name_shaped(word: str, text: str, start: int, engine: object) -> bool:
    if not looks_like_name(word) or numeral_given(word) or after_numeral(text, start):
        return False
    if label_word(word):
        return False
    if isinstance(engine, JiebaNlpEngine) and engine.tag(word) == "nz":
        return False  # a term jieba was given (the health lexicon) or a brand
    return not common_given(word[surname_length(word) :], engine)


def label_word(word: str) -> bool:
    """Whether `word` is the label of an identifier (银行卡, 门诊号, 电话), not a name."""
    return word[-1] in _LABEL_ENDINGS or _LABEL.search(word) is not None


def _reads_as_words(start: int, end: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether jieba reads the field as frequent words other than a name after the surname:
    a particle, pronoun or adverb (严重吗, 都可以), a verb, or a quantity (戴 + 多久)."""
    engine = nlp.nlp_engine
    if not isinstance(engine, JiebaNlpEngine):
        return False
    i = nlp.token_at.get(start)
    if i is None:
        return True  # jieba joined the field to what comes before it
    not_name_part: tuple[str, ...] = _NOT_NAME_PART
    if len(nlp.words[i]) == surname_length(nlp.words[i]):
        i += 1  # the surname on its own, whatever jieba took it for (包: a verb)
        not_name_part = (*_NOT_NAME_PART, "m")  # 戴 + 多久; but 万里 as one word may be a name
    while i < len(nlp.words) and nlp.tokens_indices[i] < end:
        word, flag = nlp.words[i], nlp.pos_flags[i]
        if (
            flag.startswith(not_name_part)
            and engine.frequency(word) >= _RARE_FREQUENCY
            and not _last_of_message(nlp, i, end)
        ):
            return True
        i += 1
    return False


def _last_of_message(nlp: ChineseNlpArtifacts, i: int, end: int) -> bool:
    """Whether token `i` is a single conjunction or preposition that ends the field and the
    message (大儒巷46号 顾清和): with nothing after it to join, it is a given name."""
    start = nlp.tokens_indices[i]
    return (
        len(nlp.words[i]) == 1
        and start + 1 == end
        and nlp.pos_flags[i].startswith(("c", "p"))
        and all(not w.strip() or not w.isalnum() for w in nlp.words[i + 1 :])
    )


def _before_identifier(text: str, end: int) -> bool:
    # Only what follows counts: after a number come other fields too (6222… 农行).
    return _IDENTIFIER_AFTER.match(text, end) is not None


def _signature(text: str, start: int, end: int) -> bool:
    return (
        start > 0
        and _SIGNATURE_BEFORE.search(text, start - 1, start) is not None
        and _SIGNATURE_AFTER.match(text, end) is not None
    )


def _everyday_word(word: str, engine: object) -> bool:
    if not isinstance(engine, JiebaNlpEngine):
        return False
    tag = engine.tag(word)
    return (
        tag is not None
        and tag not in NAME_TAGS
        and tag.startswith(_EVERYDAY_TAGS)
        and engine.frequency(word) >= _RARE_FREQUENCY
    )


def _rare_word(word: str, engine: object) -> bool:
    return isinstance(engine, JiebaNlpEngine) and engine.frequency(word) < _RARE_FREQUENCY
