"""What every recognizer module shares: the example record its tests read, a base class
for pattern recognizers, and the way to write "a value right after a cue word"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    LocalRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers._hospital_own import hospital_owned
from recognizers._pattern_pass import NeedsByPattern, pattern_results

# NEEDS for a recognizer whose every pattern has a Latin letter or a digit in its value.
# (Case-insensitive [a-z] also matches the long s and the Kelvin sign, so they count too.)
ASCII_ALNUM = re.compile("[0-9A-Za-z\u017f\u212a]")

# A value shape with no cue in the text (a bare number that could be a QQ or a record
# number) scores this: below the scanner's floor on its own, and exactly at the default
# threshold once a context word nearby or the field's name (`{"qq": …}`) adds Presidio's 0.35.
BARE_SCORE = 0.15

# Between a cue and its value: spaces, a colon, 是/为, 号/号码, a particle
# ("微信号：", "QQ号码是", "加个威信吧 ").
CUE_GAP = r"[\s:：是为号码\-吧呗啊哦呀]{0,4}"
# A cue that is a JSON key typed into the chat or pasted from a form: the key's closing
# quote, the colon and the value's opening quote stand between it ("建档号": "JD…").
JSON_KEY_GAP = r"(?:[\"'”」]\s?[:：=]\s?[\"'“「])?"


def after_cue(cues: Iterable[str], value: str) -> str:
    """A regex for `value` right after one of `cues`, also as a JSON key (the `regex`
    module allows the variable-length look-behind this needs)."""
    alternatives = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return rf"(?<=(?:{alternatives}){CUE_GAP}{JSON_KEY_GAP}){value}"


@dataclass(frozen=True)
class Example:
    """One line of a recognizer's example table.

    `found` lists the substrings of `text` the recognizer must report at or above the
    default threshold (empty for a negative example); `score` bounds their score. `weak`
    lists substrings it must see only below the threshold (a context word would lift them).
    `context` stands for a JSON key or form field name that the value arrived under.
    """

    text: str
    found: tuple[str, ...] = ()
    score: tuple[float, float] = (0.5, 1.0)
    weak: tuple[str, ...] = ()
    context: tuple[str, ...] = field(default_factory=tuple)
    note: str = ""


class ChinesePatternRecognizer(PatternRecognizer):
    """A Presidio PatternRecognizer for Chinese text, configured by class constants.

    Subclasses set ENTITY, PATTERNS and CONTEXT, and may override `validate_result`
    (True: a checksum passed, top score; False: drop; None: cannot tell) and
    `invalidate_result`. A value right after words that make it the hospital's own (客服QQ,
    医院的电话是) is dropped (recognizers/_hospital_own.py).

    The patterns run through recognizers/_pattern_pass.py: Presidio's results, but a
    pattern whose needed characters the text lacks is not searched.
    """

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]] = []
    REGEX_FLAGS: ClassVar[int | None] = None  # None: Presidio's default (case-insensitive)
    # A text without a match for NEEDS cannot hold this entity, so its patterns are not run.
    # Most chat messages have no Latin letter or digit at all (after folding).
    NEEDS: ClassVar[re.Pattern[str] | None] = None

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "zh",
    ) -> None:
        extra = {} if self.REGEX_FLAGS is None else {"global_regex_flags": self.REGEX_FLAGS}
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=patterns or self.PATTERNS,
            context=context or self.CONTEXT,
            supported_language=supported_language,
            **extra,  # type: ignore[arg-type]
        )
        self._needs = NeedsByPattern()

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        if self.NEEDS is not None and self.NEEDS.search(text) is None:
            return []
        results = pattern_results(self, self._needs, text, regex_flags)
        return [r for r in results if not hospital_owned(r.entity_type, text, r.start)]


class ChineseLocalRecognizer(LocalRecognizer):
    """A recognizer with its own logic (over jieba's tokens or a lexicon), configured by
    class constants ENTITY and CONTEXT like the pattern recognizers; subclasses write
    `analyze` and build results with `result()`."""

    ENTITY: ClassVar[str]
    CONTEXT: ClassVar[list[str]] = []

    def __init__(self, context: list[str] | None = None, supported_language: str = "zh") -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            context=context or self.CONTEXT or None,
            supported_language=supported_language,
        )

    def load(self) -> None:
        pass  # nothing to load: the lexicons and jieba come with the NLP engine


def result(
    recognizer: EntityRecognizer,
    entity: str,
    start: int,
    end: int,
    score: float,
    why: str,
    **metadata: str,
) -> RecognizerResult:
    """A RecognizerResult the way Presidio's own recognizers build one, for the recognizers
    here that are not pattern recognizers."""
    name = type(recognizer).__name__
    return RecognizerResult(
        entity,
        start,
        end,
        score,
        analysis_explanation=AnalysisExplanation(
            recognizer=name, original_score=score, textual_explanation=why
        ),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            **metadata,
        },
    )
