"""A surname given without a given name: 我姓祝, 曹女士, 邓大爷, 东方先生, "汪 131…".

Patients often give only their surname, and counsellors address them by it; like "Mr.
Smith", the surname there is the person's name and, next to a phone number, identifies
them. Three places say a lone character is a surname:

- after 姓 used as a verb (我姓祝, 阿姨姓甘, 免贵姓欧阳), not in a word made with it (姓名,
  姓氏, 百家姓, 您贵姓), and not when a staff title follows (姓张的医生);
- before a form of address used for patients and their relatives (先生, 女士, 大爷, 阿姨,
  同学, 经理 …), when jieba reads the surname as a word of its own or as the start of one
  with the form of address (邓大爷): not the end of a word (客户经理, 这位女士, 宿管阿姨).
  Staff titles (医生, 主任, 老师) are not forms of address here: staff on a public schedule
  are no patients. A surname that is also a function word or a verb (于, 尚, 祝) or mostly
  an everyday word (习) counts only after a greeting, 是 or a form's label (好的于先生, 我是
  尚爷爷…; not 我和同学, 祝宝宝早日康复), an adverb or preposition also where a sentence
  opens (曾大爷…), and a conjunction (和先生: with my husband) never;
- standing alone as a field, with no Han character on either side, right before a phone
  number or its label ("汪 131…", "张 电话…"), also after 小 or 老 (小杨 138…).
Only the surname is returned; a full name around it is found by the other rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gateway.nlp_engine import ChineseNlpArtifacts
from recognizers._name_tokens import VERB_OR_FUNCTION
from recognizers._name_words import NAME_TAGS, after_numeral
from recognizers._surnames import COMPOUND, SINGLE, WORD_SURNAMES

_HAN = r"\u4e00-\u9fff"
# 姓 as a verb and what may stand between it and the surname (姓：王, 姓是王); not in 姓名,
# 姓氏, 姓别 (a common slip for 性别), 百家姓, 老百姓 (also slipped as 老白姓) or 贵姓.
_XING = re.compile(r"(?:免[贵貴]姓|(?<![百贵貴白])姓(?![名氏别別]))[\s是为：:]*")
# Forms of address for patients and relatives, longest first (大姐 before 姐).
ADDRESS_WORDS = (
    "先生 女士 小姐 太太 夫人 老太太 老先生 老爷子 老人家 大爷 大妈 大叔 大婶 大娘 大伯 大姐 "
    "大哥 阿姨 叔叔 伯伯 奶奶 爷爷 姐 哥 同学 师傅 老板 经理 总 宝宝 妈妈 爸爸 "
    # traditional forms, where they differ
    "大媽 大嬸 爺爺 同學 師傅 老闆 經理 寶寶 媽媽"
).split()
# Not a plural (女士们: a crowd, no one person).
_ADDRESS = re.compile(
    "(?:" + "|".join(sorted(set(ADDRESS_WORDS), key=len, reverse=True)) + ")(?!们|們)"
)
# Staff titles after 姓X的 (那个姓张的医生): not a patient's surname.
_STAFF_AFTER = re.compile(
    r"的?(?:医生|醫生|大夫|主任|教授|院长|院長|护士|護士|老师|老師|专家|專家)"
)
# Before a surname that is also a function word or a verb: a greeting or acknowledgement,
# 是, or a form's label, then spaces or punctuation.
_CUE_BEFORE = re.compile(
    r"(?:好的|好滴|您好|你好|谢谢|謝謝|收到|是|收件人|收货人|收貨人|联系人|聯繫人|姓名|称呼|稱呼)"
    r"[\s，,。:：]*\Z"
)
# A phone number (seven digits or more; the text is folded, so 一三一… reads 131…) or its
# label after a lone field.
_PHONE_AFTER = re.compile(
    r"[\s,，:：;；、|/]*(?:\+?86[\s\-]?)?(?:(?:\d[\s\-]?){7}|电话|電話|手机|手機|联系方式|聯繫方式|tel)",
    re.IGNORECASE,
)
# 小 or 老 before a surname makes the usual way to call a colleague or neighbour (小杨,
# 老王), but these are everyday words.
_PREFIXED_WORDS = frozenset(
    "老公 老师 老師 小时 小時 小区 小區 小于 小米 小康 小可 老汉 小雪".split()
)
_HAN_CHAR = re.compile(rf"[{_HAN}]")
_LONE_FIELD = re.compile(rf"(?<!\w)(?:[小老])?[{_HAN}]{{1,2}}(?![{_HAN}])")
# jieba's tag of a conjunction (和): never a surname before a form of address. An adverb
# or a preposition (曾, 尚, 于) is one where a sentence opens; a pronoun (那宝宝怎么办) or a
# verb (祝宝宝…) is not.
_CONJUNCTION = "c"
_ADJECTIVE = ("a", "b")  # jieba's adjective and distinguishing-word tags
_ADVERB_OR_PREPOSITION = ("d", "p")
_SENTENCE_START = re.compile(r"(?:^|[。！？!?\n])\s*\Z")


def lone_surnames(text: str, nlp: ChineseNlpArtifacts) -> Iterator[tuple[int, int]]:
    """Spans of the surnames in `text` given without a given name."""
    yield from _after_xing(text, nlp)
    yield from _before_address(text, nlp)
    yield from _before_phone(text)


def _surname_at(text: str, pos: int, words_too: bool) -> int:
    """Length of the surname starting at `pos` (compound first), 0 if none."""
    if text[pos : pos + 2] in COMPOUND:
        return 2
    ch = text[pos : pos + 1]
    return 1 if ch in SINGLE or (words_too and ch in WORD_SURNAMES) else 0


def _after_xing(text: str, nlp: ChineseNlpArtifacts) -> Iterator[tuple[int, int]]:
    """A surname after 姓 used as a verb, that ends there or before a verb, a particle, 的
    or a phone's label (我姓王叫王伟, 姓蒋 手机不方便)."""
    for cue in _XING.finditer(text):
        start = cue.end()
        length = _surname_at(text, start, words_too=True)
        if not length:
            continue
        end = start + length
        if _STAFF_AFTER.match(text, end):
            continue
        if _HAN_CHAR.match(text, end) is None:
            yield start, end
            continue
        i = nlp.token_at.get(end)
        if i is not None and (
            nlp.pos_flags[i].startswith(VERB_OR_FUNCTION) or _PHONE_AFTER.match(text, end)
        ):
            yield start, end


def _before_address(text: str, nlp: ChineseNlpArtifacts) -> Iterator[tuple[int, int]]:
    """A surname right before a form of address, read by jieba as a word of its own or as
    the start of one with the address (邓大爷)."""
    for address in _ADDRESS.finditer(text):
        q = address.start()
        for length in (2, 1):
            start = q - length
            if start < 0:
                continue
            surname = text[start:q]
            if length == 2 and surname not in COMPOUND:
                continue
            if length == 1 and surname not in SINGLE and surname not in WORD_SURNAMES:
                continue
            if _reads_as_surname(text, start, q, address.end(), nlp):
                yield start, q
            break  # a compound surname wins over its last character


def _reads_as_surname(
    text: str, start: int, q: int, address_end: int, nlp: ChineseNlpArtifacts
) -> bool:
    i = nlp.token_at.get(start)
    if i is None or after_numeral(text, start):
        return False
    word, flag = nlp.words[i], nlp.pos_flags[i]
    address = text[q:address_end]
    cued = _CUE_BEFORE.search(text, 0, start) is not None
    if text[start:q] in WORD_SURNAMES and not cued:
        return False  # 家姐: an everyday word first
    if not cued and start > 0 and _in_word_before(text, start, q, nlp):
        return False  # 高危宝宝: jieba cut the word 高危 apart, 危 is no surname there
    if word == text[start:address_end]:
        return True  # 邓大爷, 王姐: jieba read surname and address as one name
    j = nlp.token_at.get(q)
    if word != text[start:q] or j is None or nlp.words[j] != address:
        return False  # 客户经理, 王总结: the surname or the address is part of a word
    if flag.startswith(_CONJUNCTION):
        return False  # 我和同学: a conjunction
    if len(address) == 1 and flag not in NAME_TAGS:
        return cued  # 年轻时总爱…: 总 (always), 姐, 哥 after a word jieba does not call a name
    if flag.startswith(_ADVERB_OR_PREPOSITION):
        # 于先生您好, 曾大爷下个月…: also where a sentence opens
        return cued or _SENTENCE_START.search(text, 0, start) is not None
    return cued or not flag.startswith(VERB_OR_FUNCTION)


def _in_word_before(text: str, start: int, q: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether the character before the surname makes a word with it: a dictionary word, or
    a one-character adjective jieba cut off a word it does not know (高 + 危 of 高危)."""
    frequency = getattr(nlp.nlp_engine, "frequency", None)
    if frequency is not None and frequency(text[start - 1 : q]) > 0:
        return True
    i = nlp.token_at.get(start - 1)
    return (
        i is not None
        and nlp.pos_flags[i] in _ADJECTIVE
        and _HAN_CHAR.match(text, start - 1) is not None
    )


def _before_phone(text: str) -> Iterator[tuple[int, int]]:
    """A surname alone as a field (after 小 or 老 too) right before a phone number or its
    label."""
    for field in _LONE_FIELD.finditer(text):
        word, start = field.group(), field.start()
        if word[0] in "小老" and len(word) > 1:
            if word in _PREFIXED_WORDS:
                continue
            start += 1
        if _surname_at(text, start, words_too=False) != field.end() - start:
            continue
        if _PHONE_AFTER.match(text, field.end()) and not _after_number(text, field.start()):
            yield start, field.end()


def _after_number(text: str, start: int) -> bool:
    """Whether a number stands right before the field, spaces apart (500 元 …): a unit."""
    before = text[:start].rstrip()
    return bool(before) and before[-1].isdigit()
