"""jieba's part-of-speech HMM, decoded with the same model and the same answers, faster.

jieba's own decoder scores every (previous state, state) pair at each character in
Python, building a tuple per pair; about half of a chat message's scan went there. This
decoder holds the model's transitions in one matrix (row: the state moved into) and
scores, for each state a character can take (about 25), all its previous states in one
array operation. It keeps jieba's arithmetic (previous score + transition + emission, added
in that order: float addition is the same in numpy), its tie-break (the larger state wins:
states are numbered in jieba's order, and the larger number is taken among equal scores),
and its fallback (every state the live ones lead to, when the character allows none of
them), so the tags are identical: tests/test_pos_viterbi.py compares both on the real
patient corpus.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import jieba.posseg
import numpy as np
import numpy.typing as npt
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

State = tuple[str, str]  # (B/M/E/S position in the word, part-of-speech tag)
_Scores = npt.NDArray[np.float64]
_Indices = npt.NDArray[np.intp]

_MIN_FLOAT = -3.14e100  # jieba's score for an emission the model never saw

# States in jieba's order, so that a larger index is a larger state.
_STATES: tuple[State, ...] = tuple(sorted(trans_P))
_INDEX = {state: i for i, state in enumerate(_STATES)}
_LAST = len(_STATES) - 1
# _INTO[y, y0]: the log probability of moving from y0 to y; minus infinity where the model
# has no such transition, so that it never wins.
_INTO = np.full((len(_STATES), len(_STATES)), -np.inf)
for _y0, _nexts in trans_P.items():
    for _y, _p in _nexts.items():
        _INTO[_INDEX[_y], _INDEX[_y0]] = _p
_START = np.array([start_P[y] for y in _STATES])

# For each character seen, the states it can take (sorted indices) and their emissions;
# None for a character the model lists no states for. At most one entry per Han character.
_CHARS: dict[str, tuple[_Indices, _Scores] | None] = {}


def _states_of(ch: str) -> tuple[_Indices, _Scores] | None:
    if ch not in _CHARS:
        states = char_state_tab_P.get(ch)
        if states:
            indices = np.array(sorted(_INDEX[y] for y in states), dtype=np.intp)
            emissions = np.array([emit_P[_STATES[i]].get(ch, _MIN_FLOAT) for i in indices])
            _CHARS[ch] = (indices, emissions)
        else:
            _CHARS[ch] = None
    return _CHARS[ch]


def _emissions(ch: str) -> _Scores:
    """The emission of `ch` from every state (the rare fallback: no cached row)."""
    return np.array([emit_P[y].get(ch, _MIN_FLOAT) for y in _STATES])


def decode(text: str) -> list[State]:
    """The most likely state for each character of `text` (a run of Han characters)."""
    first = _states_of(text[0])
    if first is None:
        score = _START + _emissions(text[0])
    else:
        score = np.full(len(_STATES), -np.inf)
        score[first[0]] = _START[first[0]] + first[1]
    back: list[_Indices] = []
    for ch in text[1:]:
        options = _states_of(ch)
        if options is not None:
            indices, emissions = options
            sums = score + _INTO[indices]  # one row per state the character can take
            sums += emissions[:, None]
            best = sums.max(axis=1)
            reached = best > -np.inf
            if reached.any():
                came_from = np.full(len(_STATES), -1, dtype=np.intp)
                # the last of the equal maxima: the larger previous state
                came_from[indices] = _LAST - sums[:, ::-1].argmax(axis=1)
                score = np.full(len(_STATES), -np.inf)
                score[indices[reached]] = best[reached]
                back.append(came_from)
                continue
        # jieba's fallback: every state a live state leads to.
        sums = score + _INTO
        sums += _emissions(ch)[:, None]
        score = sums.max(axis=1)
        back.append(_LAST - sums[:, ::-1].argmax(axis=1))
    state = _LAST - int(score[::-1].argmax())
    path = [state]
    for came_from in reversed(back):
        state = int(came_from[state])
        path.append(state)
    path.reverse()
    return [_STATES[i] for i in path]


class FastPOSTokenizer(jieba.posseg.POSTokenizer):  # type: ignore[misc]  # jieba is untyped
    """jieba's POSTokenizer with `decode` in place of its HMM decoder.

    jieba calls its decoder from a name-mangled private method; overriding that one method
    keeps every other step of jieba's segmentation as it is. jieba is pinned in
    pyproject.toml because of this.
    """

    def _POSTokenizer__cut(self, sentence: str) -> Iterator[jieba.posseg.pair]:
        return self._pairs(sentence, decode(sentence))

    @staticmethod
    def _pairs(sentence: str, path: Sequence[State]) -> Iterator[jieba.posseg.pair]:
        """The words and tags of `sentence` that the states in `path` mark."""
        begin, rest = 0, 0
        for i, (position, tag) in enumerate(path):
            if position == "B":
                begin = i
            elif position == "E":
                yield jieba.posseg.pair(sentence[begin : i + 1], tag)
                rest = i + 1
            elif position == "S":
                yield jieba.posseg.pair(sentence[i], tag)
                rest = i + 1
        if rest < len(sentence):
            yield jieba.posseg.pair(sentence[rest:], path[rest][1])
