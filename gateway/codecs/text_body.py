"""Plain text bodies: the whole body is one field."""

from __future__ import annotations

from gateway.codecs.fields import Field


class TextDocument:
    def __init__(self, text: str, charset: str, name: str = "$") -> None:
        self.fields = [Field(name, text)]
        self._charset = charset

    def render(self, replacements: dict[int, str]) -> bytes:
        return replacements.get(0, self.fields[0].text).encode(self._charset)
