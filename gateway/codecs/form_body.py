"""application/x-www-form-urlencoded bodies and URL query strings: one field per value,
its name as context.

Browsers percent-encode a form in the page's charset, so a GBK page posts `%D5%C5` for 张:
the escapes are decoded in the declared charset, or, when none is declared, as UTF-8 and
failing that as GB18030; the form is written back in the same charset.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from gateway.codecs.fields import Field
from gateway.errors import ScanFailed, UnreadableBody

_GUESSES = ("utf-8", "gb18030")


class FormDocument:
    def __init__(self, text: str, charset: str | None = None, prefix: str = "form") -> None:
        for candidate in (charset,) if charset else _GUESSES:
            try:
                self._pairs = parse_qsl(
                    text, keep_blank_values=True, encoding=candidate, errors="strict"
                )
            except UnicodeDecodeError:
                continue
            self._charset = candidate
            break
        else:
            raise UnreadableBody(f"form field is not valid {charset or 'UTF-8 or GB18030'}")
        self.fields = [
            Field(f"{prefix}.{name}", value, (name,)) for name, value in self._pairs if value
        ]
        self._index = [i for i, (_, value) in enumerate(self._pairs) if value]

    def render_text(self, replacements: dict[int, str]) -> str:
        pairs = list(self._pairs)
        for field_index, text in replacements.items():
            name, _ = pairs[self._index[field_index]]
            pairs[self._index[field_index]] = (name, text)
        try:
            return urlencode(pairs, encoding=self._charset)
        except UnicodeEncodeError:
            raise ScanFailed(f"the masked form cannot be written in {self._charset}") from None

    def render(self, replacements: dict[int, str]) -> bytes:
        return self.render_text(replacements).encode("ascii")
