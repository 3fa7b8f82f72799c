"""jieba's part-of-speech cut of one run of text, in one pass and without its generators.

jieba's posseg cuts a run (Han characters, Latin letters and digits) in three steps: a dict
of the dictionary words that start at each position (its DAG), a dict of the best route
from each position, then a walk along the route through nested generators that build a
`pair` object per word. Here the first two are one right-to-left loop and the walk fills a
list of tuples; jieba's arithmetic (log frequency minus log total, plus the route's
score after the word, added in that order) and its tie-break (the longer word wins) are
kept, so the words and tags are jieba's: tests/test_pos_cut.py compares the two.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from math import log

import jieba
import jieba.posseg

Tagged = tuple[tuple[str, str], ...]  # (word, part-of-speech flag) for each word

# jieba's splits of an unknown stretch (posseg's re_han_detail, re_skip_detail, re_num,
# re_eng): Han characters go to the HMM, numbers are m, letters eng, anything else x.
_HAN_DETAIL = re.compile("([\u4e00-\u9fd5]+)")
_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_NUM = re.compile(r"[\.0-9]+")
_ENG = re.compile("[a-zA-Z0-9]+")
# The cost remembered for a fragment that only begins dictionary words (frequency 0).
_PREFIX_ONLY = float("inf")


class RunCutter:
    """Cuts runs as jieba's `POSTokenizer.cut` cuts them, with `stretch` (the HMM's words
    and tags for a stretch of Han characters no dictionary word covers) supplied."""

    def __init__(self, pos: jieba.posseg.POSTokenizer, stretch: Callable[[str], Tagged]) -> None:
        self._pos = pos
        self._tokenizer = pos.tokenizer
        self._freq: dict[str, int] = pos.tokenizer.FREQ
        self._tags: dict[str, str] = pos.word_tag_tab
        self._stretch = stretch
        # Each dictionary word's cost (log frequency minus log total), worked out once, and
        # _PREFIX_ONLY for what only begins words; at most one entry per dictionary entry.
        self._cost: dict[str, float] = {}
        self._total = 0
        self._log_total = 0.0

    def cut(self, run: str) -> list[tuple[str, str]]:
        """The words of `run` (one match of posseg's re_han_internal) and their tags."""
        # Words added change the total, and so every cost. (jieba's del_word, a frequency of
        # 0 that leaves the total alone, is not followed: the engine never calls it.)
        if self._tokenizer.total != self._total:
            self._total = self._tokenizer.total
            self._log_total = log(self._total)
            self._cost.clear()
        # jieba may have loaded its dictionary or its tags afresh
        self._freq, self._tags = self._tokenizer.FREQ, self._pos.word_tag_tab
        ends = self._route(run)
        words: list[tuple[str, str]] = []
        tags = self._tags
        n = len(run)
        x = 0
        singles = -1  # where the current stretch of one-character words began
        while x < n:
            y = ends[x]
            if y - x == 1:
                if singles < 0:
                    singles = x
            else:
                if singles >= 0:
                    self._singles(run[singles:x], words)
                    singles = -1
                word = run[x:y]
                words.append((word, tags.get(word, "x")))
            x = y
        if singles >= 0:
            self._singles(run[singles:], words)
        return words

    def _route(self, run: str) -> list[int]:
        """For each position, where the best route's word from it ends (jieba's DAG and
        `calc` in one loop, from the right)."""
        freq, cost, log_total = self._freq, self._cost, self._log_total
        n = len(run)
        score = [0.0] * (n + 1)
        ends = [0] * n
        unknown = log(1) - log_total  # jieba's cost of a character its dictionary lacks
        for k in range(n - 1, -1, -1):
            best = unknown + score[k + 1]
            best_end = 0
            i = k + 1
            fragment = run[k]
            # The dictionary holds every prefix of its words (with frequency 0), so the
            # walk stops at the first fragment that begins no word.
            while True:
                c = cost.get(fragment)
                if c is None:
                    f = freq.get(fragment)
                    if f is None:
                        break
                    c = cost[fragment] = log(f) - log_total if f else _PREFIX_ONLY
                if c is not _PREFIX_ONLY:
                    s = c + score[i]
                    if best_end == 0 or s >= best:  # a tie goes to the longer word
                        best, best_end = s, i
                if i >= n:
                    break
                i += 1
                fragment = run[k:i]
            score[k] = best
            ends[k] = best_end or k + 1
        return ends

    def _singles(self, stretch: str, words: list[tuple[str, str]]) -> None:
        """One-character words in a row: jieba tags them from its dictionary when they are
        one character or a word it knows, and hands the rest to its HMM."""
        tags = self._tags
        if len(stretch) == 1:
            words.append((stretch, tags.get(stretch, "x")))
        elif self._freq.get(stretch):
            words.extend((ch, tags.get(ch, "x")) for ch in stretch)
        else:
            for block in _HAN_DETAIL.split(stretch):
                if not block:
                    continue
                if _HAN_DETAIL.match(block):
                    words.extend(self._stretch(block))
                    continue
                for piece in _SKIP_DETAIL.split(block):
                    if not piece:
                        continue
                    if _NUM.match(piece):
                        words.append((piece, "m"))
                    elif _ENG.match(piece):
                        words.append((piece, "eng"))
                    else:
                        words.append((piece, "x"))


def words_of(stretch: str, path: Sequence[tuple[str, str]]) -> Tagged:
    """The words and tags of `stretch` that the HMM's states in `path` mark (B, M, E: a
    word's begin, middle and end; S: a word of one character)."""
    words = []
    begin = rest = 0
    for i, (position, tag) in enumerate(path):
        if position == "B":
            begin = i
        elif position == "E":
            words.append((stretch[begin : i + 1], tag))
            rest = i + 1
        elif position == "S":
            words.append((stretch[i], tag))
            rest = i + 1
    if rest < len(stretch):
        words.append((stretch[rest:], path[rest][1]))
    return tuple(words)
