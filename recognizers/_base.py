"""What every recognizer module shares: the example record its tests read."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Example:
    """One line of a recognizer's example table.

    `found` lists the substrings of `text` the recognizer must report at or above the
    default threshold (empty for a negative example); `score` bounds their score. `weak`
    lists substrings it must see only below the threshold (a context word would lift them).
    `context` stands for a JSON key or form field name that the value arrived under.
    """

    text: str
    found: tuple[str, ...] = ()
    score: tuple[float, float] = (0.5, 1.0)
    weak: tuple[str, ...] = ()
    context: tuple[str, ...] = field(default_factory=tuple)
    note: str = ""
