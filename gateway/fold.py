"""Fold text before matching so that evasive spellings match the plain patterns.

Folding maps full-width ASCII (１３８, ｘ) to half-width and the ideographic space to a
space, one character for one, and drops zero-width characters. Every folded character
remembers its index in the original, so findings map back to the exact original span.
"""

from __future__ import annotations

from dataclasses import dataclass

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_FULL_WIDTH_FIRST, _FULL_WIDTH_LAST = 0xFF01, 0xFF5E
_FULL_WIDTH_OFFSET = 0xFEE0


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text and, when it differs in length, the original index of each character."""

    text: str
    origin: tuple[int, ...] | None  # None: same length, index i is index i

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def _needs_folding(text: str) -> bool:
    return any(
        ch in _ZERO_WIDTH or ch == "\u3000" or _FULL_WIDTH_FIRST <= ord(ch) <= _FULL_WIDTH_LAST
        for ch in text
    )


def fold(text: str) -> Folded:
    """Return the folded text; cheap when there is nothing to fold."""
    if text.isascii() or not _needs_folding(text):
        return Folded(text, None)
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch in _ZERO_WIDTH:
            continue
        code = ord(ch)
        if _FULL_WIDTH_FIRST <= code <= _FULL_WIDTH_LAST:
            ch = chr(code - _FULL_WIDTH_OFFSET)
        elif ch == "\u3000":
            ch = " "
        chars.append(ch)
        origin.append(i)
    folded = "".join(chars)
    return Folded(folded, None if len(folded) == len(text) else tuple(origin))
