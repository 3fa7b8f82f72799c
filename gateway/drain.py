"""Requests in flight, so that a stopping gateway can let them finish before it exits.

The proxy calls `begin` when a request's headers arrive and `end` once its response has
been handled or the exchange failed; `wait` returns when none is left or the grace period
is over.
"""

from __future__ import annotations

import asyncio


class Drain:
    def __init__(self) -> None:
        self._open: set[str] = set()
        self._idle = asyncio.Event()
        self._idle.set()
        self.draining = False  # set once shutdown has begun: not ready for new traffic

    @property
    def in_flight(self) -> int:
        return len(self._open)

    def begin(self, key: str) -> None:
        self._open.add(key)
        self._idle.clear()

    def end(self, key: str) -> None:
        self._open.discard(key)
        if not self._open:
            self._idle.set()

    async def wait(self, timeout: float) -> bool:
        """True once nothing is in flight; False if `timeout` seconds pass first."""
        try:
            await asyncio.wait_for(self._idle.wait(), max(timeout, 0.0))
        except TimeoutError:
            return False
        return True
