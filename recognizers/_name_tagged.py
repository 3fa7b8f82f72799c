"""Names found in jieba's tags, with no cue: a token tagged as a person's name (nr) that
starts with a known surname, a surname jieba tagged on its own before given characters it
hardly knows (卜 + 婷婷), and a compound surname before a given name (宇文辉).

How strong each is depends on jieba's dictionary: a name it does not know was found by its
HMM and is masked without a cue ("bare"); a dictionary word it tags as a name (康复, 艾灸)
stays "weak" until a context word lifts it. The recognizer turns these into scores.
"""

from __future__ import annotations

import re
from typing import Literal

from gateway.nlp_engine import ChineseNlpArtifacts, JiebaNlpEngine
from recognizers._given_names import GIVEN_CHARS
from recognizers._name_medical import clinical_word, measured, medical_context
from recognizers._name_tokens import hidden_name, split_name
from recognizers._name_words import (
    HAN,
    NAME_TAGS,
    after_numeral,
    common_word,
    dictionary_word,
    is_given_name,
    looks_like_name,
    unknown_word,
)
from recognizers._surnames import COMPOUND, surname_length

Strength = Literal["bare", "weak", "medium"]

# Compound surnames that are also everyday words (east, fifth, west gate); after a pronoun
# (我南宫月) they are surnames.
_COMPOUND_WORDS = frozenset("东方 東方 第五 西门 西門 百里 南宫 南宮".split())
_PRONOUN_BEFORE = re.compile(r"[我他她]$")
# jieba's HMM tags a district or county it does not know as a name (梁溪区, 鄞州区): no
# given name ends in these characters, which end the names of regions.
_REGION_ENDS = frozenset("区县省市镇")


def tagged_names(text: str, nlp: ChineseNlpArtifacts) -> list[tuple[tuple[int, int], Strength]]:
    """Tokens jieba tags as names, and compound surnames followed by a given name."""
    words, starts, flags = nlp.words, nlp.tokens_indices, nlp.pos_flags
    engine = nlp.nlp_engine
    spans: list[tuple[tuple[int, int], Strength]] = []
    for i, word in enumerate(words):
        if surname_length(word) == 0:
            continue  # every kind of name below starts with a surname
        start = starts[i]
        if after_numeral(text, start):
            continue  # 二十八周加五天: 周 is a week
        if flags[i] in NAME_TAGS and looks_like_name(word) and not common_word(word, engine):
            end = start + len(word)
            if len(word) == 3 and word[-1] in _REGION_ENDS:
                continue
            if measured(text, end) or clinical_word(text, start, end, nlp):
                continue
            if dictionary_word(word, engine):
                continue
            bare = (
                unknown_word(word, engine)
                and not medical_context(text, start, end)
                and not (len(word) == 2 and _described(text, start, word, engine))
            )
            if bare and len(word) == 2 and hidden_name(text, start, 1, nlp):
                end += 1  # 冉晓 + 萱: jieba left the last given character on its own
            spans.append(((start, end), "bare" if bare else "weak"))
        elif _split_after_surname(text, i, nlp):
            # 卜 + 婷婷, 邬 + 明哲, 宓 + 雨 + 萱: a surname jieba reads as one (tagged nr
            # on its own) and given-name characters it hardly knows as a word
            spans.append(((start, start + 3), "bare"))
        elif (
            word in COMPOUND
            and i + 1 < len(words)
            and is_given_name(words[i + 1])
            and not common_word(word + words[i + 1], engine)
        ):
            # 宇文辉, 令狐娟: a compound surname is hardly ever anything else, unless it is
            # also an everyday word (东方, 第五) with no pronoun before it.
            weak = word in _COMPOUND_WORDS and not _PRONOUN_BEFORE.search(
                text, max(0, start - 1), start
            )
            end = starts[i + 1] + len(words[i + 1])
            spans.append(((start, end), "weak" if weak else "medium"))
    return spans


def _described(text: str, start: int, word: str, engine: object) -> bool:
    """Whether a two-character "name" glued to the word before it ends in an adjective
    rare in names: a description of that word (舌苔白厚, 大便黄稀), not a name."""
    return (
        start > 0
        and HAN.match(text, start - 1) is not None
        and word[-1] not in GIVEN_CHARS
        and isinstance(engine, JiebaNlpEngine)
        and engine.tag(word[-1]) == "a"
    )


def _split_after_surname(text: str, i: int, nlp: ChineseNlpArtifacts) -> bool:
    words, flags = nlp.words, nlp.pos_flags
    if len(words[i]) != 1 or surname_length(words[i]) != 1:
        return False
    engine = nlp.nlp_engine
    if flags[i] not in NAME_TAGS and not (
        isinstance(engine, JiebaNlpEngine) and engine.tag(words[i]) in NAME_TAGS
    ):
        return False  # jieba reads it as a surname here, or its dictionary knows it as one
    start = nlp.tokens_indices[i]
    end = start + 3
    return (
        split_name(start, 1, nlp)
        and unknown_word(text[start:end], nlp.nlp_engine)
        and not measured(text, end)
        and not medical_context(text, start, end)
        and not clinical_word(text, start, end, nlp)
    )
