"""Put edited text back into a body's bytes, touching only the characters that changed, so
a body comes out byte for byte as it came in except where something was masked."""

from __future__ import annotations

from gateway.codecs.charsets import Charset

_BLOCK = 4096
# Codecs that switch state with escape sequences: a piece encoded alone is not the bytes it
# was in the body, so these bodies are re-encoded whole.
_STATEFUL = ("utf-7", "hz", "iso2022")


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, old_end, new_end): `old[start:old_end]` became `new[start:new_end]`, and what
    comes before and after is the same in both."""
    limit = min(len(old), len(new))
    start = _common_prefix(old, new, limit)
    suffix = _common_prefix(old[::-1], new[::-1], limit - start)
    return start, len(old) - suffix, len(new) - suffix


def _common_prefix(a: str, b: str, limit: int) -> int:
    i = 0
    while i + _BLOCK <= limit and a[i : i + _BLOCK] == b[i : i + _BLOCK]:
        i += _BLOCK  # compare in blocks at C speed; a 5 MB field is common
    while i < limit and a[i] == b[i]:
        i += 1
    return i


def splice(data: bytes, text: str, charset: Charset, edits: list[tuple[int, int, str]]) -> bytes:
    """`data`, which decodes to `text`, with `text[start:end]` replaced by each new string.
    `edits` are sorted and do not overlap."""
    if charset.codec.startswith(_STATEFUL):
        return charset.encode_body(_apply(text, edits))
    out = [data[: len(charset.bom)]]
    pos, cpos = len(charset.bom), 0
    for start, end, new in edits:
        begin = pos + len(charset.encode(text[cpos:start]))
        finish = begin + len(charset.encode(text[start:end]))
        out += [data[pos:begin], charset.encode(new)]
        pos, cpos = finish, end
    if pos + len(charset.encode(text[cpos:])) != len(data):
        return charset.encode_body(_apply(text, edits))  # the pieces do not add up: be safe
    out.append(data[pos:])
    return b"".join(out)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    parts, pos = [], 0
    for start, end, new in edits:
        parts += [text[pos:start], new]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
