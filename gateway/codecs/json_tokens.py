"""JSON that cannot be read as a tree (malformed, or nested deeper than the tree reader
allows: `[[[[…]]]]` ten thousand deep) read token by token instead, without recursion.

Each string literal is a field with its escapes decoded, so `"\\u0031\\u0033\\u0038…"` is
seen as the digits it is; the key before a value is its context; whatever lies between
strings and is more than JSON punctuation (a number, or the unquoted text of a malformed
body) is scanned as text. Keys are context only, as in the tree reader. The body is
rebuilt from its own bytes with only the changed characters replaced; a number masked
between strings stays unquoted, so that body is no longer valid JSON — better than
forwarding the number.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from gateway.codecs.charsets import Charset
from gateway.codecs.escapes import Unescaped
from gateway.codecs.fields import Field
from gateway.codecs.splice import splice

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.",
    re.DOTALL,
)
_PUNCTUATION = re.compile(r"(?:[\s{}\[\],:]|true|false|null)*")
_COLON = re.compile(r"\s*:")


@dataclass
class _Token:
    start: int  # offset in the text of the raw content (inside the quotes for a string)
    content: Unescaped
    quoted: bool


class JsonTokensDocument:
    def __init__(self, text: str, charset: Charset, data: bytes) -> None:
        self._text = text
        self._charset = charset
        self._data = data
        self._tokens: list[_Token] = []
        self.fields: list[Field] = []
        key = ""
        pos = 0
        for m in _STRING.finditer(text):
            self._add_gap(pos, m.start(), key)
            content = Unescaped(m.group()[1:-1], _ESCAPE, _unescape)
            if _COLON.match(text, m.end()):
                key = content.text
            else:
                self._add(_Token(m.start() + 1, content, True), key)
            pos = m.end()
        self._add_gap(pos, len(text), key)

    def _add_gap(self, start: int, end: int, key: str) -> None:
        if not _PUNCTUATION.fullmatch(self._text, start, end):
            self._add(_Token(start, Unescaped(self._text[start:end]), False), key)

    def _add(self, token: _Token, key: str) -> None:
        self._tokens.append(token)
        context = (key,) if key else ()
        self.fields.append(Field(f"$..{key}", token.content.text, context))

    def render(self, replacements: dict[int, str]) -> bytes:
        edits = []
        for i in sorted(replacements):
            token = self._tokens[i]
            escape = _escape if token.quoted else str
            raw_start, raw_end, new = token.content.rewrite(replacements[i], escape)
            edits.append((token.start + raw_start, token.start + raw_end, new))
        return splice(self._data, self._text, self._charset, edits)


def _unescape(raw: str) -> str:
    try:
        value = json.loads(f'"{raw}"')
    except ValueError:
        return raw  # not a valid escape: scanned as written
    return value if isinstance(value, str) else raw


def _escape(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]
