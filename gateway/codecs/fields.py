"""The shape every body codec produces: text fields and a way to put new text back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Field:
    """One piece of text in a body. `path` names it (`$.messages[0].text`, `form.phone`);
    `context` holds the names it arrived under, used as Presidio context words."""

    path: str
    text: str
    context: tuple[str, ...] = ()


class Document(Protocol):
    fields: list[Field]

    def render(self, replacements: dict[int, str]) -> bytes:
        """The body with field i's text replaced by replacements[i]."""
        ...
