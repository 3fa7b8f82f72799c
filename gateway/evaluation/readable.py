"""Whether a value the gateway detected is still readable in what it forwards.

Detection is not the whole story: a finding is only as good as the replacement written in
its place, and a mask that hid nothing (a value too short for its mask) or copied the value
into its replacement (an e-mail whose @ was disguised) lets a detected value out whole.
So the forwarded text itself is read, and a value counts as readable when

- the forwarded text still contains it verbatim, or, folded (gateway/fold.py: full-width,
  Chinese numerals, separators), its whole sequence of letters and digits; the places where
  the message's other labelled values went are left out of this search, so a value written
  twice, once missed, is not blamed on the mask of the occurrence that was found; or
- more of its letters and digits pass through in its own place than the action applied to
  it is meant to show (`allowance`).

What each action is meant to show, and why:

- `mask` leaves part of a value so staff can recognise it without being able to use it,
  per entity: a phone number its country prefix (86) if written, the first three digits
  of a mobile or the area code of a landline (three digits for 010 and 02x, else four),
  and its last four (138****8000: 7 of 11); an ID number its six-digit region and its last
  four; a bank card its first four and last four; an e-mail its first character and its
  domain (only the first character when the @ is disguised, since the domain's start is
  then unknown); a name its surname (two characters for a compound one); an address its
  province and city (a surname given alone is hidden whole). A mask that keeps both ends
  must still hide at least MIN_HIDDEN characters; a value too short for that is meant to be
  hidden whole. Every other entity is masked whole.
- `redact`, `hash` and `tokenize` replace the value whole with a tag (<PHONE_NUMBER>,
  <PHONE_NUMBER:3f2a…>, tok_PHONE_NUMBER_…): nothing of it may be readable. The tags are
  blanked before reading, so a hex digit of a hash that happens to equal a digit of the
  value is not taken for it.
- `keep` leaves the value as it is, by the policy's choice, and `block` forwards nothing:
  neither can show more than it is meant to.

Counts are of the value's letters and digits after folding, the units a reader counts:
"一三八零零一三八零零零" is 11 digits, as is "138 0013 8000". Chinese characters count only
in names and addresses (`WORDS`), which are made of them; elsewhere they are words around
the value ("159 然后 0192 最后是 6648" is an 11-digit mobile).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from gateway.fold import digit_value, fold
from gateway.policy import Action
from gateway.tokens import TOKEN
from recognizers._name_surname_alone import ADDRESS_WORDS
from recognizers._surnames import surname_length

MIN_HIDDEN = 3
_BLANK = "\x00"
_BREAKS = frozenset(_BLANK + "*＊")
_HASH_OR_REDACT = re.compile(r"<[A-Z][A-Z0-9_]*(?::[0-9a-f]{16})?>")
_PROVINCE_CITY = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区))?\s*(?:[\u4e00-\u9fff]{2,8}?(?:市|自治州|地区|盟))?"
)
WORDS = frozenset({"PERSON", "LOCATION"})
# Both ends kept: (first, last) characters, by entity.
_ENDS = {"CN_RESIDENT_ID": (6, 4), "CN_BANK_CARD": (4, 4)}


def letters_digits(text: str, words: bool = False) -> str:
    """The letters and digits of `text`, folded, lower-case: what a reader would take from
    it; with `words`, its Chinese characters too."""
    return _read(text, words).replace(_BLANK, "")


def _counts(ch: str, words: bool) -> bool:
    ch = digit_value(ch) or ch
    return ch.isalnum() and (words or ch.isascii())


def _read(text: str, words: bool) -> str:
    """letters_digits, with a blank where a mask character or a blank stood: those break a
    sequence, other punctuation does not (a@b.c reads as abc)."""
    out = []
    for ch in fold(text).text:
        if _counts(ch, words):
            out.append((digit_value(ch) or ch).lower())
        elif ch in _BREAKS:
            out.append(_BLANK)
    return "".join(out)


def allowance(entity: str, action: Action, value: str, words: bool = False) -> int:
    """How many of `value`'s letters and digits (`words`: and Chinese characters) `action`
    is meant to leave readable, were the value found as `entity`."""
    n = len(letters_digits(value, words))
    if action in (Action.KEEP, Action.BLOCK):
        return n
    if action is not Action.MASK:
        return 0
    if entity == "PHONE_NUMBER":
        digits = letters_digits(value)  # a phone number's digits, whatever `words`
        if n >= 11 and digits[-11] == "1":  # a mobile, after any country prefix
            return _ends(n, n - 11 + 3, 4)
        return _ends(n, 3 if digits.startswith(("010", "02")) else 4, 4)
    if entity in _ENDS:
        return _ends(n, *_ENDS[entity])
    if entity == "EMAIL_ADDRESS":
        at = max(value.rfind("@"), value.rfind("＠"))
        return 1 + (len(letters_digits(value[at + 1 :], words)) if at >= 0 else 0)
    if entity == "PERSON":
        keep = max(1, surname_length(value))
        name = value.strip()
        if keep >= len(name) or name[keep:] in ADDRESS_WORDS or len(set(name)) == 1:
            return 0  # a surname alone, with a form of address (钱小姐), or doubled (安安)
        return keep
    if entity == "LOCATION":
        head = _PROVINCE_CITY.match(value)
        return len(letters_digits(head.group(0), words)) if head else 0
    return 0


def _ends(n: int, first: int, last: int) -> int:
    return first + last if n - (first + last) >= MIN_HIDDEN else 0


class Forwarded:
    """A message's forwarded text, aligned to the text that was sent: replacements stand
    where the values stood, and everything else passes unchanged."""

    def __init__(self, sent: str, forwarded: str) -> None:
        self.sent = sent
        self.text = forwarded
        self._plain = TOKEN.sub(_blank, _HASH_OR_REDACT.sub(_blank, forwarded))
        matcher = SequenceMatcher(None, sent, self._plain, autojunk=False)
        self._opcodes = matcher.get_opcodes()

    def region(self, start: int, end: int) -> tuple[int, int]:
        """Where the sent span [start, end) went in the forwarded text."""
        lo, hi = len(self.text), 0
        for tag, i1, i2, j1, j2 in self._opcodes:
            if tag == "insert":
                if not start <= i1 <= end:
                    continue
                a, b = j1, j2
            elif i2 <= start or i1 >= end:
                continue
            elif tag == "equal":
                a, b = j1 + max(start, i1) - i1, j1 + min(end, i2) - i1
            else:
                a, b = j1, j2
            lo, hi = min(lo, a), max(hi, b)
        return (lo, hi) if lo <= hi else (0, 0)

    def shown_in_place(self, start: int, end: int, words: bool = False) -> int:
        """How many of the sent span's letters and digits pass through unchanged."""
        kept: set[int] = set()
        for tag, i1, i2, _, _ in self._opcodes:
            if tag == "equal" and i1 < end and start < i2:
                kept.update(range(max(start, i1), min(end, i2)))
        folded = fold(self.sent[start:end])
        shown = 0
        for k, ch in enumerate(folded.text):
            if not _counts(ch, words):
                continue
            origin = folded.origin[k] if folded.origin is not None else k
            shown += start + origin in kept
        return shown

    def shows_whole(
        self, start: int, end: int, others: Sequence[tuple[int, int]], words: bool = False
    ) -> bool:
        """Whether the forwarded text, outside where the `others` spans went, holds the sent
        span verbatim or its whole folded sequence of letters and digits."""
        text = list(self._plain)
        for o_start, o_end in others:
            lo, hi = self.region(o_start, o_end)
            text[lo:hi] = _BLANK * (hi - lo)
        rest = "".join(text)
        value = self.sent[start:end]
        sequence = letters_digits(value, words)
        if not sequence:
            return False
        return value in rest or sequence in _read(rest, words)


def _blank(tag: re.Match[str]) -> str:
    return _BLANK * len(tag.group())


def shows_more(
    forwarded: Forwarded,
    start: int,
    end: int,
    allowed: int,
    others: Sequence[tuple[int, int]] = (),
    words: bool = False,
) -> bool:
    """Whether the value at [start, end) of the sent text is more readable in the forwarded
    text than `allowed` letters and digits (see `allowance`)."""
    n = len(letters_digits(forwarded.sent[start:end], words))
    if allowed >= n:
        return False
    if forwarded.shows_whole(start, end, others, words):
        return True
    return forwarded.shown_in_place(start, end, words) > allowed
