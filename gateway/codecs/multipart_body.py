"""multipart/form-data (RFC 7578): text parts are fields, named by their form name; file
parts (those with a filename, or a non-text type) pass byte for byte, untouched.

The body is rebuilt from the original bytes with only the scanned parts' contents
replaced, so boundaries, part headers and files are exactly as the client sent them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gateway.codecs.fields import Field
from gateway.errors import UnreadableBody

_NAME = re.compile(rb'\bname="([^"]*)"', re.IGNORECASE)
_FILENAME = re.compile(rb"\bfilename\*?=", re.IGNORECASE)
_CONTENT_TYPE = re.compile(rb"^content-type:\s*([^;\r\n]+)", re.IGNORECASE | re.MULTILINE)


@dataclass
class _Part:
    start: int  # offset of the content in the body
    end: int
    field_index: int | None  # index in fields, None for a file part


class MultipartDocument:
    def __init__(self, data: bytes, boundary: str, charset: str = "utf-8") -> None:
        if not boundary:
            raise UnreadableBody("multipart body without a boundary")
        self._data = data
        self._charset = charset
        self._parts: list[_Part] = []
        self.fields: list[Field] = []
        delimiter = b"--" + boundary.encode("latin-1")
        if not data.startswith(delimiter) and (b"\r\n" + delimiter) not in data:
            raise UnreadableBody("multipart body does not contain its boundary")
        pos = data.find(delimiter)
        while True:
            after = pos + len(delimiter)
            if data[after : after + 2] == b"--":
                break  # closing delimiter
            head_start = data.find(b"\r\n", after) + 2
            head_end = data.find(b"\r\n\r\n", head_start)
            next_delim = data.find(b"\r\n" + delimiter, head_end)
            if head_start < 2 or head_end < 0 or next_delim < 0:
                raise UnreadableBody("multipart body is truncated")
            headers = data[head_start:head_end]
            start, end = head_end + 4, next_delim
            self._add_part(headers, start, end)
            pos = next_delim + 2

    def _add_part(self, headers: bytes, start: int, end: int) -> None:
        content_type = _CONTENT_TYPE.search(headers)
        media = content_type.group(1).strip().lower() if content_type else b"text/plain"
        if _FILENAME.search(headers) or not media.startswith(b"text/"):
            self._parts.append(_Part(start, end, None))
            return
        name_match = _NAME.search(headers)
        name = name_match.group(1).decode(self._charset, "replace") if name_match else ""
        try:
            text = self._data[start:end].decode(self._charset)
        except UnicodeDecodeError as e:
            raise UnreadableBody(f"form field is not valid {self._charset}") from e
        self._parts.append(_Part(start, end, len(self.fields)))
        self.fields.append(Field(f"multipart.{name}", text, (name,)))

    def render(self, replacements: dict[int, str]) -> bytes:
        out = []
        pos = 0
        for part in self._parts:
            if part.field_index is None or part.field_index not in replacements:
                continue
            out.append(self._data[pos : part.start])
            out.append(replacements[part.field_index].encode(self._charset))
            pos = part.end
        out.append(self._data[pos:])
        return b"".join(out)
