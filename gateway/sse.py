"""Server-sent events scanned as they stream, event by event, without buffering the whole
response.

Chunks are held back only until the event they belong to is complete (a blank line ends
an event), so an identifier split across two chunks is still seen whole; an event larger
than the hold-back bound is dropped rather than passed unscanned. Each event's data lines
are joined, scanned like a body, and written back as data lines; `event:`, `id:` and
`retry:` lines pass as they are.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

log = logging.getLogger(__name__)

_EVENT_END = re.compile(rb"\r\n\r\n|\n\n|\r\r")
MAX_EVENT_BYTES = 256 * 1024


class SseRewriter:
    """Feed it chunks as they arrive (b"" at the end); it returns what may be sent on.

    `scan` takes an event's data (the data lines joined by newlines) and returns it
    rewritten, or None to drop the event.
    """

    def __init__(self, scan: Callable[[bytes], bytes | None], max_event: int = MAX_EVENT_BYTES):
        self._scan = scan
        self._max = max_event
        self._buffer = b""

    def __call__(self, chunk: bytes) -> bytes:
        if chunk == b"":  # end of stream: what is left is the last event
            rest, self._buffer = self._buffer, b""
            return self._event(rest) if rest.strip() else rest
        self._buffer += chunk
        out = []
        while True:
            end = _EVENT_END.search(self._buffer)
            if end is None:
                break
            event, self._buffer = self._buffer[: end.start()], self._buffer[end.end() :]
            out.append(self._event(event) + end.group())
        if len(self._buffer) > self._max:
            log.warning("an SSE event over %d bytes was dropped unscanned", self._max)
            self._buffer = b""
            out.append(b": phigate dropped an event it could not scan\n\n")
        return b"".join(out)

    def _event(self, event: bytes) -> bytes:
        lines = re.split(rb"\r\n|\n|\r", event)
        data = [line[5:].removeprefix(b" ") for line in lines if line.startswith(b"data:")]
        if not data:
            return event
        scanned = self._scan(b"\n".join(data))
        if scanned is None:
            return b": phigate dropped an event"
        others = [line for line in lines if not line.startswith(b"data:")]
        rebuilt = others + [b"data: " + line for line in scanned.split(b"\n")]
        return b"\n".join(rebuilt)
