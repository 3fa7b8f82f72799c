"""Content-Encoding: decode gzip, deflate, br and zstd with a size cap, and encode back.

The cap is applied while decompressing, so a small compressed bomb cannot make the
gateway allocate gigabytes before it notices.
"""

from __future__ import annotations

import io
import zlib

import brotli
import zstandard

from gateway.errors import BodyTooLarge, UnreadableBody

SUPPORTED = ("gzip", "x-gzip", "deflate", "br", "zstd", "identity")
_BROTLI_STEP = 256  # input fed per step, so output is checked against the cap as it grows


def parse(header: str | None) -> list[str]:
    """The codings in the order they were applied; raises UnreadableBody for unknown ones."""
    codings = [c.strip().lower() for c in (header or "").split(",") if c.strip()]
    for coding in codings:
        if coding not in SUPPORTED:
            raise UnreadableBody(f"unsupported Content-Encoding {coding!r}"[:120])
    return [c for c in codings if c != "identity"]


def decode(data: bytes, codings: list[str], limit: int) -> bytes:
    for coding in reversed(codings):
        try:
            data = _decode_one(data, coding, limit)
        except (zlib.error, brotli.error, zstandard.ZstdError, EOFError) as e:
            raise UnreadableBody(f"body is not valid {coding}") from e
    return data


def encode(data: bytes, codings: list[str]) -> bytes:
    for coding in codings:
        if coding in ("gzip", "x-gzip"):
            compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
            data = compressor.compress(data) + compressor.flush()
        elif coding == "deflate":
            data = zlib.compress(data)
        elif coding == "br":
            data = brotli.compress(data, quality=5)
        elif coding == "zstd":
            data = zstandard.ZstdCompressor().compress(data)
    return data


def _too_large(limit: int) -> BodyTooLarge:
    return BodyTooLarge(f"decoded body exceeds the limit of {limit} bytes")


def _decode_one(data: bytes, coding: str, limit: int) -> bytes:
    if coding in ("gzip", "x-gzip", "deflate"):
        # wbits 47 detects a gzip or zlib header; raw deflate (no header) is tried after.
        for wbits in (47,) if coding != "deflate" else (47, -15):
            try:
                decompressor = zlib.decompressobj(wbits)
                out = decompressor.decompress(data, limit + 1)
            except zlib.error:
                if wbits == -15 or coding != "deflate":
                    raise
                continue
            if len(out) > limit or decompressor.unconsumed_tail:
                raise _too_large(limit)
            return out
    if coding == "br":
        decompressor = brotli.Decompressor()
        chunks: list[bytes] = []
        size = 0
        for i in range(0, len(data), _BROTLI_STEP):
            chunk = decompressor.process(data[i : i + _BROTLI_STEP])
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
        if not decompressor.is_finished():
            raise UnreadableBody("body is not valid br")
        return b"".join(chunks)
    if coding == "zstd":
        reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data))
        out = reader.read(limit + 1)
        if len(out) > limit:
            raise _too_large(limit)
        return out
    return data
