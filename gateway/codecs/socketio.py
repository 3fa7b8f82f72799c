"""Socket.IO over engine.io: packets decoded so that only their JSON strings (and the
namespace) are scanned, and encoded back character for character.

An engine.io packet is a type character and its data: `0` open (JSON), `1` close, `2`
ping, `3` pong (`2probe`/`3probe` while upgrading), `4` message, `5` upgrade, `6` noop;
in a long-polling body `b` + base64 is a binary packet. A Socket.IO packet rides in a
message: `<type>[<attachments>-][<namespace>,][<ack id>][<JSON>]`, as in
`42/chat,17["message",{"text":"…"}]`. Over WebSocket a text frame is one packet and a
binary frame is an attachment; a long-polling body holds several packets, joined by
\\x1e (engine.io v4) or each written as `<length>:<packet>` (v3, length in UTF-16 units).

Whether a connection is engine.io comes from its URL (`EIO=3` or `EIO=4`). Without it a
WebSocket frame is read as a packet only if it has exactly a packet's shape; anything else
returns None, and the caller scans the frame as it scans any other.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from urllib.parse import parse_qsl

from gateway.codecs.fields import Field
from gateway.codecs.json_spans import JsonSpans
from gateway.errors import UnreadableBody

BINARY = "application/octet-stream"  # the type binary attachments are judged by in the policy
V4_SEPARATOR = "\x1e"

# <type>[<attachments>-][<namespace>(,|end)][<ack id>][<payload>], after the engine.io `4`.
_SOCKET_IO = re.compile(r"([0-6])(?:([0-9]{1,6})-)?(?:(/[^,]*)(?:,|\Z))?([0-9]{1,16})?(.*)", re.S)
_V3_LENGTH = re.compile(r"([0-9]{1,10}):")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each

Piece = str | Field | JsonSpans  # kept as is | scanned as one text | its strings scanned


def eio_version(query: str) -> int:
    """The engine.io protocol version a URL's query names (`EIO=4`): 3, 4, or 0 for none."""
    for name, value in parse_qsl(query):
        if name == "EIO" and value in ("3", "4"):
            return int(value)
    return 0


@dataclass
class _Packet:
    pieces: list[Piece]
    attachments: int = 0  # binary attachments it carries or announces (`451-[…]`)
    malformed: bool = False  # not what its type says: scanned as text


class EngineIoDocument:
    """Packets as fields. `attachments` counts the binary attachments they carry or announce,
    which are never scanned."""

    def __init__(
        self, data: bytes, packets: list[_Packet], charset: str, version: int, polling: bool
    ) -> None:
        self._data = data
        self._packets = packets
        self._charset = charset
        self._v3_payload = polling and version == 3
        self.attachments = sum(p.attachments for p in packets)
        self.fields: list[Field] = []
        self._first: list[int] = []  # per piece, in order: the index of its first field
        for n, packet in enumerate(packets):
            prefix = f"packet[{n}]." if polling else ""
            event = _event_name(packet.pieces)
            for piece in packet.pieces:
                self._first.append(len(self.fields))
                if isinstance(piece, Field):
                    self.fields.append(Field(prefix + piece.path, piece.text, piece.context))
                elif isinstance(piece, JsonSpans):
                    extra = (event,) if event else ()
                    self.fields.extend(
                        Field(prefix + f.path, f.text, (*f.context, *extra)) for f in piece.fields
                    )

    def render(self, replacements: dict[int, str]) -> bytes:
        if not replacements:
            return self._data
        texts = []
        pieces = iter(self._first)
        for packet in self._packets:
            out = []
            for piece in packet.pieces:
                first = next(pieces)
                if isinstance(piece, str):
                    out.append(piece)
                elif isinstance(piece, Field):
                    out.append(replacements.get(first, piece.text))
                else:
                    end = first + len(piece.fields)
                    mine = {i - first: t for i, t in replacements.items() if first <= i < end}
                    out.append(piece.render_text(mine))
            texts.append("".join(out))
        if self._v3_payload:
            text = "".join(f"{_utf16_length(t)}:{t}" for t in texts)
        else:
            text = V4_SEPARATOR.join(texts)
        return text.encode(self._charset)


def open_packets(
    data: bytes, media_type: str, charset: str | None, version: int, websocket: bool
) -> EngineIoDocument | None:
    """The engine.io packets in a WebSocket message or a long-polling body; None when it is
    not engine.io, and the caller reads it as before. `version` is the connection's EIO=
    (0 if its URL did not say)."""
    charset = charset or "utf-8"
    if websocket and media_type == BINARY:
        if not version:
            return None
        # On an engine.io connection a binary frame is an attachment.
        return EngineIoDocument(data, [_Packet([], 1)], charset, version, False)
    if not websocket and (not version or media_type not in ("", "text/plain")):
        return None
    try:
        text = data.decode(charset)
    except (UnicodeDecodeError, LookupError) as e:
        raise UnreadableBody(f"body is not valid {charset} text"[:120]) from e
    if websocket:
        packet = _packet(text, polling=False)
        if packet.malformed and not version:
            return None  # not engine.io after all
        return EngineIoDocument(data, [packet], charset, version, False)
    texts = _split_v3(text) if version == 3 else text.split(V4_SEPARATOR)
    if texts is None:
        return None
    packets = [_packet(t, polling=True) for t in texts]
    return EngineIoDocument(data, packets, charset, version, polling=True)


def _packet(text: str, polling: bool) -> _Packet:
    """One engine.io packet. One that is not what its type says is scanned as text: a
    message's data without its `4` (so that the type does not run into a phone number
    and hide it), anything else whole."""
    kind, data = text[:1], text[1:]
    if text in ("", "1", "2", "3", "2probe", "3probe", "5", "6"):
        return _Packet([text])
    if kind == "b" and polling:
        return _Packet([text], 1)  # base64 of a binary attachment: passed or refused
    if kind == "0" and data.startswith("{"):
        spans = _json(data)
        if spans is not None:
            return _Packet([kind, spans])
    if kind == "4":
        socket_io = _socket_io(data)
        if socket_io is not None:
            return socket_io
    if kind == "4":
        return _Packet([kind, Field("$", data)], malformed=True)
    return _Packet([Field("$", text)], malformed=True)


def _socket_io(data: str) -> _Packet | None:
    """A Socket.IO packet inside an engine.io message, or None if `data` is not one."""
    m = _SOCKET_IO.fullmatch(data)
    if m is None:
        return None
    kind, attachments, namespace, ack, payload = m.groups()
    if (attachments is not None) != (kind in "56"):
        return None
    if (ack is not None and kind not in "2356") or (ack is None and kind in "36"):
        return None
    spans = _json(payload) if payload else None
    if payload and spans is None:
        return None
    value = spans.value if spans is not None else None
    if kind == "0":
        valid = value is None or isinstance(value, dict)  # CONNECT: optional auth, or sid
    elif kind == "1":
        valid = spans is None  # DISCONNECT
    elif kind == "4":
        valid = spans is not None  # CONNECT_ERROR
    elif kind in "25":
        valid = isinstance(value, list) and bool(value) and isinstance(value[0], str)  # event
    else:
        valid = isinstance(value, list)  # ack
    if not valid:
        return None
    end = m.start(5)
    pieces: list[Piece] = []
    if namespace is not None:
        pieces += ["4" + data[: m.start(3)], Field("namespace", namespace, ("namespace",))]
        pieces.append(data[m.end(3) : end])
    else:
        pieces.append("4" + data[:end])
    if spans is not None:
        pieces.append(spans)
    return _Packet(pieces, int(attachments or 0))


def _json(text: str) -> JsonSpans | None:
    try:
        return JsonSpans(text)
    except ValueError:
        return None


def _event_name(packet: list[Piece]) -> str:
    """The event a Socket.IO event packet carries, as context for its arguments."""
    head = packet[0] if packet else ""
    if not (isinstance(head, str) and head[:2] in ("42", "45")):
        return ""
    value = packet[-1].value if isinstance(packet[-1], JsonSpans) else None
    return value[0] if isinstance(value, list) and value and isinstance(value[0], str) else ""


def _utf16_length(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))


def _split_v3(text: str) -> list[str] | None:
    """The packets of an engine.io v3 payload, `<length>:<packet>` each; None if it is not one."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]

    def units(start: int, end: int) -> int:  # the UTF-16 length of text[start:end]
        return end - start + bisect_left(astral, end) - bisect_left(astral, start)

    packets = []
    pos = 0
    while pos < len(text):
        m = _V3_LENGTH.match(text, pos)
        if m is None:
            return None
        length, start = int(m.group(1)), m.end()
        ends = range(start, min(start + length, len(text)) + 1)
        end = ends[0] + bisect_left(ends, length, key=lambda e: units(start, e))
        if end > ends[-1] or units(start, end) != length:
            return None
        packets.append(text[start:end])
        pos = end
    return packets
