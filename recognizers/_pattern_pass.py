"""Presidio's pattern pass (PatternRecognizer's private `__analyze_patterns`) with the same
results, in less time.

Per pattern Presidio reads the clock twice and formats a debug line, and it searches the
text with every pattern. Here a pattern whose needed characters (recognizers/_needs.py)
the text lacks is not searched at all, and the rest is Presidio's loop as it is: the same
RecognizerResult and AnalysisExplanation per match, validation, invalidation, scores and
the final removal of duplicates.

One thing differs: Presidio gives every search a 60-second timeout, after which it skips
the pattern and the text goes on with that pattern's findings missing. The `regex`
module's timeout makes every search two to three times slower (it reads the clock as it
goes), and here a runaway search is bounded anyway, and better: the scan worker's
per-body timeout (`limits.scan_timeout_seconds`) kills it and the message is refused, not
forwarded half-scanned. An operator who sets REGEX_TIMEOUT_SECONDS gets Presidio's timeout
back.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import regex
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)

from recognizers._needs import Need, need_of, satisfied, text_chars

log = logging.getLogger("presidio-analyzer")

# Seconds a search may run (None: no limit), only when the operator asks for one.
REGEX_TIMEOUT_SECONDS = (
    float(os.environ["REGEX_TIMEOUT_SECONDS"]) if os.environ.get("REGEX_TIMEOUT_SECONDS") else None
)


class NeedsByPattern:
    """Each pattern's needs for the flags it is compiled with, worked out on first use."""

    def __init__(self) -> None:
        self._plan: tuple[tuple[int, list[int]], list[tuple[Pattern, Need]]] | None = None

    def plan(self, patterns: list[Pattern], flags: int) -> list[tuple[Pattern, Need]]:
        """The patterns, each with its need (recomputed if the patterns or flags change)."""
        key = (flags, [id(p) for p in patterns])
        if self._plan is None or self._plan[0] != key:
            self._plan = (key, [(p, need_of(p.regex, flags)) for p in patterns])
        return self._plan[1]


def pattern_results(
    recognizer: PatternRecognizer, needs: NeedsByPattern, text: str, flags: int | None
) -> list[RecognizerResult]:
    """What `PatternRecognizer.analyze(text, …, regex_flags=flags)` returns."""
    patterns: list[Pattern] = recognizer.patterns  # type: ignore[has-type]
    if not patterns:
        return []
    flags = int(flags if flags else recognizer.global_regex_flags or 0)
    chars = text_chars(text)
    entity = recognizer.supported_entities[0]
    name: str = recognizer.name  # type: ignore[has-type]
    results = []
    for pattern, need in needs.plan(patterns, flags):
        if not satisfied(need, chars):
            continue
        # compiled once per pattern and flags, and kept on the pattern, as Presidio does
        compiled: Any = pattern.compiled_regex
        if not compiled or pattern.compiled_with_flags != flags:
            compiled = regex.compile(pattern.regex, flags=flags)
            pattern.compiled_with_flags = flags  # type: ignore[assignment]
            pattern.compiled_regex = compiled
        try:
            matches = (
                compiled.finditer(text)
                if REGEX_TIMEOUT_SECONDS is None
                else compiled.finditer(text, timeout=REGEX_TIMEOUT_SECONDS)
            )
            for match in matches:
                start, end = match.span()
                current = text[start:end]
                if current == "":
                    continue
                validation = recognizer.validate_result(current)
                explanation = AnalysisExplanation(
                    recognizer=name,
                    original_score=pattern.score,
                    pattern_name=pattern.name,
                    pattern=pattern.regex,
                    validation_result=validation,  # type: ignore[arg-type]  # None: untold
                    regex_flags=flags,
                    textual_explanation=f"Detected by `{name}` using pattern `{pattern.name}`",
                )
                found = RecognizerResult(
                    entity_type=entity,
                    start=start,
                    end=end,
                    score=pattern.score,
                    analysis_explanation=explanation,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
                    },
                )
                if validation is not None:
                    found.score = (
                        EntityRecognizer.MAX_SCORE if validation else EntityRecognizer.MIN_SCORE
                    )
                if recognizer.invalidate_result(current):
                    found.score = EntityRecognizer.MIN_SCORE
                if found.score > EntityRecognizer.MIN_SCORE:
                    results.append(found)
                explanation.score = found.score
        except TimeoutError:
            log.warning(
                "Regex pattern '%s' timed out after %s seconds, skipping.",
                pattern.name,
                REGEX_TIMEOUT_SECONDS,
                exc_info=True,
            )
    # Nothing to remove from one result, whose score is above zero (Presidio's sort and
    # grouping would give it back as it is).
    return EntityRecognizer.remove_duplicates(results) if len(results) > 1 else results
