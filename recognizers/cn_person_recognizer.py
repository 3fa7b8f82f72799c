"""PERSON: Chinese personal names."""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gateway.nlp_engine import ChineseNlpArtifacts, JiebaNlpEngine
from recognizers._base import Example
from recognizers._surnames import COMPOUND, surname_length

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
# A cue that is followed by a name: "我叫张伟", "姓名：张伟", "名字是欧阳娜娜".
_STRONG_CUE = re.compile(
    r"(?:我叫|名叫|叫做|姓名|名字叫|名字是|我的名字|联系人|本人叫)[是为：:\s]*"
)
# Real names in jieba's dictionary are rare words (李建国: 9); common words it mistags as
# names are frequent (段时间: 154, 麻醉: 264).
_COMMON_WORD_FREQUENCY = 100
_FUNCTION_TAGS = ("c", "p", "u", "d", "r", "y", "e", "o")
# Words jieba sometimes tags as names that are not names in chat text.
_NOT_NAMES = frozenset(
    {
        "老公",
        "老婆",
        "宝宝",
        "医生",
        "大夫",
        "护士",
        "老师",
        "小孩",
        "谢谢",
        "银行",
        "万一",
        "明白",
        "高兴",
    }
)


class CnPersonRecognizer(LocalRecognizer):
    """Chinese personal names: a surname (single or compound) and one or two given characters.

    Two sources of evidence, both over jieba's segmentation:
    - a name right after a cue that introduces one (我叫, 姓名, 名字是, 联系人): strong;
    - a token jieba tags as a person name (nr) that starts with a known surname: weak on its
      own, lifted by a context word nearby (患者, 老公, 联系人) or a field named 姓名/name.
    A whole field of two to four Han characters starting with a surname is a weak candidate
    too, so that `{"姓名": "张伟"}` is found through its key.
    """

    ENTITY = "PERSON"
    CONTEXT = [
        "姓名",
        "名字",
        "患者",
        "病人",
        "联系人",
        "家属",
        "称呼",
        "老公",
        "老婆",
        "丈夫",
        "妻子",
        "爱人",
        "儿子",
        "女儿",
        "name",
    ]
    STRONG_SCORE = 0.85
    WEAK_SCORE = 0.35

    def __init__(self, context: list[str] | None = None, supported_language: str = "zh") -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            context=context or self.CONTEXT,
            supported_language=supported_language,
        )

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not isinstance(nlp_artifacts, ChineseNlpArtifacts):
            return []  # needs jieba's part-of-speech tags
        words = nlp_artifacts.words
        starts = nlp_artifacts.tokens_indices
        flags = nlp_artifacts.pos_flags
        found: dict[tuple[int, int], float] = {}

        for cue in _STRONG_CUE.finditer(text):
            span = _name_at(cue.end(), words, starts, flags)
            if span:
                found[span] = self.STRONG_SCORE

        engine = nlp_artifacts.nlp_engine
        for i, word in enumerate(words):
            if flags[i] in _NAME_TAGS and _looks_like_name(word) and not _common_word(word, engine):
                found.setdefault((starts[i], starts[i] + len(word)), self.WEAK_SCORE)
            elif (
                word in COMPOUND
                and i + 1 < len(words)
                and _is_given_name(words[i + 1])
                and not _common_word(word + words[i + 1], engine)
            ):
                found.setdefault((starts[i], starts[i + 1] + len(words[i + 1])), self.WEAK_SCORE)

        stripped = text.strip()
        if _looks_like_name(stripped):
            begin = text.index(stripped)
            found.setdefault((begin, begin + len(stripped)), self.WEAK_SCORE)

        return [self._result(start, end, score) for (start, end), score in found.items()]

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=type(self).__name__, original_score=score, textual_explanation="Chinese name"
        )
        return RecognizerResult(
            self.ENTITY,
            start,
            end,
            score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def _common_word(word: str, engine: object) -> bool:
    """A word jieba's dictionary knows too well to be a name (段时间, 麻醉: it even tags those
    nr), or a surname followed by a function word (第五 + 或)."""
    if not isinstance(engine, JiebaNlpEngine):
        return False
    if engine.frequency(word) >= _COMMON_WORD_FREQUENCY:
        return True
    given = word[surname_length(word) :]
    return len(given) == 1 and (engine.tag(given) or "").startswith(_FUNCTION_TAGS)


def _is_given_name(word: str) -> bool:
    return 1 <= len(word) <= 2 and _HAN.fullmatch(word) is not None


def _looks_like_name(word: str) -> bool:
    if not 2 <= len(word) <= 4 or word in _NOT_NAMES or _HAN.fullmatch(word) is None:
        return False
    surname = surname_length(word)
    return surname > 0 and 1 <= len(word) - surname <= 2


def _name_at(
    pos: int, words: list[str], starts: list[int], flags: list[str]
) -> tuple[int, int] | None:
    """The name that begins at `pos`: one name-like token, or a surname token joined with a
    following given name that jieba split off (张 + 伟). A common word is never a given name,
    so "姓名和电话" yields nothing."""
    try:
        i = starts.index(pos)
    except ValueError:
        return None
    first = words[i]
    if _looks_like_name(first):
        return pos, pos + len(first)
    if i + 1 < len(words) and surname_length(first) == len(first):
        given = words[i + 1]
        if (len(given) == 1 or flags[i + 1] in _NAME_TAGS) and _looks_like_name(first + given):
            return pos, pos + len(first) + len(given)
    return None


EXAMPLES = [
    Example("我叫张伟，电话13800138000", ("张伟",), (0.85, 1.0)),
    Example("姓名：欧阳娜娜", ("欧阳娜娜",), (0.85, 1.0)),
    Example("医生您好，我老公李建国最近早泄怎么办", ("李建国",), (0.6, 0.75)),
    Example("张伟", ("张伟",), (0.6, 0.75), context=("姓名",)),
    Example("张伟", weak=("张伟",), note="bare name without a key"),
    Example("我是高血压患者，每天吃药", ()),
    Example("请留下姓名和电话，医生会联系您", (), note="cue followed by a common word"),
    Example("医生说我老公没什么问题", ()),
    Example("患者这段时间一直失眠", (), note="jieba tags 段时间 nr"),
    Example("患者麻醉后恢复得怎样", (), note="jieba tags 麻醉 nr"),
]
