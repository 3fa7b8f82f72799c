"""Which characters a regex cannot match without, worked out from the regex itself.

A pattern such as `(?<=病历号[:：]?)\\d{6,}` can only match a text that holds 病, 历 and 号
and a digit. Most chat messages lack the cue characters of most patterns, so testing a
text's set of characters (made once per text) against each pattern's needs skips most
regex searches. The needs are derived from the parsed pattern, never written by hand, so
they stay right when a pattern changes; a construct this module cannot reason about
makes the pattern "needs nothing", which only costs the search it would have cost anyway.

A need is a list of clauses; a text can hold a match only if it holds at least one
character of every clause (`DIGIT` in a clause stands for any decimal digit, `LATIN` for
any character that matches a Latin letter when case is ignored).
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import regex

# Markers longer than one character, so that no character of a text is mistaken for one.
DIGIT = "<digit>"
LATIN = "<latin>"

Clause = frozenset[str]
Need = tuple[Clause, ...]

# Ranges up to this many characters are listed as a clause; wider ones need nothing.
_MAX_CLAUSE = 64
# Clauses kept per pattern: the most selective few say almost all the rest would.
_MAX_CLAUSES = 4
# Flags whose meaning the stdlib parser shares with the `regex` module.
_KNOWN_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE | re.ASCII
# Character categories with no case: under IGNORECASE such a character matches itself only.
_CASELESS = ("Lo", "Nd", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "Zs")
# Both engines' idea of a digit and of a Latin letter (case-insensitive [a-z] also matches
# the long s and the Kelvin sign; the engines may carry different Unicode versions).
_MARKERS = (
    (DIGIT, (re.compile(r"\d"), regex.compile(r"\d"))),
    (LATIN, (re.compile(r"[a-z]", re.IGNORECASE), regex.compile(r"[a-z]", regex.IGNORECASE))),
)


# The last text asked about and its characters: every recognizer asks about the same text.
_last: tuple[str, frozenset[str]] = ("", frozenset())


def text_chars(text: str) -> frozenset[str]:
    """The characters of `text`, plus the markers of what it holds."""
    global _last
    last = _last
    if last[0] is text or last[0] == text:
        return last[1]
    chars = frozenset(text)
    markers = [m for m, finders in _MARKERS if any(f.search(text) for f in finders)]
    if markers:
        chars = chars.union(markers)
    _last = (text, chars)
    return chars


def satisfied(need: Need, chars: frozenset[str]) -> bool:
    """Whether a text with these characters can hold a match."""
    for clause in need:
        if clause.isdisjoint(chars):
            return False
    return True


def need_of(pattern: str, flags: int = 0) -> Need:
    """The clauses every match of `pattern` needs in the text ((): none known).

    Every pattern counts as case-insensitive (Presidio may compile it so). Positive
    look-arounds count too: what they assert must also be in the text."""
    if flags & ~_KNOWN_FLAGS:
        return ()
    try:
        with warnings.catch_warnings():
            # a warned-about construct ([[:alpha:]], a nested set) means another thing to `regex`
            warnings.simplefilter("error")
            parsed = sre_parse.parse(pattern, flags)
    except (re.error, Warning, RecursionError):
        return ()  # `regex`-only syntax
    try:
        clauses = _sequence(list(parsed))
    except _Unknown:
        return ()
    return tuple(sorted(set(clauses), key=_selectivity)[:_MAX_CLAUSES])


class _Unknown(Exception):
    """A construct whose needs cannot be told (a fuzzy match's braces, say)."""


def _selectivity(clause: Clause) -> tuple[bool, bool, int]:
    # digits are in most messages that matter here, Latin letters in many; then fewer
    # characters is rarer
    return (DIGIT in clause, LATIN in clause, len(clause))


def _sequence(items: Iterable[tuple[Any, Any]]) -> list[Clause]:
    """Clauses of a sequence: every item must match, so every item's clauses hold."""
    clauses: list[Clause] = []
    for op, av in items:
        clauses.extend(_item(op, av))
    return clauses


def _item(op: Any, av: Any) -> list[Clause]:
    if op is sre.LITERAL or op is sre.IN:
        clause = _chars([chr(av)]) if op is sre.LITERAL else _set(av)
        return [clause] if clause else []  # empty: too wide to say
    if op is sre.SUBPATTERN:
        return _sequence(av[-1])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _sequence(body) if low >= 1 else []
    if op is sre.BRANCH:
        return _branch(av[1])
    if op is sre.ASSERT:
        return _sequence(av[1])  # a positive look-ahead or look-behind
    if op in (sre.ASSERT_NOT, sre.AT, sre.ANY, sre.NOT_LITERAL, sre.GROUPREF):
        return []  # constrains nothing that must be present
    raise _Unknown(op)


def _branch(alternatives: list[Any]) -> list[Clause]:
    """One clause for an alternation: the best clause of each alternative, together."""
    union: set[str] = set()
    for alternative in alternatives:
        clauses = _sequence(alternative)
        if not clauses:
            return []  # an alternative that needs nothing
        best: Clause = min(clauses, key=_selectivity)
        union.update(best)
    return [frozenset(union)]


def _set(items: list[tuple[Any, Any]]) -> Clause:
    chars: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            chars.append(chr(av))
        elif op is sre.RANGE:
            low, high = av
            if high - low >= _MAX_CLAUSE:
                return frozenset()
            chars.extend(chr(c) for c in range(low, high + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars.append(DIGIT)
        else:
            return frozenset()  # a negated set, \w, \s: too wide to say
    return _chars(chars)


def _chars(chars: list[str]) -> Clause:
    """The clause for these characters: a Latin letter stands for LATIN; none (empty) if
    another has a case, since case-insensitive matching may match another character."""
    clause = set()
    for ch in chars:
        if ch == "{":
            raise _Unknown(ch)  # a literal brace: `regex` may read it as a fuzzy match
        if ch == DIGIT:
            clause.add(ch)
        elif ch.isascii() and ch.isalpha():
            clause.add(LATIN)
        elif unicodedata.category(ch) in _CASELESS:
            clause.add(ch)
        else:
            return frozenset()
    return frozenset(clause)


class NarrowedAlternation:
    """A large alternation searched, for each text, with only the alternatives whose needs
    the text meets, each on its own: an alternative that cannot match anywhere in a text
    changes no match there, and the regex engine no longer tries it at every position.

    The alternation's matches are rebuilt from the alternatives' own: from where the last
    match ended, the leftmost match of any alternative, the first alternative's where two
    start at the same place (as the alternation takes the first alternative that matches
    at a position). Matches keep the group names (`lastgroup`), not the group numbers. A
    pattern that this cannot split safely, or whose alternatives could match the empty
    string, is searched whole.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        parts = _top_level_alternatives(pattern.pattern, pattern.flags)
        alternatives = [re.compile(p, pattern.flags) for p in parts or ()]
        if any(_may_be_empty(a) for a in alternatives):
            alternatives = []
        self._alternatives = [(a, need_of(a.pattern, pattern.flags)) for a in alternatives]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self._alternatives:
            return self.pattern.finditer(text)
        chars = text_chars(text)
        live = [a for a, need in self._alternatives if satisfied(need, chars)]
        if not live:
            return iter(())
        if len(live) == 1:
            return live[0].finditer(text)
        return _merged(live, text)


def _merged(alternatives: list[re.Pattern[str]], text: str) -> Iterator[re.Match[str]]:
    # each alternative's next match at or after `pos` (None: it has no more)
    pending = [a.search(text) for a in alternatives]
    pos = 0
    while True:
        best: re.Match[str] | None = None
        for i, found in enumerate(pending):
            if found is not None and found.start() < pos:
                found = pending[i] = alternatives[i].search(text, pos)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        if best is None:
            return
        yield best
        pos = best.end()


def _may_be_empty(pattern: re.Pattern[str]) -> bool:
    return (
        pattern.fullmatch("") is not None
        or sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[0] == 0
    )


def _top_level_alternatives(source: str, flags: int) -> list[str] | None:
    """The alternatives of `source` at its top level, or None when it is not safe to
    search them apart (verbose mode, a comment, a back-reference, a global flag)."""
    if flags & re.VERBOSE or "(?#" in source or re.match(r"\(\?[aiLmsux]+\)", source):
        return None
    parts: list[str] = []
    depth, start, i, in_set = 0, 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
            i += 1 + (source[i + 1 : i + 2] == "^")
            i += source[i : i + 1] == "]"  # a ] first in a set is a character
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    if len(parts) < 2 or depth != 0:
        return None
    try:
        whole = sre_parse.parse(source, flags)
    except re.error:
        return None
    if _has_backreference(list(whole)):
        return None
    return parts


def _has_backreference(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            return True
        if op is sre.BRANCH:
            if any(_has_backreference(list(alt)) for alt in av[1]):
                return True
        elif op is sre.SUBPATTERN:
            if _has_backreference(list(av[-1])):
                return True
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if _has_backreference(list(av[2])):
                return True
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if _has_backreference(list(av[1])):
                return True
        elif op is sre.ATOMIC_GROUP and _has_backreference(list(av)):
            return True
    return False
