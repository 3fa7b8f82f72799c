"""JSON bodies: every string at any depth is a field, its key (and its parent's) as context.

Numbers long enough to be an identifier (7+ digits, `{"mobile": 13800138000}`) are scanned
too; one that must be masked becomes a string, the only change of type the gateway makes,
because leaving it would leak it.
"""

from __future__ import annotations

import json
from typing import Any

from gateway.codecs.fields import Field

_MIN_NUMBER = 10**6


class JsonDocument:
    def __init__(self, value: Any) -> None:
        self._value = value
        self.fields: list[Field] = []
        self._walk(value, "$", ())

    def _walk(self, value: Any, path: str, context: tuple[str, ...]) -> None:
        if isinstance(value, str):
            self.fields.append(Field(path, value, context))
        elif isinstance(value, bool):
            return
        elif isinstance(value, int) and abs(value) >= _MIN_NUMBER:
            self.fields.append(Field(path, str(value), context))
        elif isinstance(value, dict):
            for key, item in value.items():
                self._walk(item, f"{path}.{key}", (str(key), *context[:1]))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self._walk(item, f"{path}[{i}]", context)

    def rebuilt(self, replacements: dict[int, str]) -> Any:
        counter = iter(range(len(self.fields)))

        def rebuild(value: Any) -> Any:
            if isinstance(value, str) or (
                isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _MIN_NUMBER
            ):
                return replacements.get(next(counter), value)
            if isinstance(value, dict):
                return {key: rebuild(item) for key, item in value.items()}
            if isinstance(value, list):
                return [rebuild(item) for item in value]
            return value

        return rebuild(self._value)

    def render(self, replacements: dict[int, str]) -> bytes:
        return json.dumps(
            self.rebuilt(replacements), ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
