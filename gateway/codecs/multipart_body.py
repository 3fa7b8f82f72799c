"""multipart/form-data (RFC 7578): text parts are fields, named by their form name; file
parts (those with a filename, or a non-text type) pass byte for byte, untouched.

The body is rebuilt from the original bytes with only the scanned parts' contents
replaced, so boundaries, part headers and files are exactly as the client sent them.

A text part is read in its own `charset=` if it has one, else the body's, else (browsers
send a GBK page's form in GBK without saying so) UTF-8 or, failing that, GB18030.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gateway.codecs import charsets
from gateway.codecs.charsets import Charset
from gateway.codecs.content_type import parse_content_type
from gateway.codecs.fields import Field
from gateway.errors import UnreadableBody

_NAME = re.compile(rb'\bname="([^"]*)"', re.IGNORECASE)
_FILENAME = re.compile(rb"\bfilename\*?=", re.IGNORECASE)
_CONTENT_TYPE = re.compile(rb"^content-type:\s*([^\r\n]+)", re.IGNORECASE | re.MULTILINE)


@dataclass
class _Part:
    start: int  # offset of the content in the body
    end: int
    field_index: int | None  # index in fields, None for a file part
    charset: Charset | None = None


class MultipartDocument:
    def __init__(self, data: bytes, boundary: str, charset: str | None = None) -> None:
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
        header = _CONTENT_TYPE.search(headers)
        media, own = parse_content_type(header.group(1).decode("latin-1") if header else None)
        if _FILENAME.search(headers) or not (media or "text/plain").startswith("text/"):
            self._parts.append(_Part(start, end, None))
            return
        charset, text = charsets.read_text(self._data[start:end], own or self._charset)
        name_match = _NAME.search(headers)
        name = name_match.group(1).decode(charset.codec, "replace") if name_match else ""
        self._parts.append(_Part(start, end, len(self.fields), charset))
        self.fields.append(Field(f"multipart.{name}", text, (name,)))

    def render(self, replacements: dict[int, str]) -> bytes:
        out = []
        pos = 0
        for part in self._parts:
            if part.field_index is None or part.field_index not in replacements:
                continue
            out.append(self._data[pos : part.start])
            assert part.charset is not None
            out.append(part.charset.encode_body(replacements[part.field_index]))
            pos = part.end
        out.append(self._data[pos:])
        return b"".join(out)
