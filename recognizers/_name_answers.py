"""The name given as the answer to a question for it, in a conversation's next turn.

In a chat excerpt the counsellor asks 宝宝叫什么, 怎么称呼 or 贵姓, and the visitor's next
turn is the name, often nothing else: "访客：王", "[家长] 叫朵朵，大名…", "贝贝". The
question says a name comes; the answer's shape says which kind:

- a surname alone (王, 欧阳);
- a name of surname and given name, unless an everyday word (可以, 还好);
- a nickname: a doubled character, 小 and one or two characters, or a short word that
  jieba does not know as an everyday word, pronoun, adverb or verb (checked as after 小名).

A turn opens with the speaker's label (访客：, [家长]) or stands on the line after a label
and a time (来访者 23:55).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gateway.nlp_engine import ChineseNlpArtifacts
from recognizers._name_free import nickname_at
from recognizers._name_nicknames import nickname_word
from recognizers._name_words import common_word, looks_like_name
from recognizers._surnames import surname_length

_HAN = r"\u4e00-\u9fff"
# A question for a name, and the rest of its line.
_QUESTION = re.compile(
    r"(?:叫什么|叫啥|怎么称呼|如何称呼|怎么稱呼|贵姓|貴姓|尊姓|姓什么|什么名字|名字是什么|姓名是什么)"
    r"[^\n]*\n"
)
# A speaker's label and a time on a line of their own (来访者 23:55).
_HEADER_LINE = re.compile(r"[^\n]{1,12}\s\d{1,2}:\d{2}(?::\d{2})?[ \t]*\n")
# The speaker's label that opens a turn, then words that announce the name.
_TURN_START = re.compile(
    r"[ \t]*(?:\[[^\]\n]{1,8}\]|【[^】\n]{1,8}】|[^\s：:\n\d]{1,8}[：:])?[ \t]*"
    r"(?:免贵姓|免貴姓|我姓|姓|我叫|叫|他叫|她叫)?"
)
# The answer: Han characters up to punctuation, a space or the end of the line.
_ANSWER = re.compile(rf"([{_HAN}]{{1,4}})(?=[\s，,。.！!、]|\Z)")


def answered_names(text: str, nlp: ChineseNlpArtifacts) -> Iterator[tuple[int, int]]:
    """Spans of the names given in the turn after a question for a name."""
    for question in _QUESTION.finditer(text):
        pos = question.end()
        header = _HEADER_LINE.match(text, pos)
        if header:
            pos = header.end()
        turn = _TURN_START.match(text, pos)
        answer = _ANSWER.match(text, turn.end() if turn else pos)
        if answer is None:
            continue
        word, start, end = answer.group(1), answer.start(1), answer.end(1)
        engine = nlp.nlp_engine
        if (
            surname_length(word) == len(word)
            or (looks_like_name(word) and not common_word(word, engine))
            or nickname_word(word, engine, called=True)
        ):
            yield start, end
            continue
        nickname = nickname_at(text, start, nlp)
        if nickname and nickname[1] == end:
            yield nickname
