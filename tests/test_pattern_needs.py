"""The pattern prefilter (recognizers/_needs.py): a pattern skipped for a text must have
had no match in it, or a finding would be lost."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
import regex
from presidio_analyzer import PatternRecognizer

import recognizers
from gateway.fold import fold
from recognizers._needs import (
    DIGIT,
    LATIN,
    NarrowedAlternation,
    need_of,
    satisfied,
    text_chars,
)

# Characters that match a Latin letter or a digit without being one.
TRICKY = ["ſ", "\u212a", "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", "Ａ", "İ", "ı"]


def _texts() -> list[str]:
    texts = [e.text for m in recognizers.discover() for e in m.examples]
    texts += TRICKY + [f"微信 {t}" for t in TRICKY] + [f"电话{t}" for t in TRICKY]
    return texts + [fold(t).text for t in texts]


def _patterns() -> list[tuple[str, str, int]]:
    found = []
    for module in recognizers.discover():
        recognizer = module.create()
        if isinstance(recognizer, PatternRecognizer):
            for p in recognizer.patterns:
                found.append((f"{module.name}:{p.name}", p.regex, recognizer.global_regex_flags))
    return found


@pytest.mark.parametrize(("name", "pattern", "flags"), _patterns(), ids=lambda v: str(v)[:40])
def test_needs_skip_no_text_a_pattern_matches(name: str, pattern: str, flags: int) -> None:
    compiled = regex.compile(pattern, flags)
    need = need_of(pattern, flags)
    for text in _texts():
        if compiled.search(text):
            assert satisfied(need, text_chars(text)), (name, text)


def test_needs_of_a_cue_and_digits() -> None:
    need = need_of(r"(?<=病历号[:：]?)\d{6,}", regex.IGNORECASE)
    assert set(need) >= {frozenset("病"), frozenset("历"), frozenset({DIGIT})}
    assert not satisfied(need, text_chars("病历在哪里打印"))
    assert satisfied(need, text_chars("病历号：123456"))


def test_needs_of_alternatives_take_one_clause_from_each() -> None:
    need = need_of(r"(?:微信|wx)\s?\d+", regex.IGNORECASE)
    assert frozenset({"微", LATIN}) in need or frozenset({"信", LATIN}) in need
    assert satisfied(need, text_chars("WX 123"))
    assert satisfied(need, text_chars("ſx 123"))  # the long s matches s, not x, but is Latin


@pytest.mark.parametrize(
    "pattern",
    [
        r"\p{Han}{2}",  # `regex`-only syntax
        r"(?:abc){e<=1}",  # a fuzzy match: a match may lack any one letter
        r"[[:digit:]]",  # a POSIX class to `regex`, a nested set to `re`
        r"[^0-9]+",
        r"é",  # a cased letter outside ASCII: its other case matches too
    ],
)
def test_needs_nothing_of_what_it_cannot_read(pattern: str) -> None:
    assert need_of(pattern, regex.IGNORECASE) == ()


def test_address_parts_found_as_by_the_whole_regex() -> None:
    from recognizers.cn_address_recognizer import _COMPONENTS, _PARTS, _SIMPLIFIED

    def parts(matches: Iterable[re.Match[str]]) -> list[tuple[str | None, int, int]]:
        return [(m.lastgroup, m.start(), m.end()) for m in matches]

    for text in _texts():
        simplified = text.translate(_SIMPLIFIED)
        assert parts(_PARTS.finditer(simplified)) == parts(_COMPONENTS.finditer(simplified))
    assert list(_PARTS.finditer("医生您好，我最近头疼")) == []


def test_narrowed_alternation_searches_only_what_it_can_split() -> None:
    whole = re.compile(r"(?P<a>\d+号)|(?P<b>[甲乙]栋)")
    narrowed = NarrowedAlternation(whole)
    assert [m.lastgroup for m in narrowed.finditer("3号 甲栋")] == ["a", "b"]
    assert [m.lastgroup for m in narrowed.finditer("甲栋")] == ["b"]
    for source in [r"(a)|\1", r"(?x) a | b", r"[|]", r"(?:a|b)"]:
        kept = re.compile(source)
        assert NarrowedAlternation(kept)._alternatives == [], source
