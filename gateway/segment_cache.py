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

from collections import OrderedDict
from collections.abc import Iterator
from functools import lru_cache

import jieba
import jieba.posseg
from jieba.posseg import re_han_internal

from gateway.pos_viterbi import FastPOSTokenizer, State, decode

Tagged = tuple[tuple[str, str], ...]  # (word, part-of-speech flag) for each word

# Runs longer than this are not remembered: long runs hardly repeat, and the bound keeps
# the memory small (at most about 4,096 runs of 24 characters with their words).
MAX_RUN = 24
RUNS = 4096
# The unknown stretches jieba hands to its HMM are short (two or three characters in most
# cases) and repeat across different runs (我想, 都没, 岁了).
STRETCHES = 4096


@lru_cache(maxsize=STRETCHES)
def _decode(stretch: str) -> tuple[State, ...]:
    return tuple(decode(stretch))


class CachedPOSTokenizer(FastPOSTokenizer):
    """FastPOSTokenizer that remembers, least recently used first out, the words and tags of
    the last `RUNS` short runs it cut, and the HMM's states for the last `STRETCHES`
    unknown stretches."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        super().__init__(tokenizer)
        self._runs: OrderedDict[str, Tagged] = OrderedDict()

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """The words of `text` with their tags, as `cut` gives them."""
        self.makesure_userdict_loaded()
        words: list[tuple[str, str]] = []
        for block in re_han_internal.split(text):
            if not block:
                continue
            if not re_han_internal.match(block):
                # Punctuation and spaces: jieba's own handling, which is cheap.
                words.extend((p.word, p.flag) for p in super().cut(block))
                continue
            known = self._runs.get(block)
            if known is not None:
                self._runs.move_to_end(block)
                words.extend(known)
                continue
            cut = tuple((p.word, p.flag) for p in self._POSTokenizer__cut_DAG(block))
            words.extend(cut)
            if len(block) <= MAX_RUN and _no_ascii_alnum(block):
                self._runs[block] = cut
                if len(self._runs) > RUNS:
                    self._runs.popitem(last=False)
        return words

    def _POSTokenizer__cut(self, sentence: str) -> Iterator[jieba.posseg.pair]:
        path = _decode(sentence)
        return self._pairs(sentence, path)


def _no_ascii_alnum(block: str) -> bool:
    return not any(ch.isascii() and ch.isalnum() for ch in block)
