"""jieba's part-of-speech pass with a bounded memory of the runs of text it has cut.

jieba splits text into runs of Han characters (with Latin letters and digits between them)
and cuts each run on its own, whatever comes before or after it; so a run seen before
gives the same words and tags again, and chat repeats its short phrases between
punctuation ("医生你好", "谢谢", "想咨询一下"). The memory holds only runs without Latin
letters or digits, which carry the values of most identifiers and hardly ever repeat, and
only short ones. It lives in the worker's memory alone: nothing of it is logged, counted
by value or written anywhere.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache

import jieba
import jieba.posseg
from jieba.posseg import re_han_internal

from gateway.pos_cut import RunCutter, Tagged, words_of
from gateway.pos_viterbi import FastPOSTokenizer, decode

# Runs longer than this are not remembered: long runs hardly repeat, and the bound keeps
# the memory small (at most about 4,096 runs of 24 characters with their words).
MAX_RUN = 24
RUNS = 4096
# The unknown stretches jieba hands to its HMM are short (two or three characters in most
# cases) and repeat across different runs (我想, 都没, 岁了).
STRETCHES = 4096

# What jieba does between runs (posseg's re_skip_internal): a space or line break is one
# word, anything else (punctuation) one word per character, all tagged x.
_SPACE = re.compile(r"(\r\n|\s)")
_ASCII_ALNUM = re.compile("[0-9A-Za-z]")


@lru_cache(maxsize=STRETCHES)
def _stretch(stretch: str) -> Tagged:
    return words_of(stretch, decode(stretch))


class CachedPOSTokenizer(FastPOSTokenizer):
    """FastPOSTokenizer that remembers, least recently used first out, the words and tags of
    the last `RUNS` short runs it cut, and the HMM's words for the last `STRETCHES`
    unknown stretches."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        super().__init__(tokenizer)
        self._runs: OrderedDict[str, Tagged] = OrderedDict()
        self._cutter = RunCutter(self, _stretch)

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """The words of `text` with their tags, as `cut` gives them."""
        self.makesure_userdict_loaded()
        words: list[tuple[str, str]] = []
        # The split keeps the runs (re_han_internal's group): they are the odd pieces.
        for i, block in enumerate(re_han_internal.split(text)):
            if not block:
                continue
            if not i % 2:
                if len(block) == 1 and not block.isspace():
                    words.append((block, "x"))  # most often one punctuation mark
                    continue
                for piece in _SPACE.split(block):
                    if _SPACE.match(piece):
                        words.append((piece, "x"))
                    else:
                        words.extend((ch, "x") for ch in piece)
                continue
            known = self._runs.get(block)
            if known is not None:
                self._runs.move_to_end(block)
                words.extend(known)
                continue
            cut = self._cutter.cut(block)
            words.extend(cut)
            if len(block) <= MAX_RUN and not _ASCII_ALNUM.search(block):
                self._runs[block] = tuple(cut)
                if len(self._runs) > RUNS:
                    self._runs.popitem(last=False)
        return words
