"""Text with escapes in it (HTML character references, JSON backslash escapes): decoded for
scanning, so `&#49;&#51;&#56;…` or `\\u0031\\u0033…` is seen as the digits it is, and mapped
back so that only the escapes around a masked value are rewritten."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from gateway.codecs.splice import changed_span


class Unescaped:
    def __init__(
        self, raw: str, escape: re.Pattern[str] | None = None, decode: Callable[[str], str] = str
    ) -> None:
        self.raw = raw
        # (text_start, text_end, raw_start, raw_end) of each escape, in order
        self._pieces: list[tuple[int, int, int, int]] = []
        if escape is None:
            self.text = raw
            self._starts: list[int] = []
            return
        parts: list[str] = []
        pos = tpos = 0
        for m in escape.finditer(raw):
            literal = raw[pos : m.start()]
            value = decode(m.group()) or m.group()
            parts += [literal, value]
            tpos += len(literal)
            self._pieces.append((tpos, tpos + len(value), m.start(), m.end()))
            tpos += len(value)
            pos = m.end()
        parts.append(raw[pos:])
        self.text = "".join(parts)
        self._starts = [p[0] for p in self._pieces]

    def rewrite(self, new_text: str, escape: Callable[[str], str]) -> tuple[int, int, str]:
        """(raw_start, raw_end, new raw): the raw span that must change for the text to
        read `new_text`, widened to whole escapes, and what replaces it, escaped."""
        start, old_end, new_end = changed_span(self.text, new_text)
        start, raw_start = self._to_raw(start, down=True)
        end, raw_end = self._to_raw(old_end, down=False)
        new_end += end - old_end
        return raw_start, raw_end, escape(new_text[start:new_end])

    def _to_raw(self, t: int, down: bool) -> tuple[int, int]:
        """Text offset `t`, moved to the edge of the escape it falls in, and its raw offset."""
        i = bisect_right(self._starts, t) - 1
        if i < 0:
            return t, t
        text_start, text_end, raw_start, raw_end = self._pieces[i]
        if t == text_start:
            return t, raw_start
        if t < text_end:
            return (text_start, raw_start) if down else (text_end, raw_end)
        return t, raw_end + (t - text_end)
