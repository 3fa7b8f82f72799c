"""A name found once stands for the same person wherever it comes again in the text.

Counsellors repeat a patient's name back (好的安安妈妈, 已登记：王建军), and a pasted
conversation carries the name in several turns; the rules that found it once may not fire
at the later places, where no cue stands before it.
"""

from __future__ import annotations

from collections.abc import Iterator

# A name shorter than this is a surname given alone (王), which as a character is far too
# common to mask wherever it stands.
MIN_LENGTH = 2


def repeats(
    text: str, found: dict[tuple[int, int], float], floor: float
) -> Iterator[tuple[tuple[int, int], float]]:
    """Other places of each name in `found` scoring at least `floor`, with its score, where
    no span of `found` already stands."""
    names: dict[str, float] = {}
    for (start, end), score in found.items():
        name = text[start:end]
        if score >= floor and len(name) >= MIN_LENGTH and not name.isspace():
            names[name] = max(score, names.get(name, 0.0))
    taken = sorted(found)
    for name, score in names.items():
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not any(s < end and at < e for s, e in taken):
                yield (at, end), score
            at = text.find(name, end)
