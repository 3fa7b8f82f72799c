"""Find identifiers in one piece of text: fold it, run Presidio, map findings back."""

from __future__ import annotations

import bisect
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

import recognizers
from gateway import declared as declared_recognizers
from gateway.context_enhancer import InPlaceContextEnhancer
from gateway.fold import fold
from gateway.nlp_engine import LANGUAGE, JiebaNlpEngine
from gateway.policy import DeclaredRecognizer

log = logging.getLogger(__name__)
# Presidio logs every analyze call at INFO; that would be one log line per chat message.
logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)

# Below this no policy threshold can apply; keeping weaker results would only cost time.
MIN_SCORE = 0.2


@dataclass(frozen=True, slots=True)
class Finding:
    """An identifier found in text: offsets into the original (unfolded) text."""

    entity_type: str
    start: int
    end: int
    score: float


class Scanner:
    """Presidio's AnalyzerEngine over jieba, with every recognizer in `recognizers/`."""

    def __init__(
        self, cache_dir: str | None = None, declared: Sequence[DeclaredRecognizer] = ()
    ) -> None:
        modules = recognizers.discover()
        registry = RecognizerRegistry(
            recognizers=[m.create() for m in modules] + declared_recognizers.build(declared),
            supported_languages=[LANGUAGE],
        )
        self.entities = sorted({m.entity for m in modules} | {d.entity for d in declared})
        self._engine = _Analyzer(
            registry=registry,
            nlp_engine=JiebaNlpEngine(
                cache_dir=cache_dir, user_words=tuple(w for m in modules for w in m.jieba_words)
            ),
            supported_languages=[LANGUAGE],
            default_score_threshold=MIN_SCORE,
            # Chinese puts labels before values ("电话：138…") and sometimes after ("138…（手机）").
            context_aware_enhancer=InPlaceContextEnhancer(
                context_prefix_count=5, context_suffix_count=2
            ),
        )
        log.info("scanner loaded with %d recognizers", len(modules) + len(declared))

    def scan(self, text: str, context: Sequence[str] = ()) -> list[Finding]:
        """Findings in `text`, non-overlapping, strongest first where two overlap.

        `context` holds words the text arrived under (a JSON key, a form field name).
        """
        if not text or text.isspace():
            return []
        folded = fold(text)
        results = self._engine.analyze(
            folded.text, language=LANGUAGE, context=list(context) or None
        )
        findings = []
        for r in _without_overlaps(results):
            start, end = folded.span_in_original(r.start, r.end)
            findings.append(Finding(r.entity_type, start, end, round(r.score, 4)))
        findings.sort(key=lambda f: f.start)
        return findings


class _Analyzer(AnalyzerEngine):
    """Presidio's AnalyzerEngine without two steps of per-call set-up whose outcome cannot
    change once the scanner is built.

    - The supported entities are listed once: the registry is fixed.
    - Before the context enhancer, Presidio hands each recognizer its own results (in
      recognizer order) to enhance. None of ours enhances them itself, and the results
      already come grouped by recognizer in that order, so that step is skipped when both
      hold; otherwise Presidio's own runs.
    """

    _entities: dict[str | None, list[str]] | None = None  # by language, filled on first use

    def get_supported_entities(self, language: str | None = None) -> list[str]:
        if self._entities is None:
            self._entities = {}
        if language not in self._entities:
            self._entities[language] = super().get_supported_entities(language)
        return list(self._entities[language])

    def _enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        if not _grouped_and_plain(raw_results, recognizers):
            return super()._enhance_using_context(
                text, raw_results, nlp_artifacts, recognizers, context
            )
        return self.context_aware_enhancer.enhance_using_context(
            text=text,
            raw_results=raw_results,
            nlp_artifacts=nlp_artifacts,
            recognizers=recognizers,
            context=context,
        )


def _grouped_and_plain(
    results: list[RecognizerResult], recognizers: list[EntityRecognizer]
) -> bool:
    """Whether no recognizer enhances its own results and `results` are grouped by
    recognizer in the recognizers' order (Presidio's regrouping would change nothing)."""
    plain = EntityRecognizer.enhance_using_context
    if any(type(r).enhance_using_context is not plain for r in recognizers):
        return False
    order = {r.id: i for i, r in enumerate(recognizers)}
    last = 0
    for result in results:
        metadata = result.recognition_metadata or {}
        i = order.get(metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
        if i is None or i < last:
            return False
        last = i
    return True


def _without_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keep the highest-scoring result where spans overlap (longer wins a tie)."""
    kept: list[RecognizerResult] = []
    starts: list[int] = []  # of the kept spans, which never overlap, so ends sort alike
    ends: list[int] = []
    for r in sorted(results, key=lambda r: (-r.score, r.start - r.end)):
        i = bisect.bisect_right(starts, r.start)
        # Only the kept span starting at or before r, and the one after it, can overlap r.
        if (i > 0 and ends[i - 1] > r.start) or (i < len(starts) and starts[i] < r.end):
            continue
        starts.insert(i, r.start)
        ends.insert(i, r.end)
        kept.append(r)
    return kept
