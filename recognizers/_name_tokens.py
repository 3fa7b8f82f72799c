"""What jieba's tokens at a candidate name say: that jieba cut a name in pieces (毛子 + 豪,
卜 + 婷婷), or that it read the "surname" as a verb, an adverb or part of another word (都,
来 + 看病, 平时), so the candidate is no name.

Used for the name after a cue, for the tokens jieba tagged as names and for names before a
title.
"""

from __future__ import annotations

from gateway.nlp_engine import ChineseNlpArtifacts, JiebaNlpEngine
from recognizers._given_names import GIVEN_CHARS
from recognizers._name_words import FUNCTION_TAGS, HAN, NAME_TAGS
from recognizers._surnames import surname_length

VERB_OR_FUNCTION = ("v", "d", *FUNCTION_TAGS)

# jieba's dictionary frequency under which a word is rare enough to be part of a name
# rather than the word (毛子: 31, the start of 毛子豪).
_RARE_WORD_FREQUENCY = 100


def hidden_name(text: str, pos: int, surname_len: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether jieba split a three-character name after a cue as a word of surname and
    first given character, then the last character alone (毛子 + 豪, 毛梓 + 萱, 何佑 + 安,
    唐诗 + 涵). Both given characters must be common in names, and the word rare or unknown,
    or the three characters a field of their own (我女儿唐诗涵 12岁)."""
    i = nlp.token_at.get(pos)
    if i is None or i + 1 >= len(nlp.words) or surname_len != 1:
        return False
    first, last = nlp.words[i], nlp.words[i + 1]
    if len(first) != 2 or len(last) != 1 or nlp.pos_flags[i + 1].startswith(FUNCTION_TAGS):
        return False
    if first[1] not in GIVEN_CHARS or last not in GIVEN_CHARS:
        return False
    if nlp.pos_flags[i + 1] in NAME_TAGS:
        return True  # jieba itself reads the last character as a name's (金子 + 轩)
    end = pos + 3
    if end == len(text) or HAN.match(text, end) is None:
        return True
    engine = nlp.nlp_engine
    return isinstance(engine, JiebaNlpEngine) and engine.frequency(first) < _RARE_WORD_FREQUENCY


def split_name(pos: int, surname_len: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether jieba split a name at `pos` into the surname alone, whatever it took that for
    (卜: nr, 尚: an adverb), and a two-character given name: a word it hardly knows, made
    of characters common in given names (婷婷, 德福; not 挺好, 时间) or that it tags as a
    name (明哲); or two such characters standing alone, that end the run of Han
    characters (宓 + 雨 + 萱)."""
    i = nlp.token_at.get(pos)
    engine = nlp.nlp_engine
    words, flags = nlp.words, nlp.pos_flags
    if not isinstance(engine, JiebaNlpEngine) or i is None or i + 1 >= len(words):
        return False
    if len(words[i]) != surname_len:
        return False
    given, flag = words[i + 1], flags[i + 1]
    if len(given) == 2:
        return (
            all(ch in GIVEN_CHARS for ch in given)
            and not flag.startswith(VERB_OR_FUNCTION)
            and (flag in NAME_TAGS or engine.frequency(given) < _RARE_WORD_FREQUENCY)
        )
    return (
        i + 2 < len(words)
        and all(
            len(words[j]) == 1
            and words[j] in GIVEN_CHARS
            and not flags[j].startswith(VERB_OR_FUNCTION)
            for j in (i + 1, i + 2)
        )
        and (i + 3 == len(words) or not HAN.match(words[i + 3]))
    )


def single_char_word(pos: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether jieba made the character at `pos` a one-character verb or function word."""
    i = nlp.token_at.get(pos)
    if i is None:
        return False
    return len(nlp.words[i]) == 1 and nlp.pos_flags[i].startswith(VERB_OR_FUNCTION)


def verb_then_word(pos: int, surname_len: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether jieba read the "surname" as a verb or adverb of its own and what follows as
    another verb or adverb (老公来看病: 来 + 看病; but 我是戴建平: 戴 + 建平, a noun)."""
    i = nlp.token_at.get(pos)
    if i is None or i + 1 >= len(nlp.words) or len(nlp.words[i]) != surname_len:
        return False
    engine = nlp.nlp_engine
    return (
        nlp.pos_flags[i].startswith(VERB_OR_FUNCTION)
        and nlp.pos_flags[i + 1].startswith(VERB_OR_FUNCTION)
        and isinstance(engine, JiebaNlpEngine)
        and engine.frequency(nlp.words[i + 1]) >= _RARE_WORD_FREQUENCY
    )


def used_as_word(pos: int, nlp: ChineseNlpArtifacts) -> bool:
    """Whether jieba read the text at `pos` as another word: an adverb or particle (都), or a
    longer word not tagged as a name (平时, 宫外孕, 应当)."""
    i = nlp.token_at.get(pos)
    if i is None:
        return False
    flag, word = nlp.pos_flags[i], nlp.words[i]
    # yg is a bound morpheme (禚), not the particle y
    if flag != "yg" and flag.startswith(("d", *FUNCTION_TAGS)):
        return True
    return len(word) > surname_length(word) and flag not in NAME_TAGS
