"""JSON rewritten in place: each string, and each integer long enough to be an identifier,
is located by its offsets in the original text, so that a rewrite replaces only those and
every other character (spacing, key order, number spelling, escapes) stays as the sender
wrote it. Framed protocols (Socket.IO) need that: their peers may compare or re-parse
what they sent.

Fields get the same paths and context as `JsonDocument`'s: the key, and the parent's key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from gateway.codecs.fields import Field

# One token after optional whitespace: a string, a number, punctuation or a literal. The
# text has been validated by json.loads first, so the tokens follow each other exactly.
_TOKEN = re.compile(
    r'[ \t\n\r]*(?:("[^"\\]*(?:\\.[^"\\]*)*")'
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)"
    r"|([{}\[\],:])|true|false|null)",
    re.DOTALL,
)
_MIN_NUMBER = 10**6  # as JsonDocument: shorter integers cannot be identifiers


@dataclass
class _Container:
    is_object: bool
    path: str
    context: tuple[str, ...]
    index: int = 0  # a list's next item
    key: str = ""  # an object's current key


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


class JsonSpans:
    """Raises ValueError if `text` is not JSON."""

    def __init__(self, text: str) -> None:
        self.value: Any = json.loads(text, parse_constant=_reject_constant)
        self.text = text
        self.fields: list[Field] = []
        self._spans: list[tuple[int, int]] = []
        self._locate()

    def _locate(self) -> None:
        stack: list[_Container] = []
        expect_key = False
        pos = 0
        while (m := _TOKEN.match(self.text, pos)) is not None:
            pos = m.end()
            string, number, punct = m.group(1, 2, 3)
            top = stack[-1] if stack else None
            if punct in ("{", "["):
                path, context = _place(top)
                stack.append(_Container(punct == "{", path, context))
                expect_key = punct == "{"
            elif punct in ("}", "]"):
                stack.pop()
            elif punct == "," and top is not None:
                expect_key = top.is_object
                top.index += 1
            elif string is not None and expect_key and top is not None:
                top.key = json.loads(string)
                expect_key = False
            elif string is not None:
                self._add(top, json.loads(string), m.span(1))
            elif number is not None and number.lstrip("-").isdigit():
                if abs(int(number)) >= _MIN_NUMBER:
                    self._add(top, number, m.span(2))

    def _add(self, top: _Container | None, text: str, span: tuple[int, int]) -> None:
        path, context = _place(top)
        self.fields.append(Field(path, text, context))
        self._spans.append(span)

    def render_text(self, replacements: dict[int, str]) -> str:
        """The text with field i's string (or number) replaced by a JSON string of
        replacements[i]; escaped to ASCII where the original was written in ASCII."""
        out = []
        pos = 0
        for i in sorted(replacements):
            start, end = self._spans[i]
            literal = self.text[start:end]
            out.append(self.text[pos:start])
            out.append(json.dumps(replacements[i], ensure_ascii=literal.isascii()))
            pos = end
        out.append(self.text[pos:])
        return "".join(out)


def _place(top: _Container | None) -> tuple[str, tuple[str, ...]]:
    """Path and context of the value that comes next inside `top` (None: the root)."""
    if top is None:
        return "$", ()
    if top.is_object:
        return f"{top.path}.{top.key}", (top.key, *top.context[:1])
    return f"{top.path}[{top.index}]", top.context
