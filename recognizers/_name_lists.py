"""Names listed one after another: "团检名单：喻磊、霍婷、王平", "家属 王建军，刘芳".

A list of names is read as one when every item has the shape of a name and either a word
that announces a list of people comes before it (名单, 人员, 成员, 家属) or one of its
items is already a name by other evidence: then the items that are also everyday words
(王平, 宁静, 万里) are names too, because they stand among names. A list of symptoms or
drugs (头痛、发热、乏力; 高血压、糖尿病) has items that are no names, so it stays untouched.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from gateway.nlp_engine import ChineseNlpArtifacts
from recognizers._name_fields import label_word
from recognizers._name_words import (
    after_numeral,
    common_given,
    common_word,
    looks_like_name,
    numeral_given,
)
from recognizers._surnames import surname_length

# An item: two to four Han characters with no Han character on either side.
_ITEM = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff])")
# What may stand between two items of a list: a list mark, or spaces after a cue.
_MARK = re.compile(r"\s*[、，,；;/]\s*")
_SPACES = re.compile(r"\s+")
# Words that announce a list of people, right before it (after a colon or a space).
_LIST_CUE = re.compile(
    r"(?:名单|名單|人员|人員|成员|成員|员工|員工|家属|家屬|家人|同行人|参检人|参加人|报名人|"
    r"如下)[是为：:\s]*$"
)


def listed_names(
    text: str, nlp: ChineseNlpArtifacts, found: Collection[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """Spans of the items of name lists in `text`; `found` holds the names other evidence
    already found (at or above the threshold)."""
    engine = nlp.nlp_engine
    for chain, cued in _chains(text, engine):
        if not cued and not any(_contains(found, item) for item in chain):
            continue
        for start, end in chain:
            # Without a cue, an item that is an everyday word needs its own evidence.
            if cued or (start, end) in found or not common_word(text[start:end], engine):
                yield start, end


def _chains(text: str, engine: object) -> Iterator[tuple[list[tuple[int, int]], bool]]:
    """Runs of two or more name-shaped items, each run with whether a cue announced it.
    Items follow each other over a list mark (、，;), or over spaces in an announced list."""
    chain: list[tuple[int, int]] = []
    cued = False
    for item in _ITEM.finditer(text):
        start, end = item.span()
        if not _name_shaped(text, start, end, engine):
            if len(chain) > 1:
                yield chain, cued
            chain = []
            continue
        if chain and (
            _MARK.fullmatch(text, chain[-1][1], start)
            or (cued and _SPACES.fullmatch(text, chain[-1][1], start))
        ):
            chain.append((start, end))
            continue
        if len(chain) > 1:
            yield chain, cued
        chain = [(start, end)]
        cued = _LIST_CUE.search(text, max(0, start - 8), start) is not None
    if len(chain) > 1:
        yield chain, cued


def _name_shaped(text: str, start: int, end: int, engine: object) -> bool:
    word = text[start:end]
    return (
        looks_like_name(word)
        and not label_word(word)
        and not numeral_given(word)
        and not after_numeral(text, start)
        and not common_given(word[surname_length(word) :], engine)
    )


def _contains(found: Collection[tuple[int, int]], item: tuple[int, int]) -> bool:
    start, end = item
    return any(start <= f_start and f_end <= end for f_start, f_end in found)
