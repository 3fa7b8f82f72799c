"""Pick the codec for a body from its Content-Type."""

from __future__ import annotations

import codecs
import json

from gateway.codecs.fields import Document
from gateway.codecs.form_body import FormDocument
from gateway.codecs.json_body import JsonDocument
from gateway.codecs.multipart_body import MultipartDocument
from gateway.codecs.text_body import TextDocument
from gateway.errors import UnreadableBody


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """(media type in lower case, charset or None) from a Content-Type header."""
    if not header:
        return "", None
    charset = content_type_param(header, "charset")
    return header.split(";")[0].strip().lower(), charset.lower() if charset else None


def content_type_param(header: str | None, name: str) -> str | None:
    for param in (header or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == name:
            return value.strip().strip('"') or None
    return None


def open_document(
    data: bytes, media_type: str, charset: str | None, content_type: str | None = None
) -> Document:
    """Decode `data` into fields; raises UnreadableBody when it cannot be read as text."""
    charset = charset or "utf-8"
    if media_type == "multipart/form-data":
        try:
            codecs.lookup(charset)
        except LookupError as e:
            raise UnreadableBody("unknown charset in Content-Type") from e
        return MultipartDocument(data, content_type_param(content_type, "boundary") or "", charset)
    try:
        codecs.lookup(charset)
    except LookupError as e:
        raise UnreadableBody("unknown charset in Content-Type") from e
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as e:
        raise UnreadableBody(f"body is not valid {charset} text") from e
    if _is_json(media_type):
        try:
            return JsonDocument(json.loads(text))
        except ValueError:
            pass  # malformed JSON is still scanned, as text
    elif media_type == "application/x-www-form-urlencoded":
        try:
            return FormDocument(text, charset)
        except UnicodeDecodeError as e:
            raise UnreadableBody(f"form field is not valid {charset}") from e
    return TextDocument(text, charset)


def _is_json(media_type: str) -> bool:
    return media_type in ("application/json", "text/json") or media_type.endswith("+json")
