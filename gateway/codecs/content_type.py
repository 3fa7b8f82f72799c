"""Read a Content-Type header: its media type and parameters."""

from __future__ import annotations


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
