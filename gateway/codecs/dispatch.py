"""Pick the codec for a body from its Content-Type."""

from __future__ import annotations

import json

from gateway.codecs import charsets
from gateway.codecs.content_type import content_type_param, parse_content_type
from gateway.codecs.fields import Document
from gateway.codecs.form_body import FormDocument
from gateway.codecs.html_body import HtmlDocument
from gateway.codecs.json_body import JsonDocument
from gateway.codecs.json_tokens import JsonTokensDocument
from gateway.codecs.multipart_body import MultipartDocument
from gateway.codecs.text_body import TextDocument

__all__ = ["content_type_param", "open_document", "parse_content_type"]

_HTML = ("text/html", "application/xhtml+xml")


def open_document(
    data: bytes, media_type: str, charset: str | None, content_type: str | None = None
) -> Document:
    """Decode `data` into fields; raises UnreadableBody when it cannot be read as text."""
    if media_type == "multipart/form-data":
        if charset:
            charsets.lookup(charset)
        return MultipartDocument(data, content_type_param(content_type, "boundary") or "", charset)
    if media_type == "application/x-www-form-urlencoded":
        return _form(data, charset)
    cs, text = charsets.read_text(data, charset, media_type)
    if _is_json(media_type):
        try:
            return JsonDocument(json.loads(text), cs)
        except (ValueError, RecursionError):
            # Malformed, or nested too deep to read as a tree: read token by token.
            return JsonTokensDocument(text, cs, data)
    if media_type in _HTML:
        return HtmlDocument(text, cs, data)
    return TextDocument(text, cs, data)


def _form(data: bytes, charset: str | None) -> FormDocument:
    # A form's bytes are ASCII (escapes) or the page's charset; a UTF-16 page posts UTF-8.
    if charset and charsets.lookup(charset).startswith(("utf-16", "utf-32")):
        charset = "utf-8"
    cs, text = charsets.read_text(data, charset)
    return FormDocument(text, cs.codec if charset or cs.guessed else None)


def _is_json(media_type: str) -> bool:
    return media_type in ("application/json", "text/json") or media_type.endswith("+json")
