"""application/x-www-form-urlencoded bodies and URL query strings: one field per value,
its name as context."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from gateway.codecs.fields import Field


class FormDocument:
    def __init__(self, text: str, charset: str = "utf-8", prefix: str = "form") -> None:
        self._pairs = parse_qsl(text, keep_blank_values=True, encoding=charset, errors="strict")
        self._charset = charset
        self.fields = [
            Field(f"{prefix}.{name}", value, (name,)) for name, value in self._pairs if value
        ]
        self._index = [i for i, (_, value) in enumerate(self._pairs) if value]

    def render_text(self, replacements: dict[int, str]) -> str:
        pairs = list(self._pairs)
        for field_index, text in replacements.items():
            name, _ = pairs[self._index[field_index]]
            pairs[self._index[field_index]] = (name, text)
        return urlencode(pairs, encoding=self._charset)

    def render(self, replacements: dict[int, str]) -> bytes:
        return self.render_text(replacements).encode("ascii")
