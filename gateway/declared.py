"""Recognizers declared in the policy's `recognizers:` section, built as Presidio
PatternRecognizers, so a hospital adds its own formats without code."""

from __future__ import annotations

from collections.abc import Iterable

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer

from gateway.nlp_engine import LANGUAGE
from gateway.policy import DeclaredRecognizer


def build(declared: Iterable[DeclaredRecognizer]) -> list[EntityRecognizer]:
    return [
        PatternRecognizer(
            supported_entity=d.entity,
            name=d.name,
            patterns=[Pattern(p.name, p.regex, p.score) for p in d.patterns],
            context=list(d.context),
            supported_language=LANGUAGE,
        )
        for d in declared
    ]
