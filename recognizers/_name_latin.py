"""Names in Latin letters, and the Han name in brackets after a name.

A name in pinyin (YIN QI, Zhang Xiaoming) follows a Han name already found (殷琪 YIN QI)
or a cue such as 拼音 or name: every word must split into pinyin syllables, so an English
word or an abbreviation (DNA, HPV) is none. An English name (Amy Lin) counts only where a
name is expected, and after a weaker cue (我是) only when it ends in a Chinese surname in
pinyin, so that 我是Apple Watch的用户 stays untouched.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from recognizers._name_cues import KEY_CUE, MEDIUM_CUE, STRONG_CUE
from recognizers._name_words import looks_like_name
from recognizers._needs import need_of, satisfied, text_chars

# Pinyin: an optional initial and a final; a name's word has one to three syllables.
_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|in|un|"
    r"ia|ie|iu|ua|uo|ue|ui|ve|a|o|e|i|u|v)"
)
_PINYIN_WORD = re.compile(rf"(?:{_SYLLABLE}){{1,3}}", re.IGNORECASE)
_LATIN_NAME = re.compile(r"[A-Za-z]+(?:[ \-][A-Za-z]+){1,2}(?![A-Za-z])")
_PINYIN_GAP = re.compile(r"[\s(（/,，]*")
_PINYIN_CUE = re.compile(r"(?:拼音|英文名字?|护照名字?|護照名字?)[是为為写寫：:\s]*")
# An English name (Amy Lin, Michael Brown): two or three capitalised words. Only where a
# name is expected: right after a cue (我是, 男朋友, 预约人, name:), before the Chinese
# name it stands for (中文名…, （欧薇薇）), or before a passport.
_ENGLISH_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}(?![A-Za-z])")
_ENGLISH_GAP = re.compile(r"[\s:：]*")
_ENGLISH_BEFORE = re.compile(
    r"\s*(?:中文名|中文名字|[(（][\u4e00-\u9fff]{2,4}[)）]|[\u4e00-\u9fff]{0,2}(?:护照|護照|passport))",
    re.IGNORECASE,
)
_ENGLISH_CUE_WORDS = re.compile(r"(?:员工|員工|外籍|客户|客戶|来访者|來訪者)\s*")
# A name's other form in brackets right after it: Vivian Ou（欧薇薇）, 欧薇薇 (Vivian Ou).
_ALIAS = re.compile(r"\s*[(（]([\u4e00-\u9fff]{2,4})[)）]")
# What a text must hold for either kind of name (worked out from the regexes): most chat
# messages have no Latin letter, and then the cues are not searched for one.
_PINYIN_NEED = need_of(_LATIN_NAME.pattern, _LATIN_NAME.flags)
_ENGLISH_NEED = need_of(_ENGLISH_NAME.pattern, _ENGLISH_NAME.flags)


def pinyin_names(text: str, named: Collection[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Names in pinyin right after a name already found or after a cue (拼音, name:)."""
    if not satisfied(_PINYIN_NEED, text_chars(text)):
        return
    starts = [end for _, end in named]
    starts += [cue.end() for cue in _PINYIN_CUE.finditer(text)]
    starts += [cue.end() for cue in KEY_CUE.finditer(text)]
    for pos in starts:
        gap = _PINYIN_GAP.match(text, pos)
        begin = gap.end() if gap else pos
        match = _LATIN_NAME.match(text, begin)
        if match and all(_PINYIN_WORD.fullmatch(w) for w in re.split(r"[ \-]", match.group())):
            yield match.span()


def english_names(text: str) -> Iterator[tuple[int, int]]:
    """English names (Amy Lin) right after a cue or before the name's Chinese form."""
    if not satisfied(_ENGLISH_NEED, text_chars(text)):
        return
    for pattern in (MEDIUM_CUE, STRONG_CUE, KEY_CUE, _ENGLISH_CUE_WORDS):
        for cue in pattern.finditer(text):
            gap = _ENGLISH_GAP.match(text, cue.end())
            match = _ENGLISH_NAME.match(text, gap.end() if gap else cue.end())
            # After a weaker cue the last word must be a Chinese surname in pinyin (Amy Lin,
            # Jason Wu), so that 我是Apple Watch的用户 stays untouched.
            if match and (
                pattern is not MEDIUM_CUE or _PINYIN_WORD.fullmatch(match.group().split()[-1])
            ):
                yield match.span()
    for match in _ENGLISH_NAME.finditer(text):
        if _ENGLISH_BEFORE.match(text, match.end()):
            yield match.span()


def aliases(text: str, named: Collection[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """A name-shaped Han name in brackets right after a name found (Vivian Ou（欧薇薇）)."""
    for _, end in named:
        match = _ALIAS.match(text, end)
        if match and looks_like_name(match.group(1)):
            yield match.span(1)
