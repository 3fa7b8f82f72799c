"""Which charset a body is in, and how to turn its bytes into text and back.

The charset comes from, in order: the Content-Type's `charset=`; a byte-order mark; for
HTML, a `<meta>` tag in the first 1024 bytes; otherwise UTF-8, and when the bytes are not
valid UTF-8, GB18030 (a superset of GBK and GB2312, what undeclared Chinese pages are
written in). Bytes that are not valid in the charset make the body unreadable: it is
refused, never forwarded.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from gateway.errors import ScanFailed, UnreadableBody

# Labels browsers use that Python does not know, mapped to one it does.
_ALIASES = {
    "x-gbk": "gbk",
    "csgb2312": "gb2312",
    "windows-936": "gbk",
    "cn-big5": "big5",
    "x-x-big5": "big5",
}
# What a label really carries: pages labelled GB2312 are written in GBK, and Big5 pages
# use the Hong Kong or Microsoft extensions. Tried in order; the first that decodes wins.
_DECODERS = {
    "gb2312": ("gbk", "gb18030"),
    "gbk": ("gbk", "gb18030"),
    "big5": ("big5hkscs", "cp950"),
    "big5hkscs": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
}
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Without a byte-order mark, UTF-16 and UTF-32 are read little-endian, as browsers do.
_UNMARKED = {"utf-16": "utf-16-le", "utf-32": "utf-32-le", "utf-8-sig": "utf-8"}
_FAMILY = {"utf-8": "utf-8", "utf-8-sig": "utf-8"}
_META = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GUESS = "gb18030"


@dataclass(frozen=True, slots=True)
class Charset:
    """`codec` is a stateless Python codec (no byte-order mark of its own); `bom` the mark
    the body began with, kept in place."""

    codec: str
    bom: bytes = b""
    guessed: bool = False

    def encode(self, text: str) -> bytes:
        """`text` in this charset, without the byte-order mark; a masked value that cannot
        be written in it stops the message rather than being forwarded wrong."""
        try:
            return text.encode(self.codec)
        except UnicodeEncodeError:
            raise ScanFailed(f"the masked body cannot be written in {self.codec}") from None

    def encode_body(self, text: str) -> bytes:
        return self.bom + self.encode(text)


UTF8 = Charset("utf-8")


def read_text(data: bytes, declared: str | None, media_type: str = "") -> tuple[Charset, str]:
    """The charset of `data` and its text; raises UnreadableBody if it cannot be read."""
    if declared:
        name = lookup(declared)
        bom_codec, bom = _sniff_bom(data)
        if bom and _family(bom_codec) == _family(name):
            return _decode(data, Charset(bom_codec, bom))
        candidates = _DECODERS.get(name, (_UNMARKED.get(name, name),))
        return _decode_first(data, candidates, declared)
    bom_codec, bom = _sniff_bom(data)
    if bom and not bom_codec.startswith("utf-32"):
        return _decode(data, Charset(bom_codec, bom))
    if media_type in _HTML_TYPES:
        meta = _META.search(data[:1024])
        if meta:
            label = meta.group(1).decode("ascii")
            try:
                name = lookup(label)
            except UnreadableBody:
                name = ""  # an unknown label in the page: read it as if it had none
            if name and not name.startswith(("utf-16", "utf-32")):  # ASCII-readable, so not those
                return _decode_first(data, _DECODERS.get(name, (name,)), label)
    try:
        return UTF8, data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Charset(_GUESS, guessed=True), data.decode(_GUESS)
    except UnicodeDecodeError as e:
        raise UnreadableBody("body is neither UTF-8 nor GB18030 and declares no charset") from e


def lookup(label: str) -> str:
    """Python's name for a charset label; raises UnreadableBody for an unknown one."""
    label = label.strip().lower()
    try:
        info = codecs.lookup(_ALIASES.get(label, label))
    except LookupError:
        raise UnreadableBody("unknown charset in Content-Type") from None
    if not getattr(info, "_is_text_encoding", True):  # base64, rot13, zlib …
        raise UnreadableBody("unknown charset in Content-Type")
    return info.name


def _family(codec: str) -> str:
    return _FAMILY.get(codec, re.sub(r"-[lb]e$", "", codec))


def _sniff_bom(data: bytes) -> tuple[str, bytes]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, bom
    return "", b""


def _decode(data: bytes, charset: Charset) -> tuple[Charset, str]:
    try:
        return charset, data[len(charset.bom) :].decode(charset.codec)
    except UnicodeDecodeError as e:
        raise UnreadableBody(f"body is not valid {charset.codec} text") from e


def _decode_first(data: bytes, candidates: tuple[str, ...], label: str) -> tuple[Charset, str]:
    for codec in candidates:
        try:
            return Charset(codec), data.decode(codec)
        except UnicodeDecodeError:
            continue
        except LookupError:  # a codec that is not bytes to text
            break
    raise UnreadableBody(f"body is not valid {_safe_label(label)} text")


def _safe_label(label: str) -> str:
    # The label is echoed to the client; it comes from the request, so keep it harmless.
    return re.sub(r"[^A-Za-z0-9._:-]", "", label)[:40] or "?"
