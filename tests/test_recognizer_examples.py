"""Every recognizer's example table, run through the whole analyzer (so context counts)."""

from __future__ import annotations

import pytest

import recognizers
from gateway.scanner import Scanner
from recognizers import Example

THRESHOLD = 0.5

CASES = [
    pytest.param(module.entity, example, id=f"{module.name}:{i}:{example.note or example.text}")
    for module in recognizers.discover()
    for i, example in enumerate(module.examples)
]


def test_every_recognizer_has_examples_of_both_kinds() -> None:
    for module in recognizers.discover():
        assert any(e.found for e in module.examples), module.name
        assert any(not e.found for e in module.examples), module.name
        assert module.recognizer_class.__doc__, f"{module.name} must document its format"


@pytest.mark.parametrize(("entity", "example"), CASES)
def test_recognizer_example(scanner: Scanner, entity: str, example: Example) -> None:
    findings = [f for f in scanner.scan(example.text, example.context) if f.entity_type == entity]
    strong = {example.text[f.start : f.end]: f.score for f in findings if f.score >= THRESHOLD}
    weak = {example.text[f.start : f.end] for f in findings if f.score < THRESHOLD}
    assert set(strong) == set(example.found)
    low, high = example.score
    for text, score in strong.items():
        assert low <= score <= high, f"{text!r} scored {score}"
    assert set(example.weak) <= weak
