"""jieba's part-of-speech HMM, decoded with the same model and the same answers, faster.

jieba's own decoder scores every (previous state, state) pair at each character, although
each state can follow only a few others; about half of a chat message's scan went there.
This decoder intersects, for each state a character can take (about ten), the states
that lead to it with the live ones, and walks all transitions only where the character
allows none of them. It keeps jieba's arithmetic
(previous score + transition + emission, added in that order) and its tie-break (the larger
state wins), so the tags are identical: tests/test_pos_viterbi.py compares both on the real
patient corpus.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import jieba.posseg
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

State = tuple[str, str]  # (B/M/E/S position in the word, part-of-speech tag)

_MIN_FLOAT = -3.14e100  # jieba's score for an emission the model never saw

# The states each state can move to, and those each state can be reached from, with the
# transition's log probability.
_NEXT: dict[State, dict[State, float]] = {state: nexts for state, nexts in trans_P.items() if nexts}
_PREVIOUS: dict[State, dict[State, float]] = {}
for _y0, _nexts in _NEXT.items():
    for _y, _p in _nexts.items():
        _PREVIOUS.setdefault(_y, {})[_y0] = _p
_ALL_STATES: tuple[State, ...] = tuple(trans_P)


def decode(text: str) -> list[State]:
    """The most likely state for each character of `text` (a run of Han characters)."""
    states_of: Mapping[str, tuple[State, ...]] = char_state_tab_P
    first = text[0]
    score: dict[State, float] = {
        y: start_P[y] + emit_P[y].get(first, _MIN_FLOAT) for y in states_of.get(first, _ALL_STATES)
    }
    back: list[dict[State, State]] = [{}]
    for ch in text[1:]:
        candidates = states_of.get(ch)
        # jieba keeps the states the character can take that some live state leads to, or,
        # when there are none, every state a live state leads to.
        best, came_from = _step_into(ch, candidates, score) if candidates else ({}, {})
        if not best:
            best, came_from = _step_anywhere(ch, score)
        score = best
        back.append(came_from)
    state = max((v, y) for y, v in score.items())[1]
    path = [state]
    for step in reversed(back[1:]):
        state = step[state]
        path.append(state)
    path.reverse()
    return path


def _step_into(
    ch: str, candidates: tuple[State, ...], score: dict[State, float]
) -> tuple[dict[State, float], dict[State, State]]:
    """Best scores of the states `ch` can take, from the live states that lead to each (a
    set intersection, so the pairs that have no transition cost nothing)."""
    best: dict[State, float] = {}
    came_from: dict[State, State] = {}
    live = score.keys()
    for y in candidates:
        previous = _PREVIOUS.get(y)
        if previous is None:
            continue
        sources = previous.keys() & live
        if not sources:
            continue
        emit = emit_P[y].get(ch, _MIN_FLOAT)
        # jieba takes max((score, state)): a tie goes to the larger previous state.
        best[y], came_from[y] = max((score[y0] + previous[y0] + emit, y0) for y0 in sources)
    return best, came_from


def _step_anywhere(
    ch: str, score: dict[State, float]
) -> tuple[dict[State, float], dict[State, State]]:
    """Best scores of every state a live state leads to (a character the model has no
    states for, or none of whose states can follow)."""
    best: dict[State, float] = {}
    came_from: dict[State, State] = {}
    for y0, v0 in score.items():
        for y, p in _NEXT.get(y0, {}).items():
            s = v0 + p + emit_P[y].get(ch, _MIN_FLOAT)
            old = best.get(y)
            if old is None or s > old or (s == old and y0 > came_from[y]):
                best[y] = s
                came_from[y] = y0
    return best, came_from


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
