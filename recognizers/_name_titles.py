"""Names right before a title: a staff title (李建华主任, 王璐医生), a form of address
(东方明宇 先生, 彭梓涵小朋友, 王梓轩宝宝) or 收 on a parcel (曹梅收). The title is the cue,
so the name is read backwards from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gateway.nlp_engine import ChineseNlpArtifacts, JiebaNlpEngine
from recognizers._given_names import GIVEN_CHARS
from recognizers._name_tokens import VERB_OR_FUNCTION
from recognizers._name_words import (
    NAME_TAGS,
    after_numeral,
    common_word,
    looks_like_name,
    unknown_word,
)
from recognizers._surnames import surname_length

# A full name before 收 (on a parcel) or before 先生/女士/小姐, also after a space (东方明宇
# 先生), and a child's before 小朋友 or 宝宝 (staff write 王梓轩宝宝的疫苗).
_SUFFIX_CUE = re.compile(
    r"(?:^|(?<=[\s，,。；;：:、]))([\u4e00-\u9fff]{2,4}?)"
    r"(?=收(?:[\s，,。；;]|$)|\s?(?:先生|女士|小姐)|小朋友|宝宝|寶寶)"
)
# A staff title after a full name (挂了李建华主任的号, 吴晓梅医生).
_TITLES = re.compile(r"主任|医生|医师|大夫|护士|老师|教授|院长|醫生|醫師|護士|老師|院長")


def before_address(text: str, engine: object) -> Iterator[tuple[int, int]]:
    """A full name before 收, 先生/女士/小姐, 小朋友 or 宝宝, unless it is a common word."""
    for match in _SUFFIX_CUE.finditer(text):
        name = match.group(1)
        if not looks_like_name(name) or common_word(name, engine):
            continue
        if text.startswith(("宝宝", "寶寶"), match.end(1)) and not (
            _given_chars_common(name)
            or (len(name) > 2 and unknown_word(name, engine) and not _function_given(name, engine))
        ):
            continue  # 母乳宝宝, 高危宝宝, 那如果宝宝: no child's name
        yield match.span(1)


def before_titles(text: str, nlp: ChineseNlpArtifacts) -> list[tuple[int, int]]:
    """A name right before a staff title (李建华主任, 王璐医生; not 康复医生):
    - a token jieba tags as a name, of three or four characters or unknown to its
      dictionary;
    - a token its dictionary does not know at all, whatever jieba tagged it, whose given
      characters are common in names (祁乐医生: jieba guessed a place);
    - a surname, single or compound, and a given name of one or two characters that jieba
      split (张 + 明远 + 主任, 东方 + 婧 + 医生), unknown to the dictionary as a whole and
      with no verb or function word among them (来 + 问问 + 医生)."""
    spans = []
    engine = nlp.nlp_engine
    words, starts, flags = nlp.words, nlp.tokens_indices, nlp.pos_flags
    for title in _TITLES.finditer(text):
        i = nlp.token_at.get(title.start())
        if not i:
            continue
        word, start = words[i - 1], starts[i - 1]
        if flags[i - 1] in NAME_TAGS and (len(word) > 2 or unknown_word(word, engine)):
            candidate = word
        elif unknown_word(word, engine) and _given_chars_common(word):
            candidate = word
        elif (
            i >= 2
            and len(words[i - 2]) == surname_length(words[i - 2])
            and (len(word) == 2 or word in GIVEN_CHARS)
        ):
            candidate, start = words[i - 2] + word, starts[i - 2]
            if (
                not unknown_word(candidate, engine)
                or flags[i - 2].startswith(VERB_OR_FUNCTION)
                or flags[i - 1].startswith(VERB_OR_FUNCTION)
            ):
                continue  # 来 + 问问 + 医生
        else:
            continue
        if (
            looks_like_name(candidate)
            and not common_word(candidate, engine)
            and not after_numeral(text, start)
        ):
            spans.append((start, start + len(candidate)))
    return spans


def _function_given(name: str, engine: object) -> bool:
    """Whether jieba's dictionary knows the "given name" as a function word or adverb
    (那 + 如果)."""
    tag = engine.tag(name[surname_length(name) :]) if isinstance(engine, JiebaNlpEngine) else None
    return (tag or "").startswith(VERB_OR_FUNCTION)


def _given_chars_common(word: str) -> bool:
    given = word[surname_length(word) :]
    return bool(given) and all(ch in GIVEN_CHARS for ch in given)
