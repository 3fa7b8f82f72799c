"""Plain text bodies: the whole body is one field."""

from __future__ import annotations

from gateway.codecs.charsets import UTF8, Charset
from gateway.codecs.fields import Field
from gateway.codecs.splice import changed_span, splice


class TextDocument:
    def __init__(
        self, text: str, charset: Charset = UTF8, data: bytes | None = None, name: str = "$"
    ) -> None:
        self.fields = [Field(name, text)]
        self._charset = charset
        self._data = data if data is not None else charset.encode_body(text)

    def render(self, replacements: dict[int, str]) -> bytes:
        text = self.fields[0].text
        if 0 not in replacements:
            return self._data
        new = replacements[0]
        start, end, new_end = changed_span(text, new)
        return splice(self._data, text, self._charset, [(start, end, new[start:new_end])])
