"""A child's (or a patient's) nickname used as the name: 琳琳, 糖糖, 小宝, 小石头.

Parents name the child by its nickname more often than by its full name, and next to the
age, the illness and a phone number the nickname tells who the child is. Two shapes are
nicknames: a doubled character (朵朵, 浩浩) and 小 with one or two characters (小宝, 小雨,
小石头). They count only where the place says a name stands:

- right after a word for the child or one's own family (孩子, 宝宝, 女儿, 我家, 我们家) or a
  friend (闺蜜, 朋友), with or without 叫 (孩子琳琳眼睛充血, 我们家小宝（…）, 我闺蜜小雨);
- right after 叫 or 我叫, ending the run of Han characters (叫小石头，大名…, 我叫小鱼 …);
- standing alone as a field before an age (团团 18个月, 浩浩 2岁).

Doubled words that are kin terms or everyday words (妈妈, 宝宝, 娃娃, 天天, 常常, 慢慢) and
小-words of everyday speech (小孩, 小时, 小便, 小区, 小的) are never nicknames, nor
words for a child's body (便便, 小屁屁) or a little action (动动); jieba's
dictionary says which are adverbs, time words or numerals (天天: t, 好好: d, 多多: m).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gateway.nlp_engine import ChineseNlpArtifacts, JiebaNlpEngine
from recognizers._name_words import NAME_TAGS

_HAN = r"\u4e00-\u9fff"
# Words for the child, one's family or a friend, after which a nickname names someone.
_WHOSE = (
    "孩子 宝宝 寶寶 小孩 女儿 儿子 女兒 兒子 闺女 孙子 孙女 外孙 外孙女 我家 我们家 我們家 "
    "俺家 咱家 闺蜜 閨蜜 朋友 同事 同学 同學"
).split()
_NICKNAME = rf"(?:([{_HAN}])\2|小[{_HAN}]{{1,2}})"
_AFTER_WHOSE = re.compile(
    "(?:" + "|".join(sorted(_WHOSE, key=len, reverse=True)) + rf")叫?({_NICKNAME})"
)
# 叫 and a nickname that ends the run of Han characters (叫小石头，…).
_AFTER_CALLED = re.compile(rf"叫({_NICKNAME})(?![{_HAN}])")
# A nickname as a field of its own before an age (团团 18个月, 浩浩 2岁).
_BEFORE_AGE = re.compile(
    rf"(?<![{_HAN}])({_NICKNAME})[\s,，]*(?:\d{{1,2}}|[一二三四五六七八九十两]{{1,3}})(?:岁|歲|个月|個月)"
)
# Kin terms and words for a child that are doubled characters: who someone is, not a name.
_KIN_DOUBLES = frozenset(
    "妈妈 爸爸 哥哥 姐姐 弟弟 妹妹 爷爷 奶奶 姥姥 姥爷 舅舅 叔叔 伯伯 姑姑 婆婆 公公 太太 "
    "爹爹 娘娘 嫂嫂 婶婶 嬷嬷 宝宝 娃娃 囡囡 媽媽 爺爺 寶寶 謝謝 谢谢 人人 事事 家家 样样 "
    "时时 步步 问问 看看 想想 试试 说说 玩玩 学学 画画 数数 哈哈 呵呵 嘿嘿 嘻嘻 哇哇 呜呜".split()
)
# Parts of speech of doubled words used as adverbs, time words, numerals, measure words,
# interjections, verbs and adjectives (天天, 常常, 多多, 哈哈, 看看, 大大).
_NOT_NICKNAME_TAGS = ("d", "t", "m", "q", "o", "y", "e", "v", "a", "b", "z", "r", "c", "p", "u")
# 小-words of everyday speech that jieba's dictionary tags as names or knows as nouns.
_SMALL_WORDS = frozenset(
    "小孩 小孩子 小孩儿 小儿 小朋友 小宝宝 小宝贝 小家伙 小姑娘 小伙子 小伙 小姐 小子 小娃 "
    "小时 小时候 小便 小腿 小手 小脚 小脸 小嘴 小腹 小肚子 小肠 小脑 小学 小学生 小区 小心 "
    "小米 小点 小红点 小疙瘩 小包 小问题 小手术 小病 小事 小儿子 小女儿 小女孩 小男孩 小狗 "
    "小名 乳名 小猫 小可爱 小东西 小丫头 小两口 小月子 小产 小叶 小号 小票 小卡 小屁孩 小小".split()
)
# 小 and a part of the body (小屁屁, 小脚丫, 小肚肚) or of an excretion: a child's body.
_BODY = frozenset("屁鸡肚脚手脸嘴腿眼耳鼻牙舌腹肠脑腰背臂指脖胸乳阴便肉腚蛋丁尿嘘粑臭")
# Particles that end 小 as an adjective (小的时候, 小了), and 叫/是 after it: no nickname.
_PARTICLES = frozenset("的了吗呢吧啊呀么着过得地叫是")
_RARE_FREQUENCY = 100


def nicknames(text: str, nlp: ChineseNlpArtifacts) -> Iterator[tuple[int, int]]:
    """Spans of the nicknames in `text` used as a person's name."""
    for pattern in (_AFTER_WHOSE, _AFTER_CALLED, _BEFORE_AGE):
        called = pattern is _AFTER_CALLED
        for match in pattern.finditer(text):
            span = _nickname(text, match.start(1), match.end(1), nlp, called)
            if span:
                yield span


def _nickname(
    text: str, start: int, end: int, nlp: ChineseNlpArtifacts, called: bool
) -> tuple[int, int] | None:
    """The nickname at `start`, ending at `end` or one character earlier (小雨介 is 小雨),
    cut where jieba cut it. After 叫 a 小-word jieba knows as a noun counts (我叫小鱼)."""
    if start not in nlp.boundaries:
        return None
    for stop in (end, end - 1):
        if stop - start >= 2 and stop in nlp.boundaries:
            word = text[start:stop]
            return (start, stop) if nickname_word(word, nlp.nlp_engine, called) else None
    return None


def nickname_word(word: str, engine: object, called: bool) -> bool:
    """Whether `word` is a doubled character or 小 and one or two characters that may be a
    nickname; `called`: said after 叫, where a 小-word jieba knows as a noun counts too."""
    if not isinstance(engine, JiebaNlpEngine):
        return False
    if word[0] == "小":
        if word[:2] in _SMALL_WORDS or word in _SMALL_WORDS or word[1] in _BODY:
            return False
        if word[-1] in _PARTICLES:
            return False
        # jieba's frequent nouns (小腿, 小区) are words, its names (小雨, 小宝) may be names
        return called or engine.tag(word) in NAME_TAGS or engine.frequency(word) < _RARE_FREQUENCY
    if len(word) != 2 or word[0] != word[1] or word in _KIN_DOUBLES or word[0] in _BODY:
        return False
    if (engine.tag(word[0]) or "").startswith("v") and engine.frequency(word[0]) >= 10000:
        return False  # a frequent verb doubled: a little action (动动, 走走, 抱抱)
    tag = engine.tag(word) or ""
    return not (tag.startswith(_NOT_NICKNAME_TAGS) and engine.frequency(word) >= _RARE_FREQUENCY)
