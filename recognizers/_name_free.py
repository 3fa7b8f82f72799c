"""Names that start with no known surname: transliterations and nicknames.

Uyghur, Kazakh, Mongolian and Tibetan names (热依拉, 阿依古丽, 包特日格乐, 扎西卓玛) are
transliterations: no surname starts them, and they are longer than Han names. Right after
a strong cue (我叫, 姓名, 全名, 开户名) such a name runs to the next boundary: a space,
punctuation, a number, or the first character that is no part of names. Its characters must
all be common in given names or in transliterations, so "我叫不出来", "名字写拼音" or "我叫
外卖" stay untouched, and it must not be a frequent dictionary word (我叫家里人: 家里).

The same names stand alone at the end of a message, as a signature ("…128号的 热依拉"):
there only a single word that jieba reads as a person's name and hardly knows counts.

A child's nickname has no surname either: after 小名 or 乳名, or before 妈妈/爸爸 as a
parent signs (童童妈妈).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gateway.nlp_engine import ChineseNlpArtifacts, JiebaNlpEngine
from recognizers._given_names import GIVEN_CHARS
from recognizers._name_fields import label_word
from recognizers._name_words import NAME_TAGS
from recognizers._surnames import SINGLE, WORD_SURNAMES

# Characters of transliterated minority names (Uyghur, Kazakh, Mongolian, Tibetan, Yi).
_TRANSLITERATION = frozenset(
    "阿艾爱安昂奥巴拜班邦包宝贝本比毕别波伯布才仓曾查察朝辰次措达大丹旦道德登迪帝丁东都"
    "杜敦多朵额恩尔法菲夫尕嘎盖甘刚高戈格根贡古哈海汗罕豪合和赫黑亨洪呼胡华吉加佳嘉江杰金"
    "居卡开凯坎康柯科克肯孔库拉腊莱兰朗勒雷力丽利莉里连林琳玲隆鲁路伦罗洛玛马买麦曼梅美蒙"
    "孟米敏明莫姆木穆那纳娜乃南尼妮年娘努诺帕潘佩普其奇齐琪恰钦秦青曲让热仁日茹若萨赛桑色"
    "森沙莎山尚舍什石斯松苏索塔台太坦唐特提天田铁通图吐托瓦旺维伟文翁乌吾西希夏仙先香协辛"
    "欣秀旭雅亚延燕扬央耶叶伊依衣英尤玉则扎增占珍真孜卓宗尊顿珠姬吉普琼确白黛库尔"
    "逊卜"
)
_NAME_CHARS = _TRANSLITERATION | GIVEN_CHARS
_FIRST_CHARS = _NAME_CHARS | SINGLE | WORD_SURNAMES
# A transliterated name may join its parts with a middle dot (阿依古丽·买买提).
_DOTS = "·•・"
_LONGEST = 6
# jieba's dictionary frequency from which a word is an everyday word, not a name.
_RARE_FREQUENCY = 100

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# Parts of speech no nickname is made of (什么, 还, 没, 想).
_NOT_NICKNAME = ("r", "d", "v", "c", "p", "u", "y", "e", "m", "q")

# The signature: a run of Han characters after a space, ending the message.
_LAST_FIELD = re.compile(r"(?<=\s)[\u4e00-\u9fff]{3,6}(?=[^\w]*\Z)")

# A child's nickname (no Han character before it, or 我是) and the parent it names: doubled
# (童童妈妈) or 小/阿 and a given-name character (我是小宇妈妈, 阿杰爸爸).
_PARENT_OF = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=我是))(([\u4e00-\u9fff])\2|[小阿][\u4e00-\u9fff])"
    r"(?=的?(?:妈妈|爸爸|妈|爸|媽媽|媽))"
)


def free_name_at(text: str, pos: int, nlp: ChineseNlpArtifacts) -> tuple[int, int] | None:
    """A name starting at `pos`, right after a strong cue, that need not start with a known
    surname: the run of name characters up to the next boundary."""
    end = pos
    chars = 0
    while end < len(text) and chars < _LONGEST + 1:
        ch = text[end]
        allowed = _FIRST_CHARS if chars == 0 else _NAME_CHARS
        if ch in allowed:
            chars += 1
        elif not (ch in _DOTS and chars and end + 1 < len(text) and text[end + 1] in _NAME_CHARS):
            break
        end += 1
    if not 2 <= chars <= _LONGEST or end not in nlp.boundaries:
        return None
    name = text[pos:end]
    if label_word(name) or _everyday_word(name, nlp.nlp_engine):
        return None
    return pos, end


def nickname_at(text: str, pos: int, nlp: ChineseNlpArtifacts) -> tuple[int, int] | None:
    """A nickname right after 小名 or 乳名: two or three Han characters ending the run,
    none of them a pronoun, particle, adverb or verb (小名叫什么好, 小名还没想)."""
    match = _HAN_RUN.match(text, pos)
    if not match or not 2 <= len(match.group()) <= 3:
        return None
    end = match.end()
    engine = nlp.nlp_engine
    i = nlp.token_at.get(pos)
    if i is None or _everyday_word(match.group(), engine):
        return None
    while i < len(nlp.words) and nlp.tokens_indices[i] < end:
        if nlp.pos_flags[i].startswith(_NOT_NICKNAME) and (
            isinstance(engine, JiebaNlpEngine) and engine.frequency(nlp.words[i]) > 0
        ):
            return None  # a word jieba's dictionary knows as such; not a guess (果果: c)
        i += 1
    return pos, end


def free_signatures(text: str, nlp: ChineseNlpArtifacts) -> Iterator[tuple[int, int]]:
    """A name of no known surname signing the message: words jieba all tags as a person's
    name (古丽娜 + 尔), that as a whole it hardly knows, made of name characters."""
    engine = nlp.nlp_engine
    if not isinstance(engine, JiebaNlpEngine):
        return
    for match in _LAST_FIELD.finditer(text):
        start, end = match.span()
        i = nlp.token_at.get(start)
        if i is None:
            continue
        tokens = []
        while i < len(nlp.words) and nlp.tokens_indices[i] < end:
            tokens.append(i)
            i += 1
        name = match.group()
        if (
            all(nlp.pos_flags[j] in NAME_TAGS for j in tokens)
            and nlp.tokens_indices[tokens[-1]] + len(nlp.words[tokens[-1]]) == end
            and engine.frequency(name) < _RARE_FREQUENCY
            and name[0] in _FIRST_CHARS
            and all(ch in _NAME_CHARS for ch in name[1:])
        ):
            yield start, end


def parent_nicknames(text: str, nlp: ChineseNlpArtifacts) -> Iterator[tuple[int, int]]:
    """A child's nickname before 妈妈 or 爸爸, as parents sign (童童妈妈, 豆豆爸, 我是小宇妈妈):
    the nickname is the child's name. Words jieba knows well (天天, 宝宝, 小孩) are left
    alone."""
    engine = nlp.nlp_engine
    if not isinstance(engine, JiebaNlpEngine):
        return
    for match in _PARENT_OF.finditer(text):
        nickname = match.group(1)
        if nickname[0] != nickname[1] and nickname[1] not in GIVEN_CHARS:
            continue  # 小孩妈妈, 阿姨妈妈: not a given name's character
        if engine.frequency(nickname) < _RARE_FREQUENCY:
            yield match.span(1)


def dotted_names(text: str) -> Iterator[tuple[int, int]]:
    """Transliterated names whose parts a middle dot joins (阿依古丽·买买提), wherever they
    stand: the dot between two runs of name characters is the evidence. The first part
    starts after the last character that is no part of names (名字是努尔艾力·吐尔逊)."""
    for dot in re.finditer(r"[·•・]", text):
        start = dot.start()
        while start > 0 and text[start - 1] in _NAME_CHARS and dot.start() - start < 5:
            start -= 1
        end = dot.end()
        while end < len(text) and text[end] in _NAME_CHARS and end - dot.end() < 5:
            end += 1
        if dot.start() - start >= 2 and end - dot.end() >= 2:
            yield start, end


def _everyday_word(word: str, engine: object) -> bool:
    if not isinstance(engine, JiebaNlpEngine):
        return False
    return engine.tag(word) not in (None, *NAME_TAGS) and engine.frequency(word) >= _RARE_FREQUENCY
