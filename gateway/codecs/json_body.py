"""JSON bodies: every string at any depth is a field, its key (and its parent's) as context.

Numbers long enough to be an identifier (7+ digits, `{"mobile": 13800138000}`) are scanned
too; one that must be masked becomes a string, the only change of type the gateway makes,
because leaving it would leak it.

A document nested deeper than MAX_DEPTH raises TooDeep: it is read token by token instead
(json_tokens), since walking it here, or writing it back, would recurse that deep.
"""

from __future__ import annotations

import json
from typing import Any

from gateway.codecs.charsets import UTF8, Charset
from gateway.codecs.fields import Field
from gateway.errors import ScanFailed

_MIN_NUMBER = 10**6
MAX_DEPTH = 200  # far beyond real payloads, far below Python's recursion limit of 1000


class TooDeep(ValueError):
    """The document is nested deeper than MAX_DEPTH."""


class JsonDocument:
    def __init__(self, value: Any, charset: Charset = UTF8) -> None:
        self._value = value
        self._charset = charset
        self.fields: list[Field] = []
        self._walk(value, "$", (), 0)

    def _walk(self, value: Any, path: str, context: tuple[str, ...], depth: int) -> None:
        if depth > MAX_DEPTH:
            raise TooDeep(f"JSON nested deeper than {MAX_DEPTH}")
        if isinstance(value, str):
            self.fields.append(Field(path, value, context))
        elif isinstance(value, bool):
            return
        elif isinstance(value, int) and abs(value) >= _MIN_NUMBER:
            self.fields.append(Field(path, str(value), context))
        elif isinstance(value, dict):
            for key, item in value.items():
                self._walk(item, f"{path}.{key}", (str(key), *context[:1]), depth + 1)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self._walk(item, f"{path}[{i}]", context, depth + 1)

    def rebuilt(self, replacements: dict[int, str]) -> Any:
        counter = iter(range(len(self.fields)))

        def rebuild(value: Any) -> Any:
            if isinstance(value, str) or (
                isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _MIN_NUMBER
            ):
                return replacements.get(next(counter), value)
            if isinstance(value, dict):
                return {key: rebuild(item) for key, item in value.items()}
            if isinstance(value, list):
                return [rebuild(item) for item in value]
            return value

        return rebuild(self._value)

    def render(self, replacements: dict[int, str]) -> bytes:
        value = self.rebuilt(replacements)
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        try:
            return self._charset.encode_body(text)
        except ScanFailed:
            # A character the charset lacks (GBK has no emoji) was a \u escape: make it one again.
            return self._charset.encode_body(json.dumps(value, separators=(",", ":")))
