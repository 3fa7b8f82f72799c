"""jieba's part-of-speech HMM, decoded with the same model and the same answers, faster.

jieba's own decoder scores every (previous state, state) pair at each character, although
each state can follow only a few others; about half of a chat message's scan went there.
This decoder walks only the transitions the model has. It keeps jieba's arithmetic
(previous score + transition + emission, added in that order) and its tie-break (the larger
state wins), so the tags are identical: tests/test_pos_viterbi.py compares both on the real
patient corpus.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import jieba.posseg
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

State = tuple[str, str]  # (B/M/E/S position in the word, part-of-speech tag)

_MIN_FLOAT = -3.14e100  # jieba's score for an emission the model never saw

# Successors of each state that has any, as a list for fast iteration.
_SUCCESSORS: dict[State, list[tuple[State, float]]] = {
    state: list(nexts.items()) for state, nexts in trans_P.items() if nexts
}
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
        live = [(y0, score[y0], _SUCCESSORS[y0]) for y0 in score if y0 in _SUCCESSORS]
        reachable = {y for _, _, nexts in live for y, _ in nexts}
        allowed = reachable.intersection(states_of.get(ch, _ALL_STATES)) or reachable
        best: dict[State, float] = {}
        came_from: dict[State, State] = {}
        for y0, v0, nexts in live:
            for y, p in nexts:
                if y not in allowed:
                    continue
                s = v0 + p + emit_P[y].get(ch, _MIN_FLOAT)
                old = best.get(y)
                # jieba takes max((score, state)): a tie goes to the larger previous state.
                if old is None or s > old or (s == old and y0 > came_from[y]):
                    best[y] = s
                    came_from[y] = y0
        score = best
        back.append(came_from)
    state = max((v, y) for y, v in score.items())[1]
    path = [state]
    for step in reversed(back[1:]):
        state = step[state]
        path.append(state)
    path.reverse()
    return path


class FastPOSTokenizer(jieba.posseg.POSTokenizer):  # type: ignore[misc]  # jieba is untyped
    """jieba's POSTokenizer with `decode` in place of its HMM decoder.

    jieba calls its decoder from a name-mangled private method; overriding that one method
    keeps every other step of jieba's segmentation as it is. jieba is pinned in
    pyproject.toml because of this.
    """

    def _POSTokenizer__cut(self, sentence: str) -> Iterator[jieba.posseg.pair]:
        path = decode(sentence)
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
